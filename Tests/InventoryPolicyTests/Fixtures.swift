import PlannerCore

typealias DemandRow = (sku: Int, region: Int, day: Day, qty: Int)

func day(_ iso: String) -> Day {
    guard let parsed = Day(iso: iso) else { fatalError("bad test date \(iso)") }
    return parsed
}

/// SKUs "S0"... (unit cost 10, price 20, holding 25% a year, order cost 50), regions "R0"...,
/// warehouses "W0"... (regional, unlimited).
func makeDataSet(
    skuIDs: [String],
    regionCount: Int = 1,
    warehouseCount: Int = 0,
    lanes: [Lane] = [],
    suppliers: [SupplierOffer] = [],
    rows: [DemandRow] = []
) -> DataSet {
    let skus = skuIDs.map {
        SKU(
            id: $0,
            name: $0,
            category: "cat",
            unitCost: 10,
            unitPrice: 20,
            holdingCostRate: 0.25,
            orderCost: 50,
            packSize: 1,
            moq: 1
        )
    }
    var demand = DemandHistory()
    for row in rows {
        demand.append(skuIndex: row.sku, regionIndex: row.region, day: row.day, quantity: row.qty)
    }
    return DataSet(
        skus: skus,
        regions: (0..<regionCount).map { Region(id: "R\($0)", name: "R\($0)") },
        warehouses: (0..<warehouseCount).map {
            Warehouse(id: "W\($0)", name: "W\($0)", kind: .regional, dailyCapacityUnits: nil)
        },
        lanes: lanes,
        stock: [],
        demand: demand,
        orders: [],
        suppliers: suppliers
    )
}

func offer(
    _ supplier: String,
    sku: Int,
    _ role: SupplierRole,
    rank: Int,
    leadTimeDays: Double,
    sdDays: Double = 0
) -> SupplierOffer {
    SupplierOffer(
        supplier: supplier,
        skuIndex: sku,
        role: role,
        rank: rank,
        leadTimeDays: leadTimeDays,
        leadTimeSdDays: sdDays,
        unitCost: 8,
        weeklyCapacityUnits: nil,
        moq: 1
    )
}
