import PlannerCore

/// What `planner policy` computes for one ``PolicyQuery``. Unrounded; nil where a value does not apply.
public struct PolicyAnswer: Sendable, Equatable {
    public enum Method: String, Sendable {
        case normalCycle = "normal_cycle"
        case normalFillRate = "normal_fill_rate"
        case poissonCycle = "poisson_cycle"
        case periodicReview = "periodic_review"
    }

    /// z (cycle service level) or k (fill rate); nil for the Poisson method.
    public var safetyFactor: Double?
    public var sigmaLeadTime: Double
    public var safetyStock: Double
    public var reorderPoint: Double
    /// sqrt(2 K D / h), when order_cost, unit_cost and holding_cost_rate are given.
    public var economicOrderQuantity: Double?
    /// S of a periodic review, or reorder point + order quantity of a continuous review when Q is known.
    public var orderUpTo: Double?
    public var method: Method
}

/// The calculator behind `planner policy` (formulas in ``InventoryFormulas``, sources there):
/// - sigma_LT = sqrt(L sd_d^2 + d^2 sd_L^2); D = annual_demand, else 365 d.
/// - `review_period_days` given: periodic review (R, S): z from the cycle service level,
///   S = d (R + L) + z sqrt((R + L) sd_d^2 + d^2 sd_L^2); SS = S - d (R + L); ROP = S.
/// - cycle, mean lead-time demand d L below `slowMoverUnits` (and above 0): Poisson, ROP = smallest r with
///   P(D_L <= r) >= alpha, SS = ROP - d L.
/// - cycle otherwise: z = inverse normal(alpha), SS = z sigma_LT, ROP = d L + SS.
/// - fill rate: Q = order_quantity, else the EOQ; k from G(k) = (1 - beta) Q / sigma_LT, SS = k sigma_LT
///   (0 when sigma_LT is 0), floored at 0 when `floorsSafetyStock`; ROP = d L + SS.
public struct PolicyCalculator: Sendable {
    public var slowMoverUnits: Double
    public var floorsSafetyStock: Bool

    public init(slowMoverUnits: Double = 10, floorsSafetyStock: Bool = false) {
        self.slowMoverUnits = slowMoverUnits
        self.floorsSafetyStock = floorsSafetyStock
    }

    public func answer(_ query: PolicyQuery) -> PolicyAnswer {
        let d = query.meanDailyDemand
        let leadTime = query.leadTimeDays
        let sigma = InventoryFormulas.sigmaLeadTime(
            meanDailyDemand: d,
            sdDailyDemand: query.sdDailyDemand,
            leadTimeDays: leadTime,
            leadTimeSdDays: query.leadTimeSdDays
        )
        var eoq: Double? = nil
        if let orderCost = query.orderCost, let unitCost = query.unitCost, let rate = query.holdingCostRate {
            eoq = InventoryFormulas.economicOrderQuantity(
                orderCost: orderCost,
                annualDemand: query.annualDemand ?? InventoryFormulas.annualDemand(meanDailyDemand: d),
                holdingCostPerUnitYear: InventoryFormulas.holdingCostPerUnitYear(
                    holdingCostRate: rate,
                    unitCost: unitCost
                )
            )
        }
        let orderQuantity = query.orderQuantity ?? eoq
        let leadTimeDemand = d * leadTime

        func floored(_ safetyStock: Double) -> Double { floorsSafetyStock ? max(0, safetyStock) : safetyStock }

        if let review = query.reviewPeriodDays {
            let z = StandardNormal.inverseCDF(query.serviceLevel)
            let level = InventoryFormulas.orderUpToLevel(
                meanDailyDemand: d,
                sdDailyDemand: query.sdDailyDemand,
                reviewPeriodDays: review,
                leadTimeDays: leadTime,
                leadTimeSdDays: query.leadTimeSdDays,
                safetyFactor: z
            )
            let safetyStock = floored(level - d * (review + leadTime))
            let orderUpTo = d * (review + leadTime) + safetyStock
            return PolicyAnswer(
                safetyFactor: z,
                sigmaLeadTime: sigma,
                safetyStock: safetyStock,
                reorderPoint: orderUpTo,
                economicOrderQuantity: eoq,
                orderUpTo: orderUpTo,
                method: .periodicReview
            )
        }
        switch query.serviceType {
        case .cycle where leadTimeDemand > 0 && leadTimeDemand < slowMoverUnits:
            let reorderPoint = Double(
                InventoryFormulas.poissonReorderPoint(
                    meanLeadTimeDemand: leadTimeDemand,
                    serviceLevel: query.serviceLevel
                )
            )
            return PolicyAnswer(
                safetyFactor: nil,
                sigmaLeadTime: sigma,
                safetyStock: reorderPoint - leadTimeDemand,
                reorderPoint: reorderPoint,
                economicOrderQuantity: eoq,
                orderUpTo: orderQuantity.map { reorderPoint + $0 },
                method: .poissonCycle
            )
        case .cycle:
            let z = StandardNormal.inverseCDF(query.serviceLevel)
            let safetyStock = floored(InventoryFormulas.safetyStock(safetyFactor: z, sigmaLeadTime: sigma))
            return PolicyAnswer(
                safetyFactor: z,
                sigmaLeadTime: sigma,
                safetyStock: safetyStock,
                reorderPoint: leadTimeDemand + safetyStock,
                economicOrderQuantity: eoq,
                orderUpTo: orderQuantity.map { leadTimeDemand + safetyStock + $0 },
                method: .normalCycle
            )
        case .fillRate:
            var k = 0.0
            if sigma > 0, let quantity = orderQuantity, quantity > 0 {
                k = InventoryFormulas.fillRateSafetyFactor(
                    fillRate: query.serviceLevel,
                    orderQuantity: quantity,
                    sigmaLeadTime: sigma
                )
            }
            let safetyStock = floored(k * sigma)
            return PolicyAnswer(
                safetyFactor: k,
                sigmaLeadTime: sigma,
                safetyStock: safetyStock,
                reorderPoint: leadTimeDemand + safetyStock,
                economicOrderQuantity: eoq,
                orderUpTo: orderQuantity.map { leadTimeDemand + safetyStock + $0 },
                method: .normalFillRate
            )
        }
    }
}
