/// Least-squares fitting of up to four smoothing parameters: the sum of squared one-step-ahead errors
/// is evaluated on a coarse grid, then refined around the best point by a compass (pattern) search that
/// halves its step after a round without improvement (Kolda, Lewis and Torczon 2003). Deterministic: ties
/// keep the earlier point.
struct ParameterSpace: Sendable {
    var grid: [ModelParameters]
    var lower: ModelParameters
    var upper: ModelParameters
    /// First refinement step per parameter; 0 leaves that parameter at its grid value.
    var step: ModelParameters
    var refinementRounds = 4

    /// The parameters with the smallest `loss`, and that loss. `loss` must be finite or +infinity.
    func minimize(_ loss: (ModelParameters) -> Double) -> (parameters: ModelParameters, loss: Double) {
        var best = grid[0]
        var bestLoss = Double.infinity
        for point in grid {
            let value = loss(point)
            if value < bestLoss {
                best = point
                bestLoss = value
            }
        }
        var currentStep = step
        for _ in 0..<refinementRounds {
            var improved = false
            for index in 0..<4 where currentStep[index] > 0 {
                for direction in stride(from: -1.0, through: 1.0, by: 2.0) {
                    var candidate = best
                    candidate[index] = min(
                        max(best[index] + direction * currentStep[index], lower[index]),
                        upper[index]
                    )
                    guard candidate != best else { continue }
                    let value = loss(candidate)
                    if value < bestLoss {
                        best = candidate
                        bestLoss = value
                        improved = true
                    }
                }
            }
            if !improved { currentStep *= 0.5 }
        }
        return (best, bestLoss)
    }

    /// The grid of every combination of the given values (missing dimensions are 0).
    static func cartesian(
        _ a: [Double],
        _ b: [Double] = [0],
        _ c: [Double] = [0],
        _ d: [Double] = [0]
    )
        -> [ModelParameters]
    {
        var points: [ModelParameters] = []
        for x in a { for y in b { for z in c { for w in d { points.append(ModelParameters(x, y, z, w)) } } } }
        return points
    }
}

/// Sum of squared one-step-ahead errors of `model` over `values[scoredFrom..<end]`, having observed
/// `values[start..<scoredFrom]` first. +infinity when a forecast is not finite.
@inline(__always)
func oneStepSquaredError<Model: RecursiveForecaster>(
    _ model: Model,
    _ values: UnsafeBufferPointer<Double>,
    start: Int,
    scoredFrom: Int,
    end: Int
) -> Double {
    var model = model
    var total = 0.0
    for index in start..<end {
        let value = values[index]
        if index >= scoredFrom {
            let error = value - model.forecast(stepsAhead: 1)
            total += error * error
        }
        model.observe(value)
    }
    return total.isFinite ? total : .infinity
}
