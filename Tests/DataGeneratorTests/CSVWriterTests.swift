import Foundation
import PlannerCore
import Testing

@testable import DataGenerator

@Suite("CSV writing")
struct CSVWriterTests {
    @Test("Blank priority rule: priority 2 and an order number divisible by 7")
    func blankPriorityRule() {
        func line(_ id: String, _ priority: Int) -> OrderLine {
            OrderLine(
                orderId: id,
                orderDate: Day(daysSinceEpoch: 0),
                skuIndex: 0,
                regionIndex: 0,
                quantity: 1,
                priority: priority
            )
        }
        #expect(DataSetWriter.writesBlankPriority(line("ORD-0000014", 2)))
        #expect(!DataSetWriter.writesBlankPriority(line("ORD-0000014", 1)))
        #expect(!DataSetWriter.writesBlankPriority(line("ORD-0000015", 2)))
        #expect(!DataSetWriter.writesBlankPriority(line("WEB-ORDER", 2)))
        #expect(DataSetWriter.trailingNumber("ORD-0000700") == 700)
    }
}

@Suite("Written files")
struct WrittenFilesTests {
    static let expectedHeaders: [String: String] = [
        "skus.csv":
            "sku,name,category,unit_cost,unit_price,holding_cost_rate,order_cost,pack_size,moq,unit_weight_kg,unit_volume_l",
        "regions.csv": "region,name",
        "warehouses.csv": "warehouse,name,kind,daily_capacity_units",
        "lanes.csv": "warehouse,region,transit_days,cost_per_unit,carrier",
        "stock.csv": "warehouse,sku,on_hand,on_order",
        "demand.csv": "date,sku,region,qty",
        "orders.csv": "order_id,order_date,sku,region,qty,priority",
        "suppliers.csv":
            "supplier,sku,role,rank,lead_time_days,lead_time_sd_days,unit_cost,weekly_capacity_units,moq,drop_ship",
        "events.csv": "date,name,skus,categories,regions",
    ]

    @Test("Every file starts with exactly the contract's header row")
    func headers() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeDirectory(directory) }
        try DataGenerator.write(twoYearDataSet, to: directory)
        #expect(Set(DataGenerator.fileNames) == Set(Self.expectedHeaders.keys))
        for (name, header) in Self.expectedHeaders {
            let bytes = try readFile(directory, name)
            let firstLine = bytes.prefix { $0 != 10 }
            #expect(String(decoding: firstLine, as: UTF8.self) == header, "\(name)")
        }
    }

    @Test("Reading the files back gives the data set's values exactly")
    func roundTrip() throws {
        let data = twoYearDataSet
        let directory = try makeTemporaryDirectory()
        defer { removeDirectory(directory) }
        try DataGenerator.write(data, to: directory)
        func rows(_ name: String) throws -> [[String]] { Array(parseCSV(try readFile(directory, name)).dropFirst()) }

        let skuRows = try rows("skus.csv")
        #expect(skuRows.count == data.skus.count)
        for (row, sku) in zip(skuRows, data.skus) {
            #expect(row[0] == sku.id && row[1] == sku.name && row[2] == sku.category)
            #expect(Double(row[3]) == sku.unitCost && Double(row[4]) == sku.unitPrice)
            #expect(Double(row[5]) == sku.holdingCostRate && Double(row[6]) == sku.orderCost)
            #expect(Int(row[7]) == sku.packSize && Int(row[8]) == sku.moq)
            #expect(Double(row[9]) == sku.unitWeightKg && Double(row[10]) == sku.unitVolumeLitres)
        }
        #expect(skuRows.contains { $0[1].contains(",") || $0[1].contains("\"") }, "some names need quoting")

        let regionRows = try rows("regions.csv")
        #expect(regionRows.map { $0[1] } == data.regions.map(\.name))

        let warehouseRows = try rows("warehouses.csv")
        for (row, warehouse) in zip(warehouseRows, data.warehouses) {
            #expect(row[2] == warehouse.kind.rawValue)
            #expect(row[3] == (warehouse.dailyCapacityUnits.map { String($0) } ?? ""))
        }

        let laneRows = try rows("lanes.csv")
        #expect(laneRows.count == data.lanes.count)
        for (row, lane) in zip(laneRows, data.lanes) {
            #expect(row[0] == data.warehouses[lane.warehouseIndex].id && row[1] == data.regions[lane.regionIndex].id)
            #expect(Int(row[2]) == lane.transitDays && Double(row[3]) == lane.costPerUnit && row[4] == lane.carrier)
        }

        let orderRows = try rows("orders.csv")
        #expect(orderRows.count == data.orders.count)
        var blanks = 0
        for (row, line) in zip(orderRows, data.orders) {
            #expect(row[0] == line.orderId && Day(iso: row[1]) == line.orderDate)
            #expect(row[2] == data.skus[line.skuIndex].id && Int(row[4]) == line.quantity)
            if row[5].isEmpty { blanks += 1 }
            #expect((row[5].isEmpty ? 2 : Int(row[5])) == line.priority)
        }
        #expect(blanks > 0)

        let supplierRows = try rows("suppliers.csv")
        #expect(supplierRows.count == data.suppliers.count)
        for (row, offer) in zip(supplierRows, data.suppliers) {
            #expect(row[0] == offer.supplier && row[2] == offer.role.rawValue && Int(row[3]) == offer.rank)
            #expect(Double(row[4]) == offer.leadTimeDays && Double(row[5]) == offer.leadTimeSdDays)
            #expect(Double(row[6]) == offer.unitCost)
            #expect((row[7].isEmpty ? nil : Int(row[7])) == offer.weeklyCapacityUnits && Int(row[8]) == offer.moq)
            #expect(row[9] == (offer.allowsDropShip ? "true" : "false"))
        }
        #expect(supplierRows.contains { $0[7].isEmpty } && supplierRows.contains { !$0[7].isEmpty })
        #expect(supplierRows.contains { $0[9] == "true" } && supplierRows.contains { $0[9] == "false" })

        let stockRows = try rows("stock.csv")
        #expect(stockRows.count == data.stock.count)
        for (row, record) in zip(stockRows, data.stock) {
            #expect(Int(row[2]) == record.onHand && Int(row[3]) == record.onOrder)
        }

        let demandRows = try rows("demand.csv")
        #expect(demandRows.count == data.demand.count)
        for index in stride(from: 0, to: demandRows.count, by: 97) {
            let row = demandRows[index]
            #expect(Day(iso: row[0])?.daysSinceEpoch == Int(data.demand.days[index]))
            #expect(row[1] == data.skus[Int(data.demand.skuIndices[index])].id)
            #expect(row[2] == data.regions[Int(data.demand.regionIndices[index])].id)
            #expect(Int(row[3]) == Int(data.demand.quantities[index]))
        }
    }
}
