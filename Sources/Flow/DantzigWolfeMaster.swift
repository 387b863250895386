import GLPK

/// The restricted master LP of the Dantzig-Wolfe decomposition over one level's members, kept in one GLPK
/// problem for the whole level and solved by GLPK's primal simplex on the calling thread.
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
/// Warm start: an entering column is a new theta at 0 (nonbasic), and a component's first extra column
/// beyond two adds its convexity row with its slack basic, so the last optimal basis stays primal
/// feasible and the simplex pivots only for what the new columns change. (Rebuilding the LP each round
/// from the slack basis took about 1 s per round on a capacity-bound day with 8,000 active components.)
/// The references are fixed when the level starts; moving the box only changes artificial costs.
///
/// Stabilisation (boxstep; Marsten, Hogan and Blankenship, "The Boxstep method for large-scale
/// optimization", Operations Research 23, 1975): with a box, each row k also gets an artificial column
/// -1 at cost center_k + width_k (more capacity, bought at that price) and +1 at cost
/// -(center_k - width_k) (capacity sold back), which confine the dual to
/// center_k - width_k <= lambda_k <= center_k + width_k (the second is idle while center_k <= width_k,
/// as lambda_k >= 0 anyway). When no artificial is used the solution is also
/// optimal for the master without them (it is feasible there and that master's optimum cannot be lower),
/// so lambda is then a true optimal dual.
final class DantzigWolfeMaster {
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
        /// Members with two or more columns, ascending, and the weight of each of their columns (reference
        /// too), indexed like the caller's columns.
        var activeComponents: [Int]
        var weights: [[Double]]
        /// Rows whose artificial column is positive (the box binds there).
        var artificialRows: [Int]
    }

    static let weightTolerance = 1e-9

    /// One active component: its reference column, and per other column of the caller's list its theta.
    private struct Member {
        var columnCount: Int
        var reference: Int
        /// (index in the caller's column list, theta variable), in the order added.
        var thetas: [(columnIndex: Int, variable: Int)] = []
        var convexityRow: Int?
    }

    private let program: LinearProgram
    private let rowCount: Int
    private var constant = 0.0
    private var members: [Int: Member] = [:]  // looked up by component; iterated only in sorted key order
    private var referenceColumns: [Int: FlowColumn] = [:]
    /// Artificial variables per row: (buy, sell back); empty without a box.
    private var artificials: [(buy: Int, sell: Int)] = []

    /// Builds the master over `members` with their current `columns`, component c's reference being
    /// `columns[c][references[c]]`.
    init(
        members memberIndices: [Int],
        columns: [[FlowColumn]],
        references: [Int],
        capacities: [Double],
        box: Box?
    ) throws {
        rowCount = capacities.count
        do {
            program = try LinearProgram(name: "dantzig-wolfe master")
            program.direction = .minimize
            var rowUpper = capacities
            for component in memberIndices {
                let reference = columns[component][references[component]]
                constant += reference.cost
                for (row, units) in zip(reference.usageRows, reference.usageUnits) { rowUpper[row] -= Double(units) }
            }
            for bound in rowUpper { try program.addRow(.upper(bound)) }
            if let box {
                for row in 0..<rowCount {
                    let buy = try program.addColumn(bounds: .nonNegative, objective: box.center[row] + box.width[row])
                    try program.setColumnEntries(buy, [(row, -1)])
                    let sell = try program.addColumn(bounds: .nonNegative, objective: box.width[row] - box.center[row])
                    try program.setColumnEntries(sell, [(row, 1)])
                    artificials.append((buy, sell))
                }
            }
            for component in memberIndices where columns[component].count > 1 {
                referenceColumns[component] = columns[component][references[component]]
                members[component] = Member(columnCount: 1, reference: references[component])
                for (index, column) in columns[component].enumerated() where index != references[component] {
                    try add(column, index: index, to: component)
                }
            }
        } catch let error as GLPKError {
            throw FlowError("GLPK failed on the master LP: \(error)")
        }
    }

    /// Adds `column` (index `index` in the caller's list of `component`'s columns) as a new theta at 0. A
    /// component that had one column so far becomes active with that column, `reference`, as its reference.
    func add(
        _ column: FlowColumn,
        index: Int,
        to component: Int,
        reference: (column: FlowColumn, index: Int)? = nil
    ) throws {
        do {
            if members[component] == nil {
                guard let reference else { preconditionFailure("the first extra column needs the reference") }
                referenceColumns[component] = reference.column
                members[component] = Member(columnCount: 1, reference: reference.index)
            }
            var member = members[component]!
            let reference = referenceColumns[component]!
            if member.thetas.count == 1 && member.convexityRow == nil {
                member.convexityRow = try program.addRow(.upper(1))
            }
            let variable = try program.addColumn(bounds: .range(0, 1), objective: column.cost - reference.cost)
            var entries = Self.usageDifference(column, reference)
            if let row = member.convexityRow { entries.append((row, 1)) }
            try program.setColumnEntries(variable, entries)
            member.thetas.append((index, variable))
            member.columnCount += 1
            if let row = member.convexityRow, member.thetas.count == 2 {
                try program.setRowEntries(row, member.thetas.map { ($0.variable, 1) })
            }
            members[component] = member
        } catch let error as GLPKError {
            throw FlowError("GLPK failed on the master LP: \(error)")
        }
    }

    /// Moves the box: the artificials' costs become center +- width.
    func setBox(_ box: Box) throws {
        do {
            for (row, pair) in artificials.enumerated() {
                try program.setObjective(column: pair.buy, coefficient: box.center[row] + box.width[row])
                try program.setObjective(column: pair.sell, coefficient: box.width[row] - box.center[row])
            }
        } catch let error as GLPKError {
            throw FlowError("GLPK failed on the master LP: \(error)")
        }
    }

    func solve() throws -> Outcome {
        let values: [Double]
        let duals: [Double]
        let lpObjective: Double
        do {
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

        var active: [Int] = []
        var weights: [[Double]] = []
        for component in members.keys.sorted() {
            let member = members[component]!
            var componentWeights = [Double](repeating: 0, count: member.columnCount)
            var rest = 1.0
            for theta in member.thetas {
                componentWeights[theta.columnIndex] = values[theta.variable]
                rest -= values[theta.variable]
            }
            componentWeights[member.reference] = rest
            active.append(component)
            weights.append(componentWeights)
        }
        var artificialRows: [Int] = []
        for (row, pair) in artificials.enumerated()
        where values[pair.buy] > Self.weightTolerance || values[pair.sell] > Self.weightTolerance {
            artificialRows.append(row)
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

    /// Entries usage_cj - usage_cr on every row either column uses (both lists ascending).
    private static func usageDifference(_ column: FlowColumn, _ reference: FlowColumn) -> [(row: Int, value: Double)] {
        var entries: [(row: Int, value: Double)] = []
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
            if difference != 0 { entries.append((row, Double(difference))) }
        }
        return entries
    }
}
