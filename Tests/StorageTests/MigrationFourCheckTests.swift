import Foundation
import PlannerCore
import PostgresClient
import Storage
import TestSupport
import Testing

/// The constraints of migration 4 reject rows that would make an explanation, a KPI or a solve record lie.
@Suite("Migration 4 constraints against a real server")
struct MigrationFourCheckTests {
    /// A valid row of each table, all columns in PlannerSchema order.
    private static let validRows: [String: [String?]] = [
        "allocation_explanations": [
            "O-1", "SKU-1", "R-N", "W-2", "8", "allocated", "1.2", "W-5", "1.35", "0.15", "stock", "W-1", nil,
            "2025-03-03", "2025-03-04",
        ],
        "service_kpis": ["R-N", "10", "5", "3", "1", "0.5", "0.3333333333333333", "0.6", "false", "1", "4"],
        "allocation_solves": ["integer", "12.75", "0.031", "4", "0.002", "1", "feasible"],
        "allocations": [
            "O-1", "SKU-1", "W-1", "R-N", "5", "1", "0.85", "FastFreight", "2025-03-03", "2025-03-04", "0",
        ],
    ]

    private static func row(_ table: String, _ changes: [String: String?]) throws -> [String?] {
        var row = try #require(validRows[table])
        let columns = try #require(PlannerSchema.outputTable(named: table)).columns
        for (column, value) in changes {
            row[try #require(columns.firstIndex(of: column), "\(column)")] = value
        }
        return row
    }

    /// (what is wrong, table, changed columns, the constraint that must reject it).
    private static let violations: [(String, String, [String: String?], String)] = [
        ("unknown outcome", "allocation_explanations", ["outcome": "shipped"], "allocation_explanations_outcome_check"),
        ("unknown binding", "allocation_explanations", ["binding": "tight"], "allocation_explanations_binding_check"),
        (
            "unknown unfilled reason", "allocation_explanations",
            ["outcome": "unfilled", "warehouse": nil, "unfilled_reason": "no_truck"],
            "allocation_explanations_unfilled_reason_check"
        ),
        ("no units", "allocation_explanations", ["qty": "0"], "allocation_explanations_qty_check"),
        (
            "allocated without a warehouse", "allocation_explanations", ["warehouse": nil],
            "allocation_explanations_allocated_has_warehouse"
        ),
        (
            "allocated with an unfilled reason", "allocation_explanations", ["unfilled_reason": "capacity"],
            "allocation_explanations_allocated_has_warehouse"
        ),
        (
            "unfilled without a reason", "allocation_explanations", ["outcome": "unfilled", "warehouse": nil],
            "allocation_explanations_unfilled_has_reason"
        ),
        (
            "unfilled with a warehouse", "allocation_explanations",
            ["outcome": "unfilled", "unfilled_reason": "no_stock"],
            "allocation_explanations_unfilled_has_reason"
        ),
        (
            "stock binding without its warehouse", "allocation_explanations", ["binding_warehouse": nil],
            "allocation_explanations_binding_names_warehouse"
        ),
        (
            "no binding but a binding warehouse", "allocation_explanations", ["binding": "none"],
            "allocation_explanations_binding_names_warehouse"
        ),
        (
            "negative marginal cost", "allocation_explanations", ["marginal_cost_per_unit": "-0.01"],
            "allocation_explanations_marginal_cost_per_unit_check"
        ),
        (
            "runner-up costs without a runner-up", "allocation_explanations", ["runner_up_warehouse": nil],
            "allocation_explanations_runner_up_costs_need_runner_up"
        ),
        (
            "more next-day units than units", "service_kpis", ["units_next_day": "11"],
            "service_kpis_next_day_units_within_total"
        ),
        (
            "more next-day orders than orders", "service_kpis", ["orders_next_day": "4"],
            "service_kpis_next_day_orders_within_total"
        ),
        (
            "more split orders than orders", "service_kpis", ["split_orders": "4"],
            "service_kpis_split_orders_within_total"
        ),
        ("a share above 1", "service_kpis", ["unit_share_next_day": "1.5"], "service_kpis_unit_share_next_day_check"),
        (
            "a verdict without a target", "service_kpis", ["min_next_day_share": nil],
            "service_kpis_target_met_needs_target"
        ),
        (
            "unknown solver path", "allocation_solves", ["solver_path": "simplex", "mip_gap": nil],
            "allocation_solves_solver_path_check"
        ),
        (
            "a MIP gap on the LP path", "allocation_solves", ["solver_path": "lp"],
            "allocation_solves_gap_only_for_integer"
        ),
        ("negative solve time", "allocation_solves", ["solve_seconds": "-1"], "allocation_solves_solve_seconds_check"),
        ("negative days late", "allocations", ["days_late": "-1"], "allocations_days_late_check"),
    ]

    @Test func checkConstraintsRejectBadValues() throws {
        let url = try TestCluster.freshDatabase("db_m4_checks")
        let database = try PlannerDatabase(url: url)
        try database.migrate()
        // The valid rows, and the odd but allowed values, are accepted: each rejection below is its change's doing.
        let accepted: [(String, [String?])] = [
            ("allocation_explanations", try Self.row("allocation_explanations", [:])),
            (
                "allocation_explanations",
                try Self.row("allocation_explanations", ["binding": "none", "binding_warehouse": nil])
            ),
            (
                "allocation_explanations",
                try Self.row(
                    "allocation_explanations",
                    [
                        "outcome": "unfilled", "warehouse": nil, "lane_cost_per_unit": nil,
                        "unfilled_reason": "capacity",
                        "binding": "capacity",
                    ]
                )
            ),
            (
                "allocation_explanations",
                try Self.row(
                    "allocation_explanations",
                    [
                        "runner_up_warehouse": nil, "runner_up_lane_cost_per_unit": nil, "marginal_cost_per_unit": nil,
                        "binding": nil, "binding_warehouse": nil,
                    ]
                )
            ),
            ("service_kpis", try Self.row("service_kpis", ["region": nil])),
            ("service_kpis", try Self.row("service_kpis", ["min_next_day_share": nil, "target_met": nil])),
            (
                "service_kpis",
                try Self.row(
                    "service_kpis",
                    [
                        "units_total": "0", "units_next_day": "0", "orders_total": "0", "orders_next_day": "0",
                        "unit_share_next_day": "1", "order_share_next_day": "1", "split_orders": "0",
                    ]
                )
            ),
            ("allocation_solves", try Self.row("allocation_solves", ["solver_path": "lp", "mip_gap": nil])),
            ("allocations", try Self.row("allocations", ["days_late": nil, "promise_date": nil])),
        ]
        for (table, row) in accepted {
            #expect(throws: Never.self, "\(table) \(row)") {
                try database.writeRun(SampleRun.record(), tables: [SampleRun.table(table, [row])])
            }
        }
        for (what, table, changes, constraint) in Self.violations {
            let row = try Self.row(table, changes)
            let error = #expect(throws: PostgresError.self, "\(table): \(what)") {
                try database.writeRun(SampleRun.record(), tables: [SampleRun.table(table, [row])])
            }
            #expect(error?.sqlState == "23514", "\(table): \(what)")  // check_violation
            #expect(
                error?.message.contains("\"\(constraint)\"") == true,
                "\(table): \(what): \(String(describing: error))"
            )
        }
        #expect(try database.runs(RunFilter(limit: 100)).count == accepted.count)
    }

    @Test func oneKPIRowPerRegionAndOneForAllRegionsAndOneSolvePerRun() throws {
        let url = try TestCluster.freshDatabase("db_m4_unique")
        let database = try PlannerDatabase(url: url)
        try database.migrate()
        let overall = try Self.row("service_kpis", ["region": nil])
        let north = try Self.row("service_kpis", [:])
        let south = try Self.row("service_kpis", ["region": "R-S"])
        #expect(throws: Never.self) {
            try database.writeRun(
                SampleRun.record(),
                tables: [SampleRun.table("service_kpis", [overall, north, south])]
            )
        }
        // Two all-regions rows: a plain UNIQUE would take the NULLs as distinct and accept them.
        for duplicate in [[overall, north, overall], [north, south, north]] {
            let error = #expect(throws: PostgresError.self) {
                try database.writeRun(SampleRun.record(), tables: [SampleRun.table("service_kpis", duplicate)])
            }
            #expect(error?.sqlState == "23505")  // unique_violation
            // Checked when the run's partition is attached: the message names that partition's index.
            #expect(error?.message.contains("\"service_kpis_") == true, "\(String(describing: error))")
        }
        let solve = try Self.row("allocation_solves", [:])
        let error = #expect(throws: PostgresError.self) {
            try database.writeRun(SampleRun.record(), tables: [SampleRun.table("allocation_solves", [solve, solve])])
        }
        #expect(error?.sqlState == "23505")
        #expect(try database.runs(RunFilter(limit: 10)).count == 1)
    }
}
