internal import CGLPK

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A linear program held by GLPK (a `glp_prob`), with 0-based row and column indices.
///
/// The object owns the C problem and deletes it in `deinit`. Debian builds GLPK with thread-local
/// state, so a problem must stay on the thread that created it: the class is not `Sendable`, and
/// every throwing method throws `GLPKError.Code.wrongThread` when called from another thread. Do not
/// hold one across a suspension point. Every input is validated in Swift first, because GLPK aborts the whole
/// process on invalid input (a duplicate matrix entry, an index out of range, a name too long).
public final class LinearProgram {
    /// Whether the objective is minimised or maximised.
    public enum Direction: Sendable, Equatable {
        case minimize
        case maximize
    }

    /// The C problem; internal so the integer-solve extension (LinearProgram+Integer.swift) can use it.
    let problem: OpaquePointer
    private let creatingThread: pthread_t

    /// Number of columns (structural variables).
    public private(set) var columnCount = 0
    /// Number of rows (constraints).
    public private(set) var rowCount = 0

    /// Objective direction; minimise by default.
    public var direction: Direction = .minimize {
        didSet { glp_set_obj_dir(problem, direction == .minimize ? GLP_MIN : GLP_MAX) }
    }

    /// Creates an empty problem.
    /// - Parameter name: at most 255 bytes of UTF-8 without control characters (GLPK's limit).
    public init(name: String = "") throws {
        let bytes = Array(name.utf8)
        guard bytes.count <= 255 else { throw GLPKError.invalidInput("problem name is longer than 255 bytes") }
        guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
            throw GLPKError.invalidInput("problem name contains a control character")
        }
        guard let problem = glp_create_prob() else {
            throw GLPKError(code: .solverFailed, message: "glp_create_prob returned NULL")
        }
        self.problem = problem
        self.creatingThread = pthread_self()
        if !name.isEmpty { glp_set_prob_name(problem, name) }
        glp_set_obj_dir(problem, GLP_MIN)
    }

    deinit {
        // GLPK's memory bookkeeping is per thread: freeing from another thread would corrupt that
        // thread's allocation list. Leaking is the safe choice in that (misuse) case.
        if pthread_equal(pthread_self(), creatingThread) != 0 {
            glp_delete_prob(problem)
        }
    }

    // MARK: Building the model

    /// The constant term of the objective.
    public func setObjectiveConstant(_ value: Double) throws {
        try checkThread()
        guard value.isFinite else { throw GLPKError.invalidInput("objective constant \(value) is not finite") }
        glp_set_obj_coef(problem, 0, value)
    }

    /// Appends `count` columns with the same bounds and objective coefficient; returns their indices.
    @discardableResult
    public func addColumns(count: Int, bounds: Bounds = .nonNegative, objective: Double = 0) throws -> Range<Int> {
        try checkThread()
        guard count >= 0 else { throw GLPKError.invalidInput("column count \(count) is negative") }
        try Self.check(bounds, "column bounds")
        guard objective.isFinite else {
            throw GLPKError.invalidInput("objective coefficient \(objective) is not finite")
        }
        guard columnCount + count < Int(Int32.max) else { throw GLPKError.invalidInput("too many columns") }
        let first = columnCount
        guard count > 0 else { return first..<first }
        glp_add_cols(problem, Int32(count))
        columnCount += count
        for column in first..<columnCount {
            setColumnBoundsUnchecked(column, bounds)
            if objective != 0 { glp_set_obj_coef(problem, Int32(column + 1), objective) }
        }
        return first..<columnCount
    }

    /// Appends one column; returns its index.
    @discardableResult
    public func addColumn(bounds: Bounds = .nonNegative, objective: Double = 0) throws -> Int {
        try addColumns(count: 1, bounds: bounds, objective: objective).lowerBound
    }

    /// Sets the objective coefficient of a column.
    public func setObjective(column: Int, coefficient: Double) throws {
        try checkThread()
        try checkColumn(column)
        guard coefficient.isFinite else {
            throw GLPKError.invalidInput("objective coefficient \(coefficient) of column \(column) is not finite")
        }
        glp_set_obj_coef(problem, Int32(column + 1), coefficient)
    }

    /// Sets the bounds of a column.
    public func setBounds(column: Int, _ bounds: Bounds) throws {
        try checkThread()
        try checkColumn(column)
        try Self.check(bounds, "bounds of column \(column)")
        setColumnBoundsUnchecked(column, bounds)
    }

    /// Appends `count` rows with the same bounds; returns their indices.
    @discardableResult
    public func addRows(count: Int, bounds: Bounds) throws -> Range<Int> {
        try checkThread()
        guard count >= 0 else { throw GLPKError.invalidInput("row count \(count) is negative") }
        try Self.check(bounds, "row bounds")
        guard rowCount + count < Int(Int32.max) else { throw GLPKError.invalidInput("too many rows") }
        let first = rowCount
        guard count > 0 else { return first..<first }
        glp_add_rows(problem, Int32(count))
        rowCount += count
        for row in first..<rowCount {
            let (type, lower, upper) = Self.cBounds(bounds)
            glp_set_row_bnds(problem, Int32(row + 1), type, lower, upper)
        }
        return first..<rowCount
    }

    /// Appends one row (constraint) with the given bounds on its activity; returns its index.
    @discardableResult
    public func addRow(_ bounds: Bounds) throws -> Int {
        try addRows(count: 1, bounds: bounds).lowerBound
    }

    /// Replaces the whole constraint matrix with `entries` in one `glp_load_matrix` call.
    ///
    /// Throws `invalidInput` (and calls nothing in GLPK) when an index is out of range, a (row, column)
    /// pair appears twice, or a value is not finite. Zero values are allowed.
    public func setMatrix(entries: [(row: Int, column: Int, value: Double)]) throws {
        try checkThread()
        try MatrixValidation.validate(entries, rowCount: rowCount, columnCount: columnCount)
        let count = entries.count
        var rowIndices = [Int32](repeating: 0, count: count + 1)
        var columnIndices = [Int32](repeating: 0, count: count + 1)
        var values = [Double](repeating: 0, count: count + 1)
        for (offset, entry) in entries.enumerated() {
            rowIndices[offset + 1] = Int32(entry.row + 1)
            columnIndices[offset + 1] = Int32(entry.column + 1)
            values[offset + 1] = entry.value
        }
        glp_load_matrix(problem, Int32(count), rowIndices, columnIndices, values)
    }

    /// Replaces the entries of one column with `entries` (`glp_set_mat_col`), keeping the basis: a column
    /// generation master adds columns this way and solves on from its last basis.
    ///
    /// Throws `invalidInput` (and calls nothing in GLPK) on a column or row out of range, a row given
    /// twice, or a value that is not finite.
    public func setColumnEntries(_ column: Int, _ entries: [(row: Int, value: Double)]) throws {
        try checkThread()
        try checkColumn(column)
        let indices = try Self.checkedVector(entries.map { ($0.row, $0.value) }, count: rowCount, what: "row")
        let values = [0] + entries.map(\.value)
        glp_set_mat_col(problem, Int32(column + 1), Int32(entries.count), indices, values)
    }

    /// Replaces the entries of one row with `entries` (`glp_set_mat_row`), keeping the basis. Throws as
    /// `setColumnEntries`.
    public func setRowEntries(_ row: Int, _ entries: [(column: Int, value: Double)]) throws {
        try checkThread()
        guard (0..<rowCount).contains(row) else {
            throw GLPKError.invalidInput("row \(row) is out of range 0..<\(rowCount)")
        }
        let indices = try Self.checkedVector(entries.map { ($0.column, $0.value) }, count: columnCount, what: "column")
        let values = [0] + entries.map(\.value)
        glp_set_mat_row(problem, Int32(row + 1), Int32(entries.count), indices, values)
    }

    /// 1-based GLPK indices of a sparse vector, after checking range, duplicates and finiteness.
    private static func checkedVector(_ entries: [(Int, Double)], count: Int, what: String) throws -> [Int32] {
        var seen = Set<Int>()
        var indices: [Int32] = [0]
        indices.reserveCapacity(entries.count + 1)
        for (index, value) in entries {
            guard (0..<count).contains(index) else {
                throw GLPKError.invalidInput("\(what) \(index) is out of range 0..<\(count)")
            }
            guard seen.insert(index).inserted else { throw GLPKError.invalidInput("\(what) \(index) is given twice") }
            guard value.isFinite else {
                throw GLPKError.invalidInput("value \(value) at \(what) \(index) is not finite")
            }
            indices.append(Int32(index + 1))
        }
        return indices
    }

    // MARK: Solving

    /// Solves with `glp_simplex` (terminal output off on this thread, `msg_lev` GLP_MSG_OFF).
    ///
    /// A proven infeasible problem is a result, not an error: with the presolver on, GLPK's
    /// GLP_ENOPFS gives status `noFeasible`; GLP_ENODFS (primal unbounded or infeasible) is settled by
    /// solving again without the presolver. Every other non-zero return code throws a `GLPKError`.
    public func solveSimplex(_ options: SimplexOptions = SimplexOptions()) throws -> SolveResult {
        try checkThread()
        var returnCode = runSimplex(options)
        if returnCode == GLP_ENOPFS {
            return SolveResult(status: .noFeasible, objective: .nan)
        }
        if returnCode == GLP_ENODFS && options.presolve {
            var again = options
            again.presolve = false
            glp_std_basis(problem)
            returnCode = runSimplex(again)
        }
        guard returnCode == 0 else {
            throw GLPKError(code: GLPKError.Code(rawValue: returnCode), message: Self.simplexMessage(returnCode))
        }
        return SolveResult(status: currentStatus(), objective: glp_get_obj_val(problem))
    }

    // MARK: Reading the solution

    /// Primal values of all columns (`glp_get_col_prim`), index = column.
    public func columnValues() throws -> [Double] {
        try checkThread()
        return (0..<columnCount).map { glp_get_col_prim(problem, Int32($0 + 1)) }
    }

    /// Primal value of one column.
    public func columnValue(_ column: Int) throws -> Double {
        try checkThread()
        try checkColumn(column)
        return glp_get_col_prim(problem, Int32(column + 1))
    }

    /// Reduced costs of all columns (`glp_get_col_dual`), index = column.
    public func columnReducedCosts() throws -> [Double] {
        try checkThread()
        return (0..<columnCount).map { glp_get_col_dual(problem, Int32($0 + 1)) }
    }

    /// Activities of all rows (`glp_get_row_prim`), index = row.
    public func rowValues() throws -> [Double] {
        try checkThread()
        return (0..<rowCount).map { glp_get_row_prim(problem, Int32($0 + 1)) }
    }

    /// Dual values (shadow prices) of all rows (`glp_get_row_dual`), index = row.
    public func rowDuals() throws -> [Double] {
        try checkThread()
        return (0..<rowCount).map { glp_get_row_dual(problem, Int32($0 + 1)) }
    }

    // MARK: Helpers (internal ones are shared with LinearProgram+Integer.swift)

    func checkThread() throws {
        guard pthread_equal(pthread_self(), creatingThread) != 0 else {
            throw GLPKError(code: .wrongThread, message: "a GLPK problem must be used on the thread that created it")
        }
    }

    func checkColumn(_ column: Int) throws {
        guard (0..<columnCount).contains(column) else {
            throw GLPKError.invalidInput("column \(column) is out of range 0..<\(columnCount)")
        }
    }

    private static func check(_ bounds: Bounds, _ what: String) throws {
        if let failure = bounds.validationFailure() { throw GLPKError.invalidInput("\(what): \(failure)") }
    }

    private func setColumnBoundsUnchecked(_ column: Int, _ bounds: Bounds) {
        let (type, lower, upper) = Self.cBounds(bounds)
        glp_set_col_bnds(problem, Int32(column + 1), type, lower, upper)
    }

    private static func cBounds(_ bounds: Bounds) -> (type: Int32, lower: Double, upper: Double) {
        switch bounds {
        case .free: return (GLP_FR, 0, 0)
        case .lower(let value): return (GLP_LO, value, 0)
        case .upper(let value): return (GLP_UP, 0, value)
        case .range(let lower, let upper): return (GLP_DB, lower, upper)
        case .fixed(let value): return (GLP_FX, value, value)
        }
    }

    func runSimplex(_ options: SimplexOptions) -> Int32 {
        // Terminal output is thread-local in Debian's GLPK: silence it on this thread, every time.
        glp_term_out(GLP_OFF)
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        switch options.method {
        case .primal: parameters.meth = GLP_PRIMAL
        case .dual: parameters.meth = GLP_DUAL
        case .dualThenPrimal: parameters.meth = GLP_DUALP
        }
        parameters.presolve = options.presolve ? GLP_ON : GLP_OFF
        if let limit = options.iterationLimit { parameters.it_lim = Int32(clamping: max(0, limit)) }
        if let limit = options.timeLimitMilliseconds { parameters.tm_lim = Int32(clamping: max(0, limit)) }
        return glp_simplex(problem, &parameters)
    }

    func currentStatus() -> SolutionStatus {
        switch glp_get_status(problem) {
        case GLP_OPT: return .optimal
        case GLP_FEAS: return .feasible
        case GLP_INFEAS: return .infeasible
        case GLP_NOFEAS: return .noFeasible
        case GLP_UNBND: return .unbounded
        default: return .undefined
        }
    }

    private static func simplexMessage(_ code: Int32) -> String {
        switch code {
        case GLP_EBADB: return "glp_simplex: the initial basis is invalid"
        case GLP_ESING: return "glp_simplex: the basis matrix is singular"
        case GLP_ECOND: return "glp_simplex: the basis matrix is ill-conditioned"
        case GLP_EBOUND: return "glp_simplex: a double-bounded variable has incorrect bounds"
        case GLP_EFAIL: return "glp_simplex: the solver failed"
        case GLP_EOBJLL: return "glp_simplex: the objective lower limit was reached"
        case GLP_EOBJUL: return "glp_simplex: the objective upper limit was reached"
        case GLP_EITLIM: return "glp_simplex: the iteration limit was exceeded"
        case GLP_ETMLIM: return "glp_simplex: the time limit was exceeded"
        case GLP_ENODFS: return "glp_simplex: the problem has no dual feasible solution"
        default: return "glp_simplex returned \(code)"
        }
    }
}

/// Not `Sendable`: GLPK state is thread-local and a problem must stay on the thread that created it.
@available(*, unavailable)
extension LinearProgram: Sendable {}
