import PlannerCore

/// Small hand-made data sets: SKUs "S0", "S1", ... (category "cat" unless given), regions "R0", "R1", ...
func makeDataSet(
    skuCategories: [String] = ["cat"],
    regionCount: Int = 1,
    rows: [(sku: Int, region: Int, day: Day, qty: Int)]
) -> DataSet {
    let skus = skuCategories.enumerated().map { index, category in
        SKU(
            id: "S\(index)",
            name: "SKU \(index)",
            category: category,
            unitCost: 10,
            unitPrice: 20,
            holdingCostRate: 0.25,
            orderCost: 50,
            packSize: 1,
            moq: 1
        )
    }
    let regions = (0..<regionCount).map { Region(id: "R\($0)", name: "Region \($0)") }
    var demand = DemandHistory()
    for row in rows {
        demand.append(skuIndex: row.sku, regionIndex: row.region, day: row.day, quantity: row.qty)
    }
    return DataSet(
        skus: skus,
        regions: regions,
        warehouses: [],
        lanes: [],
        stock: [],
        demand: demand,
        orders: [],
        suppliers: []
    )
}

func day(_ iso: String) -> Day {
    guard let parsed = Day(iso: iso) else { fatalError("bad test date \(iso)") }
    return parsed
}

/// `count` consecutive days from `start` selling `qty` each.
func constantRows(
    sku: Int,
    region: Int,
    from start: Day,
    count: Int,
    qty: Int
)
    -> [(sku: Int, region: Int, day: Day, qty: Int)]
{
    (0..<count).map { (sku, region, start.adding(days: $0), qty) }
}
