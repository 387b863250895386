import Foundation
import PlannerCore
import Storage

/// Small hand-made output tables, one or two rows each, covering every table and the nullable columns.
enum SampleRun {
    static let planDate = Day(year: 2025, month: 3, day: 3)!
    static let startedAt = Date(timeIntervalSince1970: 1_740_988_800.25)  // 2025-03-03T08:00:00.25Z

    /// A published run (the official plan of its date), as the daily allocation stores it.
    static func record(scenario: String = "baseline", publishes: Bool = true) -> RunRecord {
        RunRecord(
            kind: .plan,
            scenario: scenario,
            planDate: planDate,
            startedAt: startedAt,
            summaryJSON: #"{"orders": 3, "unfilled_units": 2}"#,
            publishes: publishes
        )
    }

    static func table(_ name: String, _ rows: [[String?]]) -> OutputTable {
        let columns = PlannerSchema.outputTable(named: name)!.columns
        return OutputTable(name: name, columns: columns, rowCount: rows.count) { emit in
            for row in rows { try emit(row) }
        }
    }

    static let tables: [OutputTable] = [
        table(
            "forecasts",
            [
                ["SKU-1", "R-N", "2025-03-03", "12.5", "ses", "11", "16.25", "21.5"],
                ["SKU-1", "R-N", "2025-03-04", "0", "ses", "0", "0", "0"],
            ]
        ),
        table(
            "forecast_models",
            [
                [
                    "SKU-1", "smooth", "1.04", "0.21", "ses", "alpha=0.12", "2.5", "3.25", "-0.4", "0.71", "0.83",
                    "3.1", "8.2", "16.4", "black_friday=3.91;peak_week=2.02",
                ],
                ["SKU-2", "new", nil, nil, "category_profile", "level=2", nil, nil, nil, nil, nil, nil, nil, nil, ""],
            ]
        ),
        table(
            "sku_classes",
            [["SKU-1", "A", "X", "125000.5", "0.31", "regional"], ["SKU-2", "C", "Z", "0", nil, "cloud_pool"]]
        ),
        table(
            "inventory_policies",
            [
                [
                    "SKU-1", "W-1", "A", "0.98", "12.5", "3.1", "7", "1.5", "2.054", "9.4", "19.3", "106.8", "240",
                    "normal_cycle", "X", "cycle", "regional", "forecast_error", nil, "346.8", "240", "true",
                ],
                [
                    "SKU-2", "W-C", "C", "0.9", "0.2", "0.45", "14", "0", nil, "1.6733200530681511", "1", "4", "12",
                    "poisson_cycle", "Z", "cycle", "cloud_pool", "forecast_error", nil, "16", "12", "false",
                ],
            ]
        ),
        table(
            "allocations",
            [
                ["O-1", "SKU-1", "W-1", "R-N", "5", "1", "0.85", "FastFreight", "2025-03-03", "2025-03-05", "0"],
                ["O-2", "SKU-1", "W-2", "R-N", "3", "2", "1.4", nil, nil, nil, nil],
            ]
        ),
        table("unfilled_lines", [["O-3", "SKU-1", "R-N", "2", "no stock within reach"]]),
        table(
            "allocation_explanations",
            [
                [
                    "O-1", "SKU-1", "R-N", "W-1", "5", "allocated", "0.85", "W-2", "1.4", "0.55", "none", nil, nil,
                    "2025-03-03", "2025-03-03",
                ],
                [
                    "O-3", "SKU-1", "R-N", nil, "2", "unfilled", nil, nil, nil, nil, nil, nil, "stock_exhausted", nil,
                    nil,
                ],
            ]
        ),
        table(
            "service_kpis",
            [
                ["R-N", "10", "5", "3", "1", "0.5", "0.3333333333333333", "0.6", "false", "0", "2"],
                [nil, "10", "5", "3", "1", "0.5", "0.3333333333333333", nil, nil, "0", "2"],
            ]
        ),
        table("allocation_solves", [["decomposition", "12.75", "0.031", "4", nil, "1", "optimal"]]),
        table(
            "supplier_plans",
            [
                [
                    "SKU-1", "W-1", "ACME", "primary", "1", "2025-03-03", "2025-03-10", "240", "4.2", "reorder_point",
                    nil,
                ],
                ["SKU-1", "W-2", nil, nil, nil, "2025-03-03", nil, "0", nil, "no_supplier", "2025-03-06"],
            ]
        ),
        table(
            "supply_shortfalls",
            [
                [
                    "SKU-1", "W-1", "A", "lead_time", "2025-03-06", "2025-03-09", "2025-03-10", "4", "38", "30",
                    "2025-03-10",
                ],
                ["SKU-2", "W-C", "C", "no_supplier", "2025-03-04", "2025-04-01", nil, "29", "29", "0", nil],
            ]
        ),
        table("dispatch_plans", [["FastFreight", "W-1", "2025-03-03", "R-N", "1", "5"]]),
        table(
            "dispatch_lines",
            [
                ["FastFreight", "W-1", "2025-03-03", "R-N", "O-1", "1", "SKU-1", "5", "2025-03-05", "4.25", "12.5"],
                ["FastFreight", "W-1", "2025-03-03", "R-N", "O-2", "2", "SKU-2", "1", "2025-03-04", nil, nil],
            ]
        ),
        table(
            "alerts",
            [
                ["fill_rate", nil, nil, nil, nil, "0.8", "0.95", "fill rate 80.00% is below the minimum 95.00%"],
                [
                    "backup_supplier_order", nil, "SKU-1", "W-1", "ACME", "240", nil,
                    "backup supplier ACME gets an order",
                ],
            ]
        ),
        table(
            "returns_forecast",
            [
                ["SKU-1", "W-1", "2025-03-03", "resellable", "2.5", "10", "2025-03-05", "0.12", "14.5", "pooled"],
                ["SKU-1", "W-1", "2025-03-03", "scrap", "0.25", "1", nil, "0.12", "14.5", "pooled"],
            ]
        ),
        table(
            "operating_kpis",
            [
                [nil, "fill_rate", "0.95", "share"], ["A", "days_of_cover", "6.5", "days"],
                [nil, "turnover", nil, "per_year"],
            ]
        ),
        table(
            "warehouse_load",
            [["W-1", "2025-03-03", "120", "100", "20"], ["C-1", "2025-03-03", "40", nil, "0"]]
        ),
        table("region_next_day", [["R-N", "2025-03-03", "50", "45", "0.9", "0.95", "true"]]),
        table("warehouse_stock", [["W-1", "2025-03-03", "12.5", "125"]]),
        table(
            "stock_projection",
            [["SKU-1", "W-1", "2025-03-03", "3.5", "0"], ["SKU-1", "W-1", "2025-03-04", "0", "1.5"]]
        ),
        table("sku_history", [["SKU-1", "2025-03-01", "4"], ["SKU-1", "2025-03-02", "0"]]),
        table("scenario_events", [["1", "lane_change", "2025-03-03", "2025-03-05", "lanes closed warehouses W-1"]]),
        table("presale_lines", [["O-3", "SKU-1", "R-N", "W-1", "2", "2025-03-10", "2025-03-11"]]),
    ]
}
