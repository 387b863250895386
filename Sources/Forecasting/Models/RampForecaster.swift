/// A ramp-aware level for SKUs still building up sales. Over the last (up to) 14 weekday-adjusted values
/// x(t) = y(t) / w(weekday of t), w the category's weekday index, the least-squares line a + b t is fitted.
/// When its slope is positive and at least twice its standard error (the SKU is still ramping up), the forecast
/// h days ahead is (a + b (t_last + phi + phi^2 + ... + phi^h)) x w(weekday of the target), with
/// phi = min(0.95, 1 - 1 / age): the damped slope (Gardner and McKenzie 1985) runs on for about as many days
/// as the SKU has sold, at most 19, instead of forever. Otherwise (a finished or flat ramp) the level is the
/// window's mean. Floored at 0; before any value it forecasts 0.
struct RampForecaster: RecursiveForecaster {
    static let windowDays = 14
    static let maximumDamping = 0.95
    /// Slope over its standard error above which the SKU counts as ramping.
    static let rampingTStatistic = 2.0
    private let series: UnsafePointer<Double>
    private let weekdayIndex: SIMD8<Double>
    /// Weekday (0 = Monday) of the next value to observe.
    private var weekday: Int
    /// Index in `series` of the next value to observe.
    private var next: Int
    /// Values observed so far.
    private var age = 0
    private var level = 0.0
    private var slope = 0.0
    private var damping = 0.0

    /// `series` is the whole series, `start` the index of its first value; `firstWeekday` its weekday.
    init(series: UnsafePointer<Double>, start: Int, firstWeekday: Int, weekdayIndex: SIMD8<Double>) {
        self.series = series
        self.next = start
        self.weekday = firstWeekday
        var index = weekdayIndex
        for day in 0..<7 { index[day] = max(index[day], 0.05) }
        self.weekdayIndex = index
    }

    func forecast(stepsAhead: Int) -> Double {
        let extra = slope == 0 ? 0 : slope * DampedHoltForecaster.dampedSum(phi: damping, steps: stepsAhead)
        return max(0, level + extra) * weekdayIndex[(weekday + stepsAhead - 1) % 7]
    }

    mutating func observe(_ value: Double) {
        next += 1
        age += 1
        weekday = (weekday + 1) % 7
        // The window: the last n values, t = 0 the oldest; weekday of series[next - 1] is weekday - 1.
        let n = min(age, RampForecaster.windowDays)
        var sumX = 0.0
        var sumTX = 0.0
        var sumXX = 0.0
        for t in 0..<n {
            let back = n - t  // 1 = the value just observed
            let x = series[next - back] / weekdayIndex[((weekday - back) % 7 + 7) % 7]
            sumX += x
            sumTX += Double(t) * x
            sumXX += x * x
        }
        let count = Double(n)
        let meanX = sumX / count
        level = meanX
        slope = 0
        guard n >= 7 else { return }
        let meanT = (count - 1) / 2
        let spreadT = count * (count * count - 1) / 12  // sum (t - meanT)^2
        let fittedSlope = (sumTX - count * meanT * meanX) / spreadT
        let residual = max(0, sumXX - count * meanX * meanX - fittedSlope * fittedSlope * spreadT)
        let slopeError = (residual / (count - 2) / spreadT).squareRoot()
        guard fittedSlope > 0, fittedSlope >= RampForecaster.rampingTStatistic * slopeError else { return }
        level = meanX + fittedSlope * (count - 1 - meanT)
        slope = fittedSlope
        damping = min(RampForecaster.maximumDamping, 1 - 1 / Double(age))
    }
}
