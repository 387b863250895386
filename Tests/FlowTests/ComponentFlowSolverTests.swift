import Testing

@testable import Flow

@Suite("Flow: component solver")
struct ComponentFlowSolverTests {
    /// W0 (20 units) and W1 (30) supply A (10), B (25), C (15). Costs W0: A 2, B 4, C 5; W1: A 3, B 1,
    /// C 7. By hand: W1 serves B (25) and has 5 left; giving them to A costs 1 more than W0 would, to C
    /// 2 more, so W1 -> A 5, W0 -> A 5, W0 -> C 15. Cost 25 + 10 + 15 + 75 = 125. Duals u = (0, -1),
    /// v = (A 2, B 0, C 5) leave reduced costs W0 -> B 4 and W1 -> C 1 > 0: the optimum is unique.
    static let transportation = FlowComponent(
        supply: [20, 30, -10, -25, -15],
        arcs: [
            FlowArc(tail: 0, head: 2, costPerUnit: 2), FlowArc(tail: 0, head: 3, costPerUnit: 4),
            FlowArc(tail: 0, head: 4, costPerUnit: 5), FlowArc(tail: 1, head: 2, costPerUnit: 3),
            FlowArc(tail: 1, head: 3, costPerUnit: 1), FlowArc(tail: 1, head: 4, costPerUnit: 7),
        ]
    )

    @Test func handSolvedTransportation() throws {
        let flow = try ComponentFlowSolver().solve(Self.transportation)
        #expect(flow.flowUnits == [5, 0, 15, 5, 25, 0])
        #expect(flow.cost == 125)
        #expect(flow.pricedCost == 125)
    }

    /// Prices shift coupled arcs: with W1's arcs in row 0 at price 3, W1 -> B costs 4 like W0 -> B, and
    /// W1's 30 units must still ship (no other way out), so only the priced cost rises by 3 x 30.
    @Test func pricesShiftCoupledArcs() throws {
        var component = Self.transportation
        for arc in 3...5 { component.arcs[arc].couplingRow = 0 }
        let flow = try ComponentFlowSolver().solve(component, couplingPrices: [3])
        #expect(flow.cost == 125)
        #expect(flow.pricedCost == 125 + 90)
    }

    /// Two stock nodes with the same cost to one bucket (6 units), 10 units each, leftovers to a slack
    /// node at 0: the lower-indexed stock node serves the bucket, every run alike.
    @Test func tiesGoToTheLowerIndex() throws {
        let component = FlowComponent(
            supply: [10, 10, -6, -14],
            arcs: [
                FlowArc(tail: 1, head: 2, costPerUnit: 3), FlowArc(tail: 0, head: 2, costPerUnit: 3),
                FlowArc(tail: 3, head: 2, costPerUnit: 50), FlowArc(tail: 0, head: 3, costPerUnit: 0),
                FlowArc(tail: 1, head: 3, costPerUnit: 0),
            ]
        )
        let solver = ComponentFlowSolver()
        let first = try solver.solve(component)
        #expect(first.flowUnits == [0, 6, 0, 4, 10])
        #expect(first.cost == 18)
        #expect(try solver.solve(component) == first)
        #expect(try ComponentFlowSolver().solve(component) == first)
    }

    /// S (+10) to T (-10): a0 S->T cost 1 cap 4, a1 S->T cost 5, a2 S->M cost -2 cap 3, a3 M->T cost 1,
    /// a4 T->S cost -3 cap 2. Each a4 unit saves 3 but needs one more unit over a1 at 5, so a4 = 0;
    /// then the cheapest routes fill first: via M (-1 a unit) 3, a0 4, a1 3. Cost -3 + 4 + 15 = 16.
    @Test func capacitatedArcsAndNegativeCosts() throws {
        let component = FlowComponent(
            supply: [10, 0, -10],
            arcs: [
                FlowArc(tail: 0, head: 2, costPerUnit: 1, capacityUnits: 4),
                FlowArc(tail: 0, head: 2, costPerUnit: 5),
                FlowArc(tail: 0, head: 1, costPerUnit: -2, capacityUnits: 3),
                FlowArc(tail: 1, head: 2, costPerUnit: 1),
                FlowArc(tail: 2, head: 0, costPerUnit: -3, capacityUnits: 2),
            ]
        )
        let flow = try ComponentFlowSolver().solve(component)
        #expect(flow.flowUnits == [4, 3, 3, 3, 0])
        #expect(flow.cost == 16)
    }

