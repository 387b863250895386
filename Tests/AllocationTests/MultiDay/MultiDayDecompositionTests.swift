import Flow
import PlannerCore
import Testing

@testable import Allocation

/// The two production solvers of the coupled flow problem on generated multi-day instances: the SKU
/// decomposition (`CoupledFlowSolver`, Dantzig-Wolfe with a GLPK master) and the whole problem as one
/// GLPK LP (`FlowLinearProgram`) reach the same optimum, which the test's own reference LP confirms.
@Suite("Allocation: multi-day, decomposition against the full LP")
struct MultiDayDecompositionTests {
    typealias F = MultiDayFixtures

    @Test(arguments: [UInt64(3), 42, 77])
    func decompositionAndFullLPAgree(seed: UInt64) throws {
        let instance = MultiDayInstance(seed: seed, days: 4, orderCount: 300)
        func allocate(_ solve: (CoupledFlowProblem) throws -> CoupledFlowSolution) throws -> AllocationResult {
            try Allocator.allocate(
                dataSet: instance.data,
                startDay: F.start,
                days: instance.days,
                capacityUnits: instance.capacity,
                arrivals: instance.arrivals,
                settings: F.settings,
                solveFlow: solve
            )
        }
        var decomposition: CoupledFlowSolution?
        let decomposed = try allocate { problem in
            let solution = try CoupledFlowSolver.solve(problem, workers: 2)
            decomposition = solution
            return solution
        }
        let fullLP = try allocate { try FlowLinearProgram.solve($0) }
        let reference = try allocate { try ReferenceFlowLP.solve($0) }
        #expect(abs(decomposed.objective - fullLP.objective) < 1e-6 * max(1, abs(fullLP.objective)))
        #expect(abs(reference.objective - fullLP.objective) < 1e-6 * max(1, abs(fullLP.objective)))
        // The coupling mattered: some (warehouse, day) capacity is priced, so the master LP ran.
        let solution = try #require(decomposition)
        #expect(solution.couplingPrices.contains { $0 > 0 })
        #expect(solution.statistics.masterSolves > 0)
    }
}
