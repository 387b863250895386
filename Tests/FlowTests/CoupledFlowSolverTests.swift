import Testing

@testable import Flow

@Suite("Flow: coupled solver (Dantzig-Wolfe)")
struct CoupledFlowSolverTests {
    /// One SKU: stock at W1 (node 0) and W2 (node 1), 100 each, one bucket of 10 (node 2), slack (3).
    /// W1 -> bucket costs 1 and counts against row 0 (W1's capacity); W2 -> bucket costs `w2Cost`.
    static func sku(w2Cost: Double) -> FlowComponent {
        FlowComponent(
            supply: [100, 100, -10, -190],
            arcs: [
                FlowArc(tail: 0, head: 2, costPerUnit: 1, couplingRow: 0),
                FlowArc(tail: 1, head: 2, costPerUnit: w2Cost),
                FlowArc(tail: 3, head: 2, costPerUnit: 200),
                FlowArc(tail: 0, head: 3, costPerUnit: 0),
                FlowArc(tail: 1, head: 3, costPerUnit: 0),
            ]
        )
    }

    /// SKU A (W2 costs 4, 3 more than W1) and SKU B (W2 costs 6, 5 more) both want W1, which ships 15.
    /// B keeps W1 (10), A gets the other 5 and 5 from W2: cost 10 + 5 + 20 = 35. The Lagrangian
    /// 20 + 5 lambda below lambda = 3 and 50 - 5 lambda between 3 and 5 peaks at lambda = 3: W1's price
    /// is A's extra cost. The master mixes A's two columns half and half, so A is recovered by the LP.
    static let twoSkus = CoupledFlowProblem(
        components: [sku(w2Cost: 4), sku(w2Cost: 6)],
        couplingCapacityUnits: [15]
    )

    @Test func handSolvedTwoSkus() throws {
        let solution = try CoupledFlowSolver.solve(Self.twoSkus, workers: 2)
        #expect(solution.flowUnits == [[5, 5, 0, 95, 95], [10, 0, 0, 90, 100]])
        #expect(solution.objective == 35)
        #expect(abs(solution.couplingPrices[0] - 3) < 1e-9)
        #expect(solution.statistics.recoveredComponents == 1)
        #expect(solution.statistics.masterSolves >= 1)
        let reference = try FlowLinearProgram.solve(Self.twoSkus)
        #expect(reference.flowUnits == solution.flowUnits)
        #expect(reference.objective == 35)
        #expect(abs(reference.couplingPrices[0] - 3) < 1e-9)
    }

    /// With W1 shipping 20 nothing binds: both SKUs keep W1, prices are 0 and GLPK is never called.
    @Test func slackCapacityNeedsNoMaster() throws {
        var problem = Self.twoSkus
        problem.couplingCapacityUnits = [20]
        let solution = try CoupledFlowSolver.solve(problem, workers: 2)
        #expect(solution.flowUnits == [[10, 0, 0, 90, 100], [10, 0, 0, 90, 100]])
        #expect(solution.objective == 20)
        #expect(solution.couplingPrices == [0])
        #expect(solution.statistics.masterSolves == 0)
        #expect(solution.statistics.iterations == 0)
    }

    /// W1 with capacity 0: everything goes to W2 (40 + 60), and W1's price is at least B's extra 5.
    @Test func zeroCapacityWarehouse() throws {
        var problem = Self.twoSkus
        problem.couplingCapacityUnits = [0]
        let solution = try CoupledFlowSolver.solve(problem, workers: 1)
        #expect(solution.flowUnits == [[0, 10, 0, 100, 90], [0, 10, 0, 100, 90]])
        #expect(solution.objective == 100)
        try FlowChecks.expectOptimalPrices(solution, of: problem)
    }

