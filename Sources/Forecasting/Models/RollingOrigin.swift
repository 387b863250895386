/// Where a rolling-origin run writes: `errors[(origin - originStart) * horizonDays + h - 1]` is
/// actual - forecast for the day `origin + h - 1` seen from `origin` (NaN past the series' end), and
/// `finalForecast[h - 1]` the forecast of day `count + h - 1` from the end of the series.
struct RollingOriginOutput {
    var errors: UnsafeMutableBufferPointer<Double>
    var finalForecast: UnsafeMutableBufferPointer<Double>
}

extension FittedModel {
    /// Runs the model over the series once: builds its state at `fitStart`, observes through
    /// `originStart - 1`, then at each origin records the errors of forecasts 1...horizonDays days ahead
    /// before observing that day (Tashman 2000, rolling-origin evaluation with fixed parameters); at the
    /// end forecasts `finalForecast.count` days.
    func runRollingOrigin(_ context: FitContext, horizonDays: Int, into output: RollingOriginOutput) {
        switch self {
        case .naive:
            let initial = UnsafeBufferPointer(rebasing: context.values[context.fitStart..<context.fitStart])
            rollingOrigin(NaiveForecaster(initial: initial), context, horizonDays, output)
        case .seasonalNaive:
            let initial = UnsafeBufferPointer(rebasing: context.values[context.fitStart..<context.fitStart])
            rollingOrigin(SeasonalNaiveForecaster(initial: initial), context, horizonDays, output)
        case .movingAverage(let window):
            rollingOrigin(
                MovingAverageForecaster(window: window, series: context.values.baseAddress!, start: context.fitStart),
                context,
                horizonDays,
                output
            )
        case .ses(let alpha):
            rollingOrigin(SESForecaster(alpha: alpha, initialLevel: context.initialMean), context, horizonDays, output)
        case .holtDamped(let alpha, let beta, let phi):
            rollingOrigin(
                DampedHoltForecaster(
                    alpha: alpha,
                    beta: beta,
                    phi: phi,
                    initialLevel: context.initialMean,
                    initialTrend: 0
                ),
                context,
                horizonDays,
                output
            )
        case .holtWinters(let alpha, let beta, let gamma, let phi, let isMultiplicative):
            rollingOrigin(
                FittedModel.makeHoltWinters(
                    alpha: alpha,
                    beta: beta,
                    gamma: gamma,
                    phi: phi,
                    isMultiplicative: isMultiplicative,
                    context
                ),
                context,
                horizonDays,
                output
            )
        case .croston(let alphaSize, let alphaInterval, let isSBA):
            rollingOrigin(
                CrostonForecaster(alphaSize: alphaSize, alphaInterval: alphaInterval, isSBA: isSBA),
                context,
                horizonDays,
                output
            )
        case .tsb(let alphaSize, let alphaProbability):
            rollingOrigin(
                TSBForecaster(
                    alphaSize: alphaSize,
                    alphaProbability: alphaProbability,
                    initialSize: context.meanDemandSize,
                    initialProbability: context.demandDayShare
                ),
                context,
                horizonDays,
                output
            )
        case .adida(let bucketDays, let alpha):
            rollingOrigin(
                ADIDAForecaster(bucketDays: bucketDays, alpha: alpha, initialDailyLevel: context.fitMean),
                context,
                horizonDays,
                output
            )
        case .imapa(let alphas):
            let levels = alphas.enumerated().map { index, alpha in
                ADIDAForecaster(bucketDays: index + 1, alpha: alpha, initialDailyLevel: context.fitMean)
            }
            rollingOrigin(IMAPAForecaster(levels: levels), context, horizonDays, output)
        case .ramp:
            rollingOrigin(context.makeRamp(), context, horizonDays, output)
        }
    }
}

@inline(__always)
private func rollingOrigin<Model: RecursiveForecaster>(
    _ model: Model,
    _ context: FitContext,
    _ horizonDays: Int,
    _ output: RollingOriginOutput
) {
    var model = model
    let values = context.values
    for index in context.fitStart..<context.originStart { model.observe(values[index]) }
    let count = context.count
    for origin in context.originStart..<count {
        let row = (origin - context.originStart) * horizonDays
        let reachable = min(horizonDays, count - origin)
        for step in 1...max(1, horizonDays) where step <= horizonDays {
            if step <= reachable {
                let forecast = model.forecast(stepsAhead: step)
                output.errors[row + step - 1] = values[origin + step - 1] - nonNegative(forecast)
            } else {
                output.errors[row + step - 1] = .nan
            }
        }
        model.observe(values[origin])
    }
    for step in 0..<output.finalForecast.count {
        output.finalForecast[step] = nonNegative(model.forecast(stepsAhead: step + 1))
    }
}

/// Demand forecasts are clamped to finite values >= 0 (an additive model can dip below zero).
@inline(__always)
func nonNegative(_ value: Double) -> Double {
    value.isFinite && value > 0 ? value : 0
}
