import GLPK
import PlannerCore

/// The allocation LP over buckets (docs/allocation-model.md), laid out for one `glp_load_matrix` call.
///
/// Columns, bucket by bucket in bucket order: u[b] (unfilled units), then x[b,w] for the warehouses w
/// (ascending index) with a lane to the bucket's region and stock of its SKU. A warehouse with no
/// stock of the SKU gets no column: its stock row would read sum x <= 0 with x >= 0, forcing the
/// column to 0, so dropping it changes neither the feasible set nor the optimum.
/// Rows: one per bucket (sum_w x[b,w] + u[b] = quantity), then one per (w, s) pair that has columns
/// (units of s from w <= on hand), sorted by (w, s), then one per warehouse with a finite capacity
/// that has columns (units from w <= capacity), sorted by w.
///
/// Every column has a 1 in its bucket row and, for x, a 1 in one stock row and at most one capacity
/// row: the rows form two laminar families (bucket rows; stock rows (w, s) nested in capacity rows w).
/// Such a 0/1 matrix is totally unimodular by Ghouila-Houri's criterion: in any subset of rows give
/// bucket rows +1, and in the second family give the outermost chosen row -1 and a stock row inside a
/// chosen capacity row +1; every column then sums to -1, 0 or +1. With integral right-hand sides every
/// basic optimum simplex returns is integral (Schrijver, "Theory of Linear and Integer Programming",
/// 1986, ch. 19).
struct BucketProgram {
    /// One shipment column: bucket `bucketIndex` served by `lanesByRegion[region][laneSlot]`.
    struct Arc {
        var bucketIndex: Int
        var laneSlot: Int
        var warehouseIndex: Int
        var column: Int
    }

    var unfilledColumnByBucket: [Int] = []
    var arcs: [Arc] = []
    /// Index into `arcs` of each bucket's first arc; `arcStartByBucket[b]..<arcStartByBucket[b + 1]`.
    var arcStartByBucket: [Int] = []
    var objectiveByColumn: [Double] = []
    var rowBounds: [Double] = []
    /// Number of leading rows that are equalities (the bucket rows); the rest are upper bounds.
    var bucketRowCount = 0
    var entries: [(row: Int, column: Int, value: Double)] = []
    /// Row of each warehouse's capacity constraint; nil when unlimited or unused.
    var capacityRowByWarehouse: [Int?] = []

    var columnCount: Int { objectiveByColumn.count }
    var rowCount: Int { rowBounds.count }

    init(buckets: [Bucket], network: AllocationNetwork, skuCount: Int) {
        var stockKeys: [Int] = []
        var warehouseHasArcs = [Bool](repeating: false, count: network.capacityUnits.count)
        for (bucketIndex, bucket) in buckets.enumerated() {
            arcStartByBucket.append(arcs.count)
            unfilledColumnByBucket.append(objectiveByColumn.count)
            objectiveByColumn.append(bucket.unfilledPenaltyPerUnit)
            for (slot, lane) in network.lanesByRegion[bucket.regionIndex].enumerated()
            where network.availableUnits[lane.warehouseIndex][bucket.skuIndex] > 0 {
                arcs.append(
                    Arc(
                        bucketIndex: bucketIndex,
                        laneSlot: slot,
                        warehouseIndex: lane.warehouseIndex,
                        column: objectiveByColumn.count
                    )
                )
                objectiveByColumn.append(lane.effectiveCostPerUnit)
                stockKeys.append(lane.warehouseIndex * skuCount + bucket.skuIndex)
                warehouseHasArcs[lane.warehouseIndex] = true
            }
        }
        arcStartByBucket.append(arcs.count)

        bucketRowCount = buckets.count
        rowBounds = buckets.map { Double($0.quantity) }
        // Stock rows sorted by (w, s); the dictionary is only looked up, never iterated.
        stockKeys = Array(Set(stockKeys)).sorted()
        var stockRowByKey: [Int: Int] = [:]
        stockRowByKey.reserveCapacity(stockKeys.count)
        for key in stockKeys {
            stockRowByKey[key] = rowBounds.count
            rowBounds.append(Double(network.availableUnits[key / skuCount][key % skuCount]))
        }
        capacityRowByWarehouse = [Int?](repeating: nil, count: network.capacityUnits.count)
        for (warehouseIndex, capacity) in network.capacityUnits.enumerated() {
            if let capacity, warehouseHasArcs[warehouseIndex] {
                capacityRowByWarehouse[warehouseIndex] = rowBounds.count
                rowBounds.append(Double(capacity))
            }
        }

        entries.reserveCapacity(buckets.count + 3 * arcs.count)
        for bucketIndex in buckets.indices {
            entries.append((bucketIndex, unfilledColumnByBucket[bucketIndex], 1))
            for arc in arcs[arcStartByBucket[bucketIndex]..<arcStartByBucket[bucketIndex + 1]] {
                let skuIndex = buckets[bucketIndex].skuIndex
                entries.append((bucketIndex, arc.column, 1))
                entries.append((stockRowByKey[arc.warehouseIndex * skuCount + skuIndex]!, arc.column, 1))
                if let capacityRow = capacityRowByWarehouse[arc.warehouseIndex] {
                    entries.append((capacityRow, arc.column, 1))
                }
            }
        }
    }

    /// Solves with GLPK's primal simplex (presolve on); throws unless the status is optimal.
    /// Returns the column values, the LP objective and the row duals.
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
            return (try program.columnValues(), result.objective, try program.rowDuals())
        } catch let error as GLPKError {
            throw AllocationError("GLPK failed: \(error)")
        }
    }

    /// Per bucket: the units shipped per warehouse (ascending lane slot) and the units left unfilled.
    func shipments(unitsByColumn: [Int]) -> (shipped: [[BucketShipment]], unfilled: [Int]) {
        var shipped: [[BucketShipment]] = []
        shipped.reserveCapacity(unfilledColumnByBucket.count)
        for bucketIndex in unfilledColumnByBucket.indices {
            shipped.append(
                arcs[arcStartByBucket[bucketIndex]..<arcStartByBucket[bucketIndex + 1]].compactMap { arc in
                    let units = unitsByColumn[arc.column]
                    return units > 0
                        ? BucketShipment(laneSlot: arc.laneSlot, warehouseIndex: arc.warehouseIndex, units: units) : nil
                }
            )
        }
        return (shipped, unfilledColumnByBucket.map { unitsByColumn[$0] })
    }
}
