import Allocation
import PlannerCore

/// Small builders for hand-made data sets; nothing here comes from the DataGenerator module.
enum Fixtures {
    static let day0 = Day(year: 2025, month: 3, day: 3)!

    static func sku(_ id: String) -> SKU {
        SKU(
            id: id,
            name: id,
            category: "test",
            unitCost: 1,
            unitPrice: 2,
            holdingCostRate: 0.25,
            orderCost: 10,
            packSize: 1,
            moq: 1
        )
    }

    static func warehouse(_ id: String, _ kind: WarehouseKind, capacity: Int?) -> Warehouse {
        Warehouse(id: id, name: id, kind: kind, dailyCapacityUnits: capacity)
    }

    static func lane(_ warehouseIndex: Int, _ regionIndex: Int, days: Int, cost: Double, _ carrier: String) -> Lane {
        Lane(
            warehouseIndex: warehouseIndex,
            regionIndex: regionIndex,
            transitDays: days,
            costPerUnit: cost,
            carrier: carrier
        )
    }

    static func stock(_ warehouseIndex: Int, _ skuIndex: Int, _ onHand: Int) -> StockRecord {
        StockRecord(warehouseIndex: warehouseIndex, skuIndex: skuIndex, onHand: onHand, onOrder: 0)
    }

    static func order(
        _ id: String,
        sku skuIndex: Int,
        region regionIndex: Int,
        qty: Int,
        priority: Int,
        dayOffset: Int = 0
    ) -> OrderLine {
        OrderLine(
            orderId: id,
            orderDate: day0.adding(days: dayOffset),
            skuIndex: skuIndex,
            regionIndex: regionIndex,
            quantity: qty,
            priority: priority
        )
    }

    static func dataSet(
        skus: Int,
        regions: Int,
        warehouses: [Warehouse],
        lanes: [Lane],
        stock: [StockRecord],
        orders: [OrderLine]
    ) -> DataSet {
        DataSet(
            skus: (0..<skus).map { sku("S\($0)") },
            regions: (0..<regions).map { Region(id: "R\($0)", name: "R\($0)") },
            warehouses: warehouses,
            lanes: lanes,
            stock: stock,
            demand: DemandHistory(),
            orders: orders,
            suppliers: []
        )
    }

    /// A scenario on `day0` with no events.
    static func scenario() -> Scenario {
        Scenario(name: "test", sourcePath: "test.yaml", dataDirectory: ".", planDate: day0, horizonDays: 28)
    }

    /// Effective cost of a line as the model defines it.
    static func effectiveCost(_ line: AllocatedLine, _ settings: AllocationSettings) -> Double {
        line.costPerUnit + (line.transitDays > 1 ? settings.nextDayMissPenaltyPerUnit : 0)
    }
}

/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014).
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `range` (modulo bias is irrelevant for test data).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
}
