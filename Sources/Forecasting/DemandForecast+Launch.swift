import PlannerCore

/// A SKU launched in the horizon, shaped like a SKU with sales (a scenario's `new_sku_launch`).
public struct LaunchPlan: Sendable, Equatable {
    public var skuIndex: Int
    public var likeSKUIndex: Int
    /// Horizon day (from the forecast's start) of the first sale.
    public var startOffset: Int
    public var expectedDailyUnits: Double
    /// Text for `forecast_models.parameters`.
    public var description: String

    public init(skuIndex: Int, likeSKUIndex: Int, startOffset: Int, expectedDailyUnits: Double, description: String) {
        self.skuIndex = skuIndex
        self.likeSKUIndex = likeSKUIndex
        self.startOffset = startOffset
        self.expectedDailyUnits = expectedDailyUnits
        self.description = description
    }
}

extension DemandForecast {
    /// Adds the forecast of each launched SKU: on day t >= start, units(t) = E x like(t) / mean(like), E the expected
    /// daily units and like(t) the like SKU's forecast over all regions (its weekdays, events and uplifts), or E
    /// when the like SKU's forecast is zero; before the start, zero. Regions get the like SKU's split of its
    /// horizon units. A launch has no history to backtest: its spread is that of a new SKU (docs/formulas.md),
    /// var(h) = h E + (0.5 h E)^2, with normal daily quantiles of sd sqrt(u + (0.5 u)^2) around the day's units u.
    public mutating func addLaunches(_ launches: [LaunchPlan], regionCount: Int) {
        for launch in launches where skuForecast(skuIndex: launch.skuIndex) == nil {
            let like = skuForecast(skuIndex: launch.likeSKUIndex)
            let likeUnits = like?.unitsPerDay ?? []
            let likeMean = likeUnits.isEmpty ? 0 : likeUnits.reduce(0, +) / Double(likeUnits.count)
            let units = (0..<horizonDays).map { offset -> Double in
                guard offset >= launch.startOffset else { return 0 }
                guard likeMean > 0, offset < likeUnits.count else { return launch.expectedDailyUnits }
                return launch.expectedDailyUnits * likeUnits[offset] / likeMean
            }
            let likeSeries = series[seriesRange(skuIndex: launch.likeSKUIndex)]
            let likeTotal = likeSeries.reduce(0.0) { $0 + $1.unitsPerDay.reduce(0, +) }
            var shares: [(region: Int, share: Double)] = likeSeries.map { found in
                (found.regionIndex, likeTotal > 0 ? found.unitsPerDay.reduce(0, +) / likeTotal : found.share)
            }
            if shares.isEmpty { shares = (0..<regionCount).map { ($0, 1 / Double(max(1, regionCount))) } }
            let newSeries = shares.map { region, share in
                SeriesForecast(
                    skuIndex: launch.skuIndex,
                    regionIndex: region,
                    unitsPerDay: units.map { $0 * share },
                    model: ForecastModelKind.likeSKU.rawValue,
                    share: share
                )
            }
            let level = launch.expectedDailyUnits
            let errorDays = max(1, like?.cumulativeErrorSD.count ?? 28)
            func quantile(_ z: Double) -> [Double] {
                units.map { max(0, $0 + z * ($0 + 0.25 * $0 * $0).squareRoot()) }
            }
            let forecast = SKUForecast(
                skuIndex: launch.skuIndex,
                demandClass: .new,
                averageDemandInterval: .nan,
                squaredVariation: .nan,
                model: .likeSKU,
                parameters: launch.description,
                backtest: nil,
                cumulativeErrorSD: (1...errorDays).map { h in
                    (Double(h) * level + 0.25 * Double(h * h) * level * level).squareRoot()
                },
                unitsPerDay: units,
                upliftPerDay: like?.upliftPerDay ?? Array(repeating: 1, count: horizonDays),
                p50UnitsPerDay: units,
                p80UnitsPerDay: quantile(0.8416212335729143),
                p95UnitsPerDay: quantile(1.6448536269514722)
            )
            let skuPosition = skuForecasts.firstIndex { $0.skuIndex > launch.skuIndex } ?? skuForecasts.count
            skuForecasts.insert(forecast, at: skuPosition)
            let seriesPosition = series.firstIndex { $0.skuIndex > launch.skuIndex } ?? series.count
            series.insert(contentsOf: newSeries.sorted { $0.regionIndex < $1.regionIndex }, at: seriesPosition)
        }
    }
}
