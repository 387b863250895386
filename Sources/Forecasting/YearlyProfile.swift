import Foundation

/// A yearly seasonal index: S(day) = 1 + sum over k = 1...3 of (a_k cos(k theta) + b_k sin(k theta)) / a_0, with
/// theta = 2 pi (days since 1970-01-01) / 365.2425, floored at ``floor``. Its mean over a year is 1.
///
/// Estimated by ratio to a centred 365-day moving average (the classical decomposition, X-11's first step;
/// Hyndman and Athanasopoulos, "Forecasting: Principles and Practice", 3rd ed., 3.4), the ratios fitted by
/// least squares to three Fourier harmonics of the year (FPP 12.1, harmonic regression), event days left
/// out. The six harmonic coefficients are shrunk toward no season by the positive-part James-Stein factor
/// max(0, 1 - (6 - 2) se^2 / |c|^2), se^2 their mean sampling variance (Efron and Morris 1973), so a
/// profile of noise comes out flat.
struct YearlyProfile: Sendable, Equatable {
    static let harmonics = 3
    static let daysPerYear = 365.2425
    /// Days of history an own profile needs: two years, so every day of the year has a centred ratio.
    static let minimumDays = 730
    static let floor = 0.05
    static let movingAverageDays = 365

    /// a_1, b_1, a_2, b_2, a_3, b_3, already divided by a_0 and shrunk.
    var coefficients: [Double]

    /// The index of every day from `firstDaysSinceEpoch` on, `into.count` days.
    func index(firstDaysSinceEpoch: Int, into output: UnsafeMutableBufferPointer<Double>) {
        YearlyProfile.forEachBasis(firstDaysSinceEpoch: firstDaysSinceEpoch, count: output.count) { day, basis in
            var value = 1.0
            for term in 0..<(2 * YearlyProfile.harmonics) { value += coefficients[term] * basis[term] }
            output[day] = max(YearlyProfile.floor, value)
        }
    }

