import DataGenerator
import Forecasting
import PlannerCore
import Testing

/// The forecaster against seasonal naive on generated data with a known truth (the generator's demand
/// patterns and retail calendar), held out over the last 28 days.
@Suite struct ForecastAccuracyTests {
    @Test func selectedForecastsBeatSeasonalNaive() async throws {
        let dataSet = DataGenerator.generate(
            GeneratorSpec(skuCount: 600, regionCount: 6, warehouseCount: 3, historyDays: 730, orderCount: 10, seed: 5)
        )
        let result = try await HoldoutBacktest.run(dataSet: dataSet, holdoutDays: 28, settings: ForecastSettings())
        let summary = result.summary
        // Overall: MASE at least 10% lower, RMSSE at least 15% lower.
        let selected = try #require(summary.row(nil, .selected))
        let naive = try #require(summary.row(nil, .model(.seasonalNaive)))
        #expect(selected.meanAbsoluteScaledError! < 0.9 * naive.meanAbsoluteScaledError!)
        #expect(selected.rootMeanSquaredScaledError! < 0.85 * naive.rootMeanSquaredScaledError!)
        // Every class with at least 20 SKUs: RMSSE (the M5 measure for mean forecasts) at least 10% lower,
        // and MASE lower (for lumpy demand MASE rewards forecasting zero, so the margin there is small).
        var checked: [DemandClass] = []
        for demandClass in summary.demandClasses {
            guard let mine = summary.row(demandClass, .selected), mine.scaledSKUCount >= 20,
                let benchmark = summary.row(demandClass, .model(.seasonalNaive))
            else { continue }
            let mase = try #require(mine.meanAbsoluteScaledError)
            let rmsse = try #require(mine.rootMeanSquaredScaledError)
            let benchmarkMASE = try #require(benchmark.meanAbsoluteScaledError)
            let benchmarkRMSSE = try #require(benchmark.rootMeanSquaredScaledError)
            #expect(mase < benchmarkMASE, "\(demandClass) MASE \(mase) vs \(benchmarkMASE)")
            #expect(rmsse < 0.9 * benchmarkRMSSE, "\(demandClass) RMSSE \(rmsse) vs \(benchmarkRMSSE)")
            checked.append(demandClass)
        }
        #expect(Set(checked).isSuperset(of: [.smooth, .intermittent, .lumpy]), "\(checked)")
    }
}
