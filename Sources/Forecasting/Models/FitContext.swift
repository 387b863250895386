/// One SKU's cleaned daily series and where fitting and the backtest look in it.
///
/// Parameters are fitted on `values[fitStart..<originStart]`; the rolling-origin backtest then forecasts
/// from every origin in `originStart..<count` with those parameters, so no error it scores was seen
/// by the fit. Initial states come from the first `initialDays` of the fit range (Hyndman et al. 2008,
/// heuristic initialisation), seasonal indices from the same whole weeks.
struct FitContext {
    let values: UnsafeBufferPointer<Double>
    let fitStart: Int
    let originStart: Int
    /// Days in the series; the forecast starts on day `count`.
    var count: Int { values.count }
    let initialDays: Int
    /// First scored day of the fit; the days before it let the state settle.
    let scoredFrom: Int
    let initialMean: Double
    let fitMean: Double
    /// Mean days between demands over the fit range (the ADI); fit-range days when nothing sold.
    let meanIntervalDays: Double
    /// Share of fit-range days with demand.
    let demandDayShare: Double
    let meanDemandSize: Double
    /// Seasonal indices of the days fitStart, fitStart + 1, ... (slot 7 unused).
    let additiveSeason: SIMD8<Double>
    let multiplicativeSeason: SIMD8<Double>
    /// The category's weekday index (0 = Monday) and the weekday of `values[0]`, for the ramp.
    let weekdayIndex: SIMD8<Double>
    let firstWeekday: Int

    init(
        values: UnsafeBufferPointer<Double>,
        fitStart: Int,
        originStart: Int,
        weekdayIndex: SIMD8<Double> = SIMD8(repeating: 1),
        firstWeekday: Int = 0
    ) {
        self.values = values
        self.weekdayIndex = weekdayIndex
        self.firstWeekday = firstWeekday
        self.fitStart = fitStart
        self.originStart = originStart
        let fitDays = originStart - fitStart
        initialDays = fitDays >= 14 ? min(28, fitDays / 7 * 7) : max(1, fitDays)
        scoredFrom = fitDays >= 14 ? fitStart + 7 : min(fitStart + 1, originStart)

        var initialTotal = 0.0
        var weekdayTotals = SIMD8<Double>(repeating: 0)
        var weekdayCounts = SIMD8<Double>(repeating: 0)
        for offset in 0..<initialDays {
            let value = values[fitStart + offset]
            initialTotal += value
            weekdayTotals[offset % 7] += value
            weekdayCounts[offset % 7] += 1
        }
        initialMean = initialTotal / Double(initialDays)
        var additive = SIMD8<Double>(repeating: 0)
        var multiplicative = SIMD8<Double>(repeating: 1)
        if initialDays >= 7 {
            for slot in 0..<7 {
                let weekdayMean = weekdayTotals[slot] / weekdayCounts[slot]
                additive[slot] = weekdayMean - initialMean
                if initialMean > 0 { multiplicative[slot] = max(0.05, weekdayMean / initialMean) }
            }
        }
        additiveSeason = additive
        multiplicativeSeason = multiplicative

        var total = 0.0
        var demandDays = 0
        var demandUnits = 0.0
        for index in fitStart..<originStart {
            let value = values[index]
            total += value
            if value > 0 {
                demandDays += 1
                demandUnits += value
            }
        }
        fitMean = fitDays > 0 ? total / Double(fitDays) : 0
        meanIntervalDays = demandDays > 0 ? Double(fitDays) / Double(demandDays) : Double(max(1, fitDays))
        demandDayShare = fitDays > 0 ? Double(demandDays) / Double(fitDays) : 0
        meanDemandSize = demandDays > 0 ? demandUnits / Double(demandDays) : 0
    }

    /// A ramp observing from `fitStart`.
    func makeRamp() -> RampForecaster {
        RampForecaster(
            series: values.baseAddress!,
            start: fitStart,
            firstWeekday: (firstWeekday + fitStart) % 7,
            weekdayIndex: weekdayIndex
        )
    }

    /// Whether there are enough fit days to estimate parameters (else defaults are used).
    var canFit: Bool { originStart - fitStart >= 14 }

    /// Squared one-step error over the fit range of a model built fresh at `fitStart`.
    @inline(__always)
    func fitLoss<Model: RecursiveForecaster>(_ model: Model) -> Double {
        oneStepSquaredError(model, values, start: fitStart, scoredFrom: scoredFrom, end: originStart)
    }
}
