import Testing

@testable import Flow

/// Coupling rows that may be exceeded at a penalty per unit (`CoupledFlowProblem.overflowPenaltyPerUnit`).
@Suite("Flow: elastic coupling rows")
struct ElasticRowTests {
    /// `CoupledFlowSolverTests.twoSkus` (W1 ships 15; A pays 3 more at W2, B 5 more) with W1's row elastic.
    /// At a penalty of 2 a unit over the capacity costs 1 + 2 = 3 at W1, less than A's 4 and B's 6 at W2: both
    /// stay at W1, 5 units over, 20 + 5 x 2 = 30, and W1's price is the penalty. At a penalty of 4 the
    /// overflow costs A 5 > 4: the hard row's plan, 35, price 3.
    @Test(arguments: [(2.0, 30.0, 2.0), (4.0, 35.0, 3.0)])
    func penaltyDecidesTheOverflow(penalty: Double, objective: Double, price: Double) throws {
        var problem = CoupledFlowSolverTests.twoSkus
        problem.overflowPenaltyPerUnit = [penalty]
        for solution in [try CoupledFlowSolver.solve(problem, workers: 2), try FlowLinearProgram.solve(problem)] {
            #expect(abs(solution.objective - objective) < 1e-9)
            #expect(abs(solution.couplingPrices[0] - price) < 1e-9)
            #expect(solution.isProvenOptimal)
            FlowChecks.expectFeasible(solution, of: problem)
        }
        let solution = try CoupledFlowSolver.solve(problem, workers: 1)
        let used = problem.usedUnits(of: solution.flowUnits)
        #expect(problem.overflowUnits(usedUnits: used) == [penalty == 2 ? 5 : 0])
    }

    /// A component whose only way to its demand is an elastic row's arc: it needs no flow free of coupled
    /// arcs (forbidding arcs spares the elastic ones), and the row's capacity 0 is simply paid for.
    @Test func elasticArcsStayOpenForFeasibility() throws {
        let component = FlowComponent(
            supply: [5, -5],
            arcs: [FlowArc(tail: 0, head: 1, costPerUnit: 1, couplingRow: 0)]
        )
        let problem = CoupledFlowProblem(
            components: [component, component],
            couplingCapacityUnits: [4],
            overflowPenaltyPerUnit: [10]
        )
        let solution = try CoupledFlowSolver.solve(problem, workers: 1)
        #expect(solution.flowUnits == [[5], [5]])
        #expect(abs(solution.objective - (10 + 6 * 10)) < 1e-9)
        #expect(abs(try FlowLinearProgram.solve(problem).objective - 70) < 1e-9)
        var hard = problem
        hard.overflowPenaltyPerUnit = []
        #expect(throws: FlowError.self) { try CoupledFlowSolver.solve(hard, workers: 1) }
    }

    /// Allocation-shaped instances with half of the rows elastic (penalties 1 to 60, some below the cost of
    /// the way around them): the decomposition, sampled levels included, matches GLPK's LP (with its overflow
    /// columns), gives a feasible flow and reports it proven optimal (the matrix stays totally unimodular:
    /// an overflow column has a single entry).
    @Test(arguments: [UInt64(201), 202, 203, 204, 205, 206])
    func agreesWithTheLinearProgram(seed: UInt64) throws {
        var random = SplitMix64(state: seed)
        var shape = FlowInstances.AllocationShape(componentCount: random.int(40...300))
        shape.regionCount = random.int(3...30)
        shape.capacityFractions = (0..<shape.warehouseCount).map { _ in Double(random.int(0...10)) / 10 }
        var problem = FlowInstances.allocation(shape, seed: seed)
        problem.overflowPenaltyPerUnit = problem.couplingCapacityUnits.indices.map { row in
            row % 2 == 0 ? Double(random.int(1...60)) : nil
        }
        let reference = try FlowLinearProgram.solve(problem)
        #expect(reference.isProvenOptimal)
        FlowChecks.expectFeasible(reference, of: problem)
        for smallestLevel in [5, 10_000] {
            let solution = try CoupledFlowSolver.solve(problem, workers: 2, smallestLevel: smallestLevel)
            FlowChecks.expectSameObjective(solution.objective, reference.objective)
            FlowChecks.expectFeasible(solution, of: problem)
            #expect(solution.isProvenOptimal)
            for (row, price) in solution.couplingPrices.enumerated() {
                #expect(price <= (problem.overflowPenalty(ofRow: row) ?? .infinity) + 1e-9)
            }
        }
        let used = problem.usedUnits(of: reference.flowUnits)
        #expect(problem.overflowUnits(usedUnits: used).reduce(0, +) > 0, "the instance exercises an overflow")
    }

    @Test func invalidPenaltiesThrow() {
        var problem = CoupledFlowSolverTests.twoSkus
        problem.overflowPenaltyPerUnit = [-1]
        #expect(throws: FlowError.self) { try FlowLinearProgram.solve(problem) }
        problem.overflowPenaltyPerUnit = [.infinity]
        #expect(throws: FlowError.self) { try CoupledFlowSolver.solve(problem, workers: 1) }
        problem.overflowPenaltyPerUnit = [1, 2]
        #expect(throws: FlowError.self) { try CoupledFlowSolver.solve(problem, workers: 1) }
    }
}
