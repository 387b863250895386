import GLPK
import Testing

/// `setColumnEntries` / `setRowEntries`: a column generation master adds columns and rows to a solved
/// problem and solves on.
@Suite("LinearProgram: entries of one column or row")
struct VectorEntryTests {
    /// The GLPK manual's example (optimum 2200/3) plus a column x4 with profit 20 and coefficients
    /// (1, 10, 2) added after the first solve: x4 is x1 with twice the profit, 2 per unit of row q against
    /// x2's 1.5, so the optimum is x4 = 60 alone (q binds), 1200. A row x4 <= 10 added then must give what
    /// the same LP built in one go with x4 <= 10 gives.
    @Test func addedColumnAndRowChangeTheOptimumAsAFreshBuildDoes() throws {
        let program = try LinearProgramSolveTests.manualExample()
        #expect(abs(try program.solveSimplex().objective - 2200.0 / 3) < 1e-9)
        let x4 = try program.addColumn(bounds: .nonNegative, objective: 20)
        try program.setColumnEntries(x4, [(0, 1), (1, 10), (2, 2)])
        let warm = try program.solveSimplex(SimplexOptions(method: .primal, presolve: false))
        #expect(warm.status == .optimal)
        #expect(abs(warm.objective - 1200) < 1e-9)
        #expect(abs(try program.columnValue(x4) - 60) < 1e-9)
        let cap = try program.addRow(.upper(10))
        try program.setRowEntries(cap, [(x4, 1)])
        let capped = try program.solveSimplex(SimplexOptions(method: .primal, presolve: false))

        let fresh = try LinearProgramSolveTests.manualExample()
        let y4 = try fresh.addColumn(bounds: .range(0, 10), objective: 20)
        try fresh.setColumnEntries(y4, [(0, 1), (1, 10), (2, 2)])
        let reference = try fresh.solveSimplex()
        #expect(capped.status == .optimal && reference.status == .optimal)
        #expect(abs(capped.objective - reference.objective) < 1e-9)
        #expect(abs(try program.columnValue(x4) - 10) < 1e-9)
    }

    @Test func badVectorsAreRefusedBeforeGLPK() throws {
        let program = try LinearProgramSolveTests.manualExample()
        #expect(throws: GLPKError.self) { try program.setColumnEntries(0, [(0, 1), (0, 2)]) }
        #expect(throws: GLPKError.self) { try program.setColumnEntries(0, [(3, 1)]) }
        #expect(throws: GLPKError.self) { try program.setColumnEntries(5, [(0, 1)]) }
        #expect(throws: GLPKError.self) { try program.setRowEntries(0, [(1, .nan)]) }
        #expect(throws: GLPKError.self) { try program.setRowEntries(3, [(1, 1)]) }
        #expect(throws: GLPKError.self) { try program.setRowEntries(0, [(-1, 1)]) }
    }
}
