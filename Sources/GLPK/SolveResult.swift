/// Status of a basic solution, as `glp_get_status` reports it.
public enum SolutionStatus: String, Sendable, Equatable {
    /// GLP_OPT: optimal.
    case optimal
    /// GLP_FEAS: feasible, not proven optimal.
    case feasible
    /// GLP_INFEAS: the current basic solution is infeasible (not a proof that no solution exists).
    case infeasible
    /// GLP_NOFEAS: the problem has no feasible solution.
    case noFeasible
    /// GLP_UNBND: the objective is unbounded.
    case unbounded
    /// GLP_UNDEF: no solution.
    case undefined
}

/// Outcome of one simplex solve.
public struct SolveResult: Sendable, Equatable {
    public var status: SolutionStatus
    /// Objective value of the current basic solution (meaningful when `status` is optimal or feasible).
    public var objective: Double

    public init(status: SolutionStatus, objective: Double) {
        self.status = status
        self.objective = objective
    }
}

/// Options of `glp_simplex` (`glp_smcp`) that callers may change; messages are always off.
public struct SimplexOptions: Sendable, Equatable {
    public enum Method: Sendable, Equatable {
        /// GLP_PRIMAL: two-phase primal simplex.
        case primal
        /// GLP_DUAL: dual simplex.
        case dual
        /// GLP_DUALP: dual simplex, falling back to primal if it fails.
        case dualThenPrimal
    }

    public var method: Method
    /// Run GLPK's LP presolver first (GLP_ON).
    public var presolve: Bool
    /// Simplex iteration limit; nil means none.
    public var iterationLimit: Int?
    /// Time limit in milliseconds; nil means none.
    public var timeLimitMilliseconds: Int?

    public init(
        method: Method = .primal,
        presolve: Bool = true,
        iterationLimit: Int? = nil,
        timeLimitMilliseconds: Int? = nil
    ) {
        self.method = method
        self.presolve = presolve
        self.iterationLimit = iterationLimit
        self.timeLimitMilliseconds = timeLimitMilliseconds
    }
}
