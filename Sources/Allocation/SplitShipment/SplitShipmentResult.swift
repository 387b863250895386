import PlannerCore

/// Whether the split-shipment plan is proven optimal.
/// The split-shipment search's status: optimal, or feasible when the time limit (or nothing better)
/// stopped it, `relativeGap` bounding how far from optimal.
public typealias SplitShipmentStatus = AllocationSolveStatus

/// Where the returned lines come from.
public enum SplitShipmentPlanSource: String, Sendable, Equatable {
    /// The LP allocation (`Allocator`) charged its extra shipments: returned when it already meets
    /// the LP bound (no split order, or a zero fixed cost) or nothing cheaper was found.
    case linearProgram = "linear_program"
    /// The LP allocation with split orders consolidated by `ShipmentConsolidation`, which GLPK's search
    /// started from and did not beat (or which already met the bound).
    case consolidation
    /// GLPK's integer incumbent, cheaper than the plan the search started from.
    case integerProgram = "integer_program"
}

/// The split-shipment allocation: AllocationResult-compatible lines plus the MIP's figures.
public struct SplitShipmentResult: Sendable {
    /// Lines sorted as in every `AllocationResult`. `objective` here includes the fixed shipment costs;
    /// `solverStatus` is the status below; `variableCount` and `constraintCount` are the MIP's (the LP's
    /// when no search ran); `solveSeconds` covers the LP and the search.
    public var allocation: AllocationResult
    public var status: SplitShipmentStatus
    public var source: SplitShipmentPlanSource
    /// Lane costs, next-day miss penalties, unfilled penalties, plus fixed cost x extra shipments.
    public var objective: Double
    /// No plan costs less: the tightest of the LP optimum (a fixed cost >= 0 only adds) and GLPK's best
    /// bound; never above `objective`.
    public var bestBound: Double
    /// |objective - bestBound| / (|objective| + DBL_EPSILON), GLPK's definition; 0 when optimal.
    public var relativeGap: Double
    /// The LP optimum without fixed shipment costs.
    public var linearProgramObjective: Double
    /// fixed_cost_per_extra_shipment x extra shipments, included in `objective`.
    public var fixedShipmentCost: Double
    public var counts: ShipmentCounts
    /// GLPK's return code when the search stopped early (`GLP_ETMLIM`, `GLP_EMIPGAP`); nil otherwise.
    public var solverReturnCode: String?

    /// Orders with units from two or more warehouses.
    public var splitOrderCount: Int { counts.splitOrders }
    /// Distinct (order id, warehouse) pairs with units.
    public var shipmentCount: Int { counts.shipments }

    public init(
        allocation: AllocationResult,
        status: SplitShipmentStatus,
        source: SplitShipmentPlanSource,
        objective: Double,
        bestBound: Double,
        relativeGap: Double,
        linearProgramObjective: Double,
        fixedShipmentCost: Double,
        counts: ShipmentCounts,
        solverReturnCode: String?
    ) {
        self.allocation = allocation
        self.status = status
        self.source = source
        self.objective = objective
        self.bestBound = bestBound
        self.relativeGap = relativeGap
        self.linearProgramObjective = linearProgramObjective
        self.fixedShipmentCost = fixedShipmentCost
        self.counts = counts
        self.solverReturnCode = solverReturnCode
    }
}
