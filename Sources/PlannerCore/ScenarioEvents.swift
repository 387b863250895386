/// The kind of a scenario event (docs/configuration.md, "Scenario files").
public enum ScenarioEventKind: String, Sendable, CaseIterable, Codable {
    case demandUplift = "demand_uplift"
    case supplierDisruption = "supplier_disruption"
    case warehouseCapacity = "warehouse_capacity"
    case leadTimeChange = "lead_time_change"
    case serviceLevel = "service_level"
    case stockAdjustment = "stock_adjustment"
    case laneChange = "lane_change"
    case newSKULaunch = "new_sku_launch"
}

/// `kind: lead_time_change`: orders placed from `from` to `to` (inclusive) with a matching supplier offer take
/// `max(0, leadTimeDays x factor + days)` days. The policy takes the lead time of an order placed on the plan date.
public struct LeadTimeChange: Sendable, Equatable {
    public var from: Day
    public var to: Day
    /// Added to the lead time after the factor (may be negative; the result is never below 0).
    public var days: Double
    public var factor: Double
    public var suppliers: Set<String>?
    public var skus: Set<String>?
    public var categories: Set<String>?

    public init(
        from: Day,
        to: Day,
        days: Double = 0,
        factor: Double = 1,
        suppliers: Set<String>? = nil,
        skus: Set<String>? = nil,
        categories: Set<String>? = nil
    ) {
        self.from = from
        self.to = to
        self.days = days
        self.factor = factor
        self.suppliers = suppliers
        self.skus = skus
        self.categories = categories
    }

    public func matches(_ offer: SupplierOffer, sku: SKU) -> Bool {
        (suppliers?.contains(offer.supplier) ?? true) && (skus?.contains(sku.id) ?? true)
            && (categories?.contains(sku.category) ?? true)
    }

    public func isActive(on day: Day) -> Bool { day >= from && day <= to }

    /// The changed lead time of a base lead time.
    public func apply(to leadTimeDays: Double) -> Double { max(0, leadTimeDays * factor + days) }
}

/// `kind: service_level`: the service level of the given ABC classes for this scenario (the policy is set once
/// per run, as of the plan date, so the event has no window).
public struct ServiceLevelChange: Sendable, Equatable {
    public var abcClasses: Set<ABCClass>
    public var level: Double

    public init(abcClasses: Set<ABCClass>, level: Double) {
        self.abcClasses = abcClasses
        self.level = level
    }
}

/// `kind: stock_adjustment`: on day `from` the on-hand stock of every matching (sku, warehouse) changes by
/// `deltaUnits`, or to `factor` times its on hand on the plan date (rounded to the nearest unit), never below 0.
/// With `to`, the change is undone the day after `to` (stock blocked, or lent, for a while).
public struct StockAdjustment: Sendable, Equatable {
    public var from: Day
    public var to: Day?
    public var deltaUnits: Int?
    public var factor: Double?
    public var warehouses: Set<String>?
    public var skus: Set<String>?
    public var categories: Set<String>?

    public init(
        from: Day,
        to: Day? = nil,
        deltaUnits: Int? = nil,
        factor: Double? = nil,
        warehouses: Set<String>? = nil,
        skus: Set<String>? = nil,
        categories: Set<String>? = nil
    ) {
        self.from = from
        self.to = to
        self.deltaUnits = deltaUnits
        self.factor = factor
        self.warehouses = warehouses
        self.skus = skus
        self.categories = categories
    }

    public func matches(sku: SKU, warehouse: Warehouse) -> Bool {
        (warehouses?.contains(warehouse.id) ?? true) && (skus?.contains(sku.id) ?? true)
            && (categories?.contains(sku.category) ?? true)
    }

    /// The units added to on hand `onHand` (negative: taken away), at most down to 0.
    public func change(onHand: Int) -> Int {
        if let deltaUnits { return max(deltaUnits, -onHand) }
        let target = (Double(onHand) * (factor ?? 1)).rounded()
        return Int(target) - onHand
    }
}

/// `kind: lane_change`: from `from` to `to` (inclusive) every matching lane costs `costFactor` times as much,
/// takes `transitDays` days when given, or is closed (never used).
public struct LaneChange: Sendable, Equatable {
    public var from: Day
    public var to: Day
    public var costFactor: Double
    public var transitDays: Int?
    public var closed: Bool
    public var warehouses: Set<String>?
    public var regions: Set<String>?

    public init(
        from: Day,
        to: Day,
        costFactor: Double = 1,
        transitDays: Int? = nil,
        closed: Bool = false,
        warehouses: Set<String>? = nil,
        regions: Set<String>? = nil
    ) {
        self.from = from
        self.to = to
        self.costFactor = costFactor
        self.transitDays = transitDays
        self.closed = closed
        self.warehouses = warehouses
        self.regions = regions
    }

    public func matches(warehouse: Warehouse, region: Region) -> Bool {
        (warehouses?.contains(warehouse.id) ?? true) && (regions?.contains(region.id) ?? true)
    }

    public func isActive(on day: Day) -> Bool { day >= from && day <= to }
}

