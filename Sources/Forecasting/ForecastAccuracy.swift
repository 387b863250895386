/// Error statistics of forecasts against actuals. Errors are actual - forecast; `bias` is the mean of
/// forecast - actual, so a positive bias means over-forecasting.
///
/// MASE and RMSSE divide MAE and RMSE by the in-sample one-step naive error, mean |y(t) - y(t-1)| and
/// sqrt(mean (y(t) - y(t-1))^2) over the history (Hyndman and Koehler 2006; M5 competition, Makridakis,
/// Spiliotis and Assimakopoulos 2022). They are nil when that scale is 0 (a constant history).
public struct ForecastAccuracy: Sendable, Equatable {
    public var count: Int
    public var meanAbsoluteError: Double
    public var rootMeanSquaredError: Double
    public var bias: Double
    public var meanAbsoluteScaledError: Double?
    public var rootMeanSquaredScaledError: Double?

    public init(
        count: Int,
        meanAbsoluteError: Double,
        rootMeanSquaredError: Double,
        bias: Double,
        meanAbsoluteScaledError: Double?,
        rootMeanSquaredScaledError: Double?
    ) {
        self.count = count
        self.meanAbsoluteError = meanAbsoluteError
        self.rootMeanSquaredError = rootMeanSquaredError
        self.bias = bias
        self.meanAbsoluteScaledError = meanAbsoluteScaledError
        self.rootMeanSquaredScaledError = rootMeanSquaredScaledError
    }

    /// Statistics of `errors` (actual - forecast; NaN entries are skipped) with the given naive scales.
    public init(errors: UnsafeBufferPointer<Double>, scale: NaiveScale) {
        var count = 0
        var absolute = 0.0
        var squared = 0.0
        var signed = 0.0
        for error in errors where !error.isNaN {
            count += 1
            absolute += abs(error)
            squared += error * error
            signed -= error
        }
        let n = Double(max(1, count))
        self.init(
            count: count,
            meanAbsoluteError: absolute / n,
            rootMeanSquaredError: (squared / n).squareRoot(),
            bias: signed / n,
            meanAbsoluteScaledError: scale.meanAbsoluteDifference > 0
                ? absolute / n / scale.meanAbsoluteDifference : nil,
            rootMeanSquaredScaledError: scale.meanSquaredDifference > 0
                ? (squared / n / scale.meanSquaredDifference).squareRoot() : nil
        )
    }

    /// Mean squared error, the selection criterion.
    public var meanSquaredError: Double { rootMeanSquaredError * rootMeanSquaredError }
}

/// The in-sample one-step naive errors that scale MASE and RMSSE.
public struct NaiveScale: Sendable, Equatable {
    /// mean |y(t) - y(t-1)|.
    public var meanAbsoluteDifference: Double
    /// mean (y(t) - y(t-1))^2.
    public var meanSquaredDifference: Double

    public init(meanAbsoluteDifference: Double, meanSquaredDifference: Double) {
        self.meanAbsoluteDifference = meanAbsoluteDifference
        self.meanSquaredDifference = meanSquaredDifference
    }

    /// Over consecutive pairs of `values` (0 and 0 with fewer than two values).
    public init<Values: Collection>(values: Values) where Values.Element == Double {
        var previous: Double?
        var count = 0
        var absolute = 0.0
        var squared = 0.0
        for value in values {
            if let previous {
                let difference = value - previous
                absolute += abs(difference)
                squared += difference * difference
                count += 1
            }
            previous = value
        }
        meanAbsoluteDifference = count > 0 ? absolute / Double(count) : 0
        meanSquaredDifference = count > 0 ? squared / Double(count) : 0
    }
}
