import Forecasting
import PlannerCore
import Testing

/// The whole forecaster on synthetic series with a known truth.
@Suite struct ForecasterBehaviourTests {
    static let planDate = day("2025-03-03")

    static func forecast(_ dataSet: DataSet, horizonDays: Int = 28) async -> DemandForecast {
        await DemandForecaster.forecast(
            dataSet: dataSet,
            planDate: planDate,
            horizonDays: horizonDays,
            settings: ForecastSettings(),
            uplifts: [],
            abcClassBySKU: Array(repeating: .A, count: dataSet.skus.count)
        )
    }

    static func model(of rows: [(sku: Int, region: Int, day: Day, qty: Int)]) async -> SKUForecast? {
        await forecast(makeDataSet(rows: rows)).skuForecast(skuIndex: 0)
    }

    @Test func aStrongWeeklyPatternSelectsAWeeklyModel() async throws {
        let profile = [0.5, 0.6, 0.8, 1.0, 1.2, 1.8, 1.1]
        for seed in 1...3 as ClosedRange<UInt64> {
            var random = TestRandom(seed: seed)
            let rows = syntheticRows(sku: 0, planDate: Self.planDate, days: 730) { _, weekday in
                random.poisson(40 * profile[weekday])
            }
            let found = try #require(await Self.model(of: rows))
            #expect(found.demandClass == .smooth)
            #expect(
                [.holtWintersAdditive, .holtWintersMultiplicative, .seasonalNaive].contains(found.model),
                "seed \(seed): \(found.model)"
            )
        }
    }

    @Test func aSteadyTrendSelectsATrendModel() async throws {
        for seed in 1...3 as ClosedRange<UInt64> {
            var random = TestRandom(seed: seed)
            let rows = syntheticRows(sku: 0, planDate: Self.planDate, days: 730) { offset, _ in
                random.poisson(20 + 0.3 * Double(offset))
            }
            let found = try #require(await Self.model(of: rows))
            // The yearly candidate is damped Holt-Winters over a yearly profile, which a trend without a season
            // leaves flat (YearlySeasonalityTests): a trend model too.
            #expect(
                [.holtDamped, .holtWintersAdditive, .holtWintersMultiplicative, .yearlyHoltWinters].contains(
                    found.model
                ),
                "seed \(seed): \(found.model)"
            )
            // The forecast keeps climbing: day 28 above day 1.
            #expect(found.unitsPerDay[27] > found.unitsPerDay[0])
        }
    }

    @Test func sparseDemandIsIntermittentAndGetsAnIntermittentMethod() async throws {
        let intermittentFamily: [ForecastModelKind] = [.croston, .sba, .tsb, .adida, .imapa, .combination]
        var picked = 0
        for seed in 1...5 as ClosedRange<UInt64> {
            var random = TestRandom(seed: seed)
            let rows = syntheticRows(sku: 0, planDate: Self.planDate, days: 730) { _, _ in
                random.uniform() < 0.08 ? 1 + random.poisson(2) : 0
            }
            let found = try #require(await Self.model(of: rows))
            #expect([.intermittent, .lumpy].contains(found.demandClass))
            if intermittentFamily.contains(found.model) { picked += 1 }
        }
        #expect(picked >= 4)
    }

    /// The combination is the plain mean of SBA, TSB, ADIDA and IMAPA: its forecast is their mean day by day,
    /// and (errors being linear in the forecast, none of which is floored here) its backtest bias is their mean
    /// bias.
    @Test func theCombinationIsTheMeanOfItsMembers() async throws {
        var random = TestRandom(seed: 4)
        let rows = syntheticRows(sku: 0, planDate: Self.planDate, days: 730) { _, _ in
            random.uniform() < 0.2 ? 1 + random.poisson(1) : 0
        }
        let forecast = await DemandForecaster.forecast(
            dataSet: makeDataSet(rows: rows),
            planDate: Self.planDate,
            horizonDays: 28,
            settings: ForecastSettings(),
            uplifts: [],
            abcClassBySKU: [.A],
            keepsAllCandidates: true
        )
        let sku = try #require(forecast.skuForecast(skuIndex: 0))
        #expect(sku.demandClass == .intermittent)
        let byModel = Dictionary(uniqueKeysWithValues: sku.candidates.map { ($0.model, $0) })
        let combination = try #require(byModel[.combination])
        #expect(combination.parameters == "sba+tsb+adida+imapa")
        let members = try [ForecastModelKind.sba, .tsb, .adida, .imapa].map { try #require(byModel[$0]) }
        for day in 0..<28 {
            let mean = members.reduce(0) { $0 + $1.baselineUnitsPerDay[day] } / 4
            #expect(abs(combination.baselineUnitsPerDay[day] - mean) < 1e-12)
        }
        let meanBias = members.reduce(0) { $0 + $1.backtest!.bias } / 4
        #expect(abs(combination.backtest!.bias - meanBias) < 1e-12)
    }

    @Test func edgeCasesGiveFiniteNonNegativeForecasts() async throws {
        let constant = syntheticRows(sku: 0, planDate: Self.planDate, days: 400) { _, _ in 10 }
        // Sold once long ago, nothing since: an all-zero recent series.
        let allZero: [(sku: Int, region: Int, day: Day, qty: Int)] = [(1, 0, Self.planDate.adding(days: -700), 3)]
        // First sale yesterday.
        let oneDayOld: [(sku: Int, region: Int, day: Day, qty: Int)] = [(2, 0, Self.planDate.adding(days: -1), 4)]
        // Six units every third day, the days between missing from the file (zero sales).
        let gaps = syntheticRows(sku: 3, planDate: Self.planDate, days: 300) { offset, _ in offset % 3 == 0 ? 6 : 0 }
        let dataSet = makeDataSet(skuCategories: ["c", "c", "c", "c"], rows: constant + allZero + oneDayOld + gaps)
        let forecast = await Self.forecast(dataSet)
        for sku in 0..<4 {
            let found = try #require(forecast.skuForecast(skuIndex: sku), "SKU \(sku)")
            #expect(found.unitsPerDay.allSatisfy { $0.isFinite && $0 >= 0 }, "SKU \(sku)")
            #expect(found.cumulativeErrorSD.allSatisfy { $0.isFinite && $0 >= 0 }, "SKU \(sku)")
        }
        let constantForecast = try #require(forecast.skuForecast(skuIndex: 0))
        #expect(constantForecast.unitsPerDay.allSatisfy { abs($0 - 10) < 1e-9 })
        #expect(constantForecast.cumulativeErrorSD.allSatisfy { $0 < 1e-9 })
        #expect(try #require(forecast.skuForecast(skuIndex: 1)).unitsPerDay.allSatisfy { $0 < 0.05 })
        let newSKU = try #require(forecast.skuForecast(skuIndex: 2))
        #expect(newSKU.model == .categoryProfile && newSKU.demandClass == .new)
        #expect(newSKU.unitsPerDay.allSatisfy { $0 > 0 })
        let gapped = try #require(forecast.skuForecast(skuIndex: 3))
        let meanDaily = gapped.unitsPerDay.reduce(0, +) / 28
        #expect(abs(meanDaily - 2) < 0.3, "mean \(meanDaily)")
    }
}
