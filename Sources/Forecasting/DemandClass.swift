/// Demand pattern of a series by the Syntetos-Boylan-Croston scheme (Syntetos, Boylan and Croston 2005):
/// ADI = days / days with demand, CV^2 = squared coefficient of variation of the non-zero sizes;
/// cut-offs ADI 1.32 and CV^2 0.49. Plus `new` (under the new-SKU threshold of history) and `inactive`
/// (no demand in the classification window).
public enum DemandClass: String, Sendable, CaseIterable {
    case smooth
    case erratic
    case intermittent
    case lumpy
    case new
    case inactive

    public static let intervalCutoff = 1.32
    public static let variationCutoff = 0.49

    /// The class of ADI `averageDemandInterval` and CV^2 `squaredVariation`; a value exactly on a
    /// cut-off counts as above it (ADI >= 1.32 is intermittent), as in Syntetos et al.
    public static func classify(averageDemandInterval: Double, squaredVariation: Double) -> DemandClass {
        let isIntermittent = averageDemandInterval >= intervalCutoff
        let isVariable = squaredVariation >= variationCutoff
        switch (isIntermittent, isVariable) {
        case (false, false): return .smooth
        case (false, true): return .erratic
        case (true, false): return .intermittent
        case (true, true): return .lumpy
        }
    }
}

/// ADI and CV^2 of daily values (population variance of the non-zero ones).
public struct DemandPatternStatistics: Sendable, Equatable {
    /// Days per day with demand; +infinity when nothing sold.
    public var averageDemandInterval: Double
    /// (standard deviation / mean)^2 of the non-zero values; 0 with fewer than two of them.
    public var squaredVariation: Double
    public var demandDays: Int

    /// Statistics given outright (as stored by a shard).
    public init(averageDemandInterval: Double, squaredVariation: Double, demandDays: Int) {
        self.averageDemandInterval = averageDemandInterval
        self.squaredVariation = squaredVariation
        self.demandDays = demandDays
    }

    public init<Values: Collection>(values: Values) where Values.Element == Double {
        var count = 0
        var sum = 0.0
        var sumOfSquares = 0.0
        for value in values where value > 0 {
            count += 1
            sum += value
            sumOfSquares += value * value
        }
        demandDays = count
        averageDemandInterval = count > 0 ? Double(values.count) / Double(count) : .infinity
        if count >= 2 {
            let mean = sum / Double(count)
            let variance = max(0, sumOfSquares / Double(count) - mean * mean)
            squaredVariation = variance / (mean * mean)
        } else {
            squaredVariation = 0
        }
    }

    public var demandClass: DemandClass {
        demandDays == 0
            ? .inactive
            : DemandClass.classify(averageDemandInterval: averageDemandInterval, squaredVariation: squaredVariation)
    }
}
