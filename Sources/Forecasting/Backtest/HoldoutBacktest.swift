import Foundation
import PlannerCore

/// Why a data set cannot be backtested.
public enum HoldoutBacktestError: Error, Sendable, Equatable, CustomStringConvertible {
    case noDemand
    /// The holdout covers every demand day: no history would be left before it.
    case noHistoryBeforeHoldout(firstDay: Day, lastDay: Day, holdoutDays: Int)

    public var description: String {
        switch self {
        case .noDemand:
            return "the demand history is empty: nothing to hold out"
        case .noHistoryBeforeHoldout(let firstDay, let lastDay, let holdoutDays):
            return "a holdout of \(holdoutDays) days leaves no history: demand runs from \(firstDay) to \(lastDay)"
        }
    }
}

/// Holdout backtest of ``DemandForecaster``: the last `holdoutDays` days of demand are held out, forecast
/// from the history strictly before them, and every SKU's selected model and every candidate is scored
/// against what sold (Tashman 2000, out-of-sample evaluation from a single origin).
///
/// Forecasts are SKU totals over all regions. Candidates get the same calendar-event uplift as the selected
/// model (baseline x the SKU's uplift per day, floored at 0); the selected model's forecast is the
/// forecaster's own `SKUForecast.unitsPerDay`. Seasonal naive is always scored: when it was not a candidate
/// (new SKUs), the benchmark y(t + h) = y(same weekday of the last week before the plan date) from the raw
/// history, without uplift. Errors are scaled by the in-sample one-step naive error from the SKU's first
/// sale (MASE, Hyndman and Koehler 2006; RMSSE, M5 competition, Makridakis et al. 2022).
public enum HoldoutBacktest {
    /// The first holdout day: last demand day - `holdoutDays` + 1 (`holdoutDays` >= 1).
    public static func planDate(dataSet: DataSet, holdoutDays: Int) throws(HoldoutBacktestError) -> Day {
        precondition(holdoutDays >= 1, "hold out at least one day")
        guard let range = dataSet.demand.dayRange else { throw .noDemand }
        let planDate = range.upperBound.adding(days: 1 - holdoutDays)
        guard planDate > range.lowerBound else {
            throw .noHistoryBeforeHoldout(
                firstDay: range.lowerBound,
                lastDay: range.upperBound,
                holdoutDays: holdoutDays
            )
        }
        return planDate
    }

    /// Forecasts the holdout with every candidate kept, ABC classes all C and no scenario uplift (calendar
    /// events apply). The region series are dropped (only SKU totals are scored) to free their memory.
    public static func forecast(
        dataSet: DataSet,
        holdoutDays: Int,
        settings: ForecastSettings,
        workerCount: Int = ProcessInfo.processInfo.activeProcessorCount
    ) async throws(HoldoutBacktestError) -> DemandForecast {
        let planDate = try planDate(dataSet: dataSet, holdoutDays: holdoutDays)
        var forecast = await DemandForecaster.forecast(
            dataSet: dataSet,
            planDate: planDate,
            horizonDays: holdoutDays,
            settings: settings,
            uplifts: [],
            abcClassBySKU: Array(repeating: .C, count: dataSet.skus.count),
            keepsAllCandidates: true,
            workerCount: workerCount
        )
        forecast.series = []
        return forecast
    }

    /// Scores a forecast made from `forecast.startDay` over `forecast.horizonDays` days against the data set's
    /// demand on those days, SKU by SKU in index order.
    public static func evaluate(_ forecast: DemandForecast, dataSet: DataSet) -> HoldoutBacktestResult {
        let holdoutDays = forecast.horizonDays
        let series = HoldoutSeries(dataSet: dataSet, planDate: forecast.startDay, holdoutDays: holdoutDays)
        var isForecast = [Bool](repeating: false, count: dataSet.skus.count)
        var results: [SKUHoldoutResult] = []
        results.reserveCapacity(forecast.skuForecasts.count)
        for sku in forecast.skuForecasts {
            isForecast[sku.skuIndex] = true
            results.append(evaluate(sku, series: series, holdoutDays: holdoutDays))
        }
        let unforecast = (0..<dataSet.skus.count).filter { sku in
            !isForecast[sku] && series.actualUnitsPerDay(sku: sku).contains { $0 > 0 }
        }
        return HoldoutBacktestResult(
            planDate: forecast.startDay,
            holdoutDays: holdoutDays,
            skus: results,
            unforecastSKUCount: unforecast.count
        )
    }

    /// Forecasts the last `holdoutDays` days from the history before them and scores the forecasts.
    public static func run(
        dataSet: DataSet,
        holdoutDays: Int,
        settings: ForecastSettings,
        workerCount: Int = ProcessInfo.processInfo.activeProcessorCount
    ) async throws(HoldoutBacktestError) -> HoldoutBacktestResult {
        let forecast = try await forecast(
            dataSet: dataSet,
            holdoutDays: holdoutDays,
            settings: settings,
            workerCount: workerCount
        )
        return evaluate(forecast, dataSet: dataSet)
    }

    private static func evaluate(_ sku: SKUForecast, series: HoldoutSeries, holdoutDays: Int) -> SKUHoldoutResult {
        let actual = series.actualUnitsPerDay(sku: sku.skuIndex)
        let scale = NaiveScale(values: series.history(sku: sku.skuIndex))
        func scored(_ model: ForecastModelKind, isSelected: Bool, _ units: [Double]) -> ModelHoldoutForecast {
            ModelHoldoutForecast(
                model: model,
                isSelected: isSelected,
                unitsPerDay: units,
                actualUnitsPerDay: actual,
                scale: scale
            )
        }
        var models = sku.candidates.map { candidate in
            candidate.model == sku.model
                ? scored(candidate.model, isSelected: true, sku.unitsPerDay)
                : scored(
                    candidate.model,
                    isSelected: false,
                    (0..<holdoutDays).map { nonNegative(candidate.baselineUnitsPerDay[$0] * sku.upliftPerDay[$0]) }
                )
        }
        if !models.contains(where: \.isSelected) {
            models.append(scored(sku.model, isSelected: true, sku.unitsPerDay))
        }
        if !models.contains(where: { $0.model == .seasonalNaive }) {
            models.append(scored(.seasonalNaive, isSelected: false, series.seasonalNaive(sku: sku.skuIndex)))
        }
        models.sort { $0.model < $1.model }
        return SKUHoldoutResult(
            skuIndex: sku.skuIndex,
            demandClass: sku.demandClass,
            actualUnitsPerDay: actual,
            naiveScale: scale,
            models: models
        )
    }
}
