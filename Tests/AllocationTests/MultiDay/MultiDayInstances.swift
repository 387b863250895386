import Allocation
import PlannerCore

/// A seeded multi-day instance: 4 warehouses (W1 unlimited, W3 a cloud warehouse), 6 regions (region 4
/// reached only from W3, region 5 by no lane), 12 SKUs, lane costs in thousandths (so exact cost ties
/// are improbable), order dates from 2 days before the start to a day past the horizon, promise dates
/// given or not, arrivals within the horizon, and an outage of W2 on day 1 when the horizon has one.
struct MultiDayInstance {
    var data: DataSet
    var days: Int
    /// `capacityUnits[warehouseIndex][dayOffset]`.
    var capacityUnits: [[Int?]]
    var arrivals: [StockArrival]

    static let warehouseCount = 4
    static let regionCount = 6
    static let skuCount = 12

    var capacity: (Int, Int) -> Int? { MultiDayFixtures.capacities(capacityUnits) }

    init(seed: UInt64, days: Int, orderCount: Int = 160) {
        var random = SplitMix64(state: seed)
        let warehouses = [
            Fixtures.warehouse("W0", .regional, capacity: 25), Fixtures.warehouse("W1", .regional, capacity: nil),
            Fixtures.warehouse("W2", .regional, capacity: 15), Fixtures.warehouse("W3", .cloud, capacity: 12),
        ]
        var lanes: [Lane] = []
        for region in 0..<4 {
            for warehouse in 0..<3 where random.int(0...2) > 0 || warehouse == region % 3 {
                let cost = Double(random.int(500...6_000)) / 1_000
                lanes.append(Fixtures.lane(warehouse, region, days: random.int(1...3), cost: cost, "Car\(warehouse)"))
            }
            if random.int(0...1) == 1 {
                lanes.append(
                    Fixtures.lane(3, region, days: 2, cost: Double(random.int(4_000...9_000)) / 1_000, "Cloud")
                )
            }
        }
        lanes.append(Fixtures.lane(3, 4, days: 3, cost: 7.25, "Cloud"))
        var stock: [StockRecord] = []
        for warehouse in 0..<Self.warehouseCount {
            for sku in 0..<Self.skuCount where random.int(0...3) > 0 {
                stock.append(Fixtures.stock(warehouse, sku, random.int(-2...25)))  // zeros and negatives included
            }
        }
        var arrivals: [StockArrival] = []
        for _ in 0..<(days > 1 ? 10 : 0) {
            arrivals.append(
                StockArrival(
                    warehouseIndex: random.int(0...3),
                    skuIndex: random.int(0...(Self.skuCount - 1)),
                    dayOffset: random.int(1...(days - 1)),
                    units: random.int(1...20)
                )
            )
        }
        var orders: [OrderLine] = []
        for index in 0..<orderCount {
            let dayOffset = random.int(-2...days)
            let promise = random.int(0...2) == 0 ? nil : random.int(dayOffset...(dayOffset + 3))
            orders.append(
                MultiDayFixtures.order(
                    "O\(index / 2)",
                    sku: (index % 2) * 6 + random.int(0...5),
                    region: random.int(0...(Self.regionCount - 1)),
                    qty: random.int(1...10),
                    priority: random.int(1...3),
                    dayOffset: dayOffset,
                    promiseOffset: promise
                )
            )
        }
        self.data = Fixtures.dataSet(
            skus: Self.skuCount,
            regions: Self.regionCount,
            warehouses: warehouses,
            lanes: lanes,
            stock: stock,
            orders: orders
        )
        self.days = days
        self.arrivals = arrivals
        self.capacityUnits = warehouses.enumerated().map { index, warehouse in
            (0..<days).map { day in index == 2 && day == 1 ? 0 : warehouse.dailyCapacityUnits }
        }
    }
}
