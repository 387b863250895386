import GLPK
import PlannerCore

/// The per-order split-shipment MIP, laid out for one `glp_load_matrix` call.
///
/// An order o is every open line with its order_id; line l has quantity q_l, SKU s_l and region r_l.
///
/// minimise sum c[w,r_l] x[l,w] + sum p_l u[l] + F sum_o (sum_w y[o,w] - z[o])
/// subject to sum_w x[l,w] + u[l] = q_l (line rows); sum_{l: s_l = s} x[l,w] <= on_hand[w,s] (stock
/// rows); sum_l x[l,w] <= capacity[w] where set (capacity rows); x[l,w] - M[l,w] y[o(l),w] <= 0 (link
/// rows); z[o] - sum_w y[o,w] <= 0 (order rows); x integer in 0...M[l,w], u >= 0, y binary, z in 0...1.
/// c is the effective lane cost of `ModelLane` (cost plus the next-day miss penalty when transit > 1),
/// p_l the unfilled penalty times the priority weight, F the fixed cost per extra shipment (>= 0), and
/// M[l,w] = min(q_l, on_hand[w,s_l], capacity[w]).
///
/// Why this is the model, exactly:
/// - Fixed costs. The term F (sum_w y - z) is F (shipments - 1) for an order that ships and 0 for one
///   that does not: with y integral, z <= sum_w y, z <= 1 and the cost -F z make z = min(1, sum_w y)
///   at an optimum, so z needs no integrality. Subtracting a constant F per order instead would credit
///   F to orders that ship nothing, that is charge F for shipping an order at all, and move the optimum.
/// - Big M. Every feasible plan already has x <= q_l (line row, u >= 0), x <= on_hand (stock row) and
///   x <= capacity (capacity row), so the bound M and the link row cut off no plan; the smallest such
///   M gives the tightest LP relaxation.
/// - Dropped columns. A lane whose warehouse holds none of the SKU or has zero capacity has M = 0: its x
///   would be forced to 0, so it gets no column; y[o,w] exists only where the order has an x column.
/// - u is continuous: q_l and the x are integers, so u = q_l - sum_w x is one too.
/// - With F = 0 a y may be 1 without units; shipments are therefore counted from x, never from y.
///
/// Columns, order by order (ascending order_id): y[o,w] by ascending warehouse, z[o], then per line
/// (ascending index into `dataSet.orders`) u[l] and x[l,w] by ascending warehouse. Rows: line rows,
/// stock rows sorted by (w, s), capacity rows sorted by w, link rows in x column order, order rows.
struct SplitShipmentProgram {
    /// One x column: units of a line from the warehouse of `lanesByRegion[region][laneSlot]`.
    struct Shipment {
        var lineSlot: Int
        var laneSlot: Int
        var warehouseIndex: Int
        var column: Int
        /// M[l,w], >= 1.
        var maxUnits: Int
        /// The y column of (the line's order, this warehouse).
        var useColumn: Int
    }

    struct Line {
        /// Index into `dataSet.orders`.
        var orderIndex: Int
        var unfilledColumn: Int
        /// Indices into `shipments`.
        var shipments: Range<Int>
    }

    struct Order {
        var orderId: String
        /// Indices into `lines`.
        var lines: Range<Int>
        /// y columns, ascending warehouse.
        var useColumns: [(warehouseIndex: Int, column: Int)]
        /// z[o]; nil when the order has no x column.
        var creditColumn: Int?
    }

    private(set) var orders: [Order] = []
    private(set) var lines: [Line] = []
    private(set) var shipments: [Shipment] = []
    private(set) var objectiveByColumn: [Double] = []
    private(set) var boundsByColumn: [Bounds] = []
    private(set) var kindByColumn: [ColumnKind] = []
    private(set) var rowBounds: [Bounds] = []
    private(set) var entries: [(row: Int, column: Int, value: Double)] = []
    /// q_l per line slot.
    private(set) var quantities: [Int] = []

    var columnCount: Int { objectiveByColumn.count }
    var rowCount: Int { rowBounds.count }

