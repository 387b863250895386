import GLPK

/// The restricted master LP of the Dantzig-Wolfe decomposition, built afresh for each round and solved
/// by GLPK's primal simplex on the calling thread.
///
/// Each member component c has columns x_c0, x_c1, ... (integral flows) and a reference column r_c
/// (its current choice). Substituting theta_cr = 1 - sum_{j != r} theta_cj leaves one variable per
/// other column:
///     objective  sum (cost_cj - cost_cr) theta_cj                      (plus the constant sum cost_cr)
///     row k      sum (usage_cjk - usage_crk) theta_cj <= cap_k - sum_c usage_crk
///     convexity  sum_{j != r} theta_cj <= 1                             (only with 3 or more columns)
///     bounds     0 <= theta_cj <= 1.
/// A component with one column is a constant; with two, the convexity row is the bound theta <= 1, so
/// the LP has rows only for coupling rows and components with three or more columns. The substitution
/// is an invertible affine change of variables: the same optimum and the same coupling-row duals as
/// the textbook master with equality convexity rows.
///
/// Warm start without a stored basis: GLPK starts from the slack basis, where every theta is 0, that
/// is every component at its reference. The caller passes the previous round's choices as references,
/// so the simplex starts at (nearly) the previous optimum and pivots only for what the new columns
/// change.
///
/// Stabilisation (boxstep; Marsten, Hogan and Blankenship, "The Boxstep method for large-scale
/// optimization", Operations Research 23, 1975): with a box, each row k also gets an artificial column
/// -1 at cost center_k + width_k (more capacity, bought at that price) and, when center_k - width_k > 0,
/// +1 at cost -(center_k - width_k) (capacity sold back), which confines the dual to
/// center_k - width_k <= lambda_k <= center_k + width_k. When no artificial is used the solution is also
/// optimal for the master without them (it is feasible there and that master's optimum cannot be lower),
/// so lambda is then a true optimal dual.
enum DantzigWolfeMaster {
    struct Box {
        var center: [Double]
        var width: [Double]
    }

    struct Outcome {
        /// sum_c cost_cr + the LP objective (artificial costs included).
        var objective: Double
        /// lambda_k = -(GLPK's dual of row k) >= 0: GLPK reports a non-positive dual for a binding `<=`
        /// row of a minimisation.
        var prices: [Double]
        /// Members with two or more columns, and the weight of each of their columns (reference too).
        var activeComponents: [Int]
        var weights: [[Double]]
        /// Rows whose artificial column is positive (the box binds there).
        var artificialRows: [Int]
    }

    static let weightTolerance = 1e-9

    static func solve(
        members: [Int],
        columns: [[FlowColumn]],
        references: [Int],
        capacities: [Double],
        box: Box?
    ) throws -> Outcome {
        let rowCount = capacities.count
        var rowUpper = capacities
        var constant = 0.0
        for component in members {
            let reference = columns[component][references[component]]
            constant += reference.cost
            for (row, units) in zip(reference.usageRows, reference.usageUnits) { rowUpper[row] -= Double(units) }
        }

        var entries: [(row: Int, column: Int, value: Double)] = []
        var objective: [Double] = []
        var active: [Int] = []
        var firstVariable: [Int] = []
        var extraRows = 0
        for component in members where columns[component].count > 1 {
            let componentColumns = columns[component]
            let reference = componentColumns[references[component]]
            active.append(component)
            firstVariable.append(objective.count)
            let convexityRow = componentColumns.count > 2 ? rowCount + extraRows : nil
            if convexityRow != nil { extraRows += 1 }
            for (index, column) in componentColumns.enumerated() where index != references[component] {
                let variable = objective.count
                objective.append(column.cost - reference.cost)
                appendUsageDifference(column, reference, variable: variable, to: &entries)
                if let convexityRow { entries.append((convexityRow, variable, 1)) }
            }
        }
        firstVariable.append(objective.count)
        let thetaCount = objective.count

        var artificialRowByVariable: [Int] = []
        if let box {
            for row in 0..<rowCount {
                artificialRowByVariable.append(row)
                entries.append((row, objective.count, -1))
                objective.append(box.center[row] + box.width[row])
                let floor = box.center[row] - box.width[row]
                if floor > 0 {
                    artificialRowByVariable.append(row)
                    entries.append((row, objective.count, 1))
                    objective.append(-floor)
                }
            }
        }

        let values: [Double]
        let duals: [Double]
        let lpObjective: Double
        do {
            let program = try LinearProgram(name: "dantzig-wolfe master")
            program.direction = .minimize
            for bound in rowUpper { try program.addRow(.upper(bound)) }
            if extraRows > 0 { try program.addRows(count: extraRows, bounds: .upper(1)) }
            try program.addColumns(count: thetaCount, bounds: .range(0, 1))
            try program.addColumns(count: objective.count - thetaCount, bounds: .nonNegative)
            for (variable, cost) in objective.enumerated() where cost != 0 {
                try program.setObjective(column: variable, coefficient: cost)
            }
            try program.setMatrix(entries: entries)
            let result = try program.solveSimplex(SimplexOptions(method: .primal, presolve: false))
            guard result.status == .optimal else {
                throw FlowError("the master LP ended with status \(result.status.rawValue), expected optimal")
            }
            values = try program.columnValues()
            duals = try program.rowDuals()
            lpObjective = result.objective
        } catch let error as GLPKError {
            throw FlowError("GLPK failed on the master LP: \(error)")
        }

        var weights: [[Double]] = []
        for (slot, component) in active.enumerated() {
            var componentWeights = [Double](repeating: 0, count: columns[component].count)
            var variable = firstVariable[slot]
            var rest = 1.0
            for index in componentWeights.indices where index != references[component] {
                componentWeights[index] = values[variable]
                rest -= values[variable]
                variable += 1
            }
            componentWeights[references[component]] = rest
            weights.append(componentWeights)
        }
        var artificialRows: [Int] = []
        for (offset, row) in artificialRowByVariable.enumerated() where values[thetaCount + offset] > weightTolerance {
            if !artificialRows.contains(row) { artificialRows.append(row) }
        }
        let prices = (0..<rowCount).map { row in
            let price = -duals[row]
            return price > 0 ? price : 0
        }
        return Outcome(
            objective: constant + lpObjective,
            prices: prices,
            activeComponents: active,
            weights: weights,
            artificialRows: artificialRows
        )
    }

    /// Entries usage_cj - usage_cr of `variable` on every row either column uses (both lists ascending).
    private static func appendUsageDifference(
        _ column: FlowColumn,
        _ reference: FlowColumn,
        variable: Int,
        to entries: inout [(row: Int, column: Int, value: Double)]
    ) {
        var columnSlot = 0
        var referenceSlot = 0
        while columnSlot < column.usageRows.count || referenceSlot < reference.usageRows.count {
            let row = min(
                columnSlot < column.usageRows.count ? column.usageRows[columnSlot] : Int.max,
                referenceSlot < reference.usageRows.count ? reference.usageRows[referenceSlot] : Int.max
            )
            var difference = 0
            if columnSlot < column.usageRows.count && column.usageRows[columnSlot] == row {
                difference += column.usageUnits[columnSlot]
                columnSlot += 1
            }
            if referenceSlot < reference.usageRows.count && reference.usageRows[referenceSlot] == row {
                difference -= reference.usageUnits[referenceSlot]
                referenceSlot += 1
            }
            if difference != 0 { entries.append((row, variable, Double(difference))) }
        }
    }
}
