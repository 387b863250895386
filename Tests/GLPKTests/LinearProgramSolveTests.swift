import GLPK
import Testing

@Suite("LinearProgram solves")
struct LinearProgramSolveTests {
    /// GLPK manual (glpk.pdf, section 1.3 "Example of using the API"): maximise 10x1 + 6x2 + 4x3 subject to
    /// p: x1 + x2 + x3 <= 100, q: 10x1 + 4x2 + 5x3 <= 600, r: 2x1 + 2x2 + 6x3 <= 300, x >= 0.
    /// Optimum z = 2200/3 at x = (100/3, 200/3, 0).
    static func manualExample() throws -> LinearProgram {
        let program = try LinearProgram(name: "sample")
        program.direction = .maximize
        let x = try program.addColumns(count: 3)
        for (column, cost) in zip(x, [10.0, 6, 4]) { try program.setObjective(column: column, coefficient: cost) }
        try program.addRow(.upper(100))
        try program.addRow(.upper(600))
        try program.addRow(.upper(300))
        let coefficients: [[Double]] = [[1, 1, 1], [10, 4, 5], [2, 2, 6]]
        var entries: [(row: Int, column: Int, value: Double)] = []
        for row in 0..<3 {
            for column in 0..<3 { entries.append((row, column, coefficients[row][column])) }
        }
        try program.setMatrix(entries: entries)
        return program
    }

    @Test func manualExampleOptimum() throws {
        let program = try Self.manualExample()
        let result = try program.solveSimplex()
        #expect(result.status == .optimal)
        #expect(abs(result.objective - 2200.0 / 3) < 1e-9)
        let x = try program.columnValues()
        #expect(abs(x[0] - 100.0 / 3) < 1e-9)
        #expect(abs(x[1] - 200.0 / 3) < 1e-9)
        #expect(abs(x[2]) < 1e-9)
        #expect(try program.columnValue(1) == x[1])
        let activities = try program.rowValues()
        #expect(abs(activities[0] - 100) < 1e-9)
        #expect(abs(activities[1] - 600) < 1e-9)
        #expect(abs(activities[2] - 200) < 1e-9)
    }

    /// With x1, x2 basic and p, q binding: y_p + 10 y_q = 10 and y_p + 4 y_q = 6 give y_q = 2/3,
    /// y_p = 10/3, y_r = 0 (slack). Reduced cost of x3: 4 - (1 * 10/3 + 5 * 2/3 + 6 * 0) = -8/3.
    /// The GLPK manual's printed solution shows the same marginals (3.33333, 0.666667, -2.66667).
    @Test func manualExampleDualsAndReducedCosts() throws {
        let program = try Self.manualExample()
        _ = try program.solveSimplex()
        let duals = try program.rowDuals()
        #expect(abs(duals[0] - 10.0 / 3) < 1e-9)
        #expect(abs(duals[1] - 2.0 / 3) < 1e-9)
        #expect(abs(duals[2]) < 1e-9)
        let reducedCosts = try program.columnReducedCosts()
        #expect(abs(reducedCosts[0]) < 1e-9)
        #expect(abs(reducedCosts[1]) < 1e-9)
        #expect(abs(reducedCosts[2] + 8.0 / 3) < 1e-9)
    }

    /// min 2x + 3y s.t. x + y >= 4, 0 <= x <= 3, y >= 0: x = 3, y = 1, z = 9.
    /// y is basic, so the row's dual is y's cost, 3; x sits at its upper bound with reduced cost 2 - 3 = -1.
    @Test func smallMinimisationDuals() throws {
        let program = try LinearProgram()
        let x = try program.addColumn(bounds: .range(0, 3), objective: 2)
        let y = try program.addColumn(objective: 3)
        let row = try program.addRow(.lower(4))
        try program.setMatrix(entries: [(row, x, 1), (row, y, 1)])
        let result = try program.solveSimplex(SimplexOptions(presolve: false))
        #expect(result.status == .optimal)
        #expect(abs(result.objective - 9) < 1e-9)
        #expect(try program.columnValues() == [3, 1])
        #expect(abs(try program.rowDuals()[0] - 3) < 1e-9)
        let reducedCosts = try program.columnReducedCosts()
        #expect(abs(reducedCosts[0] + 1) < 1e-9)
        #expect(abs(reducedCosts[1]) < 1e-9)
    }

