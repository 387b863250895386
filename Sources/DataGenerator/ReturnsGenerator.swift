import Foundation
import PlannerCore

/// Return histories for a generated data set (`returns.csv`): every sold unit comes back with its SKU's return
/// rate after a lag, and is graded.
///
/// - Per category: a return rate of 3-25% of units sold, a mean lag of 8-25 days (the sum of two geometric lags,
///   the law ``ReturnLag`` of the forecaster estimates), and grade shares: resellable 55-85%, scrap 3-12%, the rest
///   defective. Each SKU's rate is its category's times 0.8-1.2.
/// - A unit returns to the region it was sold in; returns after the history's end are not written. One return row
///   in ten has no grade (not graded yet).
/// Drawn from a stream of its own, so the other files are the same with or without returns.
enum ReturnsGenerator {
    struct CategoryLaw {
        var rate: Double
        var meanLagDays: Double
        /// Cumulative resellable, defective (scrap is the rest).
        var resellable: Double
        var defective: Double
    }

    static func categoryLaws(categories: [String], random: inout SeededRandom) -> [String: CategoryLaw] {
        var laws: [String: CategoryLaw] = [:]
        for category in categories {
            let resellable = random.uniform(0.55, 0.85)
            let scrap = random.uniform(0.03, 0.12)
            laws[category] = CategoryLaw(
                rate: random.uniform(0.03, 0.25),
                meanLagDays: random.uniform(8, 25),
                resellable: resellable,
                defective: 1 - resellable - scrap
            )
        }
        return laws
    }

    /// The planted laws per category and return rate per SKU, and the stream that draws the returns next.
    static func planted(skus: [SKU], seed: UInt64) -> (laws: [String: CategoryLaw], rates: [Double], SeededRandom) {
        var random = SeededRandom(seed: seed, stream: 0x5245_5455_524E_0000)
        let laws = categoryLaws(categories: Array(Set(skus.map(\.category))).sorted(), random: &random)
        let rates = skus.map { laws[$0.category]!.rate * random.uniform(0.8, 1.2) }
        return (laws, rates, random)
    }

    static func makeReturns(skus: [SKU], demand: DemandHistory, endDate: Day, seed: UInt64) -> [ReturnRecord] {
        var (laws, rates, random) = planted(skus: skus, seed: seed)
        let endDay = endDate.daysSinceEpoch
        struct Key: Hashable, Comparable {
            var day: Int32
            var sku: Int32
            var region: Int32
            var grade: Int8

            static func < (lhs: Key, rhs: Key) -> Bool {
                (lhs.day, lhs.sku, lhs.region, lhs.grade) < (rhs.day, rhs.sku, rhs.region, rhs.grade)
            }
        }
        var units: [Key: Int] = [:]
        for row in 0..<demand.count {
            let sku = Int(demand.skuIndices[row])
            let law = laws[skus[sku].category]!
            let theta = 2 / law.meanLagDays
            for _ in 0..<Int(demand.quantities[row]) where random.uniform() < rates[sku] {
                let lag = geometric(theta, &random) + geometric(theta, &random)
                let day = Int(demand.days[row]) + lag
                let gradeDraw = random.uniform()
                let graded = random.uniform() >= 0.1
                guard day < endDay else { continue }
                let grade: Int8 =
                    !graded ? -1 : gradeDraw < law.resellable ? 0 : gradeDraw < law.resellable + law.defective ? 1 : 2
                let key = Key(
                    day: Int32(day),
                    sku: demand.skuIndices[row],
                    region: demand.regionIndices[row],
                    grade: grade
                )
                units[key, default: 0] += 1
            }
        }
        return units.keys.sorted().map { key in
            ReturnRecord(
                day: Day(daysSinceEpoch: Int(key.day)),
                skuIndex: Int(key.sku),
                regionIndex: Int(key.region),
                quantity: units[key]!,
                grade: key.grade < 0 ? nil : ReturnGrade.allCases[Int(key.grade)]
            )
        }
    }

    /// A geometric number of days on {1, 2, ...} with success chance `theta` (mean 1 / theta), by inversion.
    static func geometric(_ theta: Double, _ random: inout SeededRandom) -> Int {
        let u = max(random.uniform(), 1e-300)
        return max(1, Int((log(u) / log(1 - theta)).rounded(.up)))
    }
}
