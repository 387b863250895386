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
    public enum Outcome: String, Sendable, Equatable, CaseIterable {
        /// Shipped from a warehouse.
        case allocated
        /// Shipped by a drop-ship supplier straight to the customer.
        case dropShip = "drop_ship"
        case unfilled
    }

    /// Index into `dataSet.orders`.
    public var orderIndex: Int
    public var outcome: Outcome
    /// The chosen warehouse; nil for a drop-shipped or unfilled line.
    public var warehouseIndex: Int?
    /// The drop-ship offer (index into `dataSet.suppliers`) of a drop-shipped line; nil otherwise.
    public var supplierOfferIndex: Int?
    /// Days after the allocation date the units leave the chosen warehouse (0 in a one-day run); nil for an
    /// unfilled line.
    public var shipDayOffset: Int?
    public var quantity: Int
    /// The chosen lane's (or drop-ship supplier's) cost with the next-day miss penalty; nil for an unfilled line.
    public var laneCostPerUnit: Double?
    /// The warehouse holding the SKU with a lane to the region that is cheapest to switch to; nil if none, or
    /// when the runner-up is a drop-ship supplier.
    public var runnerUpWarehouseIndex: Int?
    /// The drop-ship offer that is cheapest to switch to, when it beats every warehouse; nil otherwise.
    public var runnerUpSupplierOfferIndex: Int?
    /// The ship day of the runner-up (another day of the same warehouse can be the runner-up over several
    /// days); nil without a runner-up.
    public var runnerUpShipDayOffset: Int?
    public var runnerUpLaneCostPerUnit: Double?
    /// >= 0 at an optimum; nil without a runner-up.
    public var marginalCostPerUnit: Double?
    /// nil for an unfilled line.
    public var binding: BindingConstraint?
    /// The cheaper warehouse whose stock or capacity binds; nil when `binding` is none. Drop-ship suppliers are not
    /// considered here: their capacity is their own, not a warehouse's.
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
        runnerUpShipDayOffset: Int? = nil,
        supplierOfferIndex: Int? = nil,
        runnerUpSupplierOfferIndex: Int? = nil
    ) {
        self.orderIndex = orderIndex
        self.supplierOfferIndex = supplierOfferIndex
        self.runnerUpSupplierOfferIndex = runnerUpSupplierOfferIndex
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