    /// Transportation problem with equality rows. Supplies 20, 30; demands 25, 25; costs c11 = 1,
    /// c12 = 4, c21 = 3, c22 = 2. With x11 = t the rest follows: x12 = 20 - t, x21 = 25 - t,
    /// x22 = 5 + t, cost 165 - 4t for t in [0, 20], so t = 20 and z = 85 at x = (20, 0, 5, 25).
    @Test(arguments: [SimplexOptions.Method.primal, .dual, .dualThenPrimal], [true, false])
    func transportationWithEqualityRows(method: SimplexOptions.Method, presolve: Bool) throws {
        let program = try LinearProgram(name: "transport")
        let costs = [1.0, 4, 3, 2]
        let x = try program.addColumns(count: 4)
        for column in x { try program.setObjective(column: column, coefficient: costs[column]) }
        let supply1 = try program.addRow(.fixed(20))
        let supply2 = try program.addRow(.fixed(30))
        let demand1 = try program.addRow(.fixed(25))
        let demand2 = try program.addRow(.fixed(25))
        try program.setMatrix(entries: [
            (supply1, 0, 1), (supply1, 1, 1), (supply2, 2, 1), (supply2, 3, 1),
            (demand1, 0, 1), (demand1, 2, 1), (demand2, 1, 1), (demand2, 3, 1),
        ])
        let result = try program.solveSimplex(SimplexOptions(method: method, presolve: presolve))
        #expect(result.status == .optimal)
        #expect(abs(result.objective - 85) < 1e-9)
        let values = try program.columnValues()
        for (value, expected) in zip(values, [20.0, 0, 5, 25]) { #expect(abs(value - expected) < 1e-9) }
    }

    @Test func objectiveConstantIsAdded() throws {
        let program = try LinearProgram()
        try program.addColumn(bounds: .fixed(2), objective: 5)
        try program.setObjectiveConstant(7)
        let result = try program.solveSimplex(SimplexOptions(presolve: false))
        #expect(result.status == .optimal)
        #expect(result.objective == 17)
    }

    /// x + y <= 1 and x + y >= 3 cannot both hold.
    @Test(arguments: [true, false])
    func infeasibleProblemReportsNoFeasibleSolution(presolve: Bool) throws {
        let program = try LinearProgram()
        try program.addColumns(count: 2, objective: 1)
        try program.addRow(.upper(1))
        try program.addRow(.lower(3))
        try program.setMatrix(entries: [(0, 0, 1), (0, 1, 1), (1, 0, 1), (1, 1, 1)])
        let result = try program.solveSimplex(SimplexOptions(presolve: presolve))
        #expect(result.status == .noFeasible)
    }

    /// max x s.t. x - y <= 1, x, y >= 0 grows without bound along x = y + 1.
    @Test(arguments: [true, false])
    func unboundedProblemReportsUnbounded(presolve: Bool) throws {
        let program = try LinearProgram()
        program.direction = .maximize
        try program.addColumn(objective: 1)
        try program.addColumn()
        try program.addRow(.upper(1))
        try program.setMatrix(entries: [(0, 0, 1), (0, 1, -1)])
        let result = try program.solveSimplex(SimplexOptions(presolve: presolve))
        #expect(result.status == .unbounded)
    }

    @Test func iterationLimitThrowsNamingTheCode() throws {
        let program = try Self.manualExample()
        #expect {
            try program.solveSimplex(SimplexOptions(presolve: false, iterationLimit: 0))
        } throws: { error in
            let error = try #require(error as? GLPKError)
            return error.code == .iterationLimitExceeded && error.description.contains("GLP_EITLIM")
        }
    }
}
