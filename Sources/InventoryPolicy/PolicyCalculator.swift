import PlannerCore

/// What `planner policy` computes for one ``PolicyQuery``. Unrounded; nil where a value does not apply.
public struct PolicyAnswer: Sendable, Equatable {
    public typealias Method = PolicyMethod

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

/// The calculator behind `planner policy`: ``PolicyRule`` with i.i.d. daily demand, so sigma(n) =
/// sqrt(n sd_d^2 + d^2 sd_L^2) and sigma_LT = sqrt(L sd_d^2 + d^2 sd_L^2) (formulas and sources in
/// ``InventoryFormulas``). Q = order_quantity, else the EOQ sqrt(2 K D / h) with D = annual_demand, else 365 d;
/// the EOQ is reported when order_cost, unit_cost and holding_cost_rate are all given.
public struct PolicyCalculator: Sendable {
    public var slowMoverUnits: Double
    public var floorsSafetyStock: Bool

    public init(slowMoverUnits: Double = 10, floorsSafetyStock: Bool = false) {
        self.slowMoverUnits = slowMoverUnits
        self.floorsSafetyStock = floorsSafetyStock
    }

    public func answer(_ query: PolicyQuery) -> PolicyAnswer {
        let d = query.meanDailyDemand
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
        let sdDaily = query.sdDailyDemand
        let inputs = PolicyRule.Inputs(
            serviceType: query.serviceType,
            serviceLevel: query.serviceLevel,
            meanDailyDemand: d,
            leadTimeDays: query.leadTimeDays,
            leadTimeSdDays: query.leadTimeSdDays,
            reviewPeriodDays: query.reviewPeriodDays,
            orderQuantity: query.orderQuantity ?? eoq
        ) { days in (days * sdDaily * sdDaily).squareRoot() }
        var answer = PolicyRule.answer(inputs, slowMoverUnits: slowMoverUnits, floorsSafetyStock: floorsSafetyStock)
        answer.economicOrderQuantity = eoq
        return answer
    }
}
