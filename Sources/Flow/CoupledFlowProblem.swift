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
/// Contract: supplies sum to zero, and the component has a feasible flow that uses no arc of a hard coupling
/// row (for example when every demand can also be met from a slack node over uncoupled arcs).
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
/// minimise sum_c sum_a cost[a] * x[c][a] + sum_k penalty[k] * e[k]
/// subject to flow conservation in each component, 0 <= x <= capacity, and for every coupling row k:
/// sum over all components of the flow on arcs tagged k <= couplingCapacityUnits[k] + e[k], where e[k] = 0 on a
/// hard row and e[k] >= 0 on an elastic row (one with a penalty: the textbook elastic or "soft" constraint, e.g.
/// Bisschop, "AIMMS Optimization Modeling", ch. 6). At an optimum e[k] = max(0, use of k - capacity of k).
public struct CoupledFlowProblem: Sendable, Equatable {
    public var components: [FlowComponent]
    /// Right-hand side of each coupling row, in units; non-negative.
    public var couplingCapacityUnits: [Int]
    /// Money per unit by which each row may be exceeded; nil on a hard row. Empty: every row is hard.
    public var overflowPenaltyPerUnit: [Double?]

    public init(components: [FlowComponent], couplingCapacityUnits: [Int], overflowPenaltyPerUnit: [Double?] = []) {
        self.components = components
        self.couplingCapacityUnits = couplingCapacityUnits
        self.overflowPenaltyPerUnit = overflowPenaltyPerUnit
    }

    /// The penalty per unit over the capacity of `row`; nil when the row is hard.
    public func overflowPenalty(ofRow row: Int) -> Double? {
        row < overflowPenaltyPerUnit.count ? overflowPenaltyPerUnit[row] : nil
    }

    /// Whether some row is elastic.
    public var hasElasticRows: Bool { overflowPenaltyPerUnit.contains { $0 != nil } }

    /// Per row: true when it is elastic (its arcs stay open when a component is solved without coupled arcs).
    var elasticRows: [Bool] { couplingCapacityUnits.indices.map { overflowPenalty(ofRow: $0) != nil } }

    /// Units of `flows` (`flows[component][arc]`) on the arcs of each coupling row.
    public func usedUnits(of flows: [[Int]]) -> [Int] {
        var used = [Int](repeating: 0, count: couplingCapacityUnits.count)
        for (component, componentFlows) in zip(components, flows) {
            for (arc, units) in zip(component.arcs, componentFlows) where units != 0 {
                if let row = arc.couplingRow { used[row] += units }
            }
        }
        return used
    }

    /// Units over the capacity of each row for the given use of the rows (0 where within).
    public func overflowUnits(usedUnits: [Int]) -> [Int] {
        zip(usedUnits, couplingCapacityUnits).map { max(0, $0 - $1) }
    }
}

/// An integral solution of a `CoupledFlowProblem`: optimal, unless `lowerBound` is below `objective` (a problem
/// with elastic rows, whose LP need not have an integral optimum, solved within a time limit).
public struct CoupledFlowSolution: Sendable, Equatable {
    /// `flowUnits[component][arc]`: whole units on each arc.
    public var flowUnits: [[Int]]
    /// sum of cost * flow, summed component by component in index order, plus the overflow penalties.
    public var objective: Double
    /// An optimal dual price (money per unit, >= 0) of each coupling row of the LP; 0 for a row that is not tight.
    public var couplingPrices: [Double]
    /// How the solution was reached: solver iterations and timings, for logs and the benchmark.
    public var statistics: CoupledFlowStatistics
    /// The optimum of the LP relaxation, which no integral solution beats; equal to `objective` (up to rounding)
    /// when the solution is proven optimal.
    public var lowerBound: Double

    public init(
        flowUnits: [[Int]],
        objective: Double,
        couplingPrices: [Double],
        statistics: CoupledFlowStatistics,
        lowerBound: Double? = nil
    ) {
        self.flowUnits = flowUnits
        self.objective = objective
        self.couplingPrices = couplingPrices
        self.statistics = statistics
        self.lowerBound = lowerBound ?? objective
    }

    /// Whether `objective` is within 1e-9 (relative) of `lowerBound`: no integral solution is cheaper.
    public var isProvenOptimal: Bool { objective - lowerBound <= 1e-9 * max(1, abs(objective)) }
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
