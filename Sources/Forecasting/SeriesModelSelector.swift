import PlannerCore

/// Model selection for one SKU's daily series (all regions summed).
///
/// 1. Calendar-event days are cleaned: each is replaced by a local baseline, the mean of the non-event
///    days within 28 days either side times the SKU's weekday index, and the actual and baseline units
///    are summed per event name (to estimate its uplift).
/// 2. The cleaned series is classified (Syntetos-Boylan, over its last 364 days).
/// 3. Each candidate of the class (``SeriesModelSelector/candidates(for:multiplicativeAllowed:)``) is fitted
///    by least squares on the fit range, then backtested from every origin of the last `backtestDays`
///    days, `backtestHorizonDays` ahead, with those parameters. The smallest mean squared error wins
///    (ties: the earlier, simpler model).
/// 4. The winner's errors give the spread: RMS of the cumulative error over 1...h days, and quantiles.
///
/// A SKU with fewer than `newSKUDays` days since its first sale gets its recent level times its
/// category's weekday profile instead.
struct SeriesModelSelector {
    struct PastEvent {
        /// Column in the SKU's series (0 = its first day).
        var column: Int
        var nameIndex: Int
    }

    let settings: ForecastSettings
    let horizonDays: Int
    let eventNameCount: Int
    let keepsAllCandidates: Bool

