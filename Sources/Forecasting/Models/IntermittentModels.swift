/// Croston's method (Croston 1972) and the Syntetos-Boylan approximation (Syntetos and Boylan 2005).
///
/// Only days with demand update the state: z = z + alphaSize (y - z), p = p + alphaInterval (q - p), q being
/// the days since the previous demand (this day included). Forecast per day z / p; SBA multiplies it by
/// (1 - alphaInterval / 2) to remove Croston's bias. Before the first demand it forecasts 0.
struct CrostonForecaster: RecursiveForecaster {
    private let alphaSize: Double
    private let alphaInterval: Double
    private let debiasFactor: Double
    private var size = 0.0
    private var interval = 0.0
    private var daysSinceDemand = 0
    private var hasDemand = false

    init(alphaSize: Double, alphaInterval: Double, isSBA: Bool) {
        self.alphaSize = alphaSize
        self.alphaInterval = alphaInterval
        self.debiasFactor = isSBA ? 1 - alphaInterval / 2 : 1
    }

    func forecast(stepsAhead: Int) -> Double {
        hasDemand ? debiasFactor * size / interval : 0
    }

    mutating func observe(_ value: Double) {
        daysSinceDemand += 1
        guard value > 0 else { return }
        if hasDemand {
            size += alphaSize * (value - size)
            interval += alphaInterval * (Double(daysSinceDemand) - interval)
        } else {
            // Initialised on the first demand: its size, and the days up to it as the first interval.
            size = value
            interval = Double(daysSinceDemand)
            hasDemand = true
        }
        daysSinceDemand = 0
    }
}

/// TSB (Teunter, Syntetos and Babai 2011): the demand probability d is updated every day,
/// d = d + alphaProbability (1[y > 0] - d); the size z only on demand days, z = z + alphaSize (y - z).
/// Forecast per day d z. Unlike Croston's, the forecast decays while no demand occurs (obsolescence).
struct TSBForecaster: RecursiveForecaster {
    private let alphaSize: Double
    private let alphaProbability: Double
    private var size: Double
    private var probability: Double

    init(alphaSize: Double, alphaProbability: Double, initialSize: Double, initialProbability: Double) {
        self.alphaSize = alphaSize
        self.alphaProbability = alphaProbability
        self.size = initialSize
        self.probability = initialProbability
    }

    func forecast(stepsAhead: Int) -> Double { probability * size }

    mutating func observe(_ value: Double) {
        if value > 0 {
            probability += alphaProbability * (1 - probability)
            size += alphaSize * (value - size)
        } else {
            probability -= alphaProbability * probability
        }
    }
}

/// ADIDA (Nikolopoulos, Syntetos, Boylan, Petropoulos and Assimakopoulos 2011): days are summed into
/// non-overlapping buckets of `bucketDays`; SES runs on the bucket totals; the daily forecast is the
/// smoothed bucket total / bucketDays. With one-day buckets it is SES.
struct ADIDAForecaster: RecursiveForecaster {
    private let bucketDays: Int
    private let alpha: Double
    private var level: Double
    private var bucketTotal = 0.0
    private var daysInBucket = 0

    init(bucketDays: Int, alpha: Double, initialDailyLevel: Double) {
        self.bucketDays = max(1, bucketDays)
        self.alpha = alpha
        self.level = initialDailyLevel * Double(max(1, bucketDays))
    }

    func forecast(stepsAhead: Int) -> Double { level / Double(bucketDays) }

    mutating func observe(_ value: Double) {
        bucketTotal += value
        daysInBucket += 1
        guard daysInBucket == bucketDays else { return }
        level += alpha * (bucketTotal - level)
        bucketTotal = 0
        daysInBucket = 0
    }
}

/// IMAPA (Petropoulos and Kourentzes 2015): the mean of the ADIDA forecasts for buckets of 1...k days,
/// each with its own fitted alpha. Holds at most ``maximumLevels`` levels inline.
struct IMAPAForecaster: RecursiveForecaster {
    static let maximumLevels = 8
    private var levels: [ADIDAForecaster]

    init(levels: [ADIDAForecaster]) {
        precondition(!levels.isEmpty && levels.count <= IMAPAForecaster.maximumLevels)
        self.levels = levels
    }

    func forecast(stepsAhead: Int) -> Double {
        var total = 0.0
        for level in levels { total += level.forecast(stepsAhead: stepsAhead) }
        return total / Double(levels.count)
    }

    mutating func observe(_ value: Double) {
        for index in levels.indices { levels[index].observe(value) }
    }
}
