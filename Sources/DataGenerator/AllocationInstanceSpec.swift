import PlannerCore

/// What ``AllocationInstanceGenerator`` makes: one peak day of open order lines over a fixed network.
///
/// The catalog, regions, warehouses, lanes and SKU popularity depend only on the seed and the counts
/// of SKUs, regions and warehouses; stock and capacities scale with `lineCount`, so instances of
/// different sizes have the same shape (the benchmark's 2,000, 20,000 and 200,000 lines).
public struct AllocationInstanceSpec: Sendable, Equatable {
    /// Number of order lines, all open on `allocationDay`.
    public var lineCount: Int
    public var skuCount: Int
    public var regionCount: Int
    /// Regional fulfilment centres: cheap, next-day lanes to their nearest regions.
    public var regionalWarehouseCount: Int
    /// Cloud warehouses: lanes to every region, dearer and two or three days in transit.
    public var cloudWarehouseCount: Int
    public var seed: UInt64
    /// The day every order line is dated and allocated.
    public var allocationDay: Day
    /// Which feature of the day is pushed to an extreme (``AllocationShape``); it may replace the counts of
    /// SKUs and regions given here.
    public var shape: AllocationShape

    /// The peak-day benchmark: 20,000 SKUs, 100 regions, 10 regional and 2 cloud warehouses.
    public init(
        lineCount: Int,
        skuCount: Int = 20_000,
        regionCount: Int = 100,
        regionalWarehouseCount: Int = 10,
        cloudWarehouseCount: Int = 2,
        seed: UInt64 = 7,
        allocationDay: Day = GeneratorSpec.defaultEndDate,
        shape: AllocationShape = .peak
    ) {
        self.lineCount = lineCount
        self.skuCount = shape.skuCount(lineCount: lineCount, requested: skuCount)
        self.regionCount = shape.regionCount(requested: regionCount)
        self.regionalWarehouseCount = regionalWarehouseCount
        self.cloudWarehouseCount = cloudWarehouseCount
        self.seed = seed
        self.allocationDay = allocationDay
        self.shape = shape
    }

    public var warehouseCount: Int { regionalWarehouseCount + cloudWarehouseCount }

    /// Problems that make the spec unusable, each one sentence; empty when the spec is fine.
    public var problems: [String] {
        var result: [String] = []
        if lineCount < 0 { result.append("lines must not be negative (got \(lineCount))") }
        if skuCount < 1 { result.append("skus must be at least 1 (got \(skuCount))") }
        if skuCount > 9_999_999 { result.append("skus must be at most 9999999 (got \(skuCount))") }
        if regionCount < 1 { result.append("regions must be at least 1 (got \(regionCount))") }
        if regionCount > 999 { result.append("regions must be at most 999 (got \(regionCount))") }
        if regionalWarehouseCount < 0 {
            result.append("regional warehouses must not be negative (got \(regionalWarehouseCount))")
        }
        if cloudWarehouseCount < 1 { result.append("cloud warehouses must be at least 1 (got \(cloudWarehouseCount))") }
        if warehouseCount > 99 { result.append("warehouses must be at most 99 (got \(warehouseCount))") }
        return result
    }
}
