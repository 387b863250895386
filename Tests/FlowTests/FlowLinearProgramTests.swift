import Testing

@testable import Flow

@Suite("Flow: the whole problem as one GLPK LP")
struct FlowLinearProgramTests {
    /// The transportation example (see `ComponentFlowSolverTests`) has a unique optimum: GLPK finds it.
    @Test func handSolvedTransportation() throws {
        let problem = CoupledFlowProblem(
            components: [ComponentFlowSolverTests.transportation],
            couplingCapacityUnits: []
        )
        let solution = try FlowLinearProgram.solve(problem)
        #expect(solution.flowUnits == [[5, 0, 15, 5, 25, 0]])
        #expect(solution.objective == 125)
        #expect(solution.statistics.masterSolves == 1)
    }

    /// GLPK's dual of a binding `<=` row is negative in a minimisation; the price is its negation. In
    /// the two-SKU instance W1's capacity is worth 3 a unit (see `CoupledFlowSolverTests`); with W1
    /// at 25 units the row has slack and the price is 0.
    @Test func couplingPricesHaveTheRightSign() throws {
        let binding = try FlowLinearProgram.solve(CoupledFlowSolverTests.twoSkus)
        #expect(abs(binding.couplingPrices[0] - 3) < 1e-9)
        var loose = CoupledFlowSolverTests.twoSkus
        loose.couplingCapacityUnits = [25]
        let slack = try FlowLinearProgram.solve(loose)
        #expect(slack.couplingPrices == [0])
        #expect(slack.objective == 20)
    }

    /// Capacity 0 fixes an arc at 0 (GLPK's range bounds need lower < upper). With W0 -> A closed and
    /// W1 -> B limited to 20, A takes 10 from W1 (30), B 20 from W1 (20) and 5 from W0 (20), C 15 from
    /// W0 (75): 145 in all (moving a W1 unit from B to C would cost 7 - 1 + 4 - 5 = 5 more), the same
    /// flow as the component solver's.
    @Test func zeroCapacityArc() throws {
        var component = ComponentFlowSolverTests.transportation
        component.arcs[0].capacityUnits = 0
        component.arcs[4].capacityUnits = 20
        let solution = try FlowLinearProgram.solve(
            CoupledFlowProblem(components: [component], couplingCapacityUnits: [])
        )
        #expect(solution.flowUnits == [[0, 5, 15, 10, 20, 0]])
        #expect(solution.objective == 145)
        #expect(try ComponentFlowSolver().solve(component).flowUnits == [0, 5, 15, 10, 20, 0])
    }

    @Test func infeasibleAndEmptyProblems() throws {
        let stranded = FlowComponent(supply: [5, -5], arcs: [FlowArc(tail: 1, head: 0, costPerUnit: 1)])
        #expect {
            try FlowLinearProgram.solve(CoupledFlowProblem(components: [stranded], couplingCapacityUnits: []))
        } throws: { error in
            (error as? FlowError)?.message.contains("expected optimal") ?? false
        }
        let empty = try FlowLinearProgram.solve(
            CoupledFlowProblem(components: [FlowComponent(supply: [0], arcs: [])], couplingCapacityUnits: [4])
        )
        #expect(empty.flowUnits == [[]])
        #expect(empty.couplingPrices == [0])
    }
}
