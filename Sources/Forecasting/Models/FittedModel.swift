/// A candidate model with its fitted parameters. `makeForecaster` builds its state fresh at the start
/// of the fit range; `fit` chooses the parameters by least squares on one-step errors over the fit range.
enum FittedModel: Sendable, Equatable {
    case naive
    case seasonalNaive
    case movingAverage(windowDays: Int)
    case ses(alpha: Double)
    case holtDamped(alpha: Double, beta: Double, phi: Double)
    case holtWinters(alpha: Double, beta: Double, gamma: Double, phi: Double, isMultiplicative: Bool)
    case croston(alphaSize: Double, alphaInterval: Double, isSBA: Bool)
    case tsb(alphaSize: Double, alphaProbability: Double)
    case adida(bucketDays: Int, alpha: Double)
    case imapa(alphas: [Double])
    case ramp

    /// Bucket sizes 1...k of IMAPA and the bucket of ADIDA: the mean inter-demand interval, rounded, 1...8.
    static func aggregationDays(meanIntervalDays: Double) -> Int {
        min(IMAPAForecaster.maximumLevels, max(1, Int(meanIntervalDays.rounded())))
    }

    /// Fits `kind`'s parameters on the context's fit range (defaults when it is under two weeks long).
    static func fit(_ kind: ForecastModelKind, _ context: FitContext) -> FittedModel {
        switch kind {
        case .naive: return .naive
        case .seasonalNaive: return .seasonalNaive
        case .movingAverage:
            guard context.canFit else { return .movingAverage(windowDays: 28) }
            var best = (window: 28, loss: Double.infinity)
            for window in MovingAverageForecaster.windows {
                let loss = context.fitLoss(
                    MovingAverageForecaster(
                        window: Int(window),
                        series: context.values.baseAddress!,
                        start: context.fitStart
                    )
                )
                if loss < best.loss { best = (Int(window), loss) }
            }
            return .movingAverage(windowDays: best.window)
        case .ses:
            let alpha = fitOrDefault(context, SearchSpaces.ses, ModelParameters(0.1, 0, 0, 0)) {
                context.fitLoss(SESForecaster(alpha: $0[0], initialLevel: context.initialMean))
            }
            return .ses(alpha: alpha[0])
        case .holtDamped:
            let best = fitOrDefault(context, SearchSpaces.holt, ModelParameters(0.1, 0.01, 0.9, 0)) {
                context.fitLoss(
                    DampedHoltForecaster(
                        alpha: $0[0],
                        beta: $0[1],
                        phi: $0[2],
                        initialLevel: context.initialMean,
                        initialTrend: 0
                    )
                )
            }
            return .holtDamped(alpha: best[0], beta: best[1], phi: best[2])
        case .holtWintersAdditive, .holtWintersMultiplicative, .yearlyHoltWinters:
            let isMultiplicative = kind == .holtWintersMultiplicative
            let best = fitOrDefault(context, SearchSpaces.holtWinters, ModelParameters(0.1, 0.01, 0.05, 0.9)) {
                context.fitLoss(
                    makeHoltWinters(
                        alpha: $0[0],
                        beta: $0[1],
                        gamma: $0[2],
                        phi: $0[3],
                        isMultiplicative: isMultiplicative,
                        context
                    )
                )
            }
            return .holtWinters(
                alpha: best[0],
                beta: best[1],
                gamma: best[2],
                phi: best[3],
                isMultiplicative: isMultiplicative
            )
        case .croston, .sba:
            let isSBA = kind == .sba
            let best = fitOrDefault(context, SearchSpaces.croston, ModelParameters(0.1, 0.1, 0, 0)) {
                context.fitLoss(CrostonForecaster(alphaSize: $0[0], alphaInterval: $0[1], isSBA: isSBA))
            }
            return .croston(alphaSize: best[0], alphaInterval: best[1], isSBA: isSBA)
        case .tsb:
            let best = fitOrDefault(context, SearchSpaces.tsb, ModelParameters(0.1, 0.05, 0, 0)) {
                context.fitLoss(
                    TSBForecaster(
                        alphaSize: $0[0],
                        alphaProbability: $0[1],
                        initialSize: context.meanDemandSize,
                        initialProbability: context.demandDayShare
                    )
                )
            }
            return .tsb(alphaSize: best[0], alphaProbability: best[1])
        case .adida:
            let bucketDays = aggregationDays(meanIntervalDays: context.meanIntervalDays)
            return .adida(bucketDays: bucketDays, alpha: fitADIDAAlpha(bucketDays: bucketDays, context))
        case .imapa:
            let levels = aggregationDays(meanIntervalDays: context.meanIntervalDays)
            return .imapa(alphas: (1...levels).map { fitADIDAAlpha(bucketDays: $0, context) })
        case .ramp: return .ramp
        case .categoryProfile, .combination, .likeSKU:
            preconditionFailure("the category profile is not a fitted candidate")
        }
    }

