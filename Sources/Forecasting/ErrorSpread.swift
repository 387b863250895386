import Foundation

/// The spread of forecast errors, from the rolling-origin backtest of the selected model.
enum ErrorSpread {
    static let quantileProbabilities: SIMD4<Double> = SIMD4(0.5, 0.8, 0.95, 0)

    /// sigma(h) = sqrt(mean over origins of (e(1) + ... + e(h))^2) for h = 1...horizonDays: the RMS error
    /// of the total forecast over h days (bias included), the quantity a safety stock over a lead time
    /// of h days must cover (Silver, Pyke and Thomas 2017, 6.7: use forecast errors, not demand
    /// variability). `errors` is laid out by origin then horizon, NaN where the day is past the series'
    /// end. An h no origin reaches is extrapolated from the last one reached by sqrt(h / h_last).
    static func cumulativeSD(errors: UnsafeBufferPointer<Double>, originCount: Int, horizonDays: Int) -> [Double] {
        var sums = [Double](repeating: 0, count: horizonDays)
        var counts = [Int](repeating: 0, count: horizonDays)
        for origin in 0..<originCount {
            var cumulative = 0.0
            for step in 0..<horizonDays {
                let error = errors[origin * horizonDays + step]
                if error.isNaN { break }
                cumulative += error
                sums[step] += cumulative * cumulative
                counts[step] += 1
            }
        }
        var result = [Double](repeating: 0, count: horizonDays)
        var lastReached = -1
        for step in 0..<horizonDays {
            if counts[step] > 0 {
                result[step] = (sums[step] / Double(counts[step])).squareRoot()
                lastReached = step
            } else if lastReached >= 0 {
                result[step] = result[lastReached] * (Double(step + 1) / Double(lastReached + 1)).squareRoot()
            }
        }
        return result
    }

    /// Empirical quantiles (linear interpolation between order statistics, Hyndman and Fan 1996 type 7)
    /// of the non-NaN errors; zeros when there are none.
    static func quantiles(
        errors: UnsafeBufferPointer<Double>,
        scratch: UnsafeMutableBufferPointer<Double>,
        probabilities: SIMD4<Double>
    ) -> SIMD4<Double> {
        var count = 0
        for error in errors where !error.isNaN {
            scratch[count] = error
            count += 1
        }
        guard count > 0 else { return SIMD4(repeating: 0) }
        var sorted = UnsafeMutableBufferPointer(rebasing: scratch[0..<count])
        sorted.sort()
        var result = SIMD4<Double>(repeating: 0)
        for slot in 0..<3 {
            let position = probabilities[slot] * Double(count - 1)
            let low = Int(position)
            let high = min(low + 1, count - 1)
            let weight = position - Double(low)
            result[slot] = sorted[low] + weight * (sorted[high] - sorted[low])
        }
        return result
    }

    /// sigma over `days` days from the cumulative spread: read off up to its length, beyond it extended
    /// with the growth exponent b measured between h/2 and h (sigma ~ days^b, b clamped to 0.5...1: from
    /// independent errors to a fully persistent level error).
    static func sd(overDays days: Double, cumulativeSD: [Double]) -> Double {
        guard days > 0, !cumulativeSD.isEmpty else { return 0 }
        let horizon = cumulativeSD.count
        if days <= Double(horizon) {
            let low = max(1, Int(days.rounded(.down)))
            let high = min(horizon, low + 1)
            let weight = days - Double(low)
            let lowValue = days < 1 ? cumulativeSD[0] * days.squareRoot() : cumulativeSD[low - 1]
            return days < 1 ? lowValue : lowValue + max(0, weight) * (cumulativeSD[high - 1] - lowValue)
        }
        let last = cumulativeSD[horizon - 1]
        let half = cumulativeSD[max(0, horizon / 2 - 1)]
        var exponent = 0.5
        if horizon >= 2, half > 0, last > 0 {
            exponent = log2(last / half) / log2(Double(horizon) / Double(max(1, horizon / 2)))
        }
        exponent = min(max(exponent, 0.5), 1)
        return last * pow(days / Double(horizon), exponent)
    }
}