    /// `openOrderIndices` must already be validated (in range, distinct, positive quantities, known SKU
    /// and region), as `Allocator.allocate` does.
    init(
        dataSet: DataSet,
        openOrderIndices: [Int],
        network: AllocationNetwork,
        settings: AllocationSettings,
        fixedCostPerExtraShipment: Double
    ) {
        let orderLines = dataSet.orders
        let warehouseCount = network.capacityUnits.count
        var lineIndicesByOrderId: [String: [Int]] = [:]
        for orderIndex in openOrderIndices {
            lineIndicesByOrderId[orderLines[orderIndex].orderId, default: []].append(orderIndex)
        }
        // Sorted keys: the dictionary is only looked up, never iterated for output.
        for orderId in lineIndicesByOrderId.keys.sorted() {
            let lineIndices = lineIndicesByOrderId[orderId, default: []].sorted()
            var candidatesByLine: [[(laneSlot: Int, warehouseIndex: Int, maxUnits: Int)]] = []
            var usesWarehouse = [Bool](repeating: false, count: warehouseCount)
            for orderIndex in lineIndices {
                let line = orderLines[orderIndex]
                var candidates: [(laneSlot: Int, warehouseIndex: Int, maxUnits: Int)] = []
                for (slot, lane) in network.lanesByRegion[line.regionIndex].enumerated() {
                    let onHand = network.availableUnits[lane.warehouseIndex][line.skuIndex]
                    let capacity = network.capacityUnits[lane.warehouseIndex] ?? Int.max
                    let maxUnits = min(line.quantity, onHand, capacity)
                    guard maxUnits > 0 else { continue }
                    candidates.append((slot, lane.warehouseIndex, maxUnits))
                    usesWarehouse[lane.warehouseIndex] = true
                }
                candidatesByLine.append(candidates)
            }

            var useColumns: [(warehouseIndex: Int, column: Int)] = []
            var useColumnByWarehouse = [Int](repeating: -1, count: warehouseCount)
            for warehouseIndex in 0..<warehouseCount where usesWarehouse[warehouseIndex] {
                let column = addColumn(.range(0, 1), fixedCostPerExtraShipment, .binary)
                useColumns.append((warehouseIndex, column))
                useColumnByWarehouse[warehouseIndex] = column
            }
            let creditColumn =
                useColumns.isEmpty ? nil : addColumn(.range(0, 1), -fixedCostPerExtraShipment, .continuous)

            let firstLine = lines.count
            for (orderIndex, candidates) in zip(lineIndices, candidatesByLine) {
                let line = orderLines[orderIndex]
                let penalty = settings.unfilledPenaltyPerUnit * settings.priorityWeight(line.priority)
                let unfilledColumn = addColumn(.lower(0), penalty, .continuous)
                let firstShipment = shipments.count
                for candidate in candidates {
                    let lane = network.lanesByRegion[line.regionIndex][candidate.laneSlot]
                    let column = addColumn(.range(0, Double(candidate.maxUnits)), lane.effectiveCostPerUnit, .integer)
                    shipments.append(
                        Shipment(
                            lineSlot: lines.count,
                            laneSlot: candidate.laneSlot,
                            warehouseIndex: candidate.warehouseIndex,
                            column: column,
                            maxUnits: candidate.maxUnits,
                            useColumn: useColumnByWarehouse[candidate.warehouseIndex]
                        )
                    )
                }
                lines.append(
                    Line(
                        orderIndex: orderIndex,
                        unfilledColumn: unfilledColumn,
                        shipments: firstShipment..<shipments.count
                    )
                )
                quantities.append(line.quantity)
            }
            orders.append(
                Order(
                    orderId: orderId,
                    lines: firstLine..<lines.count,
                    useColumns: useColumns,
                    creditColumn: creditColumn
                )
            )
        }
        addRows(dataSet: dataSet, network: network)
    }

    private mutating func addColumn(_ bounds: Bounds, _ objective: Double, _ kind: ColumnKind) -> Int {
        objectiveByColumn.append(objective)
        boundsByColumn.append(bounds)
        kindByColumn.append(kind)
        return objectiveByColumn.count - 1
    }

