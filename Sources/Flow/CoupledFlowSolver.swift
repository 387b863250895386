/// Exact, integral solution of a `CoupledFlowProblem` by Dantzig-Wolfe decomposition (Dantzig and
/// Wolfe, "Decomposition principle for linear programs", Operations Research 8, 1960) with one
/// convexity constraint per component, the master LP solved by GLPK (`DantzigWolfeMaster`) and the
/// pricing subproblems by `ComponentFlowSolver` on `workers` threads (`ComponentPricing`).
///
/// 1. Price every component at prices 0. If no coupling row is exceeded, these flows are optimal (each
///    is optimal alone and together they are feasible) and GLPK is not called.
/// 2. Column generation. Each round solves the master, reads lambda_k >= 0 of every coupling row, and
///    prices the components at lambda; a component's flow x enters as a column when its reduced cost
///    pricedCost(x, lambda) - min_j pricedCost(x_cj, lambda) is below -1e-9 x max(1, |min_j ...|).
///    For a fixed optimal lambda the best convexity dual is sigma_c = min_j pricedCost(x_cj, lambda),
///    so this is the textbook reduced cost cost + lambda.usage - sigma_c. When no column prices out,
///    the master optimum equals the LP optimum of the whole problem: each component's flow polytope is
///    the convex hull of its integral extreme points (prices are >= 0 and no uncapacitated cycle has
///    negative cost, so no ray improves), and (lambda, sigma) is a feasible dual with the same value.
///    `CoupledFlowSolution.couplingPrices` is that lambda.
/// 3. Why not the plain scheme. Started from prices 0, the first masters swing lambda far past its
///    optimum, almost every component collects columns, and GLPK's simplex then pivots once per
///    component that changes (measured: 36 s of master time on 20,000 components, 12 coupling rows). So:
///    - Coarse-to-fine prices: columns are first generated for every 64th, then every 8th component
///      (capacities scaled by each sample's share of the units used at prices 0), starting from
///      prices 0 with each blocking component's optimum without coupled arcs, which makes that small
///      master feasible. Each coarser level only estimates lambda (it stops at a 0.1% gap).
///    - Boxstep stabilisation at the finer levels (see `DantzigWolfeMaster`): the master's lambda is
///      kept within a box around the best prices so far, widened where it binds. Only components whose
///      choice changes inside the box get a second column; the others stay constants outside the LP.
///      The last level is the whole problem and stops only when no box artificial is used (then
///      lambda is an optimal dual of the unstabilised master) and no column prices out: exact.
///    - One master LP per level, kept in GLPK between rounds: entering columns are added at 0 to the
///      last optimal basis, so the simplex goes on from the previous optimum (see
///      `DantzigWolfeMaster`); columns that cannot become optimal inside the box are dropped when a
///      level starts (column deletion keeps column generation exact: the final pricing of every
///      component is the proof).
///    - A component whose old flow is still optimal at the new prices is not solved again: correcting
///      its old potentials proves it in a few label updates (`ComponentPricing`).
/// 4. Recovery (`PrimalRecovery`): a component with a master weight of 1 on one column takes that
///    column's integral flow; the few that mix columns (at most one per coupling row in a basis) are
///    solved together by GLPK as one LP, restricted to the arcs their mixed columns use, with the
///    capacity the others leave. The convex mix is feasible for that LP, so its optimum is no worse
///    than the master's, which is the LP bound: the result is optimal. See `PrimalRecovery` for why it
///    is integral when the coupled matrix is totally unimodular (and why it throws instead of rounding
///    otherwise).
///
/// Deterministic: every step iterates in index order and pricing results land in per-index slots, so
/// the same problem gives the same flows whatever the number of workers or thread timing.
public enum CoupledFlowSolver {
    /// - Parameter workers: threads for the pricing subproblems (GLPK runs on the calling thread only).
    /// - Throws: `FlowError` on invalid input (before any solver runs), an infeasible component,
    ///   a non-optimal GLPK status, a fractional recovery vertex, or no convergence
    ///   within `DecompositionRun.roundLimit` rounds.
    public static func solve(_ problem: CoupledFlowProblem, workers: Int) throws -> CoupledFlowSolution {
        try solve(problem, workers: workers, smallestLevel: DecompositionRun.defaultSmallestLevel)
    }

    /// `solve` with the size of the smallest sampled level (tests use small values to reach the
    /// coarse-to-fine path on small instances).
    static func solve(_ problem: CoupledFlowProblem, workers: Int, smallestLevel: Int) throws -> CoupledFlowSolution {
        try FlowValidation.validate(problem)
        var run = DecompositionRun(problem: problem, workers: max(1, workers), smallestLevel: smallestLevel)
        return try run.solve()
    }
}
