import Foundation
import PlannerCore
import Testing

@testable import DataGenerator

@Suite struct ForecastEvaluationSetTests {
    static let spec = ForecastEvaluationSet.Spec(
        skusPerShape: 40,
        seed: 5,
        planDate: Day(year: 2026, month: 12, day: 1)!,
        historyDays: 800
    )
    static let set = ForecastEvaluationSet(spec)

    /// The true mean is what the draws average to: over each shape's SKUs and the 28 holdout days, the units
    /// sold are within 4 standard errors of the summed true means (Poisson-gamma variance, bounded here by
    /// the sum of mean x (1 + mean / shape + largest size)).
    @Test func holdoutUnitsAverageToTheTrueMeanPerShape() {
        let planDay = Self.spec.planDate.daysSinceEpoch
        var sold = [Double](repeating: 0, count: Self.set.dataSet.skus.count)
        let demand = Self.set.dataSet.demand
        for row in 0..<demand.count where Int(demand.days[row]) >= planDay {
            sold[Int(demand.skuIndices[row])] += Double(demand.quantities[row])
        }
        for shape in EvaluationShape.allCases {
            let skus = Self.set.shapes.indices.filter { Self.set.shapes[$0] == shape }
            #expect(skus.count == 40)
            let expected = skus.reduce(0.0) { $0 + Self.set.trueMeanUnits[$1].reduce(0, +) }
            let actual = skus.reduce(0.0) { $0 + sold[$1] }
            // A generous variance bound: lumpy orders have a mean size up to 40 with gamma-mixed sizes.
            let varianceBound = skus.reduce(0.0) { total, sku in
                total + Self.set.trueMeanUnits[sku].reduce(0) { $0 + $1 * (2 + $1 + (shape == .lumpy ? 80 : 0)) }
            }
            #expect(abs(actual - expected) < 4 * varianceBound.squareRoot(), "\(shape): \(actual) vs \(expected)")
            #expect(expected > 0)
        }
    }

    /// The holdout's true means follow the calendar: the post-peak dip (x0.85) covers December 1-7, 2026
    /// (Cyber Monday is November 30), Christmas Day sells x0.4 of an ordinary December day, and a smooth
    /// SKU's mean is its level times the weekly profile and the day's factor.
    @Test func trueMeansCarryTheWeeklyProfileAndTheCalendar() throws {
        let events = Self.set.dataSet.events
        let december2026 = events.filter { $0.day.civil.year == 2026 && $0.day.civil.month == 12 }
        #expect(december2026.prefix(7).allSatisfy { $0.name == ForecastEvaluationSet.postPeakDipName })
        #expect(december2026[7].name == "christmas_run_up")
        let sku = try #require(Self.set.shapes.firstIndex(of: .smooth))
        let means = Self.set.trueMeanUnits[sku]
        let planDate = Self.spec.planDate
        func weekly(_ offset: Int) -> Double { RetailCalendar.weeklyProfile[planDate.adding(days: offset).weekday] }
        let level = means[7] / weekly(7) / 1.2  // December 8 is a christmas_run_up day
        #expect(abs(means[0] / weekly(0) - 0.85 * level) < 1e-9 * level)
        #expect(abs(means[24] / weekly(24) - 0.4 * level) < 1e-9 * level)  // December 25
        #expect(abs(means[27] / weekly(27) - level) < 1e-9 * level)  // December 28, no event
    }

    @Test func theSameSpecGivesTheSameSet() {
        let again = ForecastEvaluationSet(Self.spec)
        #expect(again.dataSet.demand == Self.set.dataSet.demand)
        #expect(again.trueMeanUnits == Self.set.trueMeanUnits)
        #expect(again.dataSet.events == Self.set.dataSet.events)
    }
}