    private static func fitADIDAAlpha(bucketDays: Int, _ context: FitContext) -> Double {
        fitOrDefault(context, SearchSpaces.ses, ModelParameters(0.1, 0, 0, 0)) {
            context.fitLoss(ADIDAForecaster(bucketDays: bucketDays, alpha: $0[0], initialDailyLevel: context.fitMean))
        }[0]
    }

    private static func fitOrDefault(
        _ context: FitContext,
        _ space: ParameterSpace,
        _ fallback: ModelParameters,
        _ loss: (ModelParameters) -> Double
    ) -> ModelParameters {
        guard context.canFit else { return fallback }
        let (best, bestLoss) = space.minimize(loss)
        return bestLoss.isFinite ? best : fallback
    }

    static func makeHoltWinters(
        alpha: Double,
        beta: Double,
        gamma: Double,
        phi: Double,
        isMultiplicative: Bool,
        _ context: FitContext
    ) -> HoltWintersForecaster {
        HoltWintersForecaster(
            alpha: alpha,
            beta: beta,
            gamma: gamma,
            phi: phi,
            isMultiplicative: isMultiplicative,
            initialLevel: isMultiplicative ? max(context.initialMean, 1e-6) : context.initialMean,
            initialSeason: isMultiplicative ? context.multiplicativeSeason : context.additiveSeason
        )
    }

    /// The parameters as `name=value` pairs for reports, e.g. `alpha=0.12 beta=0.01`.
    var parameterDescription: String {
        func format(_ value: Double) -> String {
            let rounded = (value * 10_000).rounded() / 10_000
            return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        }
        switch self {
        case .naive, .seasonalNaive: return ""
        case .movingAverage(let window): return "window=\(window)"
        case .ses(let alpha): return "alpha=\(format(alpha))"
        case .holtDamped(let alpha, let beta, let phi):
            return "alpha=\(format(alpha)) beta=\(format(beta)) phi=\(format(phi))"
        case .holtWinters(let alpha, let beta, let gamma, let phi, _):
            return "alpha=\(format(alpha)) beta=\(format(beta)) gamma=\(format(gamma)) phi=\(format(phi))"
        case .croston(let alphaSize, let alphaInterval, _):
            return "alpha_size=\(format(alphaSize)) alpha_interval=\(format(alphaInterval))"
        case .tsb(let alphaSize, let alphaProbability):
            return "alpha_size=\(format(alphaSize)) alpha_probability=\(format(alphaProbability))"
        case .adida(let bucketDays, let alpha): return "bucket=\(bucketDays) alpha=\(format(alpha))"
        case .imapa(let alphas): return "alphas=" + alphas.map(format).joined(separator: "/")
        case .ramp: return "window=\(RampForecaster.windowDays)"
        }
    }
}

/// The grids and bounds of every fitted family. Smoothing constants stay in [0.005, 0.95] (Hyndman et
/// al. 2008 restrict them to (0, 1)); the damping phi in [0.8, 0.98], the usual range for daily data.
enum SearchSpaces {
    static let ses = ParameterSpace(
        grid: ParameterSpace.cartesian([0.02, 0.05, 0.1, 0.2, 0.35, 0.6, 0.9]),
        lower: ModelParameters(0.005, 0, 0, 0),
        upper: ModelParameters(0.95, 0, 0, 0),
        step: ModelParameters(0.04, 0, 0, 0)
    )
    static let holt = ParameterSpace(
        grid: ParameterSpace.cartesian([0.05, 0.1, 0.2, 0.4], [0.005, 0.03, 0.1], [0.85, 0.95]),
        lower: ModelParameters(0.005, 0, 0.8, 0),
        upper: ModelParameters(0.95, 0.5, 0.98, 0),
        step: ModelParameters(0.04, 0.01, 0.03, 0),
        refinementRounds: 3
    )
    static let holtWinters = ParameterSpace(
        grid: ParameterSpace.cartesian([0.03, 0.08, 0.2, 0.4], [0, 0.02], [0.01, 0.05, 0.15], [0.9]),
        lower: ModelParameters(0.005, 0, 0, 0.8),
        upper: ModelParameters(0.95, 0.3, 0.6, 0.98),
        step: ModelParameters(0.03, 0.01, 0.02, 0.04),
        refinementRounds: 3
    )
    static let croston = ParameterSpace(
        grid: ParameterSpace.cartesian([0.03, 0.1, 0.2, 0.4], [0.03, 0.1, 0.2, 0.4]),
        lower: ModelParameters(0.005, 0.005, 0, 0),
        upper: ModelParameters(0.95, 0.95, 0, 0),
        step: ModelParameters(0.04, 0.04, 0, 0),
        refinementRounds: 3
    )
    static let tsb = ParameterSpace(
        grid: ParameterSpace.cartesian([0.03, 0.1, 0.2, 0.4], [0.01, 0.03, 0.08, 0.2]),
        lower: ModelParameters(0.005, 0.005, 0, 0),
        upper: ModelParameters(0.95, 0.95, 0, 0),
        step: ModelParameters(0.04, 0.02, 0, 0),
        refinementRounds: 3
    )
}
