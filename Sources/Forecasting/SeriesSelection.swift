import PlannerCore

/// A candidate model's result for one SKU: its fitted parameters, its backtest accuracy, and its
/// forecast from the plan date before any event or scenario uplift.
public struct CandidateForecast: Sendable, Equatable {
    public var model: ForecastModelKind
    /// Fitted parameters, e.g. `alpha=0.12 beta=0.01`; empty for parameter-free models.
    public var parameters: String
    /// Rolling-origin backtest accuracy; nil for a new SKU's category profile (no history to test on).
    public var backtest: ForecastAccuracy?
    /// Baseline units per day from the plan date (no uplift applied).
    public var baselineUnitsPerDay: [Double]

    public init(
        model: ForecastModelKind,
        parameters: String,
        backtest: ForecastAccuracy?,
        baselineUnitsPerDay: [Double]
    ) {
        self.model = model
        self.parameters = parameters
        self.backtest = backtest
        self.baselineUnitsPerDay = baselineUnitsPerDay
    }
}

/// What model selection found for one SKU (all regions together): everything the second, sequential pass of the
/// forecast (``DemandForecaster/assemble(_:dataSet:planDate:horizonDays:uplifts:abcClassBySKU:)``) needs of it, so
/// that a shard can select the models of its SKUs and store this, and the merge assemble every SKU's from storage.
public struct SKUModelResult: Sendable, Equatable {
    public var skuIndex: Int
    public var statistics: DemandPatternStatistics
    public var demandClass: DemandClass
    public var selected: CandidateForecast
    /// Every candidate tried, in model order (the selected one included); empty unless asked for.
    public var candidates: [CandidateForecast]
    /// RMS of the sum of backtest errors over the first h days, h = 1...backtestHorizonDays.
    public var cumulativeErrorSD: [Double]
    /// 50%, 80% and 95% quantiles of the daily backtest errors (actual - forecast), slot 3 unused.
    public var errorQuantiles: SIMD4<Double>
    /// Per event name: actual units and cleaned baseline units on its past days in this SKU's history.
    public var eventActualUnits: [Double]
    public var eventBaselineUnits: [Double]
    /// Variance over mean of the cleaned daily units of the last 364 days, at least 1: how many units one
    /// unit of information is worth (1 for Poisson sales, the mean order size for lumpy ones).
    public var dispersion: Double
    /// The SKU's share of units per region (``DailyDemandMatrix/regionShares(sku:)``); nil when it sold nothing in
    /// the window, and then it has no forecast (it still counts in the category's event pooling).
    public var regionShares: [Double]?

    public init(
        skuIndex: Int,
        statistics: DemandPatternStatistics,
        demandClass: DemandClass,
        selected: CandidateForecast,
        candidates: [CandidateForecast] = [],
        cumulativeErrorSD: [Double],
        errorQuantiles: SIMD4<Double>,
        eventActualUnits: [Double],
        eventBaselineUnits: [Double],
        dispersion: Double,
        regionShares: [Double]? = nil
    ) {
        self.skuIndex = skuIndex
        self.statistics = statistics
        self.demandClass = demandClass
        self.selected = selected
        self.candidates = candidates
        self.cumulativeErrorSD = cumulativeErrorSD
        self.errorQuantiles = errorQuantiles
        self.eventActualUnits = eventActualUnits
        self.eventBaselineUnits = eventBaselineUnits
        self.dispersion = dispersion
        self.regionShares = regionShares
    }
}

/// Scratch memory of one worker, reused for every SKU it forecasts, so the inner loops allocate nothing.
final class ForecastWorkspace {
    let capacityDays: Int
    let horizonDays: Int
    let backtestHorizonDays: Int
    let values: UnsafeMutableBufferPointer<Double>
    let isEventDay: UnsafeMutableBufferPointer<Bool>
    let currentErrors: UnsafeMutableBufferPointer<Double>
    let bestErrors: UnsafeMutableBufferPointer<Double>
    let sortScratch: UnsafeMutableBufferPointer<Double>
    let forecast: UnsafeMutableBufferPointer<Double>
    /// The yearly index of every day of the series and of the horizon after it.
    let yearlyIndex: UnsafeMutableBufferPointer<Double>
    /// The series divided by its yearly index.
    let deseasonalised: UnsafeMutableBufferPointer<Double>
    /// Sums of the combination members' backtest errors and forecasts.
    let combinationErrors: UnsafeMutableBufferPointer<Double>
    let combinationForecast: UnsafeMutableBufferPointer<Double>

    init(capacityDays: Int, horizonDays: Int, backtestDays: Int, backtestHorizonDays: Int) {
        self.capacityDays = max(1, capacityDays)
        self.horizonDays = horizonDays
        self.backtestHorizonDays = max(1, backtestHorizonDays)
        let errorCount = max(1, backtestDays) * self.backtestHorizonDays
        values = .allocate(capacity: self.capacityDays)
        isEventDay = .allocate(capacity: self.capacityDays)
        currentErrors = .allocate(capacity: errorCount)
        bestErrors = .allocate(capacity: errorCount)
        sortScratch = .allocate(capacity: errorCount)
        forecast = .allocate(capacity: max(1, horizonDays))
        yearlyIndex = .allocate(capacity: self.capacityDays + max(horizonDays, self.backtestHorizonDays))
        deseasonalised = .allocate(capacity: self.capacityDays)
        combinationErrors = .allocate(capacity: errorCount)
        combinationForecast = .allocate(capacity: max(1, horizonDays))
    }

    deinit {
        for buffer in [
            values, currentErrors, bestErrors, sortScratch, forecast, yearlyIndex, deseasonalised, combinationErrors,
            combinationForecast,
        ] {
            buffer.deallocate()
        }
        isEventDay.deallocate()
    }
}
