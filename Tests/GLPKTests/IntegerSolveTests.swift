import GLPK
import Testing

@Suite("LinearProgram integer solves")
struct IntegerSolveTests {
    /// Winston, "Operations Research: Applications and Algorithms", 4th ed., section 9.5 (Telfa):
    /// max 8x1 + 5x2 s.t. x1 + x2 <= 6, 9x1 + 5x2 <= 45, x integer >= 0. The LP relaxation's optimum is
    /// 41.25 at (3.75, 2.25); the integer optimum is 40 at (5, 0) (by enumeration: (4, 1) gives 37,
    /// (3, 3) gives 39, (4, 2) breaks 9x1 + 5x2 <= 45).
    @Test(arguments: [true, false])
    func telfaIntegerOptimum(presolve: Bool) throws {
        let program = try LinearProgram(name: "telfa")
        program.direction = .maximize
        let x1 = try program.addColumn(objective: 8)
        let x2 = try program.addColumn(objective: 5)
        try program.setKind(column: x1, .integer)
        try program.setKind(column: x2, .integer)
        try program.addRow(.upper(6))
        try program.addRow(.upper(45))
        try program.setMatrix(entries: [(0, x1, 1), (0, x2, 1), (1, x1, 9), (1, x2, 5)])
        let result = try program.solveInteger(IntegerOptions(presolve: presolve))
        #expect(result.status == .optimal)
        #expect(result.returnCode == nil)
        #expect(abs(try #require(result.objective) - 40) < 1e-9)
        #expect(result.bestBound == result.objective && result.relativeGap == 0)
        let values = try program.integerColumnValues()
        #expect(abs(values[0] - 5) < 1e-9 && abs(values[1]) < 1e-9)
        #expect(try program.kind(column: x1) == .integer)
    }

    /// Rosetta Code, "Knapsack problem/0-1": 22 items, capacity 400 dag; the optimum value is 1030
    /// (weight 396). The test checks GLPK against a dynamic programme over capacities as well.
    static let knapsackWeights = [9, 13, 153, 50, 15, 68, 27, 39, 23, 52, 11, 32, 24, 48, 73, 42, 43, 22, 7, 18, 4, 30]
    static let knapsackValues = [
        150, 35, 200, 160, 60, 45, 60, 40, 30, 10, 70, 30, 15, 10, 40, 70, 75, 80, 20, 12, 50, 10,
    ]
    static let knapsackCapacity = 400

    static func knapsack() throws -> LinearProgram {
        let program = try LinearProgram(name: "knapsack")
        program.direction = .maximize
        let items = try program.addColumns(count: knapsackWeights.count)
        for item in items {
            try program.setObjective(column: item, coefficient: Double(knapsackValues[item]))
            try program.setKind(column: item, .binary)
        }
        let row = try program.addRow(.upper(Double(knapsackCapacity)))
        try program.setMatrix(entries: items.map { (row, $0, Double(knapsackWeights[$0])) })
        return program
    }

    static func knapsackByDynamicProgramming() -> Int {
        var best = [Int](repeating: 0, count: knapsackCapacity + 1)
        for (weight, value) in zip(knapsackWeights, knapsackValues) {
            for capacity in stride(from: knapsackCapacity, through: weight, by: -1) {
                best[capacity] = max(best[capacity], best[capacity - weight] + value)
            }
        }
        return best[knapsackCapacity]
    }

    @Test(arguments: [true, false])
    func knapsackOptimum(presolve: Bool) throws {
        #expect(Self.knapsackByDynamicProgramming() == 1030)
        let program = try Self.knapsack()
        let result = try program.solveInteger(IntegerOptions(presolve: presolve))
        #expect(result.status == .optimal)
        #expect(abs(try #require(result.objective) - 1030) < 1e-9)
        let values = try program.integerColumnValues()
        var weight = 0
        var value = 0
        for (item, taken) in values.enumerated() {
            #expect(abs(taken) < 1e-9 || abs(taken - 1) < 1e-9)
            if taken > 0.5 {
                weight += Self.knapsackWeights[item]
                value += Self.knapsackValues[item]
            }
        }
        #expect(value == 1030 && weight <= 400)
    }

