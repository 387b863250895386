/// The columns of one output table in schema `planner`, in COPY order, without the leading `run_id`.
public struct OutputTableSchema: Sendable, Equatable {
    public var name: String
    public var columns: [String]
}

/// What `writeRun` accepts: the output tables created by the migrations, with their columns in order.
/// Kept in step with `Migrations.all` by a test that compares it with information_schema.
public enum PlannerSchema {
    public static let schemaName = "planner"

    public static let outputTables: [OutputTableSchema] = [
        OutputTableSchema(
            name: "forecasts",
            columns: ["sku", "region", "date", "units", "model", "p50", "p80", "p95"]
        ),
        OutputTableSchema(
            name: "forecast_models",
            columns: [
                "sku", "demand_class", "adi", "cv2", "model", "parameters", "backtest_mae", "backtest_rmse",
                "backtest_bias", "backtest_mase", "backtest_rmsse", "error_sd_1d", "error_sd_7d", "error_sd_28d",
                "event_factors",
            ]
        ),
        OutputTableSchema(
            name: "inventory_policies",
            columns: [
                "sku", "warehouse", "abc_class", "service_level", "mean_daily_demand", "sd_daily_demand",
                "lead_time_days", "lead_time_sd_days", "safety_factor", "sigma_lt", "safety_stock", "reorder_point",
                "order_quantity", "method",
            ]
        ),
        OutputTableSchema(
            name: "allocations",
            columns: ["order_id", "sku", "warehouse", "region", "qty", "transit_days", "cost_per_unit"]
        ),
        OutputTableSchema(name: "unfilled_lines", columns: ["order_id", "sku", "region", "qty", "reason"]),
        OutputTableSchema(
            name: "supplier_plans",
            columns: [
                "sku", "warehouse", "supplier", "role", "rank", "order_date", "arrival_date", "qty", "unit_cost",
                "reason", "projected_stockout_date",
            ]
        ),
        OutputTableSchema(
            name: "dispatch_plans",
            columns: ["carrier", "warehouse", "ship_date", "region", "order_lines", "units"]
        ),
    ]

    public static func outputTable(named name: String) -> OutputTableSchema? {
        outputTables.first { $0.name == name }
    }
}
