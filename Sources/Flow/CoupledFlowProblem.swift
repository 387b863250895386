/// One arc of a flow component: flow from `tail` to `head`, in whole units.
public struct FlowArc: Sendable, Equatable {
    /// Node index the flow leaves, in `0..<FlowComponent.supply.count`.
    public var tail: Int
    /// Node index the flow enters.
    public var head: Int
    /// Money per unit of flow; finite.
    public var costPerUnit: Double
    /// Upper bound on the flow in units; nil means uncapacitated.
    public var capacityUnits: Int?
    /// The coupling row this arc's flow counts against with coefficient 1, or nil.
    public var couplingRow: Int?

    public init(tail: Int, head: Int, costPerUnit: Double, capacityUnits: Int? = nil, couplingRow: Int? = nil) {
        self.tail = tail
        self.head = head
        self.costPerUnit = costPerUnit
        self.capacityUnits = capacityUnits
        self.couplingRow = couplingRow
    }
}

/// One block of a coupled min-cost flow problem (for example the network of one commodity).
///
/// Contract: supplies sum to zero, and the component has a feasible flow that uses no coupled arc
/// (for example when every demand can also be met from a slack node over uncoupled arcs).
public struct FlowComponent: Sendable, Equatable {
    /// Net supply per node in units: positive is a supply, negative a demand.
    public var supply: [Int]
    public var arcs: [FlowArc]

    public init(supply: [Int], arcs: [FlowArc]) {
        self.supply = supply
        self.arcs = arcs
    }
}

/// Min-cost flow components that interact only through shared capacity rows:
/// minimise sum_c sum_a cost[a] * x[c][a]
/// subject to flow conservation in each component, 0 <= x <= capacity, and for every coupling row k:
/// sum over all components of the flow on arcs tagged k <= couplingCapacityUnits[k].
public struct CoupledFlowProblem: Sendable, Equatable {
    public var components: [FlowComponent]
    /// Right-hand side of each coupling row, in units; non-negative.
    public var couplingCapacityUnits: [Int]

    public init(components: [FlowComponent], couplingCapacityUnits: [Int]) {
        self.components = components
        self.couplingCapacityUnits = couplingCapacityUnits
    }
}

/// An optimal, integral solution of a `CoupledFlowProblem`.
public struct CoupledFlowSolution: Sendable, Equatable {
    /// `flowUnits[component][arc]`: whole units on each arc.
    public var flowUnits: [[Int]]
    /// sum of cost * flow, summed component by component in index order.
    public var objective: Double
    /// An optimal dual price (money per unit, >= 0) of each coupling row; 0 for a row that is not tight.
    public var couplingPrices: [Double]
    /// How the solution was reached: solver iterations and timings, for logs and the benchmark.
    public var statistics: CoupledFlowStatistics

    public init(
        flowUnits: [[Int]],
        objective: Double,
        couplingPrices: [Double],
        statistics: CoupledFlowStatistics
    ) {
        self.flowUnits = flowUnits
        self.objective = objective
        self.couplingPrices = couplingPrices
        self.statistics = statistics
    }
}

/// Counters and wall-clock seconds of one coupled solve.
public struct CoupledFlowStatistics: Sendable, Equatable {
    /// Pricing rounds of the decomposition (0 when solved as one LP).
    public var iterations: Int = 0
    /// Master LP solves with GLPK.
    public var masterSolves: Int = 0
    /// Components whose final flow came from the recovery LP (a fractional mix in the master).
    public var recoveredComponents: Int = 0
    public var masterSeconds: Double = 0
    public var subproblemSeconds: Double = 0
    public var recoverySeconds: Double = 0
    /// Pricing calls answered by a component's last flow (still optimal at the new prices) and calls that
    /// solved the component from scratch.
    public var componentsReused: Int = 0
    public var componentsSolved: Int = 0

    public init() {}
}
