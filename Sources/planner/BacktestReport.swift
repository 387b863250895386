import Forecasting
import Foundation
import PlannerCore

/// The text `planner backtest` prints: what was held out, how long each step took, then one table per
/// demand class and one for all SKUs (rows: selected, then each model; means over SKUs).
enum BacktestReport {
    static func text(
        _ result: HoldoutBacktestResult,
        dataSet: DataSet,
        source: String,
        times: [(String, Duration)]
    ) -> String {
        let lastDay = result.planDate.adding(days: result.holdoutDays - 1)
        var lines = [
            "Backtest of \(source): \(dataSet.skus.count) SKUs, \(dataSet.demand.count) demand rows; history before "
                + "\(result.planDate), holdout \(result.planDate) to \(lastDay) (\(result.holdoutDays) days)",
            "wall time: " + times.map { "\($0.0) \(String(format: "%.2f", seconds($0.1))) s" }.joined(separator: ", "),
            "scored \(result.skus.count) SKUs"
                + (result.unforecastSKUCount > 0
                    ? "; \(result.unforecastSKUCount) SKUs sold in the holdout without history and are not scored"
                    : ""),
            "Means over SKUs; bias = forecast - actual; MASE and RMSSE are scaled by the in-sample one-step naive "
                + "error. seasonal_naive of new SKUs is the raw benchmark (no uplift).",
        ]
        let summary = result.summary
        for demandClass in summary.demandClasses.map(Optional.some) + [nil] {
            let rows = summary.rows(for: demandClass)
            guard let selected = rows.first else { continue }
            lines.append("")
            var heading = "\(demandClass?.rawValue ?? "all"): \(selected.skuCount) SKUs"
            if selected.scaledSKUCount < selected.skuCount {
                heading +=
                    " (\(selected.skuCount - selected.scaledSKUCount) with a constant history, left out of MASE and RMSSE)"
            }
            lines.append(heading)
            lines.append(
                "  " + pad("model", 28, left: true) + pad("SKUs", 7) + pad("MAE", 10) + pad("RMSE", 10)
                    + pad("bias", 10) + pad("MASE", 8) + pad("RMSSE", 8)
            )
            for row in rows {
                lines.append(
                    "  " + pad(row.model.description, 28, left: true) + pad(String(row.skuCount), 7)
                        + pad(fixed(row.meanAbsoluteError), 10) + pad(fixed(row.rootMeanSquaredError), 10)
                        + pad(fixed(row.bias), 10) + pad(fixed(row.meanAbsoluteScaledError), 8)
                        + pad(fixed(row.rootMeanSquaredScaledError), 8)
                )
            }
            if let change = summary.selectedMASEChangeVersusSeasonalNaive(demandClass: demandClass) {
                lines.append("  selected vs seasonal_naive: MASE " + String(format: "%+.1f%%", change * 100))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The returns section: units expected against units returned over the holdout, and the daily errors.
    static func returnsText(_ result: ReturnsBacktestResult) -> String {
        let ratio = result.actualUnits > 0 ? result.forecastUnits / result.actualUnits : 0
        return [
            "",
            "returns: \(result.skus.count) SKUs; forecast \(fixed(result.forecastUnits)) units, returned "
                + "\(fixed(result.actualUnits)) (forecast / actual \(fixed(ratio)))",
            "  mean over SKUs of daily MAE \(fixed(result.meanAbsoluteError)), RMSE \(fixed(result.rootMeanSquaredError)), "
                + "bias \(fixed(result.bias))",
        ].joined(separator: "\n")
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func fixed(_ value: Double?) -> String {
        value.map { String(format: "%.3f", $0) } ?? "-"
    }

    private static func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return left ? text + padding : padding + text
    }
}
