/// A planning scenario: which data, which day, how far ahead, and what is different this time.
public struct Scenario: Sendable {
    public var name: String
    /// Path of the scenario file it was read from, for messages.
    public var sourcePath: String
    /// Data directory, already resolved against the scenario file's folder.
    public var dataDirectory: String
    /// Forecasts use history strictly before this day; orders dated on or before it are open.
    public var planDate: Day
    public var horizonDays: Int
    public var demandUplifts: [DemandUplift]
    public var supplierDisruptions: [SupplierDisruption]
    public var warehouseCapacityChanges: [WarehouseCapacityChange]
    public var leadTimeChanges: [LeadTimeChange] = []
    public var serviceLevelChanges: [ServiceLevelChange] = []
    public var stockAdjustments: [StockAdjustment] = []
    public var laneChanges: [LaneChange] = []
    public var launches: [SKULaunch] = []
    /// The kind of every event in the order the files list them (a base's first): with the arrays by kind, the
    /// events in file order.
    public var eventSequence: [String] = []

    public init(
        name: String,
        sourcePath: String,
        dataDirectory: String,
        planDate: Day,
        horizonDays: Int,
        demandUplifts: [DemandUplift] = [],
        supplierDisruptions: [SupplierDisruption] = [],
        warehouseCapacityChanges: [WarehouseCapacityChange] = []
    ) {
        self.name = name
        self.sourcePath = sourcePath
        self.dataDirectory = dataDirectory
        self.planDate = planDate
        self.horizonDays = horizonDays
        self.demandUplifts = demandUplifts
        self.supplierDisruptions = supplierDisruptions
        self.warehouseCapacityChanges = warehouseCapacityChanges
    }

    /// Daily outbound capacity of a warehouse on `day`: its `daily_capacity_units` times the factor of every
    /// capacity change active that day, rounded down; nil (no limit) stays nil.
    public func capacityUnits(of warehouse: Warehouse, on day: Day) -> Int? {
        guard let base = warehouse.dailyCapacityUnits else { return nil }
        var factor = 1.0
        for change in warehouseCapacityChanges where change.warehouse == warehouse.id && change.isActive(on: day) {
            factor *= change.capacityFactor
        }
        return factor == 1 ? base : Int((Double(base) * factor).rounded(.down))
    }

    /// The days of the horizon: planDate, planDate + 1, ..., planDate + horizonDays - 1.
    public var horizon: [Day] {
        (0..<horizonDays).map { planDate.adding(days: $0) }
    }
}

/// `kind: demand_uplift`: forecast demand is multiplied by `factor` on every day from `from` to `to`
/// (inclusive) for the SKUs and regions that match every given filter (a nil filter matches all).
public struct DemandUplift: Sendable, Equatable {
    public var from: Day
    public var to: Day
    public var factor: Double
    public var skus: Set<String>?
    public var categories: Set<String>?
    public var abcClasses: Set<ABCClass>?
    public var regions: Set<String>?

    public init(
        from: Day,
        to: Day,
        factor: Double,
        skus: Set<String>? = nil,
        categories: Set<String>? = nil,
        abcClasses: Set<ABCClass>? = nil,
        regions: Set<String>? = nil
    ) {
        self.from = from
        self.to = to
        self.factor = factor
        self.skus = skus
        self.categories = categories
        self.abcClasses = abcClasses
        self.regions = regions
    }

    public func applies(on day: Day, sku: SKU, abcClass: ABCClass, region: Region) -> Bool {
        day >= from && day <= to
            && (skus?.contains(sku.id) ?? true)
            && (categories?.contains(sku.category) ?? true)
            && (abcClasses?.contains(abcClass) ?? true)
            && (regions?.contains(region.id) ?? true)
    }
}

/// `kind: supplier_disruption`: for orders placed from `from` to `to` (inclusive) the supplier's
/// weekly capacity is multiplied by `capacityFactor` (0 = cannot supply at all) and its lead time
/// grows by `extraLeadTimeDays`.
public struct SupplierDisruption: Sendable, Equatable {
    public var supplier: String
    public var from: Day
    public var to: Day
    public var capacityFactor: Double
    public var extraLeadTimeDays: Double

    public init(supplier: String, from: Day, to: Day, capacityFactor: Double, extraLeadTimeDays: Double) {
        self.supplier = supplier
        self.from = from
        self.to = to
        self.capacityFactor = capacityFactor
        self.extraLeadTimeDays = extraLeadTimeDays
    }

    public func isActive(on day: Day) -> Bool {
        day >= from && day <= to
    }
}

/// `kind: warehouse_capacity`: from `from` to `to` (inclusive) the warehouse's daily outbound capacity
/// is multiplied by `capacityFactor` (0 = an outage: it ships nothing). A warehouse with no capacity
/// limit is not affected.
public struct WarehouseCapacityChange: Sendable, Equatable {
    public var warehouse: String
    public var from: Day
    public var to: Day
    public var capacityFactor: Double

    public init(warehouse: String, from: Day, to: Day, capacityFactor: Double) {
        self.warehouse = warehouse
        self.from = from
        self.to = to
        self.capacityFactor = capacityFactor
    }

    public func isActive(on day: Day) -> Bool {
        day >= from && day <= to
    }
}