    private mutating func addRows(dataSet: DataSet, network: AllocationNetwork) {
        let skuCount = dataSet.skus.count
        entries.reserveCapacity(lines.count + 5 * shipments.count)
        for line in lines {
            let row = rowBounds.count
            rowBounds.append(.fixed(Double(dataSet.orders[line.orderIndex].quantity)))
            entries.append((row, line.unfilledColumn, 1))
            for shipment in shipments[line.shipments] { entries.append((row, shipment.column, 1)) }
        }

        func stockKey(_ shipment: Shipment) -> Int {
            shipment.warehouseIndex * skuCount + dataSet.orders[lines[shipment.lineSlot].orderIndex].skuIndex
        }
        // Stock rows sorted by (w, s); the dictionary is only looked up, never iterated.
        var stockRowByKey: [Int: Int] = [:]
        for key in Set(shipments.map(stockKey)).sorted() {
            stockRowByKey[key] = rowBounds.count
            rowBounds.append(.upper(Double(network.availableUnits[key / skuCount][key % skuCount])))
        }
        var hasShipments = [Bool](repeating: false, count: network.capacityUnits.count)
        for shipment in shipments { hasShipments[shipment.warehouseIndex] = true }
        var capacityRowByWarehouse = [Int?](repeating: nil, count: network.capacityUnits.count)
        for (warehouseIndex, capacity) in network.capacityUnits.enumerated() {
            if let capacity, hasShipments[warehouseIndex] {
                capacityRowByWarehouse[warehouseIndex] = rowBounds.count
                rowBounds.append(.upper(Double(capacity)))
            }
        }
        for shipment in shipments {
            entries.append((stockRowByKey[stockKey(shipment)]!, shipment.column, 1))
            if let row = capacityRowByWarehouse[shipment.warehouseIndex] { entries.append((row, shipment.column, 1)) }
        }

        for shipment in shipments {
            let row = rowBounds.count
            rowBounds.append(.upper(0))
            entries.append((row, shipment.column, 1))
            entries.append((row, shipment.useColumn, -Double(shipment.maxUnits)))
        }
        for order in orders {
            guard let creditColumn = order.creditColumn else { continue }
            let row = rowBounds.count
            rowBounds.append(.upper(0))
            entries.append((row, creditColumn, 1))
            for use in order.useColumns { entries.append((row, use.column, -1)) }
        }
    }

    /// Checks what GLPK would abort or mis-solve on, naming the culprit: a non-finite cost or bound,
    /// a fractional bound on an integer column, an entry out of range or not finite, a repeated entry.
    func validate() throws {
        for column in 0..<columnCount {
            guard objectiveByColumn[column].isFinite else {
                throw AllocationError(
                    "split-shipment model: the cost \(objectiveByColumn[column]) of column \(column) is not finite"
                )
            }
            if let failure = Self.boundsFailure(boundsByColumn[column], integral: kindByColumn[column] != .continuous) {
                throw AllocationError("split-shipment model: column \(column): \(failure)")
            }
        }
        for (row, bounds) in rowBounds.enumerated() {
            if let failure = Self.boundsFailure(bounds, integral: false) {
                throw AllocationError("split-shipment model: row \(row): \(failure)")
            }
        }
        var seen = Set<Int>(minimumCapacity: entries.count)
        for (offset, entry) in entries.enumerated() {
            guard (0..<rowCount).contains(entry.row), (0..<columnCount).contains(entry.column), entry.value.isFinite
            else {
                throw AllocationError(
                    "split-shipment model: entry \(offset) (\(entry.row), \(entry.column), \(entry.value)) "
                        + "is out of range or not finite"
                )
            }
            guard seen.insert(entry.row * columnCount + entry.column).inserted else {
                throw AllocationError("split-shipment model: two entries at row \(entry.row), column \(entry.column)")
            }
        }
    }

    private static func boundsFailure(_ bounds: Bounds, integral: Bool) -> String? {
        let values: [Double]
        switch bounds {
        case .free: values = []
        case .lower(let value), .upper(let value), .fixed(let value): values = [value]
        case .range(let lower, let upper):
            guard lower < upper else { return "lower bound \(lower) is not below upper bound \(upper)" }
            values = [lower, upper]
        }
        for value in values {
            guard value.isFinite else { return "bound \(value) is not finite" }
            if integral && value != value.rounded() { return "integer column with the fractional bound \(value)" }
        }
        return nil
    }

    /// Builds the problem in GLPK (after `validate`) and runs `glp_intopt`. Returns GLPK's result and,
    /// when there is an incumbent, every column's value.
    func solve(_ options: IntegerOptions) throws -> (result: IntegerSolveResult, values: [Double]?) {
        try validate()
        do {
            let program = try LinearProgram(name: "split shipments")
            program.direction = .minimize
            for column in 0..<columnCount {
                try program.addColumn(bounds: boundsByColumn[column], objective: objectiveByColumn[column])
                if kindByColumn[column] != .continuous { try program.setKind(column: column, kindByColumn[column]) }
            }
            for bounds in rowBounds { try program.addRow(bounds) }
            try program.setMatrix(entries: entries)
            let result = try program.solveInteger(options)
            let values = result.objective == nil ? nil : try program.integerColumnValues()
            return (result, values)
        } catch let error as GLPKError {
            throw AllocationError("GLPK failed on the split-shipment model: \(error)")
        }
    }
}
