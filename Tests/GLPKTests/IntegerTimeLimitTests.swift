import GLPK
import Testing

/// Time limits on a covering problem that branch-and-bound cannot finish that fast: with 1 ms GLPK stops
/// before the first incumbent, with 100 ms it usually stops with one and a gap. Which status comes back
/// depends on the machine, so the tests assert what must hold for each, never a duration.
@Suite("LinearProgram integer solves: time limit")
struct IntegerTimeLimitTests {
    struct Instance {
        var costs: [Double]
        /// `coefficients[row][column]`.
        var coefficients: [[Double]]
        var demands: [Double]
    }

    /// min sum c_j x_j s.t. sum_j a_ij x_j >= b_i, x binary; a_ij in 0...20, c_j in 10...100, b_i half
    /// of row i's sum. Seeded with a 64-bit linear congruential generator (Knuth's MMIX constants).
    static func instance(columns: Int, rows: Int, seed: UInt64) -> Instance {
        var state = seed
        func next(_ range: ClosedRange<Int>) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return range.lowerBound + Int((state >> 33) % UInt64(range.count))
        }
        let costs = (0..<columns).map { _ in Double(next(10...100)) }
        let coefficients = (0..<rows).map { _ in (0..<columns).map { _ in Double(next(0...20)) } }
        let demands = coefficients.map { ($0.reduce(0, +) / 2).rounded(.down) }
        return Instance(costs: costs, coefficients: coefficients, demands: demands)
    }

    static func program(_ instance: Instance) throws -> LinearProgram {
        let program = try LinearProgram(name: "covering")
        let columns = try program.addColumns(count: instance.costs.count)
        for column in columns {
            try program.setObjective(column: column, coefficient: instance.costs[column])
            try program.setKind(column: column, .binary)
        }
        var entries: [(row: Int, column: Int, value: Double)] = []
        for (rowIndex, demand) in instance.demands.enumerated() {
            let row = try program.addRow(.lower(demand))
            for column in columns where instance.coefficients[rowIndex][column] != 0 {
                entries.append((row, column, instance.coefficients[rowIndex][column]))
            }
        }
        try program.setMatrix(entries: entries)
        return program
    }

    @Test(arguments: [1, 100], [true, false])
    func timeLimitKeepsTheInvariants(milliseconds: Int, presolve: Bool) throws {
        let instance = Self.instance(columns: 120, rows: 30, seed: 20_250_303)
        let program = try Self.program(instance)
        let result = try program.solveInteger(IntegerOptions(timeLimitMilliseconds: milliseconds, presolve: presolve))
        switch result.status {
        case .optimal:
            #expect(result.returnCode == nil && result.relativeGap == 0)
        case .feasible, .noFeasibleSolutionFound:
            #expect(result.returnCode == .timeLimitExceeded)
        case .infeasible, .unbounded:
            Issue.record("a covering problem with b_i = half the row sum is feasible and bounded: \(result.status)")
        }
        if let bound = result.bestBound, let objective = result.objective {
            #expect(objective >= bound)
            let gap = try #require(result.relativeGap)
            #expect(gap >= 0)
            #expect(abs(gap - IntegerSolveResult.relativeGap(objective: objective, bound: bound)) < 1e-12)
        }
        if result.status == .noFeasibleSolutionFound {
            #expect(result.objective == nil && result.relativeGap == nil)
            #expect { try program.integerColumnValues() } throws: { ($0 as? GLPKError)?.code == .noSolution }
            return
        }
        // The incumbent is binary, meets every row, and costs what GLPK says.
        let values = try program.integerColumnValues()
        var cost = 0.0
        for (column, value) in values.enumerated() {
            #expect(abs(value) < 1e-6 || abs(value - 1) < 1e-6)
            cost += instance.costs[column] * value.rounded()
        }
        for (rowIndex, demand) in instance.demands.enumerated() {
            let activity = zip(instance.coefficients[rowIndex], values).reduce(0) { $0 + $1.0 * $1.1.rounded() }
            #expect(activity >= demand)
        }
        #expect(abs(cost - (try #require(result.objective))) < 1e-6)
    }

    /// The bound a stopped search reports is below the optimum found without a limit, and its incumbent
    /// above it, on an instance small enough to solve outright (a fraction of a second here).
    @Test(arguments: [true, false])
    func reportedBoundNeverExceedsTheOptimum(presolve: Bool) throws {
        let instance = Self.instance(columns: 60, rows: 15, seed: 7)
        let exact = try Self.program(instance).solveInteger(IntegerOptions(presolve: presolve))
        #expect(exact.status == .optimal)
        let optimum = try #require(exact.objective)
        let stopped = try Self.program(instance).solveInteger(
            IntegerOptions(timeLimitMilliseconds: 10, presolve: presolve)
        )
        if let bound = stopped.bestBound { #expect(bound <= optimum + 1e-6) }
        if let objective = stopped.objective { #expect(objective >= optimum - 1e-6) }
    }
}
