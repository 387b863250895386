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
/// docs/allocation-model.md.) A problem without that structure can have a
/// fractional vertex: the recovery then throws instead of rounding or branching (an integer optimum
/// of this restricted LP need not be one of the whole problem).
enum PrimalRecovery {
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
    }

    static let weightTolerance = 1e-9

    /// The choice for a component with `weights` on its columns.
    static func choice(_ weights: [Double]) -> Choice {
        if let chosen = weights.firstIndex(where: { $0 >= 1 - weightTolerance }) { return .column(chosen) }
        return .mix(weights)
    }

    static func recover(problem: CoupledFlowProblem, columns: [[FlowColumn]], choices: [Choice]) throws -> Outcome {
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
        let subproblem = CoupledFlowProblem(components: restricted, couplingCapacityUnits: remaining)
        let recovered: CoupledFlowSolution
        do {
            recovered = try FlowLinearProgram.solveValidated(subproblem, branchOnFractional: false)
        } catch let error as FlowError {
            let names = mixed.map(\.component)
            throw FlowError(
                "primal recovery LP over components \(names) (numbered 0..<\(names.count) here): \(error.message)"
            )
        }
        for (slot, (component, _)) in mixed.enumerated() {
            var flows = [Int](repeating: 0, count: problem.components[component].arcs.count)
            for (position, arc) in keptArcs[slot].enumerated() { flows[arc] = recovered.flowUnits[slot][position] }
            flowUnits[component] = flows
        }
        return Outcome(flowUnits: flowUnits, recoveredComponents: mixed.count)
    }
}
