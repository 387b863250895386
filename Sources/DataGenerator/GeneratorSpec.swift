import PlannerCore

/// What to generate: sizes, the random seed and the last day of history.
///
/// History covers `[endDate - historyDays, endDate - 1]`; open orders are dated `endDate - 1` and
/// `endDate` (a plan on `endDate` sees them open), a tenth of them `endDate + 1` (not yet open).
public struct GeneratorSpec: Sendable, Equatable {
    public var skuCount: Int
    public var regionCount: Int
    public var warehouseCount: Int
    public var historyDays: Int
    /// Number of order lines (not orders: an order may have several lines).
    public var orderCount: Int
    public var seed: UInt64
    /// The plan date the data set is made for; the day after the last day of history.
    public var endDate: Day
    /// Whether to draw a return history (`returns.csv`); the other files do not depend on it.
    public var includesReturns: Bool

    /// 2026-11-16, a Monday eleven days before Black Friday 2026.
    public static let defaultEndDate = Day(year: 2026, month: 11, day: 16)!

    public init(
        skuCount: Int = 200,
        regionCount: Int = 12,
        warehouseCount: Int = 4,
        historyDays: Int = 730,
        orderCount: Int = 2_000,
        seed: UInt64 = 42,
        endDate: Day = GeneratorSpec.defaultEndDate,
        includesReturns: Bool = true
    ) {
        self.skuCount = skuCount
        self.regionCount = regionCount
        self.warehouseCount = warehouseCount
        self.historyDays = historyDays
        self.orderCount = orderCount
        self.seed = seed
        self.endDate = endDate
        self.includesReturns = includesReturns
    }

    /// First day of history, `endDate - historyDays`.
    public var firstHistoryDay: Day { endDate.adding(days: -historyDays) }

    /// Problems that make the spec unusable, each one sentence; empty when the spec is fine.
    public var problems: [String] {
        var result: [String] = []
        if skuCount < 1 { result.append("skus must be at least 1 (got \(skuCount))") }
        if skuCount > 9_999_999 { result.append("skus must be at most 9999999 (got \(skuCount))") }
        if regionCount < 1 { result.append("regions must be at least 1 (got \(regionCount))") }
        if regionCount > 999 { result.append("regions must be at most 999 (got \(regionCount))") }
        if warehouseCount < 1 { result.append("warehouses must be at least 1 (got \(warehouseCount))") }
        if warehouseCount > 999 { result.append("warehouses must be at most 999 (got \(warehouseCount))") }
        if historyDays < 1 { result.append("days must be at least 1 (got \(historyDays))") }
        if historyDays > 36_500 { result.append("days must be at most 36500 (got \(historyDays))") }
        if orderCount < 0 { result.append("orders must not be negative (got \(orderCount))") }
        return result
    }
}

/// Thrown by ``DataGenerator/generate(validating:)`` for a spec with ``GeneratorSpec/problems``.
public struct GeneratorSpecError: Error, Sendable, CustomStringConvertible {
    public var problems: [String]

    public var description: String { problems.joined(separator: "; ") }
}
