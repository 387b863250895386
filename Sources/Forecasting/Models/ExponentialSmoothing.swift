/// Simple exponential smoothing (Brown 1956; Hyndman and Athanasopoulos, "Forecasting: Principles and
/// Practice", 3rd ed., 8.1): l(t) = alpha y(t) + (1 - alpha) l(t-1); forecast l(t) at every horizon.
struct SESForecaster: RecursiveForecaster {
    private let alpha: Double
    private(set) var level: Double

    init(alpha: Double, initialLevel: Double) {
        self.alpha = alpha
        self.level = initialLevel
    }

    func forecast(stepsAhead: Int) -> Double { level }

    mutating func observe(_ value: Double) { level += alpha * (value - level) }
}

/// Holt's linear method with a damped trend (Gardner and McKenzie 1985; Hyndman and Athanasopoulos 8.2):
/// l(t) = alpha y(t) + (1 - alpha)(l(t-1) + phi b(t-1)); b(t) = beta* (l(t) - l(t-1)) + (1 - beta*) phi b(t-1);
/// forecast l(t) + (phi + phi^2 + ... + phi^h) b(t).
struct DampedHoltForecaster: RecursiveForecaster {
    private let alpha: Double
    private let beta: Double
    private let phi: Double
    private var level: Double
    private var trend: Double

    init(alpha: Double, beta: Double, phi: Double, initialLevel: Double, initialTrend: Double) {
        self.alpha = alpha
        self.beta = beta
        self.phi = phi
        self.level = initialLevel
        self.trend = initialTrend
    }

    func forecast(stepsAhead: Int) -> Double {
        level + DampedHoltForecaster.dampedSum(phi: phi, steps: stepsAhead) * trend
    }

    mutating func observe(_ value: Double) {
        let previousLevel = level
        level = alpha * value + (1 - alpha) * (level + phi * trend)
        trend = beta * (level - previousLevel) + (1 - beta) * phi * trend
    }

    /// phi + phi^2 + ... + phi^h (h when phi = 1).
    @inline(__always)
    static func dampedSum(phi: Double, steps: Int) -> Double {
        if phi >= 1 { return Double(steps) }
        var power = phi
        var total = 0.0
        for _ in 0..<steps {
            total += power
            power *= phi
        }
        return total
    }
}

/// Holt-Winters with a damped trend and weekly seasonality (Hyndman and Athanasopoulos 8.3, ETS(A,Ad,A) and
/// ETS(A,Ad,M) error-correction form, period m = 7). Additive:
/// l(t) = alpha (y(t) - s(t-m)) + (1 - alpha)(l(t-1) + phi b(t-1)); s(t) = gamma (y(t) - l(t-1) - phi b(t-1))
/// + (1 - gamma) s(t-m). Multiplicative divides by s and by (l + phi b) instead of subtracting. Forecast
/// (l + phi_h b) + s or (l + phi_h b) * s with the season of the target day.
struct HoltWintersForecaster: RecursiveForecaster {
    private let alpha: Double
    private let beta: Double
    private let gamma: Double
    private let phi: Double
    private let isMultiplicative: Bool
    private var level: Double
    private var trend: Double
    /// `season[(position + k) % 7]`: the index of the weekday k days after the next observation.
    private var season: SIMD8<Double>
    private var position = 0

    /// `initialSeason[k]` is the index of the weekday of the first value observed after this, plus k days.
    init(
        alpha: Double,
        beta: Double,
        gamma: Double,
        phi: Double,
        isMultiplicative: Bool,
        initialLevel: Double,
        initialSeason: SIMD8<Double>
    ) {
        self.alpha = alpha
        self.beta = beta
        self.gamma = gamma
        self.phi = phi
        self.isMultiplicative = isMultiplicative
        self.level = initialLevel
        self.trend = 0
        self.season = initialSeason
    }

    func forecast(stepsAhead: Int) -> Double {
        let base = level + DampedHoltForecaster.dampedSum(phi: phi, steps: stepsAhead) * trend
        let index = season[(position + (stepsAhead - 1) % 7) % 7]
        return isMultiplicative ? base * index : base + index
    }

    mutating func observe(_ value: Double) {
        let previousLevel = level
        let expectedLevel = level + phi * trend
        if isMultiplicative {
            // A weekday that never sells drives its index to 0; the floor keeps y / s finite.
            let index = max(season[position], 0.05)
            level = alpha * (value / index) + (1 - alpha) * expectedLevel
            // Keep the level positive: a zero or negative level would make the seasonal ratio blow up.
            level = max(level, 1e-6)
            season[position] = gamma * (value / max(expectedLevel, 1e-6)) + (1 - gamma) * index
        } else {
            let index = season[position]
            level = alpha * (value - index) + (1 - alpha) * expectedLevel
            season[position] = gamma * (value - expectedLevel) + (1 - gamma) * index
        }
        trend = beta * (level - previousLevel) + (1 - beta) * phi * trend
        position = (position + 1) % 7
    }
}