    /// Components c0, c1, c2 each send 1 unit either over a two-arc path of cost 0 that uses rows
    /// (0, 1), (1, 2), (2, 0), or directly at cost 10; every row holds 1 unit. The LP optimum is
    /// x = 1/2 on every path (cost 15), a fractional vertex: no network structure makes it integral.
    /// The decomposition must throw rather than round (its recovery LP has the same fractional vertex);
    /// the full model branches: the integer optimum ships one component on its path, two direct (20).
    @Test func fractionalRecoveryThrows() throws {
        let components = (0..<3).map { index in
            FlowComponent(
                supply: [1, 0, -1],
                arcs: [
                    FlowArc(tail: 0, head: 1, costPerUnit: 0, couplingRow: index),
                    FlowArc(tail: 1, head: 2, costPerUnit: 0, couplingRow: (index + 1) % 3),
                    FlowArc(tail: 0, head: 2, costPerUnit: 10),
                ]
            )
        }
        let problem = CoupledFlowProblem(components: components, couplingCapacityUnits: [1, 1, 1])
        #expect {
            try CoupledFlowSolver.solve(problem, workers: 2)
        } throws: { error in
            (error as? FlowError)?.message.contains("fractional") ?? false
        }
        let integer = try FlowLinearProgram.solve(problem)
        #expect(integer.objective == 20)
        #expect(integer.flowUnits.map { $0[0] }.reduce(0, +) == 1)
        #expect(integer.flowUnits.map { $0[2] }.reduce(0, +) == 2)
    }

    @Test func noCouplingRowsSolvesEachComponentAlone() throws {
        var random = SplitMix64(state: 77)
        let components = (0..<40).map { _ in FlowInstances.randomComponent(&random) }
        let problem = CoupledFlowProblem(components: components, couplingCapacityUnits: [])
        let solution = try CoupledFlowSolver.solve(problem, workers: 2)
        let solver = ComponentFlowSolver()
        #expect(solution.flowUnits == (try components.map { try solver.solve($0).flowUnits }))
        #expect(solution.statistics.masterSolves == 0)
        FlowChecks.expectSameObjective(solution.objective, try FlowLinearProgram.solve(problem).objective)
    }

    /// Allocation-shaped instances: 12 warehouses, rows for 8 (five tight, one at capacity 0, one
    /// slightly tight, one loose), region 0 reachable only from the cloud warehouse, costs in steps of
    /// 0.25 (ties), some SKUs without stock. Same objective as GLPK on the whole LP, a feasible integral
    /// flow, and prices that close the duality gap.
    @Test(arguments: [(50, UInt64(1)), (120, 2), (200, 3), (500, 4)])
    func agreesWithTheLinearProgram(componentCount: Int, seed: UInt64) throws {
        var shape = FlowInstances.AllocationShape(componentCount: componentCount)
        shape.regionCount = 30
        let problem = FlowInstances.allocation(shape, seed: seed)
        #expect(problem.couplingCapacityUnits[5] == 0)
        let solution = try CoupledFlowSolver.solve(problem, workers: 2)
        let reference = try FlowLinearProgram.solve(problem)
        FlowChecks.expectSameObjective(solution.objective, reference.objective)
        FlowChecks.expectFeasible(solution, of: problem)
        FlowChecks.expectFeasible(reference, of: problem)
        try FlowChecks.expectOptimalPrices(solution, of: problem)
        try FlowChecks.expectOptimalPrices(reference, of: problem)
        #expect(solution.statistics.masterSolves > 0)
    }

    /// The coarse-to-fine path (sampled levels of 1/64 and 1/8 of the components, then the full
    /// problem with a box around their prices) reaches the same optimum as GLPK on the whole LP.
    @Test(arguments: [UInt64(11), 12])
    func sampledLevelsAgreeWithTheLinearProgram(seed: UInt64) throws {
        var shape = FlowInstances.AllocationShape(componentCount: 640)
        shape.regionCount = 40
        let problem = FlowInstances.allocation(shape, seed: seed)
        let solution = try CoupledFlowSolver.solve(problem, workers: 2, smallestLevel: 10)
        FlowChecks.expectSameObjective(solution.objective, try FlowLinearProgram.solve(problem).objective)
        FlowChecks.expectFeasible(solution, of: problem)
        try FlowChecks.expectOptimalPrices(solution, of: problem)
        let direct = try CoupledFlowSolver.solve(problem, workers: 2, smallestLevel: 10_000)
        FlowChecks.expectSameObjective(solution.objective, direct.objective)
    }

    /// Varied shapes (2 to 12 warehouses, 1 to 15 buckets and up to every warehouse per SKU, rows on
    /// some warehouses with capacities from 0 to 120% of the units they ship at prices 0), with and
    /// without the sampled levels: GLPK's objective, a feasible flow, a closed duality gap, and every
    /// component's flow optimal at the coupling prices (what the explanations price paths with).
    @Test(arguments: [UInt64(101), 102, 103, 104, 105, 106, 107, 108])
    func variedShapesAgreeWithTheLinearProgram(seed: UInt64) throws {
        var random = SplitMix64(state: seed)
        var shape = FlowInstances.AllocationShape(componentCount: random.int(20...300))
        shape.regionCount = random.int(3...40)
        shape.warehouseCount = random.int(2...12)
        shape.bucketsPerComponent = 1...random.int(1...15)
        shape.stockNodesPerComponent = 0...random.int(1...shape.warehouseCount)
        shape.largeComponentCount = random.int(0...1)
        shape.capacityFractions = (0..<random.int(1...shape.warehouseCount)).map { _ in
            Double(random.int(0...12)) / 10
        }
        let problem = FlowInstances.allocation(shape, seed: seed)
        let reference = try FlowLinearProgram.solve(problem)
        for smallestLevel in [3, 10_000] {
            let solution = try CoupledFlowSolver.solve(problem, workers: 2, smallestLevel: smallestLevel)
            FlowChecks.expectSameObjective(solution.objective, reference.objective)
            FlowChecks.expectFeasible(solution, of: problem)
            try FlowChecks.expectOptimalPrices(solution, of: problem)
            for (component, flows) in zip(problem.components, solution.flowUnits) {
                _ = try FlowPotentials(component: component, flowUnits: flows, couplingPrices: solution.couplingPrices)
            }
        }
    }

    /// Large components (300 buckets x 12 stock nodes) among small ones.
    @Test func largeComponentsAgreeWithTheLinearProgram() throws {
        var shape = FlowInstances.AllocationShape(componentCount: 60)
        shape.largeComponentCount = 3
        let problem = FlowInstances.allocation(shape, seed: 9)
        let solution = try CoupledFlowSolver.solve(problem, workers: 2)
        FlowChecks.expectSameObjective(solution.objective, try FlowLinearProgram.solve(problem).objective)
        FlowChecks.expectFeasible(solution, of: problem)
        try FlowChecks.expectOptimalPrices(solution, of: problem)
    }

    /// The same input gives the same flows, whatever the number of threads (sampled levels included).
    @Test func deterministicAcrossWorkerCounts() throws {
        let problem = FlowInstances.allocation(FlowInstances.AllocationShape(componentCount: 300), seed: 5)
        let one = try CoupledFlowSolver.solve(problem, workers: 1, smallestLevel: 4)
        let two = try CoupledFlowSolver.solve(problem, workers: 2, smallestLevel: 4)
        let again = try CoupledFlowSolver.solve(problem, workers: 3, smallestLevel: 4)
        #expect(one.flowUnits == two.flowUnits)
        #expect(two.flowUnits == again.flowUnits)
        #expect(one.objective == two.objective)
        #expect(one.couplingPrices == two.couplingPrices)
    }

    @Test func invalidInputThrowsBeforeSolving() {
        var problem = Self.twoSkus
        problem.components[1].arcs[2].head = 9
        #expect {
            try CoupledFlowSolver.solve(problem, workers: 2)
        } throws: { error in
            (error as? FlowError)?.message == "component 1, arc 2: head 9 is out of range 0..<4"
        }
    }
}
