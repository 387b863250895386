import Forecasting
import Foundation
import InventoryPolicy
import PlannerCore
import PlannerInput

/// `planner-bench DATA_DIR`: loads a data directory and forecasts every SKU with model selection, printing
/// wall time, CPU time and peak resident memory after each stage, and SKUs per second.
enum ForecastBench {
    static let usage = "usage: planner-bench DATA_DIR [--plan-date YYYY-MM-DD] [--horizon DAYS] [--workers N]"

    static func report(_ stage: String, wall: Double, cpuBefore: Double) {
        let now = resourceUsage()
        print(
            String(
                format: "%-9@ wall %7.2f s   cpu %7.2f s   peak rss %7.0f MB",
                stage as NSString,
                wall,
                now.cpuSeconds - cpuBefore,
                now.peakMB
            )
        )
    }

    static func run(_ arguments: Arguments) async throws {
        var arguments = arguments
        let planDateText = try arguments.option("--plan-date")
        let horizonDays = try arguments.option("--horizon").map { Int($0) ?? -1 } ?? 28
        let workers =
            try arguments.option("--workers").map { Int($0) ?? -1 } ?? ProcessInfo.processInfo.activeProcessorCount
        guard arguments.words.count == 1, horizonDays > 0, workers > 0 else { throw Usage(description: usage) }
        let directory = arguments.words[0]

        let totalStart = ContinuousClock.now
        let loadStart = ContinuousClock.now
        let cpuAtLoad = resourceUsage().cpuSeconds
        let dataSet = try DataSetLoader.load(directory: directory)
        report("load", wall: wallSeconds(since: loadStart), cpuBefore: cpuAtLoad)

        guard let lastDay = dataSet.demand.dayRange?.upperBound else {
            throw Usage(description: "no demand history")
        }
        let planDate: Day
        if let planDateText {
            guard let parsed = Day(iso: planDateText) else { throw Usage(description: "bad --plan-date") }
            planDate = parsed
        } else {
            planDate = lastDay.adding(days: 1)
        }
        let forecastStart = ContinuousClock.now
        let cpuAtForecast = resourceUsage().cpuSeconds
        let classification = ABCClassifier.classify(
            dataSet: dataSet,
            planDate: planDate,
            thresholds: ABCThresholds(a: 0.8, b: 0.95)
        )
        let forecast = await DemandForecaster.forecast(
            dataSet: dataSet,
            planDate: planDate,
            horizonDays: horizonDays,
            settings: ForecastSettings(),
            uplifts: [],
            abcClassBySKU: classification.classes,
            workerCount: workers
        )
        let forecastWall = wallSeconds(since: forecastStart)
        report("forecast", wall: forecastWall, cpuBefore: cpuAtForecast)
        report("total", wall: wallSeconds(since: totalStart), cpuBefore: 0)

        var models: [ForecastModelKind: Int] = [:]
        for sku in forecast.skuForecasts { models[sku.model, default: 0] += 1 }
        print(
            "data: \(dataSet.skus.count) SKUs, \(dataSet.regions.count) regions, \(dataSet.demand.count) demand rows;"
                + " plan date \(planDate), horizon \(horizonDays) days, \(workers) workers"
        )
        print(
            String(
                format: "forecast: %d SKUs, %d series, %.0f SKUs/s",
                forecast.skuForecasts.count,
                forecast.series.count,
                Double(forecast.skuForecasts.count) / forecastWall
            )
        )
        print("models: " + models.keys.sorted().map { "\($0.rawValue) \(models[$0]!)" }.joined(separator: ", "))
    }
}