    /// Selects the model of one SKU. `series` holds its daily units from its first day (first sale, or
    /// the window's start) to the day before the plan date; `firstDaysSinceEpoch` is that first day.
    func select(
        skuIndex: Int,
        series: UnsafeBufferPointer<Float>,
        firstDaysSinceEpoch: Int,
        pastEvents: [PastEvent],
        categoryProfile: SIMD8<Double>,
        categoryYearly: YearlyProfile? = nil,
        categoryEventFactors: [Double]? = nil,
        workspace: ForecastWorkspace
    ) -> SKUModelResult {
        let count = series.count
        let values = UnsafeMutableBufferPointer(rebasing: workspace.values[0..<count])
        for index in 0..<count { values[index] = Double(series[index]) }
        var eventActual = [Double](repeating: 0, count: eventNameCount)
        var eventBaseline = [Double](repeating: 0, count: eventNameCount)
        let isEventDay = UnsafeMutableBufferPointer(rebasing: workspace.isEventDay[0..<count])
        isEventDay.update(repeating: false)
        for event in pastEvents where event.column >= 0 && event.column < count { isEventDay[event.column] = true }

        // The SKU's own yearly profile (two years or more, event days left out), else its category's. A SKU
        // selling on under half of its recent days gets none of its own: its profile would be noise, shrunk flat.
        var recentSellingDays = 0
        for day in max(0, count - 364)..<count where values[day] > 0 { recentSellingDays += 1 }
        let sellsOften = 2 * recentSellingDays >= min(364, count)
        let ownYearly =
            count >= YearlyProfile.minimumDays && sellsOften
            ? YearlyProfile.estimate(
                values: UnsafeBufferPointer(values),
                firstDaysSinceEpoch: firstDaysSinceEpoch,
                isExcluded: { isEventDay[$0] }
            ) : nil
        let yearly = ownYearly ?? categoryYearly
        let yearlyIndex = UnsafeMutableBufferPointer(
            rebasing: workspace.yearlyIndex[0..<(count + max(horizonDays, workspace.backtestHorizonDays))]
        )
        yearly?.index(firstDaysSinceEpoch: firstDaysSinceEpoch, into: yearlyIndex)
        if !pastEvents.isEmpty {
            EventCleaning.clean(
                values,
                firstDaysSinceEpoch: firstDaysSinceEpoch,
                events: pastEvents,
                isEventDay: isEventDay,
                yearlyIndex: ownYearly == nil ? nil : UnsafeBufferPointer(yearlyIndex),
                priorFactors: categoryEventFactors,
                deflatesEveryDay: count < SeriesModelSelector.youngSKUDays,
                actual: &eventActual,
                baseline: &eventBaseline
            )
        }
        let cleaned = UnsafeBufferPointer(values)
        let dispersion = SeriesModelSelector.dispersion(cleaned[max(0, count - 364)..<count])
        // Classified on the actual days without the event days: a cleaned event day holds a fractional
        // baseline, which would make a mostly-zero series look smoother in ADI and lumpier in CV^2.
        let statistics = DemandPatternStatistics(
            values: (max(0, count - 364)..<count).lazy.filter { !isEventDay[$0] }.map { cleaned[$0] }
        )

        if count < max(1, settings.newSKUDays) {
            return newSKUResult(
                skuIndex: skuIndex,
                cleaned: cleaned,
                firstDaysSinceEpoch: firstDaysSinceEpoch,
                categoryProfile: categoryProfile,
                statistics: statistics,
                eventActual: eventActual,
                eventBaseline: eventBaseline
            )
        }
        let scale = NaiveScale(values: cleaned)

        let backtestDays = min(settings.backtestDays, max(7, count / 4))
        let originStart = count - backtestDays
        let context = FitContext(
            values: cleaned,
            fitStart: max(0, originStart - settings.fitDays),
            originStart: originStart,
            weekdayIndex: categoryProfile,
            firstWeekday: HistoryWindow.weekday(daysSinceEpoch: firstDaysSinceEpoch)
        )
        let horizon = workspace.backtestHorizonDays
        let errorCount = backtestDays * horizon
        let demandClass = statistics.demandClass
        var best: (parameters: String, kind: ForecastModelKind, accuracy: ForecastAccuracy, score: Double)?
        let preferred = SeriesModelSelector.preferredModel(for: demandClass)
        var bestForecast: [Double] = []
        var candidates: [CandidateForecast] = []
        // Scores a candidate whose backtest errors are in `errors` and whose forecast is in workspace.forecast.
        func consider(_ kind: ForecastModelKind, _ parameters: String, _ errors: UnsafeMutableBufferPointer<Double>) {
            let accuracy = ForecastAccuracy(errors: UnsafeBufferPointer(rebasing: errors[0..<errorCount]), scale: scale)
            let forecast = Array(workspace.forecast)
            if keepsAllCandidates {
                candidates.append(
                    CandidateForecast(
                        model: kind,
                        parameters: parameters,
                        backtest: accuracy,
                        baselineUnitsPerDay: forecast
                    )
                )
            }
            let score = accuracy.meanSquaredError * (kind == preferred ? 1 - SeriesModelSelector.preferenceMargin : 1)
            if best == nil || score < best!.score {
                best = (parameters, kind, accuracy, score)
                bestForecast = forecast
                _ = workspace.bestErrors.update(fromContentsOf: errors[0..<errorCount])
            }
        }
        // The combination: the mean of its members' forecasts, whose errors are the mean of theirs.
        var combined: [String] = []
        workspace.combinationErrors.update(repeating: 0)
        workspace.combinationForecast.update(repeating: 0)
        // The yearly candidates run on the series divided by its yearly index.
        var deseasonalisedContext: FitContext?
        if yearly != nil {
            let deseasonalised = UnsafeMutableBufferPointer(rebasing: workspace.deseasonalised[0..<count])
            for day in 0..<count { deseasonalised[day] = cleaned[day] / yearlyIndex[day] }
            deseasonalisedContext = FitContext(
                values: UnsafeBufferPointer(deseasonalised),
                fitStart: context.fitStart,
                originStart: originStart
            )
        }
        for kind in SeriesModelSelector.candidates(
            for: demandClass,
            multiplicativeAllowed: context.demandDayShare >= 0.8,
            hasYearlyProfile: yearly != nil,
            isYoung: count < SeriesModelSelector.youngSKUDays
        ) {
            let runContext = kind.isYearly ? deseasonalisedContext! : context
            let fitted = FittedModel.fit(kind, runContext)
            let output = RollingOriginOutput(
                errors: UnsafeMutableBufferPointer(rebasing: workspace.currentErrors[0..<errorCount]),
                finalForecast: workspace.forecast
            )
            fitted.runRollingOrigin(runContext, horizonDays: horizon, into: output)
            if kind.isYearly {
                SeriesModelSelector.reseasonalise(
                    output,
                    index: UnsafeBufferPointer(yearlyIndex),
                    originStart: originStart,
                    horizonDays: horizon
                )
            }
            if SeriesModelSelector.combinationMembers.contains(kind) {
                for index in 0..<errorCount { workspace.combinationErrors[index] += workspace.currentErrors[index] }
                for step in 0..<horizonDays { workspace.combinationForecast[step] += workspace.forecast[step] }
                combined.append(kind.rawValue)
            }
            consider(kind, fitted.parameterDescription, workspace.currentErrors)
        }
        if combined.count == SeriesModelSelector.combinationMembers.count {
            let weight = 1 / Double(combined.count)
            for index in 0..<errorCount { workspace.combinationErrors[index] *= weight }
            for step in 0..<horizonDays { workspace.forecast[step] = workspace.combinationForecast[step] * weight }
            consider(.combination, combined.joined(separator: "+"), workspace.combinationErrors)
        }
        let winner = best!
        let errors = UnsafeBufferPointer(rebasing: workspace.bestErrors[0..<errorCount])
        return SKUModelResult(
            skuIndex: skuIndex,
            statistics: statistics,
            demandClass: demandClass,
            selected: CandidateForecast(
                model: winner.kind,
                parameters: winner.parameters,
                backtest: winner.accuracy,
                baselineUnitsPerDay: bestForecast
            ),
            candidates: candidates,
            cumulativeErrorSD: ErrorSpread.cumulativeSD(
                errors: errors,
                originCount: backtestDays,
                horizonDays: horizon
            ),
            errorQuantiles: ErrorSpread.quantiles(
                errors: errors,
                scratch: workspace.sortScratch,
                probabilities: ErrorSpread.quantileProbabilities
            ),
            eventActualUnits: eventActual,
            eventBaselineUnits: eventBaseline,
            dispersion: dispersion
        )
    }