    @Test func zeroDemandGivesZeroFlow() throws {
        let component = FlowComponent(
            supply: [0, 0, 0],
            arcs: [FlowArc(tail: 0, head: 1, costPerUnit: 4), FlowArc(tail: 1, head: 2, costPerUnit: 0)]
        )
        let flow = try ComponentFlowSolver().solve(component)
        #expect(flow.flowUnits == [0, 0])
        #expect(flow.cost == 0)
        #expect(try ComponentFlowSolver().solve(FlowComponent(supply: [], arcs: [])).flowUnits == [])
    }

    /// Forbidding W1 -> A (the only coupled arc): A must come from W0 (10), W0's other 10 go to C,
    /// W1 sends B 25 and C 5. Cost 20 + 50 + 25 + 35 = 130 (W0 -> B instead would cost 180).
    @Test func forbiddenCoupledArcsReroute() throws {
        var component = Self.transportation
        component.arcs[3].couplingRow = 0
        let forbidden = try ComponentFlowSolver().solve(component, couplingPrices: [0], forbidCoupledArcs: true)
        #expect(forbidden.flowUnits == [10, 0, 10, 0, 25, 5])
        #expect(forbidden.cost == 130)
    }

    @Test func infeasibleAndUnboundedThrow() {
        let stranded = FlowComponent(supply: [5, -5], arcs: [FlowArc(tail: 1, head: 0, costPerUnit: 1)])
        #expect {
            try ComponentFlowSolver().solve(stranded, componentIndex: 7)
        } throws: { error in
            (error as? FlowError)?.message == "component 7: no feasible flow"
        }
        let negativeLoop = FlowComponent(
            supply: [0, 0],
            arcs: [FlowArc(tail: 0, head: 1, costPerUnit: -2), FlowArc(tail: 1, head: 0, costPerUnit: 1)]
        )
        #expect {
            try ComponentFlowSolver().solve(negativeLoop)
        } throws: { error in
            (error as? FlowError)?.message.contains("negative cost (unbounded flow)") ?? false
        }
    }

    /// A negative arc without a negative uncapacitated cycle is fine: 0 -> 1 at -2 uncapacitated,
    /// 1 -> 0 at 1 capacity 3 (cycle cost -1, at most 3 times).
    @Test func negativeCycleThroughACapacitatedArcIsBounded() throws {
        let component = FlowComponent(
            supply: [0, 0],
            arcs: [
                FlowArc(tail: 0, head: 1, costPerUnit: -2),
                FlowArc(tail: 1, head: 0, costPerUnit: 1, capacityUnits: 3),
            ]
        )
        let flow = try ComponentFlowSolver().solve(component)
        #expect(flow.flowUnits == [3, 3])
        #expect(flow.cost == -3)
    }

    /// Agreement with GLPK's LP on 300 seeded random networks, at prices 0 and at random prices.
    @Test func agreesWithTheLinearProgram() throws {
        var random = SplitMix64(state: 0xF10)
        let solver = ComponentFlowSolver()
        for _ in 0..<300 {
            let component = FlowInstances.randomComponent(&random, rowCount: 3)
            let prices = (0..<3).map { _ in Double(random.int(0...12)) / 4 }
            let flow = try solver.solve(component, couplingPrices: prices)
            var shifted = component
            for index in shifted.arcs.indices {
                if let row = shifted.arcs[index].couplingRow { shifted.arcs[index].costPerUnit += prices[row] }
                shifted.arcs[index].couplingRow = nil
            }
            let reference = try FlowLinearProgram.solve(
                CoupledFlowProblem(components: [shifted], couplingCapacityUnits: [])
            )
            FlowChecks.expectSameObjective(flow.pricedCost, reference.objective)
            let plain = CoupledFlowSolution(
                flowUnits: [flow.flowUnits],
                objective: flow.pricedCost,
                couplingPrices: [],
                statistics: CoupledFlowStatistics()
            )
            FlowChecks.expectFeasible(plain, of: CoupledFlowProblem(components: [shifted], couplingCapacityUnits: []))
        }
    }
}
