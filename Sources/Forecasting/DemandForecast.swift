import PlannerCore

/// Forecast daily units of one SKU in one region over the horizon: the SKU's forecast times the
/// region's recent share of its units, times the uplifts (calendar events, scenario) of that region.
public struct SeriesForecast: Sendable, Equatable {
    public var skuIndex: Int
    public var regionIndex: Int
    /// Forecast units on `startDay + i` at index `i`, uplifts applied; finite and >= 0.
    public var unitsPerDay: [Double]
    /// Name of the model selected for the SKU (`ForecastModelKind.rawValue`).
    public var model: String
    /// The region's share of the SKU's baseline (its recent share of the SKU's units).
    public var share: Double
    public init(
        skuIndex: Int,
        regionIndex: Int,
        unitsPerDay: [Double],
        model: String,
        share: Double = 1
    ) {
        self.skuIndex = skuIndex
        self.regionIndex = regionIndex
        self.unitsPerDay = unitsPerDay
        self.model = model
        self.share = share
    }
}

/// The forecast of one SKU over all regions, with the model that made it and how well it backtested.
public struct SKUForecast: Sendable, Equatable {
    public var skuIndex: Int
    public var demandClass: DemandClass
    /// Syntetos-Boylan statistics of the cleaned history (last 364 days).
    public var averageDemandInterval: Double
    public var squaredVariation: Double
    /// The selected model, its parameters and its rolling-origin backtest accuracy (nil for a new SKU).
    public var model: ForecastModelKind
    public var parameters: String
    public var backtest: ForecastAccuracy?
    /// Every candidate tried (only when asked for, e.g. by `planner backtest`); baselines before uplift.
    public var candidates: [CandidateForecast]
    /// sigma(h): RMS forecast error of the total over the first h days, h = 1...backtestHorizonDays.
    public var cumulativeErrorSD: [Double]
    /// Units per day over all regions, uplifts applied.
    public var unitsPerDay: [Double]
    /// 50%, 80% and 95% quantiles of the SKU's units per day over all regions, uplifts applied (empty when
    /// not computed): max(0, baseline + empirical quantile of the daily backtest error) x uplift.
    public var p50UnitsPerDay: [Double]
    public var p80UnitsPerDay: [Double]
    public var p95UnitsPerDay: [Double]
    /// The factor per day that calendar events and scenario uplifts apply to the SKU's baseline (all
    /// regions together, weighted by their shares).
    public var upliftPerDay: [Double]
    /// Uplift factor per calendar-event name estimated for this SKU, by name ascending.
    public var eventFactors: [EventFactor]

    public init(
        skuIndex: Int,
        demandClass: DemandClass,
        averageDemandInterval: Double,
        squaredVariation: Double,
        model: ForecastModelKind,
        parameters: String,
        backtest: ForecastAccuracy?,
        candidates: [CandidateForecast] = [],
        cumulativeErrorSD: [Double],
        unitsPerDay: [Double],
        upliftPerDay: [Double],
        p50UnitsPerDay: [Double] = [],
        p80UnitsPerDay: [Double] = [],
        p95UnitsPerDay: [Double] = [],
        eventFactors: [EventFactor] = []
    ) {
        self.skuIndex = skuIndex
        self.demandClass = demandClass
        self.averageDemandInterval = averageDemandInterval
        self.squaredVariation = squaredVariation
        self.model = model
        self.parameters = parameters
        self.backtest = backtest
        self.candidates = candidates
        self.cumulativeErrorSD = cumulativeErrorSD
        self.unitsPerDay = unitsPerDay
        self.upliftPerDay = upliftPerDay
        self.p50UnitsPerDay = p50UnitsPerDay
        self.p80UnitsPerDay = p80UnitsPerDay
        self.p95UnitsPerDay = p95UnitsPerDay
        self.eventFactors = eventFactors
    }

    /// Standard deviation of the forecast error of the total over `days` days (fractional allowed):
    /// from the backtest up to its horizon, extended beyond it (see ``ErrorSpread``).
    public func errorSD(overDays days: Double) -> Double {
        ErrorSpread.sd(overDays: days, cumulativeSD: cumulativeErrorSD)
    }
}

/// An event name's estimated uplift for one SKU.
public struct EventFactor: Sendable, Equatable {
    public var name: String
    public var factor: Double

    public init(name: String, factor: Double) {
        self.name = name
        self.factor = factor
    }
}

/// Forecasts of every (sku, region) series with sales in the history window, over `horizonDays` days
/// from `startDay`, and of every such SKU over all regions.
///
/// A (sku, region) pair without a series is forecast as zero units every day.
public struct DemandForecast: Sendable {
    public var startDay: Day
    public var horizonDays: Int
    /// Sorted by (skuIndex, regionIndex), at most one series per pair.
    public var series: [SeriesForecast]
    /// Sorted by skuIndex; one per SKU that sold in the history window.
    public var skuForecasts: [SKUForecast]

    public init(startDay: Day, horizonDays: Int, series: [SeriesForecast], skuForecasts: [SKUForecast] = []) {
        self.startDay = startDay
        self.horizonDays = horizonDays
        self.series = series
        self.skuForecasts = skuForecasts
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

    /// The SKU's forecast over all regions, or nil when it has none (forecast zero).
    public func skuForecast(skuIndex: Int) -> SKUForecast? {
        var low = 0
        var high = skuForecasts.count
        while low < high {
            let mid = (low + high) / 2
            if skuForecasts[mid].skuIndex < skuIndex { low = mid + 1 } else { high = mid }
        }
        return low < skuForecasts.count && skuForecasts[low].skuIndex == skuIndex ? skuForecasts[low] : nil
    }

    /// The 50%, 80% and 95% quantiles of a region series on horizon day `offset`: the SKU's quantiles in
    /// the proportion of the region's units to the SKU's that day (top-down, the region moving with its SKU;
    /// the same as share x max(0, baseline + error quantile) x the region's uplift). When the SKU's units are 0
    /// that day, share x the SKU's quantiles. Nil when the SKU has no quantiles.
    public func quantiles(of series: SeriesForecast, offset: Int) -> SIMD3<Double>? {
        guard let sku = skuForecast(skuIndex: series.skuIndex), offset < sku.p50UnitsPerDay.count,
            offset < sku.p80UnitsPerDay.count, offset < sku.p95UnitsPerDay.count
        else { return nil }
        let total = SIMD3(sku.p50UnitsPerDay[offset], sku.p80UnitsPerDay[offset], sku.p95UnitsPerDay[offset])
        let skuUnits = offset < sku.unitsPerDay.count ? sku.unitsPerDay[offset] : 0
        let proportion = skuUnits > 0 ? series.unitsPerDay[offset] / skuUnits : series.share
        return total * proportion
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
