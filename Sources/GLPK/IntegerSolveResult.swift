/// Kind of a structural variable (`glp_set_col_kind`).
public enum ColumnKind: String, Sendable, Equatable {
    /// GLP_CV: any real value within the bounds.
    case continuous
    /// GLP_IV: an integer within the bounds (the bounds must be integral).
    case integer
    /// GLP_BV: 0 or 1. Setting it also sets the bounds to 0...1; GLPK reports any integer column
    /// bounded by exactly 0...1 as binary.
    case binary
}

/// Outcome of `glp_intopt`, as the wrapper classifies it.
public enum IntegerSolutionStatus: String, Sendable, Equatable {
    /// The incumbent is optimal (GLP_OPT), up to GLPK's tolerances (`tol_obj` 1e-7 relative).
    case optimal
    /// The search stopped early (time limit, MIP gap tolerance) with an integer feasible incumbent
    /// (GLP_FEAS); `returnCode` says why, `relativeGap` how far from proven optimal.
    case feasible
    /// The search stopped early (time limit) before finding any integer feasible solution. Not a
    /// proof that none exists.
    case noFeasibleSolutionFound
    /// Proven: no integer feasible solution exists (GLP_NOFEAS, or an infeasible LP relaxation).
    case infeasible
    /// The LP relaxation is unbounded: the MIP is unbounded or has no integer feasible solution.
    case unbounded
}

/// Options of `glp_intopt` (`glp_iocp`) that callers may change; messages are always off
/// (`msg_lev` GLP_MSG_OFF and `glp_term_out(GLP_OFF)` on the calling thread).
public struct IntegerOptions: Sendable, Equatable {
    /// Wall-clock limit in milliseconds for the whole solve (LP relaxation and branch-and-bound);
    /// nil means none. Negative values count as 0.
    public var timeLimitMilliseconds: Int?
    /// Stop once |incumbent - best bound| / (|incumbent| + DBL_EPSILON) <= this (`mip_gap`); 0 proves
    /// optimality. Must be finite and >= 0.
    public var relativeGapTolerance: Double
    /// Run GLPK's MIP presolver (`presolve` GLP_ON). Off: the wrapper first solves the LP relaxation
    /// with `glp_simplex`, as `glp_intopt` then requires.
    public var presolve: Bool
    /// A known integer feasible solution (one value per column), offered to GLPK as its first incumbent
    /// at the first heuristic callback (`glp_ios_heur_sol`), so the search starts pruning from it. Needs
    /// `presolve` off (the presolver renumbers columns). GLPK does not check it, so the wrapper does:
    /// bounds and integrality exactly, rows to 1e-9 relative; a violation throws `invalidInput`.
    public var initialSolution: [Double]?

    public init(
        timeLimitMilliseconds: Int? = nil,
        relativeGapTolerance: Double = 0,
        presolve: Bool = true,
        initialSolution: [Double]? = nil
    ) {
        self.timeLimitMilliseconds = timeLimitMilliseconds
        self.relativeGapTolerance = relativeGapTolerance
        self.presolve = presolve
        self.initialSolution = initialSolution
    }
}

/// Outcome of one `solveInteger` call. Read the incumbent with `LinearProgram.integerColumnValues()`.
public struct IntegerSolveResult: Sendable, Equatable {
    public var status: IntegerSolutionStatus
    /// Objective of the incumbent (`glp_mip_obj_val`); nil without one.
    public var objective: Double?
    /// A bound no integer solution beats (below for minimisation, above for maximisation): the best
    /// local bound among the open branch-and-bound nodes (`glp_ios_best_node`) last seen by the
    /// callback, or the LP relaxation optimum, whichever is tighter; equal to `objective` when
    /// optimal; nil when the search stopped before any bound was known.
    public var bestBound: Double?
    /// GLPK's relative gap |objective - bestBound| / (|objective| + DBL_EPSILON) (`glp_ios_mip_gap`);
    /// 0 when optimal, nil without an incumbent or a bound.
    public var relativeGap: Double?
    /// The non-zero GLPK return code behind the status (GLP_ETMLIM, GLP_EMIPGAP, GLP_ENOPFS, ...),
    /// kept for logs; nil when `glp_intopt` returned 0.
    public var returnCode: GLPKError.Code?

    public init(
        status: IntegerSolutionStatus,
        objective: Double?,
        bestBound: Double?,
        relativeGap: Double?,
        returnCode: GLPKError.Code?
    ) {
        self.status = status
        self.objective = objective
        self.bestBound = bestBound
        self.relativeGap = relativeGap
        self.returnCode = returnCode
    }

    /// GLPK's relative MIP gap formula (glpk.pdf, `glp_ios_mip_gap`), never negative.
    public static func relativeGap(objective: Double, bound: Double) -> Double {
        abs(objective - bound) / (abs(objective) + Double.ulpOfOne)
    }
}
