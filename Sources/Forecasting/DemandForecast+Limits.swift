import PlannerCore

extension DemandForecast {
    /// Caps every day's forecast units (series, SKU totals and their quantiles) at `maximumUnits`
    /// (``InputLimits/dailyForecastUnitsMax`` in a plan), so that every quantity planned from them fits in
    /// 64-bit whole units. A non-finite value, which no model should give, becomes the cap as well. Returns the
    /// number of (SKU, day) values the cap changed.
    @discardableResult
    public mutating func capDailyUnits(at maximumUnits: Double = InputLimits.dailyForecastUnitsMax) -> Int {
        var capped = 0
        func cap(_ values: inout [Double]) -> Int {
            var count = 0
            for index in values.indices where !(values[index] <= maximumUnits) {
                values[index] = maximumUnits
                count += 1
            }
            return count
        }
        for index in series.indices {
            _ = cap(&series[index].unitsPerDay)
        }
        for index in skuForecasts.indices {
            capped += cap(&skuForecasts[index].unitsPerDay)
            _ = cap(&skuForecasts[index].p50UnitsPerDay)
            _ = cap(&skuForecasts[index].p80UnitsPerDay)
            _ = cap(&skuForecasts[index].p95UnitsPerDay)
        }
        return capped
    }
}
