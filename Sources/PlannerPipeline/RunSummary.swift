import Forecasting
import Foundation
import PlannerCore

/// The figures of a run a person or a script looks at first; written as `summary.json` and stored
/// in `planner.runs.summary`. Fractions are in [0, 1]; money in the data's currency.
public struct RunSummary: Sendable, Equatable {
    public var runID: Int64?
    public var kind: String
    public var scenario: String
    public var planDate: Day
    public var allocationObjective: Double
    public var solverStatus: String
    public var allocatedUnits: Int
    public var unfilledUnits: Int
    public var allocatedLines: Int
    public var unfilledLines: Int
    /// Units shipped over the lanes, each times its cost per unit (no penalties).
    public var shippingCost: Double
    public var nextDayUnits: Int
    public var forecastRows: Int
    public var policyRows: Int
    public var supplierOrderRows: Int
    public var backupSupplierOrders: Int
    /// Projected stock-out episodes (`supply_shortfalls` rows), their units short and the units of those
    /// that A-class presale may sell ahead.
    public var shortfallRows: Int
    public var shortfallUnits: Int
    public var presaleUnits: Int
    public var dispatchRows: Int
    public var stageTimes: StageTimes
    /// SKUs per selected forecast model (`ForecastModelKind` raw value), `forecast_models` in the JSON
    /// (left out when empty, as for an allocate run).
    public var forecastModels: [String: Int] = [:]
    /// Mean backtest MASE over the SKUs that have one, `backtest_mase` in the JSON (left out when nil).
    public var backtestMeanMASE: Double? = nil
    /// Breaches per alert check made (`AlertKind` raw value, 0 when it held), `alerts` in the JSON (left out when
    /// no check was made).
    public var alertBreaches: [String: Int] = [:]

    /// Allocated units over all open units; 1 when there is nothing to allocate.
    public var fillRate: Double {
        let open = allocatedUnits + unfilledUnits
        return open == 0 ? 1 : Double(allocatedUnits) / Double(open)
    }

    /// Share of allocated units shipped on lanes with at most one day of transit; 0 when none shipped.
    public var nextDayShare: Double {
        allocatedUnits == 0 ? 0 : Double(nextDayUnits) / Double(allocatedUnits)
    }

    /// `summary.json`: keys sorted, so the same run gives the same bytes.
    public func json() -> String {
        var stageSeconds: [String: Double] = [:]
        for stage in stageTimes.stages { stageSeconds[stage.name, default: 0] += stage.seconds }
        let document = Document(
            run_id: runID,
            kind: kind,
            scenario: scenario,
            plan_date: planDate.description,
            allocation_objective: allocationObjective,
            solver_status: solverStatus,
            allocated_units: allocatedUnits,
            unfilled_units: unfilledUnits,
            allocated_lines: allocatedLines,
            unfilled_lines: unfilledLines,
            fill_rate: fillRate,
            next_day_share: nextDayShare,
            shipping_cost: shippingCost,
            forecast_rows: forecastRows,
            policy_rows: policyRows,
            supplier_plan_rows: supplierOrderRows,
            backup_supplier_orders: backupSupplierOrders,
            shortfall_rows: shortfallRows,
            shortfall_units: shortfallUnits,
            presale_units: presaleUnits,
            dispatch_plan_rows: dispatchRows,
            stage_seconds: stageSeconds,
            total_seconds: stageTimes.totalSeconds,
            forecast_models: forecastModels.isEmpty ? nil : forecastModels,
            backtest_mase: backtestMeanMASE.flatMap { $0.isFinite ? $0 : nil },
            alerts: alertBreaches.isEmpty ? nil : alertBreaches
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Encoding a struct of plain values cannot fail.
        return String(decoding: try! encoder.encode(document), as: UTF8.self) + "\n"
    }

    private struct Document: Encodable {
        var run_id: Int64?
        var kind: String
        var scenario: String
        var plan_date: String
        var allocation_objective: Double
        var solver_status: String
        var allocated_units: Int
        var unfilled_units: Int
        var allocated_lines: Int
        var unfilled_lines: Int
        var fill_rate: Double
        var next_day_share: Double
        var shipping_cost: Double
        var forecast_rows: Int
        var policy_rows: Int
        var supplier_plan_rows: Int
        var backup_supplier_orders: Int
        var shortfall_rows: Int
        var shortfall_units: Int
        var presale_units: Int
        var dispatch_plan_rows: Int
        var stage_seconds: [String: Double]
        var total_seconds: Double
        var forecast_models: [String: Int]?
        var backtest_mase: Double?
        var alerts: [String: Int]?
    }
}

/// SKUs forecast by one model.
public struct ForecastModelCount: Sendable, Equatable {
    /// `ForecastModelKind` raw value, e.g. `holt_winters_additive`.
    public var model: String
    public var skus: Int
}

extension PlanResult {
    /// SKUs per selected forecast model, most SKUs first, ties in `ForecastModelKind` order.
    public var forecastModelCounts: [ForecastModelCount] {
        var counts: [ForecastModelKind: Int] = [:]
        for sku in forecast?.skuForecasts ?? [] { counts[sku.model, default: 0] += 1 }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { ForecastModelCount(model: $0.key.rawValue, skus: $0.value) }
    }

    /// Mean of the backtest MASE over the SKUs that have a finite one, and how many SKUs that is; nil
    /// when none has (Hyndman and Koehler 2006: below 1 beats the in-sample one-step naive forecast).
    public var backtestMeanMASE: (mean: Double, skus: Int)? {
        var total = 0.0
        var count = 0
        for sku in forecast?.skuForecasts ?? [] {
            guard let mase = sku.backtest?.meanAbsoluteScaledError, mase.isFinite else { continue }
            total += mase
            count += 1
        }
        return count == 0 ? nil : (total / Double(count), count)
    }
}