/// `kind: new_sku_launch`: `sku` (in skus.csv, without sales before the plan date) goes on sale on `from`
/// and sells `expectedDailyUnits` a day on average, shaped like `likeSKU`'s forecast (its weekdays, events and
/// uplifts) and split over regions as `likeSKU`'s is; it takes `likeSKU`'s ABC class.
public struct SKULaunch: Sendable, Equatable {
    public var sku: String
    public var likeSKU: String
    public var from: Day
    public var expectedDailyUnits: Double

    public init(sku: String, likeSKU: String, from: Day, expectedDailyUnits: Double) {
        self.sku = sku
        self.likeSKU = likeSKU
        self.from = from
        self.expectedDailyUnits = expectedDailyUnits
    }
}

extension Scenario {
    /// Lead time of `offer` for an order placed on `day`: the matching `lead_time_change` active that day
    /// applied to the offer's lead time (matching changes never overlap: the loader rejects that).
    public func leadTimeDays(of offer: SupplierOffer, sku: SKU, orderedOn day: Day) -> Double {
        var leadTime = offer.leadTimeDays
        for change in leadTimeChanges where change.isActive(on: day) && change.matches(offer, sku: sku) {
            leadTime = change.apply(to: leadTime)
        }
        return leadTime
    }

    /// The lanes as they stand on `day`: lane changes applied, closed lanes left out (file order kept).
    public func lanes(of dataSet: DataSet, on day: Day) -> [Lane] {
        guard !laneChanges.isEmpty else { return dataSet.lanes }
        return dataSet.lanes.compactMap { lane in
            var changed = lane
            let warehouse = dataSet.warehouses[lane.warehouseIndex]
            let region = dataSet.regions[lane.regionIndex]
            for change in laneChanges
            where change.isActive(on: day) && change.matches(warehouse: warehouse, region: region) {
                if change.closed { return nil }
                changed.costPerUnit *= change.costFactor
                if let transit = change.transitDays { changed.transitDays = transit }
            }
            return changed
        }
    }

    /// The service level a `service_level` event sets for `abcClass`, if any.
    public func serviceLevel(for abcClass: ABCClass) -> Double? {
        serviceLevelChanges.last { $0.abcClasses.contains(abcClass) }?.level
    }

    /// The data set as it stands on the plan date: lanes of that day, stock adjustments dated on it applied
    /// to on hand, lead times of orders placed that day. What the allocation and the policies see.
    public func dataSetOnPlanDate(_ dataSet: DataSet) -> DataSet {
        var result = dataSet
        result.lanes = lanes(of: dataSet, on: planDate)
        if !leadTimeChanges.isEmpty {
            result.suppliers = dataSet.suppliers.map { offer in
                var changed = offer
                changed.leadTimeDays = leadTimeDays(of: offer, sku: dataSet.skus[offer.skuIndex], orderedOn: planDate)
                return changed
            }
        }
        let today = stockAdjustments.filter { $0.from == planDate }
        if !today.isEmpty {
            var onHand = dataSet.onHandMatrix()
            for adjustment in today {
                for warehouseIndex in dataSet.warehouses.indices {
                    for skuIndex in dataSet.skus.indices
                    where adjustment.matches(sku: dataSet.skus[skuIndex], warehouse: dataSet.warehouses[warehouseIndex])
                    {
                        onHand[warehouseIndex][skuIndex] += adjustment.change(onHand: onHand[warehouseIndex][skuIndex])
                    }
                }
            }
            var seen = Set<[Int]>()
            var stock: [StockRecord] = dataSet.stock.map { record in
                seen.insert([record.warehouseIndex, record.skuIndex])
                var changed = record
                changed.onHand = onHand[record.warehouseIndex][record.skuIndex]
                return changed
            }
            for warehouseIndex in dataSet.warehouses.indices {
                for skuIndex in dataSet.skus.indices
                where onHand[warehouseIndex][skuIndex] != 0 && !seen.contains([warehouseIndex, skuIndex]) {
                    stock.append(
                        StockRecord(
                            warehouseIndex: warehouseIndex,
                            skuIndex: skuIndex,
                            onHand: onHand[warehouseIndex][skuIndex],
                            onOrder: 0
                        )
                    )
                }
            }
            result.stock = stock
        }
        return result
    }

    /// Stock adjustments after the plan date as scheduled receipts (negative: issues) per (warehouse, sku):
    /// horizon day offset to units, including the reversal the day after an adjustment's `to`.
    public func laterStockChanges(_ dataSet: DataSet) -> [[Int: [Int: Double]]] {
        var changes = Array(repeating: [Int: [Int: Double]](), count: dataSet.warehouses.count)
        let onHand = dataSet.onHandMatrix()
        for adjustment in stockAdjustments {
            let start = planDate.days(to: adjustment.from)
            for warehouseIndex in dataSet.warehouses.indices {
                for skuIndex in dataSet.skus.indices
                where adjustment.matches(sku: dataSet.skus[skuIndex], warehouse: dataSet.warehouses[warehouseIndex]) {
                    let units = Double(adjustment.change(onHand: onHand[warehouseIndex][skuIndex]))
                    guard units != 0 else { continue }
                    if start > 0 { changes[warehouseIndex][skuIndex, default: [:]][start, default: 0] += units }
                    if let to = adjustment.to {
                        let end = planDate.days(to: to) + 1
                        if end < horizonDays {
                            changes[warehouseIndex][skuIndex, default: [:]][end, default: 0] -= units
                        }
                    }
                }
            }
        }
        return changes
    }
}
