import PlannerCore

/// The second, sequential pass of ``DemandForecaster``: pools event uplifts by category, applies event
/// and scenario uplifts per region, and builds the SKU and region forecasts in index order.
struct ForecastAssembly {
    let dataSet: DataSet
    let planDate: Day
    let horizonDays: Int
    let calendar: EventCalendar
    let categoryBySKU: [Int]
    let categoryCount: Int
    let uplifts: [DemandUplift]
    let abcClassBySKU: [ABCClass]

    func assemble(_ results: [SKUModelResult]) -> DemandForecast {
        let nameCount = calendar.names.count
        // Category factor per (category, name): pooled actual / pooled baseline over the category's SKUs.
        var pooledActual = [Double](repeating: 0, count: categoryCount * nameCount)
        var pooledBaseline = [Double](repeating: 0, count: categoryCount * nameCount)
        for result in results {
            let base = categoryBySKU[result.skuIndex] * nameCount
            for name in 0..<nameCount {
                pooledActual[base + name] += result.eventActualUnits[name]
                pooledBaseline[base + name] += result.eventBaselineUnits[name]
            }
        }
        let regionFilters = (0..<nameCount).map { calendar.regionFilter(nameIndex: $0) }
        let scenario = UpliftFactors(
            uplifts: uplifts,
            dataSet: dataSet,
            abcClassBySKU: abcClassBySKU,
            startDay: planDate,
            horizonDays: horizonDays
        )
        let quantileLevels = 3

        var series: [SeriesForecast] = []
        var skuForecasts: [SKUForecast] = []
        skuForecasts.reserveCapacity(results.count)
        for result in results {
            let sku = result.skuIndex
            guard let shares = result.regionShares else { continue }
            let category = categoryBySKU[sku]
            let factors = (0..<nameCount).map { name in
                EventUplift.factor(
                    actual: result.eventActualUnits[name],
                    baseline: result.eventBaselineUnits[name],
                    categoryFactor: EventUplift.pooledFactor(
                        actual: pooledActual[category * nameCount + name],
                        baseline: pooledBaseline[category * nameCount + name]
                    ),
                    dispersion: result.dispersion
                )
            }
            let baseline = result.selected.baselineUnitsPerDay
            let quantiles = (0..<quantileLevels).map { level in
                baseline.map { max(0, $0 + result.errorQuantiles[level]) }
            }
            var skuUnits = [Double](repeating: 0, count: horizonDays)
            var skuUplift = [Double](repeating: 0, count: horizonDays)
            for region in shares.indices where shares[region] > 0 {
                var uplift = scenario.factors(skuIndex: sku, regionIndex: region)
                for occurrence in calendar.future
                where calendar.applies(occurrence, sku: sku) && calendar.applies(occurrence, region: region) {
                    let offset = occurrence.daysSinceEpoch - planDate.daysSinceEpoch
                    guard offset < horizonDays else { continue }
                    var factor = factors[occurrence.nameIndex]
                    if let filter = regionFilters[occurrence.nameIndex] {
                        factor = EventUplift.regionalFactor(
                            totalFactor: factor,
                            share: filter.reduce(0) { $0 + shares[$1] }
                        )
                    }
                    uplift[offset] *= factor
                }
                let share = shares[region]
                let units = (0..<horizonDays).map { nonNegative(share * baseline[$0] * uplift[$0]) }
                for day in 0..<horizonDays {
                    skuUnits[day] += units[day]
                    skuUplift[day] += share * uplift[day]
                }
                series.append(
                    SeriesForecast(
                        skuIndex: sku,
                        regionIndex: region,
                        unitsPerDay: units,
                        model: result.selected.model.rawValue,
                        share: share
                    )
                )
            }
            skuForecasts.append(
                SKUForecast(
                    skuIndex: sku,
                    demandClass: result.demandClass,
                    averageDemandInterval: result.statistics.averageDemandInterval,
                    squaredVariation: result.statistics.squaredVariation,
                    model: result.selected.model,
                    parameters: result.selected.parameters,
                    backtest: result.selected.backtest,
                    candidates: result.candidates,
                    cumulativeErrorSD: result.cumulativeErrorSD,
                    unitsPerDay: skuUnits,
                    upliftPerDay: skuUplift,
                    p50UnitsPerDay: (0..<horizonDays).map { nonNegative(quantiles[0][$0] * skuUplift[$0]) },
                    p80UnitsPerDay: (0..<horizonDays).map { nonNegative(quantiles[1][$0] * skuUplift[$0]) },
                    p95UnitsPerDay: (0..<horizonDays).map { nonNegative(quantiles[2][$0] * skuUplift[$0]) },
                    eventFactors: (0..<nameCount).map { EventFactor(name: calendar.names[$0], factor: factors[$0]) }
                )
            )
        }
        return DemandForecast(startDay: planDate, horizonDays: horizonDays, series: series, skuForecasts: skuForecasts)
    }
}
