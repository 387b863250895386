/// Daily sales history, stored column-wise: row `i` sold `quantities[i]` units of SKU
/// `skuIndices[i]` in region `regionIndices[i]` on `days[i]`.
///
/// Columns of small integers keep a 100-million-row history in about 1.6 GB rather than an
/// array of structs with strings. Rows keep the file's order; a day with no row means zero sales.
public struct DemandHistory: Sendable, Equatable {
    public private(set) var skuIndices: [Int32] = []
    public private(set) var regionIndices: [Int32] = []
    /// Days since 1970-01-01, see ``Day``.
    public private(set) var days: [Int32] = []
    public private(set) var quantities: [Int32] = []

    public init() {}

    public var count: Int { days.count }

    public mutating func reserveCapacity(_ capacity: Int) {
        skuIndices.reserveCapacity(capacity)
        regionIndices.reserveCapacity(capacity)
        days.reserveCapacity(capacity)
        quantities.reserveCapacity(capacity)
    }

    public mutating func append(skuIndex: Int, regionIndex: Int, day: Day, quantity: Int) {
        skuIndices.append(Int32(skuIndex))
        regionIndices.append(Int32(regionIndex))
        days.append(Int32(day.daysSinceEpoch))
        quantities.append(Int32(quantity))
    }

    /// Appends rows given as four columns of equal length (days since 1970-01-01), in order: one bulk
    /// copy per column instead of a call per row.
    public mutating func append<Columns: Collection<Int32>>(
        skuIndices newSKUs: Columns,
        regionIndices newRegions: Columns,
        days newDays: Columns,
        quantities newQuantities: Columns
    ) {
        precondition(
            newSKUs.count == newDays.count && newRegions.count == newDays.count && newQuantities.count == newDays.count,
            "demand columns of different lengths"
        )
        skuIndices.append(contentsOf: newSKUs)
        regionIndices.append(contentsOf: newRegions)
        days.append(contentsOf: newDays)
        quantities.append(contentsOf: newQuantities)
    }

    /// First and last day with a row, or nil for an empty history.
    public var dayRange: ClosedRange<Day>? {
        guard let low = days.min(), let high = days.max() else { return nil }
        return Day(daysSinceEpoch: Int(low))...Day(daysSinceEpoch: Int(high))
    }
}
