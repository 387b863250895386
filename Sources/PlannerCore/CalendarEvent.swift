/// One day of a named calendar event (a promotion, Black Friday, a holiday) from `events.csv`.
///
/// Past days of an event are cleaned out of the baseline fit and its uplift is estimated from them;
/// future days get that uplift applied. Days of the same `name` share one uplift factor (per SKU,
/// shrunk toward the SKU's category), so give days of different intensity different names
/// (`black_friday`, `peak_week`, `pre_peak_dip`). A nil filter matches everything; an event applies
/// to a (sku, region) when every given filter matches.
public struct CalendarEvent: Sendable, Equatable {
    public var day: Day
    public var name: String
    /// Indices into `DataSet.skus`, ascending; nil for all SKUs.
    public var skuIndices: [Int]?
    /// Category names, ascending; nil for all categories.
    public var categories: [String]?
    /// Indices into `DataSet.regions`, ascending; nil for all regions.
    public var regionIndices: [Int]?

    public init(
        day: Day,
        name: String,
        skuIndices: [Int]? = nil,
        categories: [String]? = nil,
        regionIndices: [Int]? = nil
    ) {
        self.day = day
        self.name = name
        self.skuIndices = skuIndices
        self.categories = categories
        self.regionIndices = regionIndices
    }

    /// Whether the event covers the SKU (by index and category), ignoring regions.
    public func appliesToSKU(index skuIndex: Int, category: String) -> Bool {
        (skuIndices.map { $0.contains(skuIndex) } ?? true) && (categories.map { $0.contains(category) } ?? true)
    }
}
