/// Turns the final Dantzig-Wolfe master into one integral, optimal flow per component.
///
/// A component whose master weights are 1 on one column (within 1e-9) takes that column: an integral
/// flow. The others ("mixed": a basic solution has at most one per coupling row, since each needs two
/// basic weights) are solved together as one LP by GLPK (`FlowLinearProgram`), each restricted to the
/// arcs that its positively weighted columns use, with coupling capacities cap_k minus the units the
/// fixed components use. Exactness: the master's mix x_c = sum_j theta_cj x_cj of each mixed component
/// conserves flow, respects arc bounds, uses only those arcs, and with the fixed components fits every
/// coupling row; so it is feasible for that LP, whose optimum is then at most the master's cost. The
/// master's optimum is the LP optimum of the whole problem, a lower bound on any solution; hence the
/// fixed columns plus the LP's vertex are optimal.
///
/// Integrality: fixing arcs at 0 cuts a face out of the problem's polytope, and the restricted LP has
/// integral data. When the whole problem's constraint matrix (node rows and coupling rows) is totally
/// unimodular, its polytope and every face of it are integral, so GLPK's vertex is integral. (The
/// one-day allocation model is such a problem: it is one single-commodity network in disguise, see
/// docs/allocation-model.md.) A problem without that structure can have a fractional vertex. Without
/// elastic rows the recovery then throws instead of rounding or branching (an integer optimum of this
/// restricted LP need not be one of the whole problem; the caller may solve the whole problem instead).
/// With elastic rows it branches (`rounding`): GLPK's branch and bound over every arc of the mixed components
/// (not only their columns' arcs, so that a whole-unit solution exists: each mixed component's flow without
/// hard coupled arcs, which is also the search's first incumbent), the fixed components staying fixed, within
/// a time limit. The result is integral and feasible, and no worse than that first incumbent; how far it may be
/// from the integer optimum is bounded by its cost minus the master's LP bound, which the caller reports.
enum PrimalRecovery {
    /// How a fractional vertex of the recovery LP is rounded.
    struct Rounding {
        var timeLimitMilliseconds: Int
        /// An integral flow of a component that uses no arc of a hard coupling row.
        var flowWithoutHardArcs: (Int) throws -> [Int]
    }

    /// How the final master uses one component.
    enum Choice {
        /// Weight 1 (within 1e-9) on this column.
        case column(Int)
        /// Weights on its columns, none of them 1.
        case mix([Double])
    }

    struct Outcome {
        var flowUnits: [[Int]]
        var recoveredComponents: Int
        /// Whether the mixed components were branched on (their recovery LP had a fractional vertex).
        var branched = false
    }

    static let weightTolerance = 1e-9

    /// The choice for a component with `weights` on its columns.
    static func choice(_ weights: [Double]) -> Choice {
        if let chosen = weights.firstIndex(where: { $0 >= 1 - weightTolerance }) { return .column(chosen) }
        return .mix(weights)
    }

    /// - Parameter rounding: nil: a fractional recovery vertex throws.
    static func recover(
        problem: CoupledFlowProblem,
        columns: [[FlowColumn]],
        choices: [Choice],
        rounding: Rounding? = nil
    ) throws -> Outcome {
        var flowUnits = [[Int]](repeating: [], count: columns.count)
        var remaining = problem.couplingCapacityUnits
        var mixed: [(component: Int, weights: [Double])] = []
        for (component, choice) in choices.enumerated() {
            switch choice {
            case .column(let chosen):
                let column = columns[component][chosen]
                flowUnits[component] = column.flowUnits
                for (row, units) in zip(column.usageRows, column.usageUnits) { remaining[row] -= units }
            case .mix(let weights):
                mixed.append((component, weights))
            }
        }
        guard !mixed.isEmpty else { return Outcome(flowUnits: flowUnits, recoveredComponents: 0) }
        for (row, capacity) in remaining.enumerated() where capacity < 0 {
            // An elastic row the fixed components overflow: the mixed ones pay its penalty from their first unit.
            if problem.overflowPenalty(ofRow: row) != nil {
                remaining[row] = 0
                continue
            }
            throw FlowError("primal recovery: the fixed components exceed coupling row \(row) by \(-capacity)")
        }

        // Each mixed component keeps only the arcs its positively weighted columns use.
        var restricted: [FlowComponent] = []
        var keptArcs: [[Int]] = []
        for (component, weights) in mixed {
            let original = problem.components[component]
            var used = [Bool](repeating: false, count: original.arcs.count)
            for (column, weight) in zip(columns[component], weights) where weight > weightTolerance {
                for (arc, units) in column.flowUnits.enumerated() where units != 0 { used[arc] = true }
            }
            let kept = original.arcs.indices.filter { used[$0] }
            keptArcs.append(kept)
            restricted.append(FlowComponent(supply: original.supply, arcs: kept.map { original.arcs[$0] }))
        }
        let subproblem = CoupledFlowProblem(
            components: restricted,
            couplingCapacityUnits: remaining,
            overflowPenaltyPerUnit: problem.overflowPenaltyPerUnit
        )
        let names = mixed.map(\.component)
        func failure(_ error: FlowError) -> FlowError {
            FlowError(
                "primal recovery LP over components \(names) (numbered 0..<\(names.count) here): \(error.message)"
            )
        }
        do {
            let recovered = try FlowLinearProgram.solveValidated(subproblem, fractional: .fail)
            for (slot, (component, _)) in mixed.enumerated() {
                var flows = [Int](repeating: 0, count: problem.components[component].arcs.count)
                for (position, arc) in keptArcs[slot].enumerated() { flows[arc] = recovered.flowUnits[slot][position] }
                flowUnits[component] = flows
            }
            return Outcome(flowUnits: flowUnits, recoveredComponents: mixed.count)
        } catch let error as FlowError {
            guard rounding != nil else { throw failure(error) }
        }
        guard let rounding else { preconditionFailure("returned or thrown above") }
        // Branch and bound over every arc of the mixed components, from their flows without hard coupled arcs.
        let whole = CoupledFlowProblem(
            components: names.map { problem.components[$0] },
            couplingCapacityUnits: remaining,
            overflowPenaltyPerUnit: problem.overflowPenaltyPerUnit
        )
        let start = try names.map { try rounding.flowWithoutHardArcs($0) }
        do {
            let branched = try FlowLinearProgram.solveValidated(
                whole,
                fractional: .branchWithin(milliseconds: rounding.timeLimitMilliseconds, initialFlows: start)
            )
            for (slot, component) in names.enumerated() { flowUnits[component] = branched.flowUnits[slot] }
        } catch let error as FlowError {
            throw failure(error)
        }
        return Outcome(flowUnits: flowUnits, recoveredComponents: mixed.count, branched: true)
    }
}