    /// A 50% gap tolerance may stop the search early; whatever GLPK returns must bracket the optimum.
    @Test(arguments: [true, false])
    func gapToleranceBracketsTheOptimum(presolve: Bool) throws {
        let program = try Self.knapsack()
        let result = try program.solveInteger(IntegerOptions(relativeGapTolerance: 0.5, presolve: presolve))
        let objective = try #require(result.objective)
        let bound = try #require(result.bestBound)
        let gap = try #require(result.relativeGap)
        #expect(objective <= 1030 + 1e-9 && bound >= 1030 - 1e-9)
        #expect(gap >= 0 && gap <= 0.5)
        if result.status == .feasible {
            #expect(result.returnCode == .mipGapToleranceReached)
            #expect(abs(gap - IntegerSolveResult.relativeGap(objective: objective, bound: bound)) < 1e-12)
        } else {
            #expect(result.status == .optimal && objective == 1030)
        }
    }

    /// A fixed-charge (mixed) problem: min 10y1 + 12y2 + x1 + 2x2 s.t. x1 + x2 = 5, x1 <= 3y1,
    /// x2 <= 5y2, y binary, x continuous. Warehouse 1 alone cannot serve 5, so: y2 only costs
    /// 12 + 10 = 22; both cost 22 + 3 + 4 = 29. Optimum 22 at y = (0, 1), x = (0, 5). The LP relaxation
    /// prices x1 at 1 + 10/3 and x2 at 2 + 12/5 per unit, so it ships 3 + 2 for 21.8 < 22.
    @Test(arguments: [true, false])
    func fixedChargeMixedProblem(presolve: Bool) throws {
        let program = try LinearProgram()
        let y1 = try program.addColumn(objective: 10)
        let y2 = try program.addColumn(objective: 12)
        let x1 = try program.addColumn(objective: 1)
        let x2 = try program.addColumn(objective: 2)
        try program.setKind(column: y1, .binary)
        try program.setKind(column: y2, .binary)
        let demand = try program.addRow(.fixed(5))
        let link1 = try program.addRow(.upper(0))
        let link2 = try program.addRow(.upper(0))
        try program.setMatrix(entries: [
            (demand, x1, 1), (demand, x2, 1), (link1, x1, 1), (link1, y1, -3), (link2, x2, 1), (link2, y2, -5),
        ])
        let relaxation = try program.solveSimplex(SimplexOptions(presolve: false))
        #expect(abs(relaxation.objective - 21.8) < 1e-9)
        let result = try program.solveInteger(IntegerOptions(presolve: presolve))
        #expect(result.status == .optimal)
        #expect(abs(try #require(result.objective) - 22) < 1e-9)
        let values = try program.integerColumnValues()
        for (value, expected) in zip(values, [0.0, 1, 0, 5]) { #expect(abs(value - expected) < 1e-9) }
        #expect(try program.kind(column: x1) == .continuous)
    }

    /// 2x + 2y = 3 has real solutions but no integer one (the left side is even).
    @Test(arguments: [true, false])
    func infeasibleIntegerProgram(presolve: Bool) throws {
        let program = try LinearProgram()
        try program.addColumns(count: 2, bounds: .range(0, 5), objective: 1)
        try program.setKind(column: 0, .integer)
        try program.setKind(column: 1, .integer)
        try program.addRow(.fixed(3))
        try program.setMatrix(entries: [(0, 0, 2), (0, 1, 2)])
        let result = try program.solveInteger(IntegerOptions(presolve: presolve))
        #expect(result.status == .infeasible)
        #expect(result.objective == nil && result.relativeGap == nil)
        if presolve {
            #expect(result.returnCode == nil || result.returnCode == .noPrimalFeasibleSolution)
        } else {
            #expect(result.returnCode == nil)
        }
        #expect { try program.integerColumnValues() } throws: { error in
            (error as? GLPKError)?.code == .noSolution
        }
    }

