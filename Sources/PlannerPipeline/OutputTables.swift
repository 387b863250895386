import Allocation
import Forecasting
import InventoryPolicy
import PlannerCore
import Sourcing

/// The run's tables as stored in PostgreSQL and written by `--out`; the column lists are the data
/// contract (docs/data-contract.md) and match the `planner` schema's tables.
extension PlanResult {
    public var outputTables: [OutputTable] {
        var tables = allocationTables
        if kind == .plan {
            tables =
                [forecastsTable, forecastModelsTable, skuClassesTable, policiesTable] + tables + [
                    supplierPlansTable, shortfallsTable, presaleTable,
                ]
            if returns != nil { tables.append(returnsForecastTable) }
            tables += healthTables
        }
        return tables + [dispatchLinesTable, alertsTable]
    }

    /// One row per (sku, region, day) of the horizon. p50, p80 and p95 are the region's part of its SKU's
    /// quantiles (``DemandForecast/quantiles(of:offset:)``), or its units on days for which the model gave
    /// none (the same rule migration 2 applied to older runs).
    var forecastsTable: OutputTable {
        let forecast = self.forecast
        let data = input.dataSet
        let rowCount = forecast.map { $0.series.count * $0.horizonDays } ?? 0
        return OutputTable(
            name: "forecasts",
            columns: ["sku", "region", "date", "units", "model", "p50", "p80", "p95"],
            rowCount: rowCount
        ) { emit in
            guard let forecast else { return }
            let days = (0..<forecast.horizonDays).map { forecast.startDay.adding(days: $0).description }
            for series in forecast.series {
                let sku = data.skus[series.skuIndex].id
                let region = data.regions[series.regionIndex].id
                for (offset, units) in series.unitsPerDay.enumerated() {
                    let text = format(units)
                    let quantiles = forecast.quantiles(of: series, offset: offset)
                    try emit([
                        sku, region, days[offset], text, series.model, quantiles.map { format($0[0]) } ?? text,
                        quantiles.map { format($0[1]) } ?? text, quantiles.map { format($0[2]) } ?? text,
                    ])
                }
            }
        }
    }

    /// One row per SKU with a forecast, in SKU order: its demand class, the model the backtest selected,
    /// the backtest's accuracy and the spread of the error of the forecast total over 1, 7 and 28 days.
    /// Statistics that do not exist (no backtest, no demand, a constant history) are NULL.
    var forecastModelsTable: OutputTable {
        let skuForecasts = forecast?.skuForecasts ?? []
        let data = input.dataSet
        let columns = [
            "sku", "demand_class", "adi", "cv2", "model", "parameters", "backtest_mae", "backtest_rmse",
            "backtest_bias", "backtest_mase", "backtest_rmsse", "error_sd_1d", "error_sd_7d", "error_sd_28d",
            "event_factors",
        ]
        return OutputTable(name: "forecast_models", columns: columns, rowCount: skuForecasts.count) { emit in
            for sku in skuForecasts {
                let backtest = sku.backtest
                func errorSD(_ days: Double) -> String? {
                    sku.cumulativeErrorSD.isEmpty ? nil : formatFinite(sku.errorSD(overDays: days))
                }
                try emit([
                    data.skus[sku.skuIndex].id, sku.demandClass.rawValue, formatFinite(sku.averageDemandInterval),
                    formatFinite(sku.squaredVariation), sku.model.rawValue, sku.parameters,
                    formatFinite(backtest?.meanAbsoluteError), formatFinite(backtest?.rootMeanSquaredError),
                    formatFinite(backtest?.bias), formatFinite(backtest?.meanAbsoluteScaledError),
                    formatFinite(backtest?.rootMeanSquaredScaledError), errorSD(1), errorSD(7), errorSD(28),
                    formatEventFactors(sku.eventFactors),
                ])
            }
        }
    }

    /// One row per SKU: its ABC and XYZ class, the revenue and weekly CV behind them, and how it is stocked.
    var skuClassesTable: OutputTable {
        let data = input.dataSet
        let abc = classification
        let xyz = variability
        let stocking = stockingBySKU
        let count = abc == nil || xyz == nil ? 0 : data.skus.count
        let columns = ["sku", "abc_class", "xyz_class", "revenue", "weekly_cv", "stocking"]
        return OutputTable(name: "sku_classes", columns: columns, rowCount: count) { emit in
            guard let abc, let xyz else { return }
            for index in data.skus.indices {
                try emit([
                    data.skus[index].id, abc.classes[index].rawValue, xyz.classes[index].rawValue,
                    format(abc.revenue[index]), formatFinite(xyz.weeklyCV[index]),
                    index < stocking.count ? stocking[index].rawValue : Stocking.regional.rawValue,
                ])
            }
        }
    }

