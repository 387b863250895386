import PlannerCore

/// The returns forecast held out like the demand forecast: from the history before the plan date, the return
/// model (``ReturnModel``) and the SKUs' holdout demand forecasts (all regions together), the expected returns
/// of every day of the holdout are scored against the returns recorded then.
public struct ReturnsBacktestResult: Sendable, Equatable {
    public struct SKU: Sendable, Equatable {
        public var skuIndex: Int
        public var forecastUnits: [Double]
        public var actualUnits: [Double]
        public var accuracy: ForecastAccuracy
    }

    /// SKUs with a return estimate and a demand forecast, by index.
    public var skus: [SKU]
    public var forecastUnits: Double
    public var actualUnits: Double
    /// Means over SKUs of their daily MAE, RMSE and bias (forecast - actual).
    public var meanAbsoluteError: Double
    public var rootMeanSquaredError: Double
    public var bias: Double
}

public enum ReturnsBacktest {
    /// Nil when the data set has no returns.
    public static func run(
        _ forecast: DemandForecast,
        dataSet: DataSet,
        settings: ReturnsSettings
    ) -> ReturnsBacktestResult? {
        guard !dataSet.returns.isEmpty else { return nil }
        let planDate = forecast.startDay
        let planDay = planDate.daysSinceEpoch
        let horizon = forecast.horizonDays
        let model = ReturnModel(dataSet: dataSet, planDate: planDate, settings: settings)
        var states = [SIMD2<Double>](repeating: .zero, count: dataSet.skus.count)
        let demand = dataSet.demand
        for row in 0..<demand.count {
            let age = planDay - Int(demand.days[row])
            let sku = Int(demand.skuIndices[row])
            guard age >= 1, age <= ReturnModel.warmupDays, let estimate = model.estimates[sku] else { continue }
            states[sku] += Double(demand.quantities[row]) * estimate.lag.state(age: age)
        }
        var actual = [Double](repeating: 0, count: dataSet.skus.count * max(1, horizon))
        for record in dataSet.returns {
            let offset = record.day.daysSinceEpoch - planDay
            guard offset >= 0, offset < horizon else { continue }
            actual[record.skuIndex * horizon + offset] += Double(record.quantity)
        }
        let noScale = NaiveScale(meanAbsoluteDifference: 0, meanSquaredDifference: 0)
        var skus: [ReturnsBacktestResult.SKU] = []
        for sku in forecast.skuForecasts {
            guard let estimate = model.estimates[sku.skuIndex] else { continue }
            let units = estimate.expectedReturns(from: states[sku.skuIndex], horizonDays: horizon) { offset in
                offset < sku.unitsPerDay.count ? sku.unitsPerDay[offset] : 0
            }
            let actualUnits = Array(actual[(sku.skuIndex * horizon)..<((sku.skuIndex + 1) * horizon)])
            let errors = zip(actualUnits, units).map { $0 - $1 }
            skus.append(
                .init(
                    skuIndex: sku.skuIndex,
                    forecastUnits: units,
                    actualUnits: actualUnits,
                    accuracy: errors.withUnsafeBufferPointer { ForecastAccuracy(errors: $0, scale: noScale) }
                )
            )
        }
        let count = Double(max(1, skus.count))
        return ReturnsBacktestResult(
            skus: skus,
            forecastUnits: skus.reduce(0) { $0 + $1.forecastUnits.reduce(0, +) },
            actualUnits: skus.reduce(0) { $0 + $1.actualUnits.reduce(0, +) },
            meanAbsoluteError: skus.reduce(0) { $0 + $1.accuracy.meanAbsoluteError } / count,
            rootMeanSquaredError: skus.reduce(0) { $0 + $1.accuracy.rootMeanSquaredError } / count,
            bias: skus.reduce(0) { $0 + $1.accuracy.bias } / count
        )
    }
}
