import GLPK

/// The whole coupled problem as one GLPK linear program: the general-LP path, used to verify the
/// decomposition, for small runs, and for models that are not pure networks.
///
/// Columns: every arc of every component, component by component in arc order; bounds
/// 0 <= x <= capacity (fixed at 0 for capacity 0, no upper bound when uncapacitated).
/// Rows: one per node, component by component (sum out - sum in = supply, fixed), then one per
/// coupling row (sum of tagged arcs <= capacity). Each column has +1 in its tail row, -1 in its head
/// row (distinct: self-loops are rejected) and +1 in at most one coupling row, so no (row, column)
/// pair repeats. Solved by primal simplex with presolve. The vertex is integral (within 1e-6) when the
/// constraint matrix is totally unimodular (node-arc incidence alone, or with coupling rows that keep it
/// so, see `PrimalRecovery`); otherwise GLPK's branch and bound finds the integer optimum.
public enum FlowLinearProgram {
    /// - Returns: an optimal integral solution; `couplingPrices[k]` = -(GLPK's row dual) >= 0, an
    ///   optimal dual of coupling row k (GLPK reports a non-positive dual for a binding `<=` row of a
    ///   minimisation); statistics count one master solve.
    /// A fractional LP vertex (possible when coupling rows cross the flow's stock rows, as over several
    /// days) is re-solved as a MIP by GLPK's branch and bound, proven optimal.
    /// - Throws: `FlowError` on invalid input, an infeasible or unbounded problem, or a MIP that
    ///   does not end optimal.
    public static func solve(_ problem: CoupledFlowProblem) throws -> CoupledFlowSolution {
        try FlowValidation.validate(problem)
        let clock = ContinuousClock()
        let start = clock.now
        var solution = try solveValidated(problem)
        solution.statistics.masterSeconds = Self.seconds(start.duration(to: clock.now))
        solution.statistics.masterSolves = 1
        return solution
    }

    /// `solve` for a problem already validated. Without `branchOnFractional` a fractional vertex
    /// throws instead (the decomposition's recovery: branching there would not give the whole
    /// problem's integer optimum, only a worse answer than the LP bound it must reach).
    static func solveValidated(
        _ problem: CoupledFlowProblem,
        branchOnFractional: Bool = true
    ) throws -> CoupledFlowSolution {
        var columnStart: [Int] = []
        var rowStart: [Int] = []
        var columnCount = 0
        var nodeRowCount = 0
        for component in problem.components {
            columnStart.append(columnCount)
            rowStart.append(nodeRowCount)
            columnCount += component.arcs.count
            nodeRowCount += component.supply.count
        }
        let couplingRowCount = problem.couplingCapacityUnits.count
        guard columnCount > 0 else {
            // GLPK is not needed (and rejects an empty problem): zero flow is the only candidate.
            for (index, component) in problem.components.enumerated()
            where component.supply.contains(where: { $0 != 0 }) {
                throw FlowError("component \(index): no feasible flow (a node with supply has no arc)")
            }
            return CoupledFlowSolution(
                flowUnits: problem.components.map { _ in [] },
                objective: 0,
                couplingPrices: [Double](repeating: 0, count: couplingRowCount),
                statistics: CoupledFlowStatistics()
            )
        }

        var values: [Double] = []
        var duals: [Double] = []
        do {
            let program = try LinearProgram(name: "coupled flow")
            program.direction = .minimize
            try program.addColumns(count: columnCount)
            var entries: [(row: Int, column: Int, value: Double)] = []
            entries.reserveCapacity(3 * columnCount)
            for (index, component) in problem.components.enumerated() {
                for supply in component.supply {
                    try program.addRow(.fixed(Double(supply)))
                }
                for (arcIndex, arc) in component.arcs.enumerated() {
                    let column = columnStart[index] + arcIndex
                    if arc.costPerUnit != 0 {
                        try program.setObjective(column: column, coefficient: arc.costPerUnit)
                    }
                    switch arc.capacityUnits {
                    case .none: break
                    case .some(0): try program.setBounds(column: column, .fixed(0))
                    case .some(let capacity): try program.setBounds(column: column, .range(0, Double(capacity)))
                    }
                    entries.append((rowStart[index] + arc.tail, column, 1))
                    entries.append((rowStart[index] + arc.head, column, -1))
                    if let row = arc.couplingRow {
                        entries.append((nodeRowCount + row, column, 1))
                    }
                }
            }
            for capacity in problem.couplingCapacityUnits {
                try program.addRow(.upper(Double(capacity)))
            }
            try program.setMatrix(entries: entries)
            let result = try program.solveSimplex(SimplexOptions(method: .primal, presolve: true))
            guard result.status == .optimal else {
                throw FlowError("GLPK ended with status \(result.status.rawValue), expected optimal")
            }
            values = try program.columnValues()
            duals = try program.rowDuals()
            if branchOnFractional && values.contains(where: { abs($0 - $0.rounded()) > 1e-6 }) {
                // A network with side rows that are not laminar (a time-expanded network) can have a fractional
                // vertex: branch and bound on whole units from the LP's basis. The duals stay the LP's.
                for column in 0..<columnCount { try program.setKind(column: column, .integer) }
                let integer = try program.solveInteger(IntegerOptions(presolve: false))
                guard integer.status == .optimal else {
                    throw FlowError("GLPK's branch and bound ended \(integer.status), expected optimal")
                }
                values = try program.integerColumnValues()
            }
        } catch let error as GLPKError {
            throw FlowError("GLPK failed: \(error)")
        }

        var flowUnits: [[Int]] = []
        for (index, component) in problem.components.enumerated() {
            var flows = [Int](repeating: 0, count: component.arcs.count)
            for arcIndex in component.arcs.indices {
                let value = values[columnStart[index] + arcIndex]
                let rounded = value.rounded()
                guard abs(value - rounded) <= 1e-6 else {
                    throw FlowError(
                        "component \(index), arc \(arcIndex): GLPK's vertex has the fractional flow \(value)"
                    )
                }
                flows[arcIndex] = Int(rounded)
            }
            flowUnits.append(flows)
        }
        let prices = (0..<couplingRowCount).map { max(0, -duals[nodeRowCount + $0]) }
        return CoupledFlowSolution(
            flowUnits: flowUnits,
            objective: FlowObjective.objective(of: flowUnits, in: problem),
            couplingPrices: prices,
            statistics: CoupledFlowStatistics()
        )
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
