import PlannerCore

/// Forecast daily units of one SKU in one region over the horizon.
public struct SeriesForecast: Sendable, Equatable {
    public var skuIndex: Int
    public var regionIndex: Int
    /// Forecast units on `startDay + i` at index `i`, uplifts applied; finite and >= 0.
    public var unitsPerDay: [Double]
    /// Name of the model that produced the series (`dow_profile_level`).
    public var model: String

    public init(skuIndex: Int, regionIndex: Int, unitsPerDay: [Double], model: String) {
        self.skuIndex = skuIndex
        self.regionIndex = regionIndex
        self.unitsPerDay = unitsPerDay
        self.model = model
    }
}

/// Forecasts of every (sku, region) series with recent sales, over `horizonDays` days from `startDay`.
///
/// A (sku, region) pair without a series is forecast as zero units every day.
public struct DemandForecast: Sendable {
    public var startDay: Day
    public var horizonDays: Int
    /// Sorted by (skuIndex, regionIndex), at most one series per pair.
    public var series: [SeriesForecast]

    public init(startDay: Day, horizonDays: Int, series: [SeriesForecast]) {
        self.startDay = startDay
        self.horizonDays = horizonDays
        self.series = series
    }

    /// Positions in `series` of the SKU's series (binary search; empty when it has none).
    public func seriesRange(skuIndex: Int) -> Range<Int> {
        func firstIndex(where isAtOrAfter: (SeriesForecast) -> Bool) -> Int {
            var low = 0
            var high = series.count
            while low < high {
                let mid = (low + high) / 2
                if isAtOrAfter(series[mid]) { high = mid } else { low = mid + 1 }
            }
            return low
        }
        let lower = firstIndex { $0.skuIndex >= skuIndex }
        let upper = firstIndex { $0.skuIndex > skuIndex }
        return lower..<upper
    }

    /// The series of (sku, region), or nil when the pair is forecast as zero.
    public func series(skuIndex: Int, regionIndex: Int) -> SeriesForecast? {
        series[seriesRange(skuIndex: skuIndex)].first { $0.regionIndex == regionIndex }
    }

    /// Forecast units of (sku, region) on `day`; zero outside the horizon and for pairs without a series.
    public func units(skuIndex: Int, regionIndex: Int, on day: Day) -> Double {
        let offset = startDay.days(to: day)
        guard offset >= 0, offset < horizonDays,
            let found = series(skuIndex: skuIndex, regionIndex: regionIndex)
        else { return 0 }
        return found.unitsPerDay[offset]
    }

    /// Daily forecast units of a SKU summed over the regions for which `includesRegion` is true
    /// (`result[i]` is day `startDay + i`); regions without a series add zero.
    public func unitsPerDay(skuIndex: Int, includesRegion: (Int) -> Bool) -> [Double] {
        var total = Array(repeating: 0.0, count: max(0, horizonDays))
        for found in series[seriesRange(skuIndex: skuIndex)] where includesRegion(found.regionIndex) {
            for offset in total.indices {
                total[offset] += found.unitsPerDay[offset]
            }
        }
        return total
    }
}