    /// Puts the yearly index back on a run over the deseasonalised series z = y / S: an error z - z^ becomes
    /// S (z - z^) = y - S z^, and the final forecast z^ becomes S z^ (the index covers the horizon).
    static func reseasonalise(
        _ output: RollingOriginOutput,
        index: UnsafeBufferPointer<Double>,
        originStart: Int,
        horizonDays: Int
    ) {
        let originCount = output.errors.count / max(1, horizonDays)
        for origin in 0..<originCount {
            for step in 0..<horizonDays {
                let day = originStart + origin + step
                guard day < index.count else { continue }
                output.errors[origin * horizonDays + step] *= index[day]
            }
        }
        let count = originStart + originCount
        for step in 0..<output.finalForecast.count {
            output.finalForecast[step] *= index[count + step]
        }
    }

    /// Variance / mean of the values (population variance), at least 1; 1 without demand.
    static func dispersion(_ values: Slice<UnsafeBufferPointer<Double>>) -> Double {
        guard !values.isEmpty else { return 1 }
        var sum = 0.0
        var sumOfSquares = 0.0
        for value in values {
            sum += value
            sumOfSquares += value * value
        }
        let mean = sum / Double(values.count)
        guard mean > 0 else { return 1 }
        return max(1, (sumOfSquares / Double(values.count) - mean * mean) / mean)
    }

    /// An intermittent or lumpy series' backtest holds a handful of demand days, so its squared errors rank
    /// candidates mostly by chance; the combination (the mean of SBA, TSB, ADIDA and IMAPA) is kept unless
    /// another candidate beats it by more than ``preferenceMargin``. On the evaluation set it beat TSB alone,
    /// the earlier preference, by 3-9% MASE on intermittent and lumpy SKUs in December, and lost 4% MASE on
    /// slow movers in October (RMSSE within 1% everywhere): see docs/benchmarks.md.
    static func preferredModel(for demandClass: DemandClass) -> ForecastModelKind? {
        demandClass == .lumpy || demandClass == .intermittent ? .combination : nil
    }

    /// The members of the combination candidate, the unbiased intermittent-demand methods: averaging them
    /// cancels part of each one's estimation noise (Petropoulos and Kourentzes 2015 combine temporal
    /// aggregation levels for the same reason).
    static let combinationMembers: [ForecastModelKind] = [.sba, .tsb, .adida, .imapa]

    /// How much lower (as a fraction) another candidate's backtest MSE must be to displace the preferred model.
    static let preferenceMargin = 0.05

    /// The candidates tried for a demand class, in model order. Smooth and erratic series get the
    /// level, trend and weekly models (multiplicative seasonality only when at least 80% of days sell);
    /// intermittent, lumpy and inactive ones the intermittent-demand family (Syntetos, Boylan and Croston
    /// 2005 recommend Croston-type methods there; TSB covers the smoothing of a decaying SKU, ADIDA and IMAPA
    /// the moving-average view of the same totals). Seasonal naive is always a
    /// candidate, being the benchmark every method must beat.
    static func candidates(
        for demandClass: DemandClass,
        multiplicativeAllowed: Bool,
        hasYearlyProfile: Bool = false,
        isYoung: Bool = false
    ) -> [ForecastModelKind] {
        candidates(for: demandClass, multiplicativeAllowed: multiplicativeAllowed, hasYearlyProfile: hasYearlyProfile)
            + (isYoung ? [.ramp] : [])
    }

