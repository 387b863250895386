import GLPK
import PlannerCore

/// The allocation model (docs/allocation-model.md) as one GLPK linear program over buckets, without the
/// flow network's stock, carry and slack nodes: the general-LP path, laid out for one `glp_load_matrix`.
///
/// Columns, bucket by bucket in bucket order: u[b] (unfilled units), then x[b,w,d] for the bucket's ship
/// arcs of `TimeExpandedNetwork` in its order (warehouse, then ship day). Rows: one per bucket
/// (sum x + u = quantity), then one per (w, s, d) where some column ships s from w on day d, sorted by
/// (w, s, d): units of s shipped from w on days <= d <= units available at w by day d (on hand plus
/// arrivals); then one per (w, d) with a finite capacity that has columns, sorted by (w, d). This is the
/// network's LP with the carries and leftovers eliminated: a carry out of (w, d) is what is available by d
/// less what is shipped by d, so "carry >= 0" is the cumulative stock row; a cumulative row for a day
/// without columns of its own is implied by the row of the last day before it that has some.
///
/// One day (d = 0 only): each column has a 1 in its bucket row and, for x, a 1 in one stock row and at
/// most one capacity row: the rows form two laminar families (bucket rows; stock rows (w, s) nested in
/// capacity rows w). Such a 0/1 matrix is totally unimodular by Ghouila-Houri's criterion: in any subset
/// of rows give bucket rows +1, and in the second family give the outermost chosen row -1 and a stock row
/// inside a chosen capacity row +1; every column then sums to -1, 0 or +1. With integral right-hand
/// sides every basic optimum simplex returns is integral (Schrijver, "Theory of Linear and Integer
/// Programming", 1986, ch. 19). Over several days the cumulative stock rows cross the daily capacity rows
/// (see `TimeExpandedNetwork`): a fractional vertex is then re-solved by GLPK's branch and bound.
struct CompactProgram {
    /// Column of each bucket's unfilled units.
    var unfilledColumnByBucket: [Int] = []
    /// Column of each ship arc, per bucket in the order of `network.shipArcsByBucket`.
    var shipColumnsByBucket: [[Int]] = []
    var objectiveByColumn: [Double] = []
    var rowBounds: [Double] = []
    /// Number of leading rows that are equalities (the bucket rows); the rest are upper bounds.
    var bucketRowCount = 0
    var entries: [(row: Int, column: Int, value: Double)] = []
    /// Row of each network coupling row (a (warehouse, day) capacity); nil when unused.
    var capacityRowByCouplingRow: [Int?] = []

    var columnCount: Int { objectiveByColumn.count }
    var rowCount: Int { rowBounds.count }

    init(buckets: [Bucket], network: TimeExpandedNetwork, horizon: Horizon, skuCount: Int) {
        let days = horizon.days
        func stockKey(_ warehouseIndex: Int, _ skuIndex: Int, _ day: Int) -> Int {
            (warehouseIndex * skuCount + skuIndex) * days + day
        }
        var stockKeys = Set<Int>()
        var couplingRowUsed = [Bool](repeating: false, count: network.problem.couplingCapacityUnits.count)
        for (bucketIndex, bucket) in buckets.enumerated() {
            unfilledColumnByBucket.append(objectiveByColumn.count)
            objectiveByColumn.append(bucket.unfilledPenaltyPerUnit)
            var columns: [Int] = []
            for arc in network.shipArcsByBucket[bucketIndex] {
                columns.append(objectiveByColumn.count)
                objectiveByColumn.append(arc.costPerUnit)
                stockKeys.insert(stockKey(arc.warehouseIndex, bucket.skuIndex, arc.dayOffset))
                if let row = network.couplingRowByWarehouseDay[arc.warehouseIndex][arc.dayOffset] {
                    couplingRowUsed[row] = true
                }
            }
            shipColumnsByBucket.append(columns)
        }

        bucketRowCount = buckets.count
        rowBounds = buckets.map { Double($0.quantity) }
        // Stock rows sorted by (w, s, d); the dictionary is only looked up, never iterated.
        let sortedKeys = stockKeys.sorted()
        var stockRowByKey: [Int: Int] = [:]
        stockRowByKey.reserveCapacity(sortedKeys.count)
        var availableBySku: [Int: [(warehouseIndex: Int, unitsByDay: [Int])]] = [:]
        for key in sortedKeys {
            let day = key % days
            let pair = key / days
            let skuIndex = pair % skuCount
            let warehouseIndex = pair / skuCount
            if availableBySku[skuIndex] == nil {
                availableBySku[skuIndex] = horizon.supplyByWarehouse(skuIndex: skuIndex)
            }
            let unitsByDay = availableBySku[skuIndex]!.first { $0.warehouseIndex == warehouseIndex }!.unitsByDay
            stockRowByKey[key] = rowBounds.count
            rowBounds.append(Double(unitsByDay[0...day].reduce(0, +)))
        }
        capacityRowByCouplingRow = [Int?](repeating: nil, count: couplingRowUsed.count)
        for warehouseIndex in horizon.capacityUnits.indices {
            for day in 0..<days {
                guard let row = network.couplingRowByWarehouseDay[warehouseIndex][day], couplingRowUsed[row] else {
                    continue
                }
                capacityRowByCouplingRow[row] = rowBounds.count
                rowBounds.append(Double(network.problem.couplingCapacityUnits[row]))
            }
        }

        entries.reserveCapacity(buckets.count + 3 * (objectiveByColumn.count - buckets.count))
        for (bucketIndex, bucket) in buckets.enumerated() {
            entries.append((bucketIndex, unfilledColumnByBucket[bucketIndex], 1))
            for (arc, column) in zip(network.shipArcsByBucket[bucketIndex], shipColumnsByBucket[bucketIndex]) {
                entries.append((bucketIndex, column, 1))
                for day in arc.dayOffset..<days {
                    if let row = stockRowByKey[stockKey(arc.warehouseIndex, bucket.skuIndex, day)] {
                        entries.append((row, column, 1))
                    }
                }
                if let coupling = network.couplingRowByWarehouseDay[arc.warehouseIndex][arc.dayOffset],
                    let row = capacityRowByCouplingRow[coupling]
                {
                    entries.append((row, column, 1))
                }
            }
        }
    }

