// planner-bench: measures loading a data directory and forecasting every SKU with model selection.
// Usage: planner-bench DATA_DIR [--plan-date YYYY-MM-DD] [--horizon DAYS] [--workers N]
// Prints wall time, CPU time and peak resident memory after each stage, and SKUs per second.
import Forecasting
import Foundation
@preconcurrency import Glibc
import InventoryPolicy
import PlannerCore
import PlannerInput

struct Usage: Error, CustomStringConvertible {
    var description: String
}

/// Process CPU seconds (user + system) and peak resident set size in MB, from getrusage.
func resourceUsage() -> (cpuSeconds: Double, peakMB: Double) {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    return (user + system, Double(usage.ru_maxrss) / 1024)
}

func wallSeconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

func report(_ stage: String, wall: Double, cpuBefore: Double) {
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

func run() async throws {
    var arguments = Array(CommandLine.arguments.dropFirst())
    func option(_ name: String) throws -> String? {
        guard let index = arguments.firstIndex(of: name) else { return nil }
        guard index + 1 < arguments.count else { throw Usage(description: "\(name) needs a value") }
        let value = arguments[index + 1]
        arguments.removeSubrange(index...(index + 1))
        return value
    }
    let planDateText = try option("--plan-date")
    let horizonDays = try option("--horizon").map { Int($0) ?? -1 } ?? 28
    let workers = try option("--workers").map { Int($0) ?? -1 } ?? ProcessInfo.processInfo.activeProcessorCount
    guard arguments.count == 1, horizonDays > 0, workers > 0 else {
        throw Usage(
            description: "usage: planner-bench DATA_DIR [--plan-date YYYY-MM-DD] [--horizon DAYS] [--workers N]"
        )
    }
    let directory = arguments[0]

    let totalStart = ContinuousClock.now
    let loadStart = ContinuousClock.now
    let cpuAtLoad = resourceUsage().cpuSeconds
    let dataSet = try DataSetLoader.load(directory: directory)
    report("load", wall: wallSeconds(since: loadStart), cpuBefore: cpuAtLoad)

    guard let lastDay = dataSet.demand.dayRange?.upperBound else { throw Usage(description: "no demand history") }
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

do {
    try await run()
} catch let error as InputError {
    FileHandle.standardError.write(Data((error.description + "\n").utf8))
    exit(65)
} catch {
    FileHandle.standardError.write(Data("planner-bench: \(error)\n".utf8))
    exit(64)
}