    /// One row per (sku, warehouse) policy with its class, strategy, method and every input; the columns of
    /// schema 1 first, then those migration 3 added, as the table holds them.
    var policiesTable: OutputTable {
        let policies = self.policies
        let data = input.dataSet
        let columns = [
            "sku", "warehouse", "abc_class", "service_level", "mean_daily_demand", "sd_daily_demand", "lead_time_days",
            "lead_time_sd_days", "safety_factor", "sigma_lt", "safety_stock", "reorder_point", "order_quantity",
            "method", "xyz_class", "service_type", "stocking", "sigma_source", "review_period_days", "order_up_to",
            "lot_size", "presale_allowed",
        ]
        return OutputTable(name: "inventory_policies", columns: columns, rowCount: policies.count) { emit in
            for policy in policies {
                try emit([
                    data.skus[policy.skuIndex].id, data.warehouses[policy.warehouseIndex].id,
                    policy.abcClass.rawValue, format(policy.serviceLevel), format(policy.meanDailyDemand),
                    format(policy.sdDailyDemand), format(policy.leadTimeDays), format(policy.leadTimeSdDays),
                    formatFinite(policy.safetyFactor), format(policy.sigmaLeadTime), format(policy.safetyStock),
                    format(policy.reorderPoint), format(policy.orderQuantity), policy.method.rawValue,
                    policy.xyzClass.rawValue, policy.serviceType.rawValue, policy.stocking.rawValue, policy.sigmaSource,
                    policy.reviewPeriodDays.map(String.init), formatFinite(policy.orderUpTo), String(policy.lotSize),
                    policy.presaleAllowed ? "true" : "false",
                ])
            }
        }
    }

    /// One row per projected stock-out episode the supplier plan cannot prevent, with A-class presale.
    var shortfallsTable: OutputTable {
        let rows = shortfalls
        let data = input.dataSet
        let columns = [
            "sku", "warehouse", "abc_class", "cause", "stockout_date", "last_short_date", "recovery_date",
            "shortfall_days", "shortfall_units", "presale_units", "promised_date",
        ]
        return OutputTable(name: "supply_shortfalls", columns: columns, rowCount: rows.count) { emit in
            for row in rows {
                try emit([
                    data.skus[row.skuIndex].id, data.warehouses[row.warehouseIndex].id, row.abcClass.rawValue,
                    row.cause.rawValue, row.stockoutDate.description, row.lastShortDate.description,
                    row.recoveryDate?.description, String(row.shortfallDays), String(row.shortfallUnits),
                    String(row.presaleUnits), row.promisedDate?.description,
                ])
            }
        }
    }

    var supplierPlansTable: OutputTable {
        let orders = supplyOrders
        let data = input.dataSet
        let columns = [
            "sku", "warehouse", "supplier", "role", "rank", "order_date", "arrival_date", "qty", "unit_cost", "reason",
            "projected_stockout_date",
        ]
        return OutputTable(name: "supplier_plans", columns: columns, rowCount: orders.count) { emit in
            for order in orders {
                try emit([
                    data.skus[order.skuIndex].id, data.warehouses[order.warehouseIndex].id, order.supplier,
                    order.role?.rawValue, order.rank.map(String.init), order.orderDate.description,
                    order.arrivalDate?.description, String(order.quantity), order.unitCost.map(format),
                    order.reason.rawValue, order.projectedStockoutDate?.description,
                ])
            }
        }
    }
}

/// Shortest text that reads back as the same Double ("2.5", "0.1", "3.0" as "3").
func format(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
}

/// `format` of a value that may be missing or not finite: nil (SQL NULL, an empty CSV field) for nil,
/// infinities and NaN, which PostgreSQL would spell differently from Swift.
func formatFinite(_ value: Double?) -> String? {
    guard let value, value.isFinite else { return nil }
    return format(value)
}

/// `name=factor` pairs joined by `;` in the given order (`black_friday=3.91;peak_week=2.02`), empty when
/// there are none. A `\`, `;` or `=` inside a name is escaped with a backslash, so the text always splits back.
func formatEventFactors(_ factors: [EventFactor]) -> String {
    factors.map { factor in
        var name = ""
        for character in factor.name {
            if character == "\\" || character == ";" || character == "=" { name.append("\\") }
            name.append(character)
        }
        return name + "=" + (formatFinite(factor.factor) ?? "NaN")
    }.joined(separator: ";")
}
