import Allocation
import Foundation
import PlannerCore

/// The short human summary printed after a run.
public enum SummaryReport {
    public static func text(_ result: PlanResult, runID: Int64?, database: String?) -> String {
        let summary = result.summary(runID: runID)
        var lines: [String] = []
        let header = runID.map { "Run \($0)" } ?? "Run (not stored)"
        lines.append(
            "\(header): \(summary.kind) of scenario '\(summary.scenario)' for \(summary.planDate)"
                + (database.map { " -> \($0)" } ?? "")
        )
        if result.kind == .plan {
            let classes = result.classification.map { Pipeline.classCounts($0.classes) } ?? ""
            let variability = result.variability.map { Pipeline.xyzCounts($0.classes) } ?? ""
            lines.append(row("SKUs", "\(result.input.dataSet.skus.count) (\(classes); \(variability))"))
            var stocking: [String: Int] = [:]
            for kind in result.stockingBySKU { stocking[kind.rawValue, default: 0] += 1 }
            lines.append(
                row(
                    "stocking",
                    stocking.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                )
            )
            if let forecast = result.forecast {
                lines.append(
                    row(
                        "forecasts",
                        "\(summary.forecastRows) rows (\(forecast.series.count) sku-region series "
                            + "x \(forecast.horizonDays) days)"
                    )
                )
            }
            if let forecast = result.forecast, !forecast.skuForecasts.isEmpty {
                let counts = result.forecastModelCounts.map { "\($0.model) \($0.skus)" }.joined(separator: ", ")
                lines.append(row("models", "\(forecast.skuForecasts.count) SKUs: \(counts)"))
                lines.append(row("backtest", backtestText(result)))
            }
            lines.append(
                row(
                    "policies",
                    "\(summary.policyRows) (sku, warehouse) rows: "
                        + Pipeline.methodCounts(result.policies).replacingOccurrences(of: "=", with: " ")
                )
            )
        }
        let openUnits = summary.allocatedUnits + summary.unfilledUnits
        lines.append(
            row(
                "allocation",
                "\(summary.allocatedUnits) of \(openUnits) units in \(summary.allocatedLines) lines; "
                    + "\(summary.unfilledUnits) units unfilled in \(summary.unfilledLines) lines"
            )
        )
        if !result.allocation.unfilled.isEmpty {
            var byReason: [String: Int] = [:]
            for line in result.allocation.unfilled { byReason[line.reason.rawValue, default: 0] += line.quantity }
            lines.append(
                row(
                    "unfilled by",
                    byReason.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                )
            )
        }
        lines.append(
            row(
                "service",
                "fill rate \(percent(summary.fillRate)), "
                    + "next-day share \(percent(summary.nextDayShare)) of shipped units"
            )
        )
        if let overall = result.serviceKPIs.last {
            var text =
                "\(percent(overall.orderShareNextDay)) of \(overall.ordersTotal) orders next day, "
                + "\(overall.splitOrders) split over warehouses, \(overall.shipments) shipments"
            let targeted = result.serviceKPIs.dropLast().filter { $0.minimumNextDayShare != nil }
            if !targeted.isEmpty {
                let missed = targeted.filter { $0.targetMet == false }.count
                text += "; next-day target missed in \(missed) of \(targeted.count) regions"
            }
            lines.append(row("orders", text))
        }
        let allocation = result.allocation
        let horizon = allocation.horizonDays > 1 ? "\(allocation.horizonDays)-day network, " : ""
        let solver =
            switch allocation.solverPath {
            case .decomposition:
                horizon + "SKU decomposition, \(allocation.flowStatistics.iterations) pricing rounds, GLPK master"
            case .linearProgramAfterDecomposition: horizon + "GLPK LP after the SKU decomposition"
            case .integer: "GLPK branch and bound, gap \(percent(allocation.mipGap ?? 0))"
            case .linearProgram: horizon + "GLPK LP"
            }
        lines.append(
            row(
                "objective",
                "\(money(summary.allocationObjective)) (\(solver), \(summary.solverStatus), "
                    + "\(allocation.variableCount) variables, \(allocation.constraintCount) rows, "
                    + "\(seconds(allocation.solveSeconds)))"
            )
        )
        lines.append(row("shipping cost", money(summary.shippingCost)))
        if result.kind == .plan {
            var byReason: [String: Int] = [:]
            for order in result.supplyOrders { byReason[order.reason.rawValue, default: 0] += 1 }
            let reasons = byReason.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            lines.append(
                row("supplier plan", "\(summary.supplierOrderRows) orders (\(reasons.isEmpty ? "none" : reasons))")
            )
            if let returns = result.returns {
                let figures = Pipeline.returnsMetadata(returns, dataSet: result.input.dataSet)
                let units = ReturnGrade.allCases.map { "\($0.rawValue) \(figures["\($0.rawValue)_units"] ?? "0")" }
                lines.append(
                    row(
                        "returns",
                        "expected units \(units.joined(separator: ", ")); defective and scrap worth "
                            + "\(figures["written_down_value"] ?? "0") at cost"
                    )
                )
            }
            lines.append(
                row(
                    "shortfalls",
                    "\(summary.shortfallRows) stock-outs, \(summary.shortfallUnits) units short, "
                        + "\(summary.presaleUnits) of them on A-class presale"
                )
            )
            if let health = result.health { lines += healthLines(health, dataSet: result.input.dataSet) }
        }
        let carriers = Set(result.dispatch.map(\.carrier)).count
        lines.append(row("dispatch", "\(summary.dispatchRows) rows for \(carriers) carriers"))
        lines.append(contentsOf: alertRows(result.alerts))
        let stageList = summary.stageTimes.stages.map { "\($0.name) \(seconds($0.seconds))" }.joined(separator: ", ")
        lines.append(row("time", "\(stageList); total \(seconds(summary.stageTimes.totalSeconds))"))
        return lines.joined(separator: "\n")
    }

