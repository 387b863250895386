internal import CGLPK

extension LinearProgram {
    // MARK: Column kinds

    /// Sets the kind of a column (`glp_set_col_kind`). `.binary` also sets its bounds to 0...1; later
    /// `setBounds` calls change them again (and the column is then an integer column).
    public func setKind(column: Int, _ kind: ColumnKind) throws {
        try checkThread()
        try checkColumn(column)
        let cKind: Int32
        switch kind {
        case .continuous: cKind = GLP_CV
        case .integer: cKind = GLP_IV
        case .binary: cKind = GLP_BV
        }
        glp_set_col_kind(problem, Int32(column + 1), cKind)
    }

    /// The kind of a column (`glp_get_col_kind`): an integer column bounded by exactly 0...1 is binary.
    public func kind(column: Int) throws -> ColumnKind {
        try checkThread()
        try checkColumn(column)
        switch glp_get_col_kind(problem, Int32(column + 1)) {
        case GLP_IV: return .integer
        case GLP_BV: return .binary
        default: return .continuous
        }
    }

    // MARK: Solving

    /// Solves the mixed-integer program with GLPK's branch-and-cut (`glp_intopt`), quietly.
    ///
    /// With `presolve` off the LP relaxation is solved first with the primal simplex (no LP presolver),
    /// as `glp_intopt` requires an optimal basis; its optimum is the first bound. A callback records the
    /// best open node's bound (`glp_ios_best_node`, `glp_ios_node_bound`) each time GLPK calls it; the
    /// context reaches the C callback through `cb_info`. An `initialSolution` is checked, then offered at
    /// the first GLP_IHEUR callback (none comes when the root relaxation is already integral). GLPK
    /// applies the time limit to the LP relaxation and again to the search when the presolver is on, so
    /// wall-clock time can reach
    /// about twice the limit; with the presolver off the search gets what the relaxation left.
    ///
    /// Outcomes that describe the problem are results (see `IntegerSolutionStatus`, with GLPK's code
    /// in `returnCode`): GLP_ETMLIM, GLP_EMIPGAP and GLP_ESTOP give `feasible` or
    /// `noFeasibleSolutionFound`; GLP_ENOPFS gives `infeasible`; GLP_ENODFS is settled by solving the
    /// relaxation without the presolver (`infeasible` or `unbounded`). GLP_EBOUND (a double bound
    /// with lower >= upper, or a fractional bound on an integer column), GLP_EROOT, GLP_EFAIL and any
    /// other code throw a `GLPKError` carrying that code.
    public func solveInteger(_ options: IntegerOptions = IntegerOptions()) throws -> IntegerSolveResult {
        try checkThread()
        guard options.relativeGapTolerance.isFinite, options.relativeGapTolerance >= 0 else {
            throw GLPKError.invalidInput("relative MIP gap tolerance \(options.relativeGapTolerance) is not >= 0")
        }
        if let initialSolution = options.initialSolution {
            guard !options.presolve else {
                throw GLPKError.invalidInput("an initial solution needs the MIP presolver off")
            }
            try checkFeasible(initialSolution)
        }
        glp_term_out(GLP_OFF)
        let clock = ContinuousClock()
        let start = clock.now
        let observer = BranchAndBoundObserver(
            minimizing: direction == .minimize,
            initialSolution: options.initialSolution.map { [0] + $0 }
        )

        if !options.presolve {
            let relaxation = SimplexOptions(
                method: .primal,
                presolve: false,
                timeLimitMilliseconds: options.timeLimitMilliseconds
            )
            let code = runSimplex(relaxation)
            if code == GLP_ETMLIM {
                return IntegerSolveResult(
                    status: .noFeasibleSolutionFound,
                    objective: nil,
                    bestBound: nil,
                    relativeGap: nil,
                    returnCode: .timeLimitExceeded
                )
            }
            guard code == 0 else {
                throw GLPKError(
                    code: GLPKError.Code(rawValue: code),
                    message: "glp_simplex on the LP relaxation returned \(GLPKError.Code(rawValue: code).name)"
                )
            }
            switch currentStatus() {
            case .optimal: observer.record(glp_get_obj_val(problem))
            case .noFeasible: return Self.withoutIncumbent(.infeasible, returnCode: nil)
            case .unbounded: return Self.withoutIncumbent(.unbounded, returnCode: nil)
            case let other:
                throw GLPKError(code: .noSolution, message: "the LP relaxation ended with status \(other.rawValue)")
            }
        }

        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        parameters.presolve = options.presolve ? GLP_ON : GLP_OFF
        parameters.mip_gap = options.relativeGapTolerance
        if let limit = options.timeLimitMilliseconds {
            let elapsed = start.duration(to: clock.now).components
            let usedMilliseconds = Int(elapsed.seconds) * 1000 + Int(elapsed.attoseconds / 1_000_000_000_000_000)
            parameters.tm_lim = Int32(clamping: max(0, limit - (options.presolve ? 0 : usedMilliseconds)))
        }
        // A C function pointer: no captures; the observer comes back through `info`.
        parameters.cb_func = { tree, info in
            guard let tree, let info else { return }
            let observer = Unmanaged<BranchAndBoundObserver>.fromOpaque(info).takeUnretainedValue()
            let node = glp_ios_best_node(tree)
            if node != 0 { observer.record(glp_ios_node_bound(tree, node)) }
            if glp_ios_reason(tree) == GLP_IHEUR, let solution = observer.takeInitialSolution() {
                _ = glp_ios_heur_sol(tree, solution)  // non-zero: not better than the incumbent; fine
            }
        }
        let code = withExtendedLifetime(observer) {
            parameters.cb_info = Unmanaged.passUnretained(observer).toOpaque()
            return glp_intopt(problem, &parameters)
        }
        return try integerOutcome(code: code, observer: observer)
    }

