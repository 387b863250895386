import Foundation
import PlannerCore

/// SplitMix64 (Steele, Lea and Flood 2014): a small seeded generator for reproducible synthetic series.
struct TestRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Poisson(mean): Knuth's product method for small means, a rounded normal above 30.
    mutating func poisson(_ mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean > 30 {
            let u1 = max(uniform(), 1e-300)
            let normal = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * uniform())
            return max(0, Int((mean + mean.squareRoot() * normal).rounded()))
        }
        let limit = exp(-mean)
        var product = uniform()
        var count = 0
        while product > limit {
            product *= uniform()
            count += 1
        }
        return count
    }
}

/// Demand rows of one SKU in region 0 for `days` days ending the day before `planDate`, one per day with
/// units > 0, drawn from `units(dayOffset, weekday)`.
func syntheticRows(
    sku: Int,
    planDate: Day,
    days: Int,
    units: (Int, Int) -> Int
) -> [(sku: Int, region: Int, day: Day, qty: Int)] {
    (0..<days).compactMap { offset in
        let date = planDate.adding(days: offset - days)
        let quantity = units(offset, date.weekday)
        return quantity > 0 ? (sku, 0, date, quantity) : nil
    }
}