    /// The index on one day.
    func factor(daysSinceEpoch: Int) -> Double {
        var result = 1.0
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 1) { buffer in
            index(firstDaysSinceEpoch: daysSinceEpoch, into: buffer)
            result = buffer[0]
        }
        return result
    }

    /// Amplitude of the profile: (max - min) / 2 over a year.
    var amplitude: Double {
        var values = [Double](repeating: 0, count: 366)
        values.withUnsafeMutableBufferPointer { index(firstDaysSinceEpoch: 0, into: $0) }
        return (values.max()! - values.min()!) / 2
    }

    /// Calls `body(day, basis)` for days 0..<count from `firstDaysSinceEpoch`, basis = cos theta, sin theta,
    /// cos 2 theta, ... (a rotation recurrence, re-anchored every year to bound the rounding drift).
    static func forEachBasis(
        firstDaysSinceEpoch: Int,
        count: Int,
        _ body: (Int, SIMD8<Double>) -> Void
    ) {
        let step = 2 * Double.pi / daysPerYear
        let stepCos = cos(step)
        let stepSin = sin(step)
        var cosine = 0.0
        var sine = 0.0
        for day in 0..<count {
            if day % 366 == 0 {
                let angle = step * Double((firstDaysSinceEpoch + day) % 146_097)  // 400 Gregorian years
                cosine = cos(angle)
                sine = sin(angle)
            } else {
                (cosine, sine) = (cosine * stepCos - sine * stepSin, sine * stepCos + cosine * stepSin)
            }
            // cos 2t = 2 cos^2 t - 1, sin 2t = 2 sin t cos t; cos 3t and sin 3t from 2t and t.
            let cos2 = 2 * cosine * cosine - 1
            let sin2 = 2 * sine * cosine
            let cos3 = cos2 * cosine - sin2 * sine
            let sin3 = sin2 * cosine + cos2 * sine
            body(day, SIMD8(cosine, sine, cos2, sin2, cos3, sin3, 0, 0))
        }
    }

    /// The profile of `values` (day 0 = `firstDaysSinceEpoch`), or nil with under ``minimumDays`` days or no
    /// units. `isExcluded(day)` leaves a day's ratio out of the fit (calendar-event days).
    static func estimate(
        values: UnsafeBufferPointer<Double>,
        firstDaysSinceEpoch: Int,
        isExcluded: (Int) -> Bool
    ) -> YearlyProfile? {
        let count = values.count
        guard count >= minimumDays else { return nil }
        let half = movingAverageDays / 2
        var windowSum = 0.0
        for day in 0..<movingAverageDays { windowSum += values[day] }
        // Normal equations of the ratios on (1, six harmonics): 7 x 7, upper triangle used.
        let size = 2 * harmonics + 1
        var normal = [Double](repeating: 0, count: size * size)
        var right = [Double](repeating: 0, count: size)
        var ratioSquares = 0.0
        var points = 0
        forEachBasis(firstDaysSinceEpoch: firstDaysSinceEpoch, count: count - half) { day, basis in
            guard day >= half else { return }
            if day > half {
                windowSum += values[day + half] - values[day - half - 1]
            }
            let mean = windowSum / Double(movingAverageDays)
            guard mean > 0, !isExcluded(day) else { return }
            let ratio = values[day] / mean
            let row = SIMD8(1, basis[0], basis[1], basis[2], basis[3], basis[4], basis[5], 0)
            for i in 0..<size {
                right[i] += row[i] * ratio
                for j in i..<size { normal[i * size + j] += row[i] * row[j] }
            }
            ratioSquares += ratio * ratio
            points += 1
        }
        guard points > 4 * size else { return nil }
        for i in 0..<size { for j in 0..<i { normal[i * size + j] = normal[j * size + i] } }
        guard let inverse = invertSymmetric(normal, size: size) else { return nil }
        var solution = [Double](repeating: 0, count: size)
        for i in 0..<size { for j in 0..<size { solution[i] += inverse[i * size + j] * right[j] } }
        guard solution[0] > 0 else { return nil }
        // Residual variance: sum r^2 - b' X'r, over points - size degrees of freedom.
        var explained = 0.0
        for i in 0..<size { explained += solution[i] * right[i] }
        let residualVariance = max(0, ratioSquares - explained) / Double(points - size)
        var coefficientVariance = 0.0
        var squaredNorm = 0.0
        for term in 1..<size {
            coefficientVariance += residualVariance * inverse[term * size + term]
            squaredNorm += solution[term] * solution[term]
        }
        coefficientVariance /= Double(size - 1)
        let shrink = squaredNorm > 0 ? max(0, 1 - Double(size - 3) * coefficientVariance / squaredNorm) : 0
        return YearlyProfile(coefficients: (1..<size).map { solution[$0] / solution[0] * shrink })
    }

    /// Gauss-Jordan inverse with partial pivoting of a small symmetric positive-definite matrix; nil when
    /// singular.
    private static func invertSymmetric(_ matrix: [Double], size: Int) -> [Double]? {
        var a = matrix
        var inverse = [Double](repeating: 0, count: size * size)
        for i in 0..<size { inverse[i * size + i] = 1 }
        for column in 0..<size {
            var pivot = column
            for row in column..<size where abs(a[row * size + column]) > abs(a[pivot * size + column]) {
                pivot = row
            }
            guard abs(a[pivot * size + column]) > 1e-12 else { return nil }
            if pivot != column {
                for k in 0..<size {
                    a.swapAt(pivot * size + k, column * size + k)
                    inverse.swapAt(pivot * size + k, column * size + k)
                }
            }
            let scale = 1 / a[column * size + column]
            for k in 0..<size {
                a[column * size + k] *= scale
                inverse[column * size + k] *= scale
            }
            for row in 0..<size where row != column {
                let factor = a[row * size + column]
                guard factor != 0 else { continue }
                for k in 0..<size {
                    a[row * size + k] -= factor * a[column * size + k]
                    inverse[row * size + k] -= factor * inverse[column * size + k]
                }
            }
        }
        return inverse
    }
}
