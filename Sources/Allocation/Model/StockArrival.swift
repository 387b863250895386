/// Stock of one SKU that becomes available at one warehouse at the start of a day (a planned supplier
/// order's arrival): in a multi-day allocation, where stock on hand counts as arriving on day 0, and the
/// receipts presale sells against (`Presale`).
public struct StockArrival: Sendable, Equatable {
    public var warehouseIndex: Int
    public var skuIndex: Int
    /// Days after the start day (the plan date); in `0..<days` for an allocation over `days` days.
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
