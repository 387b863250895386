import Foundation
import PlannerCore

/// Writes a ``DataSet`` as the nine CSV files of the data contract (events.csv even without events).
enum DataSetWriter {
    static let skuHeader = [
        "sku", "name", "category", "unit_cost", "unit_price", "holding_cost_rate", "order_cost", "pack_size", "moq",
    ]
    static let skuDimensionHeader = ["unit_weight_kg", "unit_volume_l"]
    static let regionHeader = ["region", "name"]
    static let warehouseHeader = ["warehouse", "name", "kind", "daily_capacity_units"]
    static let laneHeader = ["warehouse", "region", "transit_days", "cost_per_unit", "carrier"]
    static let stockHeader = ["warehouse", "sku", "on_hand", "on_order"]
    static let demandHeader = ["date", "sku", "region", "qty"]
    static let orderHeader = ["order_id", "order_date", "sku", "region", "qty", "priority"]
    static let supplierHeader = [
        "supplier", "sku", "role", "rank", "lead_time_days", "lead_time_sd_days", "unit_cost",
        "weekly_capacity_units", "moq", "drop_ship",
    ]
    static let eventHeader = ["date", "name", "skus", "categories", "regions"]
    static let returnHeader = ["date", "sku", "region", "qty", "grade"]

    /// File names in the order they are written.
    static let fileNames = [
        "skus.csv", "regions.csv", "warehouses.csv", "lanes.csv", "stock.csv", "demand.csv", "orders.csv",
        "suppliers.csv", "events.csv",
    ]

    static func write(_ dataSet: DataSet, to directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw DataWriteError(path: directory, message: "cannot create directory: \(error.localizedDescription)")
        }
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        let skuIDs = dataSet.skus.map(\.id)
        let regionIDs = dataSet.regions.map(\.id)
        let warehouseIDs = dataSet.warehouses.map(\.id)

