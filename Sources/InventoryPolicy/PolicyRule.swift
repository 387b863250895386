import PlannerCore

/// The choice of method and its formulas, shared by `planner policy` (``PolicyCalculator``) and the plan
/// (``PolicyPlanner``). Sources in ``InventoryFormulas``.
///
/// With sigma(n) = sqrt(sigma_e(n)^2 + d^2 sd_L^2) the spread of demand over n days (sigma_e(n) = sqrt(n) sd_d
/// for i.i.d. daily demand) and sigma_LT = sigma(L):
/// - a review period R: periodic review (R, S), z from the cycle service level, S = d (R + L) + z sigma(R + L),
///   SS = S - d (R + L), reorder point = order-up-to = S;
/// - cycle service level and 0 < d L < `slowMoverUnits`: Poisson, ROP = smallest r with P(D_L <= r) >= alpha,
///   SS = ROP - d L;
/// - cycle service level: z = inverse normal(alpha), SS = z sigma_LT, ROP = d L + SS;
/// - fill rate: k with G(k) = (1 - beta) Q / sigma_LT (0 when sigma_LT or Q is 0), SS = k sigma_LT, ROP = d L + SS.
/// A normal or periodic SS is floored at 0 when `floorsSafetyStock`. Order-up-to of a continuous review is
/// ROP + Q when Q is known.
public enum PolicyRule {
    public struct Inputs {
        public var serviceType: ServiceType
        /// In (0, 1).
        public var serviceLevel: Double
        public var meanDailyDemand: Double
        public var leadTimeDays: Double
        public var leadTimeSdDays: Double
        public var reviewPeriodDays: Double?
        /// The lot Q: the fill-rate formula's Q and the step from ROP to order-up-to; nil when unknown.
        public var orderQuantity: Double?
        /// Standard deviation of the demand (or forecast error) total over a number of days, sd_L aside.
        public var demandSD: (_ days: Double) -> Double

        public init(
            serviceType: ServiceType,
            serviceLevel: Double,
            meanDailyDemand: Double,
            leadTimeDays: Double,
            leadTimeSdDays: Double,
            reviewPeriodDays: Double?,
            orderQuantity: Double?,
            demandSD: @escaping (_ days: Double) -> Double
        ) {
            self.serviceType = serviceType
            self.serviceLevel = serviceLevel
            self.meanDailyDemand = meanDailyDemand
            self.leadTimeDays = leadTimeDays
            self.leadTimeSdDays = leadTimeSdDays
            self.reviewPeriodDays = reviewPeriodDays
            self.orderQuantity = orderQuantity
            self.demandSD = demandSD
        }

        /// sigma(n) = sqrt(demandSD(n)^2 + d^2 sd_L^2).
        func sigma(overDays days: Double) -> Double {
            let spread = demandSD(days)
            let d = meanDailyDemand
            return (spread * spread + d * d * leadTimeSdDays * leadTimeSdDays).squareRoot()
        }
    }

    /// Safety factor, sigma_LT, SS, ROP, order-up-to and method; `economicOrderQuantity` is left nil.
    public static func answer(_ inputs: Inputs, slowMoverUnits: Double, floorsSafetyStock: Bool) -> PolicyAnswer {
        let d = inputs.meanDailyDemand
        let leadTime = inputs.leadTimeDays
        let sigma = inputs.sigma(overDays: leadTime)
        let leadTimeDemand = d * leadTime
        func floored(_ safetyStock: Double) -> Double { floorsSafetyStock ? max(0, safetyStock) : safetyStock }
        func answer(
            _ factor: Double?,
            _ safetyStock: Double,
            _ reorderPoint: Double,
            _ method: PolicyMethod
        )
            -> PolicyAnswer
        {
            PolicyAnswer(
                safetyFactor: factor,
                sigmaLeadTime: sigma,
                safetyStock: safetyStock,
                reorderPoint: reorderPoint,
                economicOrderQuantity: nil,
                orderUpTo: method == .periodicReview ? reorderPoint : inputs.orderQuantity.map { reorderPoint + $0 },
                method: method
            )
        }

        if let review = inputs.reviewPeriodDays {
            let z = StandardNormal.inverseCDF(inputs.serviceLevel)
            let protection = review + leadTime
            let safetyStock = floored(z * inputs.sigma(overDays: protection))
            return answer(z, safetyStock, d * protection + safetyStock, .periodicReview)
        }
        switch inputs.serviceType {
        case .cycle where leadTimeDemand > 0 && leadTimeDemand < slowMoverUnits:
            let reorderPoint = Double(
                InventoryFormulas.poissonReorderPoint(
                    meanLeadTimeDemand: leadTimeDemand,
                    serviceLevel: inputs.serviceLevel
                )
            )
            return answer(nil, reorderPoint - leadTimeDemand, reorderPoint, .poissonCycle)
        case .cycle:
            let z = StandardNormal.inverseCDF(inputs.serviceLevel)
            let safetyStock = floored(z * sigma)
            return answer(z, safetyStock, leadTimeDemand + safetyStock, .normalCycle)
        case .fillRate:
            var k = 0.0
            if sigma > 0, let quantity = inputs.orderQuantity, quantity > 0 {
                k = InventoryFormulas.fillRateSafetyFactor(
                    fillRate: inputs.serviceLevel,
                    orderQuantity: quantity,
                    sigmaLeadTime: sigma
                )
            }
            let safetyStock = floored(k * sigma)
            return answer(k, safetyStock, leadTimeDemand + safetyStock, .normalFillRate)
        }
    }
}
