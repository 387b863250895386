/// Naive: the last value. Seasonal naive: the value on the same weekday of the last week observed.
struct NaiveForecaster: RecursiveForecaster {
    private var last = 0.0

    init(initial: UnsafeBufferPointer<Double>) {
        last = initial.last ?? 0
    }

    func forecast(stepsAhead: Int) -> Double { last }

    mutating func observe(_ value: Double) { last = value }
}

/// y(t+h) = y(t + h - 7 * ceil(h / 7)). Keeps the last seven values in a ring.
struct SeasonalNaiveForecaster: RecursiveForecaster {
    /// `ring[(position + k) % 7]` is the value k + 1 days before the next one (k = 0...6), oldest at `position`.
    private var ring = SIMD8<Double>(repeating: 0)
    private var position = 0

    init(initial: UnsafeBufferPointer<Double>) {
        for value in initial { observe(value) }
    }

    func forecast(stepsAhead: Int) -> Double {
        // The value 7 days before the target: target = next + (h - 1); its weekday slot in the ring.
        ring[(position + (stepsAhead - 1) % 7) % 7]
    }

    mutating func observe(_ value: Double) {
        ring[position] = value
        position = (position + 1) % 7
    }
}

/// Mean of the last `window` values (fewer at the start of a series). Reads the series in place.
struct MovingAverageForecaster: RecursiveForecaster {
    static let windows: [Double] = [7, 14, 28, 56, 91]
    private let series: UnsafePointer<Double>
    private let window: Int
    private var count = 0
    private var sum = 0.0
    /// Index in `series` of the next value to observe.
    private var next: Int

    /// `series` is the whole series; `start` the index of its first value, observed from there on.
    init(window: Int, series: UnsafePointer<Double>, start: Int) {
        self.series = series
        self.window = max(1, window)
        self.next = start
        self.start = start
    }

    private let start: Int

    func forecast(stepsAhead: Int) -> Double { count == 0 ? 0 : sum / Double(count) }

    mutating func observe(_ value: Double) {
        sum += value
        if count == window {
            sum -= series[next - window]
        } else {
            count += 1
        }
        next += 1
        if (next - start) % 1024 == 0 { sum = recomputedSum() }  // bound the rounding drift of the running sum
    }

    private mutating func recomputedSum() -> Double {
        var total = 0.0
        for index in (next - count)..<next { total += series[index] }
        return total
    }
}