        // The optional weight and volume columns only when some SKU has a value (empty fields for the others).
        let dimensioned = dataSet.skus.contains { $0.unitWeightKg != nil || $0.unitVolumeLitres != nil }
        try withWriter(path("skus.csv")) { out in
            try out.row(skuHeader + (dimensioned ? skuDimensionHeader : []))
            for sku in dataSet.skus {
                let dimensions =
                    dimensioned
                    ? [sku.unitWeightKg.map(CSVField.decimal) ?? "", sku.unitVolumeLitres.map(CSVField.decimal) ?? ""]
                    : []
                try out.row(
                    [
                        sku.id, sku.name, sku.category, CSVField.decimal(sku.unitCost),
                        CSVField.decimal(sku.unitPrice), CSVField.decimal(sku.holdingCostRate),
                        CSVField.decimal(sku.orderCost), String(sku.packSize), String(sku.moq),
                    ] + dimensions
                )
            }
        }
        try withWriter(path("regions.csv")) { out in
            try out.row(regionHeader)
            for region in dataSet.regions { try out.row([region.id, region.name]) }
        }
        try withWriter(path("warehouses.csv")) { out in
            try out.row(warehouseHeader)
            for warehouse in dataSet.warehouses {
                try out.row([
                    warehouse.id, warehouse.name, warehouse.kind.rawValue,
                    warehouse.dailyCapacityUnits.map { String($0) } ?? "",
                ])
            }
        }
        try withWriter(path("lanes.csv")) { out in
            try out.row(laneHeader)
            for lane in dataSet.lanes {
                try out.row([
                    warehouseIDs[lane.warehouseIndex], regionIDs[lane.regionIndex], String(lane.transitDays),
                    CSVField.decimal(lane.costPerUnit), lane.carrier,
                ])
            }
        }
        try withWriter(path("stock.csv")) { out in
            try out.row(stockHeader)
            for record in dataSet.stock {
                try out.field(warehouseIDs[record.warehouseIndex])
                out.comma()
                try out.field(skuIDs[record.skuIndex])
                out.comma()
                out.integer(record.onHand)
                out.comma()
                out.integer(record.onOrder)
                try out.endRow()
            }
        }
        try withWriter(path("demand.csv")) { out in
            try out.row(demandHeader)
            try writeDemand(dataSet.demand, skuIDs: skuIDs, regionIDs: regionIDs, to: out)
        }
        try withWriter(path("orders.csv")) { out in
            try out.row(orderHeader)
            for line in dataSet.orders {
                try out.field(line.orderId)
                out.comma()
                out.day(daysSinceEpoch: line.orderDate.daysSinceEpoch)
                out.comma()
                try out.field(skuIDs[line.skuIndex])
                out.comma()
                try out.field(regionIDs[line.regionIndex])
                out.comma()
                out.integer(line.quantity)
                out.comma()
                if !writesBlankPriority(line) { out.integer(line.priority) }
                try out.endRow()
            }
        }
        try withWriter(path("suppliers.csv")) { out in
            try out.row(supplierHeader)
            for offer in dataSet.suppliers {
                try out.row([
                    offer.supplier, skuIDs[offer.skuIndex], offer.role.rawValue, String(offer.rank),
                    CSVField.decimal(offer.leadTimeDays), CSVField.decimal(offer.leadTimeSdDays),
                    CSVField.decimal(offer.unitCost), offer.weeklyCapacityUnits.map { String($0) } ?? "",
                    String(offer.moq), offer.allowsDropShip ? "true" : "false",
                ])
            }
        }
        try withWriter(path("events.csv")) { out in
            try out.row(eventHeader)
            for event in dataSet.events {
                // A nil filter (everything) is an empty field; a list is its ids joined by ';'.
                try out.row([
                    event.day.description, event.name,
                    event.skuIndices.map { $0.map { skuIDs[$0] }.joined(separator: ";") } ?? "",
                    event.categories.map { $0.joined(separator: ";") } ?? "",
                    event.regionIndices.map { $0.map { regionIDs[$0] }.joined(separator: ";") } ?? "",
                ])
            }
        }
        guard !dataSet.returns.isEmpty else { return }
        try withWriter(path("returns.csv")) { out in
            try out.row(returnHeader)
            for record in dataSet.returns {
                try out.row([
                    record.day.description, skuIDs[record.skuIndex], regionIDs[record.regionIndex],
                    String(record.quantity), record.grade?.rawValue ?? "",
                ])
            }
        }
    }

    /// The blank-priority rule: a priority-2 line is written with an empty priority (which means 2)
    /// when the number in its order id (the digits at its end) is divisible by 7. About a tenth of
    /// the generated lines are written blank this way, and a reload gives the same data set.
    static func writesBlankPriority(_ line: OrderLine) -> Bool {
        guard line.priority == 2, let number = trailingNumber(line.orderId) else { return false }
        return number % 7 == 0
    }

    static func trailingNumber(_ text: String) -> Int? {
        var value = 0
        var multiplier = 1
        var digits = 0
        for byte in text.utf8.reversed() {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 18 else { break }
            value += Int(byte - UInt8(ascii: "0")) * multiplier
            multiplier *= 10
            digits += 1
        }
        return digits == 0 ? nil : value
    }

    /// The hot loop: IDs are encoded once into one flat byte array, rows copy slices of it.
    private static func writeDemand(
        _ demand: DemandHistory,
        skuIDs: [String],
        regionIDs: [String],
        to out: CSVByteWriter
    ) throws {
        let skuBytes = EncodedFields(skuIDs)
        let regionBytes = EncodedFields(regionIDs)
        try demand.days.withUnsafeBufferPointer { days in
            try demand.skuIndices.withUnsafeBufferPointer { skus in
                try demand.regionIndices.withUnsafeBufferPointer { regions in
                    try demand.quantities.withUnsafeBufferPointer { quantities in
                        try skuBytes.bytes.withUnsafeBufferPointer { skuPool in
                            try regionBytes.bytes.withUnsafeBufferPointer { regionPool in
                                for row in 0..<days.count {
                                    out.day(daysSinceEpoch: Int(days[row]))
                                    out.comma()
                                    let sku = Int(skus[row])
                                    try out.append(
                                        UnsafeBufferPointer(rebasing: skuPool[skuBytes.range(sku)])
                                    )
                                    out.comma()
                                    let region = Int(regions[row])
                                    try out.append(
                                        UnsafeBufferPointer(rebasing: regionPool[regionBytes.range(region)])
                                    )
                                    out.comma()
                                    out.integer(Int(quantities[row]))
                                    try out.endRow()
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static func withWriter(_ path: String, _ body: (CSVByteWriter) throws -> Void) throws {
        let writer = try CSVByteWriter(path: path)
        try body(writer)
        try writer.close()
    }
}

/// CSV-encoded fields laid end to end in one byte array, with the start of each.
struct EncodedFields {
    var bytes: [UInt8] = []
    var starts: [Int] = [0]

    init(_ fields: [String]) {
        for field in fields {
            bytes.append(contentsOf: CSVField.encode(field))
            starts.append(bytes.count)
        }
    }

    @inline(__always)
    func range(_ index: Int) -> Range<Int> { starts[index]..<starts[index + 1] }
}