    /// x + y <= 1 and x + y >= 3: even the LP relaxation is infeasible.
    @Test(arguments: [true, false])
    func infeasibleRelaxation(presolve: Bool) throws {
        let program = try LinearProgram()
        try program.addColumns(count: 2, objective: 1)
        try program.setKind(column: 0, .integer)
        try program.addRow(.upper(1))
        try program.addRow(.lower(3))
        try program.setMatrix(entries: [(0, 0, 1), (0, 1, 1), (1, 0, 1), (1, 1, 1)])
        let result = try program.solveInteger(IntegerOptions(presolve: presolve))
        #expect(result.status == .infeasible)
        #expect(result.returnCode == (presolve ? .noPrimalFeasibleSolution : nil))
    }

    /// max x s.t. x - y <= 1, x, y integer >= 0 grows without bound along x = y + 1.
    @Test(arguments: [true, false])
    func unboundedRelaxation(presolve: Bool) throws {
        let program = try LinearProgram()
        program.direction = .maximize
        try program.addColumn(objective: 1)
        try program.addColumn()
        try program.setKind(column: 0, .integer)
        try program.setKind(column: 1, .integer)
        try program.addRow(.upper(1))
        try program.setMatrix(entries: [(0, 0, 1), (0, 1, -1)])
        let result = try program.solveInteger(IntegerOptions(presolve: presolve))
        #expect(result.status == .unbounded)
        #expect(result.returnCode == (presolve ? .noDualFeasibleSolution : nil))
    }

    /// `.binary` sets the bounds to 0...1; GLPK reports an integer column bounded by 0...1 as binary.
    /// max 3a + 2b + 4c + 10d s.t. a + b + c <= 2, d <= 0.5 (row): binaries give a = c = 1, d = 0, 7.
    @Test func binaryColumnsHaveUnitBounds() throws {
        let program = try LinearProgram()
        program.direction = .maximize
        let columns = try program.addColumns(count: 4)  // bounds 0 <= value, no upper bound
        for (column, cost) in zip(columns, [3.0, 2, 4, 10]) {
            try program.setObjective(column: column, coefficient: cost)
            try program.setKind(column: column, .binary)
            #expect(try program.kind(column: column) == .binary)
        }
        try program.addRow(.upper(2))
        try program.addRow(.upper(0.5))
        try program.setMatrix(entries: [(0, 0, 1), (0, 1, 1), (0, 2, 1), (1, 3, 1)])
        let result = try program.solveInteger()
        #expect(result.status == .optimal && result.objective == 7)
        #expect(try program.integerColumnValues() == [1, 0, 1, 0])

        try program.setBounds(column: 3, .range(0, 3))
        #expect(try program.kind(column: 3) == .integer)
        try program.setKind(column: 3, .continuous)
        try program.setBounds(column: 3, .range(0, 1))
        #expect(try program.kind(column: 3) == .continuous)
        try program.setKind(column: 3, .integer)
        #expect(try program.kind(column: 3) == .binary)
    }

    @Test func fractionalBoundOnIntegerColumnThrowsEBOUND() throws {
        let program = try LinearProgram()
        try program.addColumn(bounds: .range(0, 2.5), objective: -1)
        try program.setKind(column: 0, .integer)
        try program.addRow(.upper(10))
        try program.setMatrix(entries: [(0, 0, 1)])
        for presolve in [true, false] {
            #expect {
                try program.solveInteger(IntegerOptions(presolve: presolve))
            } throws: { error in
                let error = try #require(error as? GLPKError)
                return error.code == .invalidBounds && error.description.contains("GLP_EBOUND")
            }
        }
    }

    @Test func invalidGapToleranceAndColumnAreRejected() throws {
        let program = try LinearProgram()
        try program.addColumn()
        #expect { try program.solveInteger(IntegerOptions(relativeGapTolerance: -0.1)) } throws: { error in
            (error as? GLPKError)?.code == .invalidInput
        }
        #expect { try program.setKind(column: 1, .integer) } throws: { error in
            (error as? GLPKError)?.code == .invalidInput
        }
        #expect { try program.integerColumnValues() } throws: { error in (error as? GLPKError)?.code == .noSolution }
    }
}
