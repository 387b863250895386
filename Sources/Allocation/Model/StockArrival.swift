/// Stock of one SKU that becomes available at one warehouse at the start of a day of a multi-day
/// allocation (a planned supplier order's arrival). Stock on hand counts as arriving on day 0.
public struct StockArrival: Sendable, Equatable {
    public var warehouseIndex: Int
    public var skuIndex: Int
    /// Days after the allocation's start day, in `0..<days`.
    public var dayOffset: Int
    /// Positive.
    public var units: Int

    public init(warehouseIndex: Int, skuIndex: Int, dayOffset: Int, units: Int) {
        self.warehouseIndex = warehouseIndex
        self.skuIndex = skuIndex
        self.dayOffset = dayOffset
        self.units = units
    }
}
