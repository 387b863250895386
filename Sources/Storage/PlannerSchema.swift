/// The columns of one output table in schema `planner`, in COPY order, without the leading `run_id`.
public struct OutputTableSchema: Sendable, Equatable {
    public var name: String
    public var columns: [String]
    /// The columns that may be NULL, and so may be left out of a written table (they are then NULL).
    public var nullableColumns: Set<String>

    /// The columns a written table must carry: every column that is NOT NULL, in table order.
    public var requiredColumns: [String] {
        columns.filter { !nullableColumns.contains($0) }
    }
}

/// What `writeRun` accepts: the output tables created by the migrations, with their columns in order.
/// Kept in step with `Migrations.all` by a test that compares it with information_schema.
public enum PlannerSchema {
    public static let schemaName = "planner"

    public static let outputTables: [OutputTableSchema] = [
        OutputTableSchema(
            name: "forecasts",
            columns: ["sku", "region", "date", "units", "model", "p50", "p80", "p95"],
            nullableColumns: []
        ),
        OutputTableSchema(
            name: "forecast_models",
            columns: [
                "sku", "demand_class", "adi", "cv2", "model", "parameters", "backtest_mae", "backtest_rmse",
                "backtest_bias", "backtest_mase", "backtest_rmsse", "error_sd_1d", "error_sd_7d", "error_sd_28d",
                "event_factors",
            ],
            nullableColumns: [
                "adi", "cv2", "backtest_mae", "backtest_rmse", "backtest_bias", "backtest_mase", "backtest_rmsse",
                "error_sd_1d", "error_sd_7d", "error_sd_28d",
            ]
        ),
        OutputTableSchema(
            name: "sku_classes",
            columns: ["sku", "abc_class", "xyz_class", "revenue", "weekly_cv", "stocking"],
            nullableColumns: ["weekly_cv"]
        ),
        OutputTableSchema(
            name: "inventory_policies",
            columns: [
                "sku", "warehouse", "abc_class", "service_level", "mean_daily_demand", "sd_daily_demand",
                "lead_time_days", "lead_time_sd_days", "safety_factor", "sigma_lt", "safety_stock", "reorder_point",
                "order_quantity", "method", "xyz_class", "service_type", "stocking", "sigma_source",
                "review_period_days", "order_up_to", "lot_size", "presale_allowed",
            ],
            nullableColumns: [
                "safety_factor", "xyz_class", "service_type", "stocking", "sigma_source", "review_period_days",
                "order_up_to", "lot_size", "presale_allowed",
            ]
        ),
        OutputTableSchema(
            name: "allocations",
            columns: [
                "order_id", "sku", "warehouse", "region", "qty", "transit_days", "cost_per_unit", "carrier",
                "ship_date",
                "promise_date", "days_late",
            ],
            nullableColumns: ["carrier", "ship_date", "promise_date", "days_late"]
        ),
        OutputTableSchema(
            name: "unfilled_lines",
            columns: ["order_id", "sku", "region", "qty", "reason"],
            nullableColumns: []
        ),
        OutputTableSchema(
            name: "allocation_explanations",
            columns: [
                "order_id", "sku", "region", "warehouse", "qty", "outcome", "lane_cost_per_unit", "runner_up_warehouse",
                "runner_up_lane_cost_per_unit", "marginal_cost_per_unit", "binding", "binding_warehouse",
                "unfilled_reason", "ship_date", "runner_up_ship_date",
            ],
            nullableColumns: [
                "warehouse", "lane_cost_per_unit", "runner_up_warehouse", "runner_up_lane_cost_per_unit",
                "marginal_cost_per_unit", "binding", "binding_warehouse", "unfilled_reason", "ship_date",
                "runner_up_ship_date",
            ]
        ),
        OutputTableSchema(
            name: "service_kpis",
            columns: [
                "region", "units_total", "units_next_day", "orders_total", "orders_next_day", "unit_share_next_day",
                "order_share_next_day", "min_next_day_share", "target_met", "split_orders", "shipments",
            ],
            nullableColumns: ["region", "min_next_day_share", "target_met"]
        ),
        OutputTableSchema(
            name: "allocation_solves",
            columns: ["solver_path", "objective", "solve_seconds", "iterations", "mip_gap", "horizon_days", "status"],
            nullableColumns: ["mip_gap", "horizon_days"]
        ),
        OutputTableSchema(
            name: "supplier_plans",
            columns: [
                "sku", "warehouse", "supplier", "role", "rank", "order_date", "arrival_date", "qty", "unit_cost",
                "reason", "projected_stockout_date",
            ],
            nullableColumns: ["supplier", "role", "rank", "arrival_date", "unit_cost", "projected_stockout_date"]
        ),
        OutputTableSchema(
            name: "supply_shortfalls",
            columns: [
                "sku", "warehouse", "abc_class", "cause", "stockout_date", "last_short_date", "recovery_date",
                "shortfall_days", "shortfall_units", "presale_units", "promised_date",
            ],
            nullableColumns: ["recovery_date", "promised_date"]
        ),
        OutputTableSchema(
            name: "presale_lines",
            columns: ["order_id", "sku", "region", "warehouse", "qty", "receipt_date", "promise_date"],
            nullableColumns: []
        ),
        OutputTableSchema(
            name: "dispatch_plans",
            columns: ["carrier", "warehouse", "ship_date", "region", "order_lines", "units"],
            nullableColumns: []
        ),
        OutputTableSchema(
            name: "dispatch_lines",
            columns: [
                "carrier", "warehouse", "ship_date", "region", "order_id", "line", "sku", "qty", "promise_date",
                "weight_kg", "volume_l",
            ],
            nullableColumns: ["weight_kg", "volume_l"]
        ),
        OutputTableSchema(
            name: "alerts",
            columns: ["alert", "region", "sku", "warehouse", "supplier", "observed", "threshold", "message"],
            nullableColumns: ["region", "sku", "warehouse", "supplier", "threshold"]
        ),
        OutputTableSchema(
            name: "returns_forecast",
            columns: [
                "sku", "warehouse", "week_start", "grade", "units", "value", "sellable_from", "return_rate",
                "mean_lag_days", "rate_source",
            ],
            nullableColumns: ["sellable_from"]
        ),
        OutputTableSchema(
            name: "operating_kpis",
            columns: ["abc_class", "kpi", "value", "unit"],
            nullableColumns: ["abc_class", "value"]
        ),
        OutputTableSchema(
            name: "warehouse_load",
            columns: ["warehouse", "date", "forecast_units", "capacity_units", "over_capacity_units"],
            nullableColumns: ["capacity_units"]
        ),
        OutputTableSchema(
            name: "region_next_day",
            columns: [
                "region", "date", "forecast_units", "next_day_units", "next_day_share", "min_next_day_share",
                "below_target",
            ],
            nullableColumns: ["min_next_day_share", "below_target"]
        ),
        OutputTableSchema(
            name: "warehouse_stock",
            columns: ["warehouse", "date", "on_hand_units", "on_hand_value"],
            nullableColumns: []
        ),
        OutputTableSchema(
            name: "stock_projection",
            columns: ["sku", "warehouse", "date", "on_hand", "backlog"],
            nullableColumns: []
        ),
        OutputTableSchema(name: "sku_history", columns: ["sku", "date", "units"], nullableColumns: []),
        OutputTableSchema(
            name: "scenario_events",
            columns: ["event_number", "kind", "first_day", "last_day", "detail"],
            nullableColumns: ["first_day", "last_day"]
        ),
    ]

    public static func outputTable(named name: String) -> OutputTableSchema? {
        outputTables.first { $0.name == name }
    }
}
