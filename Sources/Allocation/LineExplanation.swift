/// What held an allocated line back from a cheaper warehouse.
public enum BindingConstraint: String, Sendable, Equatable, CaseIterable {
    /// The line went to the cheapest lane that holds the SKU.
    case none
    /// Every unit of the SKU at the cheaper warehouse is shipped.
    case stock
    /// The cheaper warehouse has used its whole daily capacity.
    case capacity
}

/// Why one allocated or unfilled line ended as it did (`planner explain ORDER_ID`).
///
/// Costs are money per unit. The lane cost is the lane's effective cost (cost_per_unit plus the next-day
/// miss penalty when transit_days > 1). The marginal cost is what shipping one unit of the line from the
/// runner-up instead would add to the plan's objective, all other lines re-optimised to first order: the
/// cost of the cheapest cycle runner-up -> bucket -> chosen warehouse -> ... -> runner-up in the residual
/// network with capacity prices (node potentials, Ahuja, Magnanti and Orlin, "Network Flows", 1993, ch. 9).
public struct LineExplanation: Sendable, Equatable {
    public enum Outcome: String, Sendable, Equatable {
        case allocated
        case unfilled
    }

    /// Index into `dataSet.orders`.
    public var orderIndex: Int
    public var outcome: Outcome
    /// The chosen warehouse; nil for an unfilled line.
    public var warehouseIndex: Int?
    /// Days after the allocation date the units leave the chosen warehouse (0 in a one-day run); nil for an
    /// unfilled line.
    public var shipDayOffset: Int?
    public var quantity: Int
    public var laneCostPerUnit: Double?
    /// The warehouse holding the SKU with a lane to the region that is cheapest to switch to; nil if none.
    public var runnerUpWarehouseIndex: Int?
    /// The ship day of the runner-up (another day of the same warehouse can be the runner-up over several
    /// days); nil without a runner-up.
    public var runnerUpShipDayOffset: Int?
    public var runnerUpLaneCostPerUnit: Double?
    /// >= 0 at an optimum; nil without a runner-up.
    public var marginalCostPerUnit: Double?
    /// nil for an unfilled line.
    public var binding: BindingConstraint?
    /// The cheaper warehouse whose stock or capacity binds; nil when `binding` is none.
    public var bindingWarehouseIndex: Int?
    /// nil for an allocated line.
    public var unfilledReason: UnfilledReason?

    public init(
        orderIndex: Int,
        outcome: Outcome,
        warehouseIndex: Int?,
        quantity: Int,
        laneCostPerUnit: Double?,
        runnerUpWarehouseIndex: Int?,
        runnerUpLaneCostPerUnit: Double?,
        marginalCostPerUnit: Double?,
        binding: BindingConstraint?,
        bindingWarehouseIndex: Int?,
        unfilledReason: UnfilledReason?,
        shipDayOffset: Int? = nil,
        runnerUpShipDayOffset: Int? = nil
    ) {
        self.orderIndex = orderIndex
        self.shipDayOffset = shipDayOffset
        self.runnerUpShipDayOffset = runnerUpShipDayOffset
        self.outcome = outcome
        self.warehouseIndex = warehouseIndex
        self.quantity = quantity
        self.laneCostPerUnit = laneCostPerUnit
        self.runnerUpWarehouseIndex = runnerUpWarehouseIndex
        self.runnerUpLaneCostPerUnit = runnerUpLaneCostPerUnit
        self.marginalCostPerUnit = marginalCostPerUnit
        self.binding = binding
        self.bindingWarehouseIndex = bindingWarehouseIndex
        self.unfilledReason = unfilledReason
    }
}