    /// Solves with GLPK's primal simplex (presolve on); a fractional vertex (possible over several days) is
    /// re-solved by branch and bound from the LP's basis. Throws unless the status is optimal. Returns the
    /// column values, the objective and the LP's row duals.
    func solve() throws -> (values: [Double], objective: Double, rowDuals: [Double]) {
        do {
            let program = try LinearProgram(name: "allocation")
            program.direction = .minimize
            try program.addColumns(count: columnCount)
            for (column, cost) in objectiveByColumn.enumerated() where cost != 0 {
                try program.setObjective(column: column, coefficient: cost)
            }
            for (row, bound) in rowBounds.enumerated() {
                try program.addRow(row < bucketRowCount ? .fixed(bound) : .upper(bound))
            }
            try program.setMatrix(entries: entries)
            let result = try program.solveSimplex(SimplexOptions(method: .primal, presolve: true))
            guard result.status == .optimal else {
                throw AllocationError("GLPK ended with status \(result.status.rawValue), expected optimal")
            }
            var values = try program.columnValues()
            var objective = result.objective
            let duals = try program.rowDuals()
            if values.contains(where: { abs($0 - $0.rounded()) > 1e-6 }) {
                for column in 0..<columnCount { try program.setKind(column: column, .integer) }
                let integer = try program.solveInteger(IntegerOptions(presolve: false))
                guard integer.status == .optimal, let integerObjective = integer.objective else {
                    throw AllocationError("GLPK's branch and bound ended \(integer.status), expected optimal")
                }
                values = try program.integerColumnValues()
                objective = integerObjective
            }
            return (values, objective, duals)
        } catch let error as GLPKError {
            throw AllocationError("GLPK failed: \(error)")
        }
    }

    /// The network flow of the LP's whole units: ship and unfilled arcs from the columns, carries and
    /// leftovers from each stock chain's balance.
    func flowUnits(values: [Double], network: TimeExpandedNetwork, days: Int) throws -> [[Int]] {
        var flows = network.problem.components.map { [Int](repeating: 0, count: $0.arcs.count) }
        for (column, value) in values.enumerated() {
            let rounded = value.rounded()
            guard abs(value - rounded) < 1e-6, rounded >= 0 else {
                throw AllocationError("LP column \(column) has the non-integral or negative value \(value)")
            }
        }
        // Units shipped per (component, chain index, day).
        var shipped = network.chainsByComponent.map { chains in
            chains.map { _ in [Int](repeating: 0, count: days) }
        }
        for (bucketIndex, arcs) in network.shipArcsByBucket.enumerated() {
            let component = network.componentByBucket[bucketIndex]
            flows[component][network.unfilledArcByBucket[bucketIndex]] = Int(
                values[unfilledColumnByBucket[bucketIndex]].rounded()
            )
            let chains = network.chainsByComponent[component]
            for (arc, column) in zip(arcs, shipColumnsByBucket[bucketIndex]) {
                let units = Int(values[column].rounded())
                flows[component][arc.arc] = units
                let chain = chains.firstIndex { $0.warehouseIndex == arc.warehouseIndex }!
                shipped[component][chain][arc.dayOffset] += units
            }
        }
        for (component, chains) in network.chainsByComponent.enumerated() {
            for (index, chain) in chains.enumerated() {
                var carried = 0
                for day in chain.firstDay..<days {
                    carried += chain.unitsByDay[day] - shipped[component][index][day]
                    guard carried >= 0 else {
                        throw AllocationError("the LP ships more than is available by day offset \(day)")
                    }
                    if day < days - 1 {
                        flows[component][chain.carryArcs[day - chain.firstDay]] = carried
                    } else {
                        flows[component][chain.leftoverArc] = carried
                    }
                }
            }
        }
        return flows
    }
}
