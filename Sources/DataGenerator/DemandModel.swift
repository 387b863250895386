import Foundation
import PlannerCore

/// The kind of demand a SKU has; see ``DataGenerator`` for the mix.
enum DemandPattern: UInt8, Sendable, CaseIterable {
    /// High volume, Poisson around a level with a mild trend.
    case smooth
    /// A yearly cycle (amplitude 0.3-0.8, random peak) and a trend of -25% to +50% a year.
    case seasonal
    /// Mostly zero days; on 3-20% of days a sale of 1-3 units.
    case intermittent
    /// Rare (1-4% of days) large orders, 1 + NegativeBinomial units, all in one region.
    case lumpy
    /// Launched in the last 60 days of history, ramping up over two weeks.
    case new
}

/// How one SKU's daily demand is drawn. Stateless from day to day, so any block of days can be
/// drawn on its own.
struct SKUDemandModel: Sendable {
    var pattern: DemandPattern
    /// Mean units a day at the end of history before calendar effects (smooth, seasonal, new).
    var unitsPerDay: Double
    /// Log growth per year: the level `t` years before the end is `unitsPerDay * exp(-trend * t)`.
    var trendPerYear: Double
    var seasonalAmplitude: Double
    /// cos and sin of the seasonal peak's year angle.
    var peakCos: Double
    var peakSin: Double
    /// Gamma shape of the day-to-day level noise (coefficient of variation 1 / sqrt(shape)).
    var noiseShape: Double
    /// Chance of a sale event a day (intermittent, lumpy).
    var eventProbability: Double
    /// Mean units of a lumpy event.
    var meanEventUnits: Double
    /// First day with demand (days since epoch); Int.min when it sold before history began.
    var launchDay: Int

    /// Mean units of an intermittent sale: sizes 1, 2, 3 with probability 0.6, 0.25, 0.15.
    static let intermittentMeanUnits = 1.55

    /// Expected units a day near the end of history, calendar effects averaged out.
    var expectedUnitsPerDay: Double {
        switch pattern {
        case .smooth, .new: return unitsPerDay
        case .seasonal: return unitsPerDay
        case .intermittent: return eventProbability * SKUDemandModel.intermittentMeanUnits
        case .lumpy: return eventProbability * meanEventUnits
        }
    }

    /// Draws a model; the pattern mix is 20% smooth, 20% seasonal, 35% intermittent, 15% lumpy,
    /// 10% new. Levels are log-normal, which with the price spread gives a Pareto-like revenue curve.
    static func make(endDate: Day, historyDays: Int, random: inout SeededRandom) -> SKUDemandModel {
        let draw = random.uniform()
        let pattern: DemandPattern =
            draw < 0.20 ? .smooth : draw < 0.40 ? .seasonal : draw < 0.75 ? .intermittent : draw < 0.90 ? .lumpy : .new
        var model = SKUDemandModel(
            pattern: pattern,
            unitsPerDay: 0,
            trendPerYear: 0,
            seasonalAmplitude: 0,
            peakCos: 1,
            peakSin: 0,
            noiseShape: 16,
            eventProbability: 0,
            meanEventUnits: 0,
            launchDay: Int.min
        )
        switch pattern {
        case .smooth:
            model.unitsPerDay = random.logNormal(median: 4, sigma: 0.85)
            model.trendPerYear = random.uniform(-0.10, 0.20)
            model.noiseShape = random.uniform(10, 30)
        case .seasonal:
            model.unitsPerDay = random.logNormal(median: 2.5, sigma: 0.85)
            model.trendPerYear = random.uniform(-0.25, 0.50)
            model.seasonalAmplitude = random.uniform(0.3, 0.8)
            // Peaks cluster in summer (early July) and winter (mid December), some anywhere.
            let season = random.uniform()
            let peakDayOfYear =
                season < 0.4
                ? 185 + random.uniform(-25, 25)
                : season < 0.7 ? 345 + random.uniform(-20, 10) : random.uniform(0, 365)
            let angle = 2 * Double.pi * peakDayOfYear / 365.25
            model.peakCos = cos(angle)
            model.peakSin = sin(angle)
            model.noiseShape = random.uniform(8, 20)
        case .intermittent:
            model.eventProbability = random.uniform(0.04, 0.28)
        case .lumpy:
            model.eventProbability = random.uniform(0.01, 0.05)
            model.meanEventUnits = random.uniform(10, 80)
        case .new:
            model.unitsPerDay = random.logNormal(median: 4, sigma: 0.8)
            model.noiseShape = random.uniform(8, 20)
            let daysAgo = random.int(in: 1...max(1, min(60, historyDays)))
            model.launchDay = endDate.daysSinceEpoch - daysAgo
        }
        return model
    }
}

/// Each SKU's split of demand over regions: the global shares times Gamma(5) noise, normalised.
/// Stored cumulatively, flat: `cumulative[sku * regionCount + region]`.
struct RegionSplit: Sendable {
    let regionCount: Int
    private(set) var cumulative: [Double]

    init(globalShares: [Double], skuCount: Int, random: inout SeededRandom) {
        regionCount = globalShares.count
        cumulative = []
        cumulative.reserveCapacity(skuCount * regionCount)
        for _ in 0..<skuCount {
            var running = 0.0
            let start = cumulative.count
            for share in globalShares {
                running += share * random.gamma(shape: 5, scale: 0.2)
                cumulative.append(running)
            }
            for index in start..<cumulative.count { cumulative[index] /= running }
            cumulative[cumulative.count - 1] = 1
        }
    }

    /// Share of `sku`'s demand that goes to `region`.
    func share(sku: Int, region: Int) -> Double {
        let base = sku * regionCount
        return cumulative[base + region] - (region == 0 ? 0 : cumulative[base + region - 1])
    }
}