    /// Values of all columns in the integer incumbent (`glp_mip_col_val`), index = column.
    /// Throws `noSolution` unless the last `solveInteger` left an incumbent (optimal or feasible).
    public func integerColumnValues() throws -> [Double] {
        try checkThread()
        let status = glp_mip_status(problem)
        guard status == GLP_OPT || status == GLP_FEAS else {
            throw GLPKError(code: .noSolution, message: "there is no integer incumbent (glp_mip_status \(status))")
        }
        return (0..<columnCount).map { glp_mip_col_val(problem, Int32($0 + 1)) }
    }

    // MARK: Private

    /// Bounds and integrality exactly (GLPK rejects a fractional integer value), row activities to 1e-9
    /// relative, computed column by column from `glp_get_mat_col`.
    private func checkFeasible(_ solution: [Double]) throws {
        guard solution.count == columnCount else {
            throw GLPKError.invalidInput("initial solution has \(solution.count) values for \(columnCount) columns")
        }
        var activities = [Double](repeating: 0, count: rowCount + 1)
        var rowIndices = [Int32](repeating: 0, count: rowCount + 1)
        var values = [Double](repeating: 0, count: rowCount + 1)
        for (column, value) in solution.enumerated() {
            let j = Int32(column + 1)
            let type = glp_get_col_type(problem, j)
            let lower = glp_get_col_lb(problem, j)
            let upper = glp_get_col_ub(problem, j)
            let integral = glp_get_col_kind(problem, j) != GLP_CV
            guard value.isFinite, !integral || value == value.rounded(),
                !Self.hasLower(type) || value >= lower, !Self.hasUpper(type) || value <= upper
            else {
                throw GLPKError.invalidInput("initial solution: column \(column) = \(value) breaks its bounds or kind")
            }
            let count = Int(glp_get_mat_col(problem, j, &rowIndices, &values))
            for entry in stride(from: 1, through: count, by: 1) {
                activities[Int(rowIndices[entry])] += values[entry] * value
            }
        }
        for row in 0..<rowCount {
            let i = Int32(row + 1)
            let type = glp_get_row_type(problem, i)
            let activity = activities[row + 1]
            let lower = glp_get_row_lb(problem, i)
            let upper = glp_get_row_ub(problem, i)
            guard !Self.hasLower(type) || activity >= lower - 1e-9 * (1 + abs(lower)),
                !Self.hasUpper(type) || activity <= upper + 1e-9 * (1 + abs(upper))
            else {
                throw GLPKError.invalidInput("initial solution: row \(row) has activity \(activity) outside its bounds")
            }
        }
    }

    private static func hasLower(_ type: Int32) -> Bool { type == GLP_LO || type == GLP_DB || type == GLP_FX }
    private static func hasUpper(_ type: Int32) -> Bool { type == GLP_UP || type == GLP_DB || type == GLP_FX }

