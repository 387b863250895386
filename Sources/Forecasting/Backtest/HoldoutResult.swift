import PlannerCore

/// One model's forecast of one SKU over the holdout, all regions together, and its accuracy there.
public struct ModelHoldoutForecast: Sendable, Equatable {
    public var model: ForecastModelKind
    /// Whether the forecaster selected this model for the SKU (exactly one per SKU).
    public var isSelected: Bool
    /// Forecast units per holdout day, the plan date first.
    public var unitsPerDay: [Double]
    /// MAE, RMSE, bias (mean forecast - actual), MASE and RMSSE over the holdout days.
    public var accuracy: ForecastAccuracy

    /// Scores `unitsPerDay` against `actualUnitsPerDay` (same length) with the SKU's in-sample naive scale.
    public init(
        model: ForecastModelKind,
        isSelected: Bool,
        unitsPerDay: [Double],
        actualUnitsPerDay: [Double],
        scale: NaiveScale
    ) {
        precondition(unitsPerDay.count == actualUnitsPerDay.count, "one forecast per holdout day")
        self.model = model
        self.isSelected = isSelected
        self.unitsPerDay = unitsPerDay
        let errors = zip(actualUnitsPerDay, unitsPerDay).map { $0 - $1 }
        accuracy = errors.withUnsafeBufferPointer { ForecastAccuracy(errors: $0, scale: scale) }
    }
}

/// The holdout result of one SKU: what it sold, the scale of its errors, and every model's forecast.
public struct SKUHoldoutResult: Sendable, Equatable {
    public var skuIndex: Int
    /// The class the forecaster gave the SKU from its history before the plan date.
    public var demandClass: DemandClass
    /// Units sold per holdout day over all regions, the plan date first (0 on a day without a row).
    public var actualUnitsPerDay: [Double]
    /// In-sample one-step naive errors from the SKU's first sale to the day before the plan date (M5).
    public var naiveScale: NaiveScale
    /// One per model, in ``ForecastModelKind`` order; exactly one is selected.
    public var models: [ModelHoldoutForecast]

    public init(
        skuIndex: Int,
        demandClass: DemandClass,
        actualUnitsPerDay: [Double],
        naiveScale: NaiveScale,
        models: [ModelHoldoutForecast]
    ) {
        self.skuIndex = skuIndex
        self.demandClass = demandClass
        self.actualUnitsPerDay = actualUnitsPerDay
        self.naiveScale = naiveScale
        self.models = models
    }

    /// The selected model's forecast.
    public var selected: ModelHoldoutForecast? { models.first { $0.isSelected } }

    /// The forecast of `model`, if it was a candidate (seasonal naive always is).
    public func forecast(of model: ForecastModelKind) -> ModelHoldoutForecast? {
        models.first { $0.model == model }
    }
}

/// A holdout backtest: the last `holdoutDays` days of the data forecast from the history before them.
public struct HoldoutBacktestResult: Sendable {
    /// The first holdout day; the forecaster saw only the history strictly before it.
    public var planDate: Day
    public var holdoutDays: Int
    /// SKUs with a forecast, by SKU index.
    public var skus: [SKUHoldoutResult]
    /// SKUs that sold in the holdout but got no forecast (no sale in the history window), left unscored.
    public var unforecastSKUCount: Int
    public var summary: BacktestSummary

    public init(planDate: Day, holdoutDays: Int, skus: [SKUHoldoutResult], unforecastSKUCount: Int) {
        self.planDate = planDate
        self.holdoutDays = holdoutDays
        self.skus = skus
        self.unforecastSKUCount = unforecastSKUCount
        summary = BacktestSummary(skus)
    }
}