    /// Days a new SKU needs before its ramp replaces its mean level.
    static let rampMinimumDays = 7

    /// SKUs with fewer days since their first sale are young: the ramp is one of their candidates.
    static let youngSKUDays = 120

    private static func candidates(
        for demandClass: DemandClass,
        multiplicativeAllowed: Bool,
        hasYearlyProfile: Bool
    ) -> [ForecastModelKind] {
        switch demandClass {
        case .smooth, .erratic:
            var kinds: [ForecastModelKind] = [
                .naive, .seasonalNaive, .movingAverage, .ses, .holtDamped, .holtWintersAdditive,
            ]
            if multiplicativeAllowed { kinds.append(.holtWintersMultiplicative) }
            if hasYearlyProfile { kinds.append(.yearlyHoltWinters) }
            if demandClass == .erratic { kinds.append(.tsb) }
            return kinds
        case .intermittent, .lumpy, .inactive, .new:
            return [.seasonalNaive, .croston, .sba, .tsb, .adida, .imapa]
        }
    }

    /// A new SKU with at least ``rampMinimumDays`` days: the ramp (``RampForecaster``) over its days; with
    /// fewer, level = its mean cleaned units a day over its last (up to) 14 days; forecast = level x
    /// the category's weekday index. Its spread assumes Poisson noise plus a 50% uncertainty of the level:
    /// var(sum over h days) = h level + (0.5 h level)^2.
    private func newSKUResult(
        skuIndex: Int,
        cleaned: UnsafeBufferPointer<Double>,
        firstDaysSinceEpoch: Int,
        categoryProfile: SIMD8<Double>,
        statistics: DemandPatternStatistics,
        eventActual: [Double],
        eventBaseline: [Double]
    ) -> SKUModelResult {
        let count = cleaned.count
        let levelDays = min(14, count)
        let level = levelDays > 0 ? cleaned[(count - levelDays)..<count].reduce(0, +) / Double(levelDays) : 0
        let planDay = firstDaysSinceEpoch + count
        var forecast = (0..<horizonDays).map { offset in
            nonNegative(level * categoryProfile[HistoryWindow.weekday(daysSinceEpoch: planDay + offset)])
        }
        if count >= SeriesModelSelector.rampMinimumDays {
            var ramp = RampForecaster(
                series: cleaned.baseAddress!,
                start: 0,
                firstWeekday: HistoryWindow.weekday(daysSinceEpoch: firstDaysSinceEpoch),
                weekdayIndex: categoryProfile
            )
            for value in cleaned { ramp.observe(value) }
            forecast = (0..<horizonDays).map { nonNegative(ramp.forecast(stepsAhead: $0 + 1)) }
        }
        let spread = (1...max(1, settings.backtestHorizonDays)).map { days in
            let mean = Double(days) * level
            return (mean + 0.25 * mean * mean).squareRoot()
        }
        let dailySD = (level + 0.25 * level * level).squareRoot()
        return SKUModelResult(
            skuIndex: skuIndex,
            statistics: statistics,
            demandClass: .new,
            selected: CandidateForecast(
                model: .categoryProfile,
                parameters: "level=\((level * 10_000).rounded() / 10_000)",
                backtest: nil,
                baselineUnitsPerDay: forecast
            ),
            candidates: keepsAllCandidates
                ? [
                    CandidateForecast(
                        model: .categoryProfile,
                        parameters: "",
                        backtest: nil,
                        baselineUnitsPerDay: forecast
                    )
                ] : [],
            cumulativeErrorSD: spread,
            // Normal quantiles of the daily error: z = 0, 0.8416, 1.6449.
            errorQuantiles: SIMD4(0, 0.8416 * dailySD, 1.6449 * dailySD, 0),
            eventActualUnits: eventActual,
            eventBaselineUnits: eventBaseline,
            dispersion: SeriesModelSelector.dispersion(cleaned[0..<count])
        )
    }
}
