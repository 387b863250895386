/// Everything read from one data directory, validated and cross-referenced.
///
/// Entities refer to each other by index into these arrays (`Lane.warehouseIndex`, ...), so stages
/// never hash strings in their inner loops. Arrays keep the files' order, which keeps every stage
/// deterministic.
public struct DataSet: Sendable {
    public var skus: [SKU]
    public var regions: [Region]
    public var warehouses: [Warehouse]
    public var lanes: [Lane]
    public var stock: [StockRecord]
    public var demand: DemandHistory
    public var orders: [OrderLine]
    public var suppliers: [SupplierOffer]
    /// Calendar event days from the optional `events.csv`, sorted by (day, name); empty without the file.
    public var events: [CalendarEvent]
    /// Returned units from the optional `returns.csv`, in file order; empty without the file.
    public var returns: [ReturnRecord]

    public let skuIndexByID: [String: Int]
    public let regionIndexByID: [String: Int]
    public let warehouseIndexByID: [String: Int]

    public init(
        skus: [SKU],
        regions: [Region],
        warehouses: [Warehouse],
        lanes: [Lane],
        stock: [StockRecord],
        demand: DemandHistory,
        orders: [OrderLine],
        suppliers: [SupplierOffer],
        events: [CalendarEvent] = [],
        returns: [ReturnRecord] = []
    ) {
        self.skus = skus
        self.regions = regions
        self.warehouses = warehouses
        self.lanes = lanes
        self.stock = stock
        self.demand = demand
        self.orders = orders
        self.suppliers = suppliers
        self.events = events
        self.returns = returns
        self.skuIndexByID = Dictionary(skus.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.regionIndexByID = Dictionary(
            regions.enumerated().map { ($1.id, $0) },
            uniquingKeysWith: { first, _ in first }
        )
        self.warehouseIndexByID = Dictionary(
            warehouses.enumerated().map { ($1.id, $0) },
            uniquingKeysWith: { first, _ in first }
        )
    }

    /// Units on hand per warehouse and SKU: `onHand[warehouseIndex][skuIndex]`; missing rows are 0.
    public func onHandMatrix() -> [[Int]] {
        var matrix = Array(repeating: Array(repeating: 0, count: skus.count), count: warehouses.count)
        for record in stock {
            matrix[record.warehouseIndex][record.skuIndex] += record.onHand
        }
        return matrix
    }

    /// Order lines open on `planDate`: those with `orderDate <= planDate`, in file order.
    public func openOrders(on planDate: Day) -> [OrderLine] {
        orders.filter { $0.orderDate <= planDate }
    }

    /// Lanes grouped by region: `lanesByRegion[regionIndex]`, each list in file order.
    public func lanesByRegion() -> [[Lane]] {
        var result = Array(repeating: [Lane](), count: regions.count)
        for lane in lanes {
            result[lane.regionIndex].append(lane)
        }
        return result
    }

    /// The warehouse that sees a region's demand for stock-keeping: the cheapest regional warehouse
    /// with next-day transit, else the cheapest lane of any kind; ties go to the warehouse listed first.
    /// Nil when no lane reaches the region.
    public func homeWarehouseIndexByRegion() -> [Int?] {
        lanesByRegion().map { lanes in
            func cheapest(_ candidates: [Lane]) -> Lane? {
                candidates.min { lhs, rhs in
                    lhs.costPerUnit != rhs.costPerUnit
                        ? lhs.costPerUnit < rhs.costPerUnit : lhs.warehouseIndex < rhs.warehouseIndex
                }
            }
            let nextDayRegional = lanes.filter { $0.isNextDay && warehouses[$0.warehouseIndex].kind == .regional }
            return (cheapest(nextDayRegional) ?? cheapest(lanes))?.warehouseIndex
        }
    }
}
