import Forecasting
import PlannerCore
import Testing

/// Calendar events: past days are cleaned out of the fit and their uplift estimated; future days get it.
@Suite struct EventUpliftTests {
    static let planDate = day("2025-03-03")
    static let promoFactor = 3.0
    static let dipFactor = 0.5

    /// 12 SKUs selling Poisson(15 x weekday profile) for two years; `promo` (x3) on eight past days and
    /// planDate + 5, `dip` (x0.5) on six past days and planDate + 9.
    static func dataSet(seed: UInt64) -> DataSet {
        let profile = [0.9, 0.9, 1.0, 1.0, 1.1, 1.2, 0.9]
        let promoOffsets = [-700, -610, -500, -420, -333, -250, -150, -60]
        let dipOffsets = [-650, -540, -400, -300, -200, -100]
        var factorByOffset: [Int: Double] = [:]
        for offset in promoOffsets { factorByOffset[offset] = promoFactor }
        for offset in dipOffsets { factorByOffset[offset] = dipFactor }
        var random = TestRandom(seed: seed)
        var rows: [(sku: Int, region: Int, day: Day, qty: Int)] = []
        for sku in 0..<12 {
            rows += syntheticRows(sku: sku, planDate: planDate, days: 730) { offset, weekday in
                random.poisson(15 * profile[weekday] * (factorByOffset[offset - 730] ?? 1))
            }
        }
        var dataSet = makeDataSet(skuCategories: Array(repeating: "c", count: 12), rows: rows)
        let events =
            (promoOffsets + [5]).map { CalendarEvent(day: planDate.adding(days: $0), name: "promo") }
            + (dipOffsets + [9]).map { CalendarEvent(day: planDate.adding(days: $0), name: "dip") }
        dataSet.events = events.sorted { ($0.day, $0.name) < ($1.day, $1.name) }
        return dataSet
    }

    @Test func plantedUpliftsAreRecoveredWithinTenPercent() async throws {
        let forecast = await DemandForecaster.forecast(
            dataSet: Self.dataSet(seed: 11),
            planDate: Self.planDate,
            horizonDays: 14,
            settings: ForecastSettings(),
            uplifts: [],
            abcClassBySKU: Array(repeating: .B, count: 12)
        )
        #expect(forecast.skuForecasts.count == 12)
        // Per SKU the promo (8 days x 3 x 15 = 360 units) is measured within 10%; the dip (6 days x 7.5 = 45
        // units, Poisson noise alone 15%) only on average over the SKUs.
        var dipTotal = 0.0
        for sku in forecast.skuForecasts {
            let factors = Dictionary(uniqueKeysWithValues: sku.eventFactors.map { ($0.name, $0.factor) })
            let promo = try #require(factors["promo"])
            let dip = try #require(factors["dip"])
            #expect(abs(promo / Self.promoFactor - 1) < 0.10, "SKU \(sku.skuIndex) promo \(promo)")
            dipTotal += dip
            // Applied on the future days only, and the scenario-free uplift is exactly the estimate.
            #expect(sku.upliftPerDay[5] == promo && sku.upliftPerDay[9] == dip)
            #expect(sku.upliftPerDay.enumerated().allSatisfy { $0.offset == 5 || $0.offset == 9 || $0.element == 1 })
        }
        #expect(abs(dipTotal / 12 / Self.dipFactor - 1) < 0.10, "mean dip \(dipTotal / 12)")
    }

    @Test func cleaningKeepsEventsOutOfTheBaseline() async throws {
        // Without the event file the forecaster sees the promo days as demand; with it, the baseline away
        // from the event days is close to the true level of 15 a day (weekday mean 1.0).
        let withEvents = Self.dataSet(seed: 12)
        let forecast = await DemandForecaster.forecast(
            dataSet: withEvents,
            planDate: Self.planDate,
            horizonDays: 14,
            settings: ForecastSettings(),
            uplifts: [],
            abcClassBySKU: Array(repeating: .B, count: 12)
        )
        for sku in forecast.skuForecasts {
            let ordinaryDays = sku.unitsPerDay.enumerated().filter { $0.offset != 5 && $0.offset != 9 }
            let mean = ordinaryDays.reduce(0) { $0 + $1.element } / Double(ordinaryDays.count)
            #expect(abs(mean / 15 - 1) < 0.10, "SKU \(sku.skuIndex) mean \(mean)")
        }
    }
}

/// An event scoped to one region: measured on the SKU total, applied to that region only.
@Suite struct RegionalEventTests {
    @Test func aRegionalPromotionLiftsOnlyItsRegion() async throws {
        let planDate = day("2025-03-03")
        let promoOffsets = [-650, -560, -470, -380, -290, -200, -110, -40]
        var random = TestRandom(seed: 21)
        var rows: [(sku: Int, region: Int, day: Day, qty: Int)] = []
        // 20 a day in each of two regions; on promo days region 1 sells x3.
        for offset in -730..<0 {
            let date = planDate.adding(days: offset)
            rows.append((0, 0, date, random.poisson(20)))
            rows.append((0, 1, date, random.poisson(20 * (promoOffsets.contains(offset) ? 3 : 1))))
        }
        var dataSet = makeDataSet(regionCount: 2, rows: rows.filter { $0.qty > 0 })
        dataSet.events = (promoOffsets + [3]).map {
            CalendarEvent(day: planDate.adding(days: $0), name: "promo", regionIndices: [1])
        }
        let forecast = await DemandForecaster.forecast(
            dataSet: dataSet,
            planDate: planDate,
            horizonDays: 7,
            settings: ForecastSettings(),
            uplifts: [],
            abcClassBySKU: [.A]
        )
        let region0 = try #require(forecast.series(skuIndex: 0, regionIndex: 0))
        let region1 = try #require(forecast.series(skuIndex: 0, regionIndex: 1))
        // The SKU total rose x2 on promo days (20 + 60 over 40): on region 1, half the units, that is x3.
        let lift1 = region1.unitsPerDay[3] / region1.unitsPerDay[2]
        let lift0 = region0.unitsPerDay[3] / region0.unitsPerDay[2]
        #expect(abs(lift1 / 3 - 1) < 0.15, "region 1 lift \(lift1)")
        #expect(abs(lift0 / 1 - 1) < 0.05, "region 0 lift \(lift0)")
    }
}
