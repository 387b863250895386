/// An optimal flow of one `FlowComponent`.
public struct ComponentFlow: Sendable, Equatable {
    /// Whole units on each arc, in arc order.
    public var flowUnits: [Int]
    /// sum costPerUnit * flow over the arcs, in arc order: the component's own cost.
    public var cost: Double
    /// sum (costPerUnit + price of the arc's coupling row) * flow: the objective that was minimised.
    public var pricedCost: Double

    public init(flowUnits: [Int], cost: Double, pricedCost: Double) {
        self.flowUnits = flowUnits
        self.cost = cost
        self.pricedCost = pricedCost
    }
}

/// Exact min-cost flow of one component with its coupled arcs priced: arc cost = costPerUnit +
/// couplingPrices[row] on an arc tagged with a coupling row. Successive shortest paths with node
/// potentials (see `SuccessiveShortestPaths`); integral supplies and capacities give an integral flow.
///
/// The object keeps its work arrays between calls, so one solver per thread solves many components
/// without allocating. It is not `Sendable`: give each thread its own.
public final class ComponentFlowSolver {
    private let engine = SuccessiveShortestPaths()

    public init() {}

    /// - Parameters:
    ///   - couplingPrices: money per unit of each coupling row; empty means 0 everywhere, a row beyond
    ///     the list counts as 0.
    ///   - forbidCoupledArcs: give every arc tagged with a coupling row capacity 0.
    ///   - componentIndex: only used to name the component in error messages.
    /// - Throws: `FlowError` on invalid input, when no feasible flow exists, or when a cycle of
    ///   uncapacitated arcs has negative cost (the flow would be unbounded).
    public func solve(
        _ component: FlowComponent,
        couplingPrices: [Double] = [],
        forbidCoupledArcs: Bool = false,
        componentIndex: Int = 0
    ) throws -> ComponentFlow {
        try FlowValidation.validatePrices(couplingPrices)
        try FlowValidation.validate(component, index: componentIndex, couplingRowCount: Int.max)
        return try solveValidated(
            component,
            couplingPrices: couplingPrices,
            forbidCoupledArcs: forbidCoupledArcs,
            componentIndex: componentIndex
        )
    }

    /// `solve` without the validation, for callers that validated the whole problem once.
    func solveValidated(
        _ component: FlowComponent,
        couplingPrices: [Double],
        forbidCoupledArcs: Bool,
        componentIndex: Int
    ) throws -> ComponentFlow {
        do {
            try engine.load(component, prices: couplingPrices, forbidCoupledArcs: forbidCoupledArcs)
            try engine.run()
        } catch .infeasible {
            let restriction = forbidCoupledArcs ? " without coupled arcs" : ""
            throw FlowError("component \(componentIndex): no feasible flow\(restriction)")
        } catch .negativeUncapacitatedCycle {
            throw FlowError(
                "component \(componentIndex): a cycle of uncapacitated arcs has negative cost (unbounded flow)"
            )
        } catch .capacityOverflow {
            throw FlowError("component \(componentIndex): supplies plus capacities overflow Int")
        }
        return Self.flow(engine.flowUnits, of: component, couplingPrices: couplingPrices)
    }

    /// Node potentials of the last `solve`: costPerUnit + price + p[tail] - p[head] >= -1e-9 x the
    /// largest priced cost on every residual arc of its flow.
    var lastPotentials: [Double] { engine.nodePotentials }

    /// Potentials proving `flowUnits` (a feasible flow of `component`, typically its optimum at earlier
    /// prices, with `potentials` from then) optimal at `couplingPrices`, or nil when it is not optimal
    /// any more or too many labels would move (see `SuccessiveShortestPaths.isOptimal`).
    func potentialsIfStillOptimal(
        _ component: FlowComponent,
        couplingPrices: [Double],
        flowUnits: [Int],
        potentials: [Double]
    ) -> [Double]? {
        do {
            try engine.load(component, prices: couplingPrices, forbidCoupledArcs: false)
        } catch {
            return nil
        }
        return engine.isOptimal(flowUnits: flowUnits, potentials: potentials) ? engine.nodePotentials : nil
    }

    /// Wraps arc flows with their own and priced costs, summed in arc order.
    static func flow(_ flows: [Int], of component: FlowComponent, couplingPrices: [Double]) -> ComponentFlow {
        var cost = 0.0
        var pricedCost = 0.0
        for (arc, units) in zip(component.arcs, flows) where units != 0 {
            let amount = Double(units)
            cost += arc.costPerUnit * amount
            var price = 0.0
            if let row = arc.couplingRow, row < couplingPrices.count { price = couplingPrices[row] }
            pricedCost += (arc.costPerUnit + price) * amount
        }
        return ComponentFlow(flowUnits: flows, cost: cost, pricedCost: pricedCost)
    }
}
