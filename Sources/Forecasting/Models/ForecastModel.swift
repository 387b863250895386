/// The candidate models, in the order they are tried; on equal backtest error the earlier one wins,
/// so simpler models come first.
public enum ForecastModelKind: String, Sendable, CaseIterable, Comparable {
    /// y(t+h) = y(t).
    case naive
    /// y(t+h) = y(t+h-7k), the same weekday of the last observed week.
    case seasonalNaive = "seasonal_naive"
    /// Mean of the last w days, w in {7, 14, 28, 56, 91} chosen by one-step squared error.
    case movingAverage = "moving_average"
    /// Simple exponential smoothing, ETS(A,N,N).
    case ses
    /// Holt's linear method with a damped trend, ETS(A,Ad,N) (Gardner and McKenzie 1985).
    case holtDamped = "holt_damped"
    /// Holt-Winters with damped trend and additive weekly seasonality, ETS(A,Ad,A), period 7.
    case holtWintersAdditive = "holt_winters_additive"
    /// Holt-Winters with damped trend and multiplicative weekly seasonality, ETS(A,Ad,M), period 7.
    case holtWintersMultiplicative = "holt_winters_multiplicative"
    /// A yearly profile (``YearlyProfile``, the SKU's own or its category's) taken out of the series, ETS(A,Ad,A)
    /// with weekly seasonality fitted and run on what is left, and the profile put back on the forecast.
    case yearlyHoltWinters = "yearly_holt_winters"
    /// Croston (1972): SES of the non-zero sizes over SES of the intervals between them.
    case croston
    /// Syntetos-Boylan approximation (2005): Croston times (1 - alpha_interval / 2).
    case sba
    /// Teunter, Syntetos and Babai (2011): SES of the demand probability every day times SES of sizes.
    case tsb
    /// ADIDA (Nikolopoulos et al. 2011): SES on non-overlapping buckets of the mean inter-demand
    /// interval, spread evenly over the bucket's days.
    case adida
    /// IMAPA (Petropoulos and Kourentzes 2015): the mean of ADIDA forecasts over buckets 1...k.
    case imapa
    /// The mean of the SBA, TSB, ADIDA and IMAPA forecasts (intermittent, lumpy and inactive SKUs).
    case combination
    /// A young SKU's ramp: the line through its last 14 weekday-adjusted days, extrapolated with a damped slope
    /// while it is still rising, else their mean (``RampForecaster``).
    case ramp
    /// New SKU (under the new-SKU history threshold): its recent level times its category's weekday profile.
    case categoryProfile = "category_profile"
    /// A scenario's launch (`new_sku_launch`): the expected daily units shaped like a like SKU's forecast.
    case likeSKU = "like_sku"

    public static func < (lhs: ForecastModelKind, rhs: ForecastModelKind) -> Bool {
        lhs.order < rhs.order
    }

    var order: Int { ForecastModelKind.allCases.firstIndex(of: self)! }

    /// Whether the model runs on the series divided by its yearly profile.
    var isYearly: Bool { self == .yearlyHoltWinters }
}

/// A model whose state moves forward one day at a time: `observe` takes y(t), `forecast(h)` then gives
/// the forecast of y(t + h) for h >= 1. Value types with inline state, so fitting allocates nothing.
protocol RecursiveForecaster {
    /// Forecast of the value `stepsAhead` days after the last observed one (1 = the next day).
    func forecast(stepsAhead: Int) -> Double
    mutating func observe(_ value: Double)
}

/// Model parameters, at most four, in a fixed-size value (no allocation per candidate tried).
typealias ModelParameters = SIMD4<Double>
