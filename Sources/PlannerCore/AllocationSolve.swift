/// Which path solved an allocation (stored as `allocation_solves.solver_path`; the database's CHECK is
/// built from these raw values, see Storage's allocation-model migration).
public enum AllocationSolverPath: String, Sendable, Equatable, CaseIterable {
    /// The whole model as one GLPK linear program (branch and bound where a vertex is fractional).
    case linearProgram = "lp"
    /// The SKU decomposition: Dantzig-Wolfe over the capacity rows, SKU networks priced exactly.
    case decomposition
    /// The decomposition met a fractional recovery it cannot branch on (possible over several days), so
    /// the whole model went to GLPK instead.
    case linearProgramAfterDecomposition = "lp_after_decomposition"
    /// The split-shipment MIP (one day, small runs).
    case integer
}

/// How good the plan of an allocation is (`allocation_solves.status`).
public enum AllocationSolveStatus: String, Sendable, Equatable, CaseIterable {
    /// Proven optimal.
    case optimal
    /// A plan within the reported MIP gap: the split-shipment search stopped at its time limit.
    case feasible
}
