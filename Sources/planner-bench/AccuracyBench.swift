import DataGenerator
import Forecasting
import Foundation
import PlannerCore

/// `planner-bench accuracy --plan-date YYYY-MM-DD [--out DIR] [--skus-per-shape N] [--seed S]`: generates the
/// forecast evaluation set (``ForecastEvaluationSet``: eight demand shapes with a known true mean), holds out
/// the 28 days from the plan date, and prints per shape the mean MASE and RMSSE of the selected forecasts
/// next to the noise floor (the same scores of the true mean) and their ratio. With --out it writes the data
/// folder, truth.csv and ours/metrics.csv, the inputs of docs/peers/statsforecast_backtest.py --truth.
enum AccuracyBench {
    static let usage =
        "usage: planner-bench accuracy --plan-date YYYY-MM-DD [--out DIR] [--skus-per-shape N] [--seed S] [--workers N]"

    static func run(_ arguments: Arguments) async throws {
        var arguments = arguments
        guard let planText = try arguments.option("--plan-date"), let planDate = Day(iso: planText) else {
            throw Usage(description: usage)
        }
        let out = try arguments.option("--out")
        let perShape = try arguments.option("--skus-per-shape").map { Int($0) ?? -1 } ?? 50
        let seed = try arguments.option("--seed").map { UInt64($0) ?? 0 } ?? 11
        let workers =
            try arguments.option("--workers").map { Int($0) ?? -1 } ?? ProcessInfo.processInfo.activeProcessorCount
        guard arguments.words.isEmpty, perShape >= 1, seed > 0, workers > 0 else { throw Usage(description: usage) }

        let set = ForecastEvaluationSet(.init(skusPerShape: perShape, seed: seed, planDate: planDate))
        let start = ContinuousClock.now
        let result = try await HoldoutBacktest.run(
            dataSet: set.dataSet,
            holdoutDays: set.spec.holdoutDays,
            settings: ForecastSettings(),
            workerCount: workers
        )
        let seconds = wallSeconds(since: start)
        precondition(result.planDate == planDate, "the holdout starts on the plan date")
        if let out {
            try set.write(to: out)
            let ours = (out as NSString).appendingPathComponent("ours")
            try FileManager.default.createDirectory(atPath: ours, withIntermediateDirectories: true)
            try BacktestCSV.write(result, dataSet: set.dataSet, to: ours)
        }
        print(
            "evaluation set: \(set.dataSet.skus.count) SKUs (\(perShape) per shape), seed \(seed), "
                + "holdout \(planDate) + \(set.spec.holdoutDays) days; backtest \(String(format: "%.2f", seconds)) s"
        )
        print(EvaluationScores(result: result, set: set).table())
    }
}

/// Mean MASE and RMSSE per shape of the selected forecasts and of the true mean (the noise floor).
struct EvaluationScores {
    struct Row {
        var label: String
        var skuCount = 0
        var selected = SIMD2<Double>(0, 0)
        var floor = SIMD2<Double>(0, 0)
        var scaled = 0
        var models: [String: Int] = [:]
    }

    var rows: [Row]

    init(result: HoldoutBacktestResult, set: ForecastEvaluationSet) {
        var byShape = EvaluationShape.allCases.map { Row(label: $0.rawValue) }
        var all = Row(label: "all")
        for sku in result.skus {
            guard let selected = sku.selected, let mase = selected.accuracy.meanAbsoluteScaledError,
                let rmsse = selected.accuracy.rootMeanSquaredScaledError
            else { continue }
            let truth = ModelHoldoutForecast(
                model: selected.model,
                isSelected: false,
                unitsPerDay: set.trueMeanUnits[sku.skuIndex],
                actualUnitsPerDay: sku.actualUnitsPerDay,
                scale: sku.naiveScale
            ).accuracy
            let shape = EvaluationShape.allCases.firstIndex(of: set.shapes[sku.skuIndex])!
            for index in [shape, -1] {
                var row = index >= 0 ? byShape[index] : all
                row.skuCount += 1
                row.scaled += 1
                row.selected += SIMD2(mase, rmsse)
                row.floor += SIMD2(truth.meanAbsoluteScaledError ?? 0, truth.rootMeanSquaredScaledError ?? 0)
                row.models[selected.model.rawValue, default: 0] += 1
                if index >= 0 { byShape[index] = row } else { all = row }
            }
        }
        rows = (byShape + [all]).filter { $0.scaled > 0 }.map { row in
            var mean = row
            mean.selected /= Double(row.scaled)
            mean.floor /= Double(row.scaled)
            return mean
        }
    }

    func table() -> String {
        var lines = [
            "shape          SKUs   MASE  RMSSE | floor MASE RMSSE | ratio MASE RMSSE | models"
        ]
        for row in rows {
            let ratio = row.selected / row.floor
            let models = row.models.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .prefix(4).map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            lines.append(
                String(
                    format: "%-13@ %5d  %5.3f  %5.3f |      %5.3f %5.3f |      %5.3f %5.3f | %@",
                    row.label as NSString,
                    row.skuCount,
                    row.selected[0],
                    row.selected[1],
                    row.floor[0],
                    row.floor[1],
                    ratio[0],
                    ratio[1],
                    models as NSString
                )
            )
        }
        return lines.joined(separator: "\n")
    }
}