    /// The stress test and the headline KPIs of a plan run.
    static func healthLines(_ health: InventoryHealth, dataSet: DataSet) -> [String] {
        let over = health.loads.filter { $0.overUnits > 0 }
        let below = health.firstDayBelowTarget.sorted { $0.key < $1.key }
            .map { "\(dataSet.regions[$0.key].id) from \($0.value)" }
        var stress =
            "\(over.count) warehouse-days over capacity (\(Int(over.reduce(0) { $0 + $1.overUnits }.rounded())) "
            + "units over)"
        if !below.isEmpty { stress += "; next-day share below target: " + below.joined(separator: ", ") }
        func value(_ kpi: OperatingKPI, _ digits: Int = 0) -> String {
            health.value(kpi).map { String(format: "%.\(digits)f", $0) } ?? "n/a"
        }
        return [
            row("stress test", stress),
            row(
                "inventory",
                "value \(value(.inventoryValue)) at cost, \(value(.daysOfCover, 1)) days of cover, turnover "
                    + "\(value(.turnover, 1)) a year, sell-through \(percent(health.value(.sellThroughRate))), "
                    + "slow movers \(percent(health.value(.slowMoverRate)))"
            ),
        ]
    }

    static func percent(_ share: Double?) -> String {
        share.map { String(format: "%.1f%%", $0 * 100) } ?? "n/a"
    }

    /// `alerts` and, per check breached, its first breach (and how many more): nothing when no check was made.
    static func alertRows(_ report: AlertReport?) -> [String] {
        guard let report, !report.checked.isEmpty else { return [] }
        let breached = report.breachCounts.filter { $0.breaches > 0 }
        guard !breached.isEmpty else {
            return [row("alerts", "none breached (\(report.checked.map(\.rawValue).joined(separator: ", ")) checked)")]
        }
        var rows = [
            row(
                "alerts",
                "BREACHED \(breached.map { "\($0.kind.rawValue) \($0.breaches)" }.joined(separator: ", ")) "
                    + "(\(breached.count) of \(report.checked.count) checks; planner.alerts lists each)"
            )
        ]
        for (kind, count) in breached {
            guard let first = report.breaches.first(where: { $0.kind == kind }) else { continue }
            rows.append("  ! \(kind.rawValue): " + first.message + (count > 1 ? "; and \(count - 1) more" : ""))
        }
        return rows
    }

    /// `MASE 0.88 (mean over 194 SKUs; below 1 beats the naive forecast in sample)`.
    static func backtestText(_ result: PlanResult) -> String {
        guard let mase = result.backtestMeanMASE else { return "no SKU has a backtest MASE" }
        return "MASE \(String(format: "%.2f", mase.mean)) (mean over \(mase.skus) SKUs; "
            + "below 1 beats the in-sample naive forecast)"
    }

    private static func row(_ label: String, _ value: String) -> String {
        "  " + label.padding(toLength: 14, withPad: " ", startingAt: 0) + value
    }

    static func percent(_ fraction: Double) -> String { String(format: "%.1f%%", fraction * 100) }
    static func money(_ value: Double) -> String { String(format: "%.2f", value) }
    static func seconds(_ value: Double) -> String { String(format: "%.3f s", value) }
}