    private func integerOutcome(code: Int32, observer: BranchAndBoundObserver) throws -> IntegerSolveResult {
        let mipStatus = glp_mip_status(problem)
        switch code {
        case 0:
            if mipStatus == GLP_OPT {
                let objective = glp_mip_obj_val(problem)
                return IntegerSolveResult(
                    status: .optimal,
                    objective: objective,
                    bestBound: objective,
                    relativeGap: 0,
                    returnCode: nil
                )
            }
            if mipStatus == GLP_NOFEAS { return Self.withoutIncumbent(.infeasible, returnCode: nil) }
            throw GLPKError(code: .noSolution, message: "glp_intopt returned 0 with glp_mip_status \(mipStatus)")
        case GLP_ETMLIM, GLP_EMIPGAP, GLP_ESTOP:
            let returnCode = GLPKError.Code(rawValue: code)
            guard mipStatus == GLP_FEAS || mipStatus == GLP_OPT else {
                return IntegerSolveResult(
                    status: .noFeasibleSolutionFound,
                    objective: nil,
                    bestBound: observer.bound,
                    relativeGap: nil,
                    returnCode: returnCode
                )
            }
            let objective = glp_mip_obj_val(problem)
            // GLPK prunes within tol_obj, so a node bound may pass the incumbent by a hair: clamp it.
            let bound = observer.bound.map { observer.minimizing ? min($0, objective) : max($0, objective) }
            return IntegerSolveResult(
                status: .feasible,
                objective: objective,
                bestBound: bound,
                relativeGap: bound.map { IntegerSolveResult.relativeGap(objective: objective, bound: $0) },
                returnCode: returnCode
            )
        case GLP_ENOPFS:
            return Self.withoutIncumbent(.infeasible, returnCode: .noPrimalFeasibleSolution)
        case GLP_ENODFS:
            // The presolver proved the relaxation dual infeasible: primal unbounded or infeasible.
            glp_std_basis(problem)
            let again = runSimplex(SimplexOptions(method: .primal, presolve: false))
            if again == 0 {
                switch currentStatus() {
                case .noFeasible: return Self.withoutIncumbent(.infeasible, returnCode: .noDualFeasibleSolution)
                case .unbounded: return Self.withoutIncumbent(.unbounded, returnCode: .noDualFeasibleSolution)
                default: break
                }
            }
            throw GLPKError(
                code: .noDualFeasibleSolution,
                message:
                    "glp_intopt: the LP relaxation has no dual feasible solution, and re-solving it did not settle why"
            )
        default:
            throw GLPKError(code: GLPKError.Code(rawValue: code), message: Self.integerMessage(code))
        }
    }

    private static func withoutIncumbent(
        _ status: IntegerSolutionStatus,
        returnCode: GLPKError.Code?
    ) -> IntegerSolveResult {
        IntegerSolveResult(status: status, objective: nil, bestBound: nil, relativeGap: nil, returnCode: returnCode)
    }

    private static func integerMessage(_ code: Int32) -> String {
        switch code {
        case GLP_EBOUND:
            return "glp_intopt: a double-bounded row or column has lower >= upper, or an integer column has a "
                + "fractional bound"
        case GLP_EROOT: return "glp_intopt: the optimal basis of the LP relaxation was not provided"
        case GLP_EFAIL: return "glp_intopt: the search stopped because the solver failed"
        default: return "glp_intopt returned \(GLPKError.Code(rawValue: code).name)"
        }
    }
}

/// Receives GLPK's branch-and-bound callback (through `cb_info`): keeps the tightest global bound seen
/// (each best-node bound is a valid bound on the optimum when read, so the tightest of them is too) and
/// holds the caller's initial solution until the first heuristic callback.
private final class BranchAndBoundObserver {
    let minimizing: Bool
    private(set) var bound: Double?
    /// 1-based (index 0 unused), as `glp_ios_heur_sol` reads it; handed over once.
    private var initialSolution: [Double]?

    init(minimizing: Bool, initialSolution: [Double]?) {
        self.minimizing = minimizing
        self.initialSolution = initialSolution
    }

    func takeInitialSolution() -> [Double]? {
        defer { initialSolution = nil }
        return initialSolution
    }

    /// Ignores GLPK's "no bound yet" (-DBL_MAX for minimisation, +DBL_MAX for maximisation).
    func record(_ value: Double) {
        guard value.isFinite, abs(value) < Double.greatestFiniteMagnitude else { return }
        if let current = bound {
            bound = minimizing ? max(current, value) : min(current, value)
        } else {
            bound = value
        }
    }
}
