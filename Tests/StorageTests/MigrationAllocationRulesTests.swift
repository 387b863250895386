import Foundation
import PlannerCore
import PostgresClient
import Storage
import TestSupport
import Testing

/// The allocation-rules migration (schema 12) on rows of earlier runs, in the partitions migration 6 moved them
/// to: the KPI columns stay NULL there, and the MIP gap check is replaced in every partition, not only the parent.
@Suite("Migration: allocation rules")
struct MigrationAllocationRulesTests {
    @Test func earlierRunsKeepTheirRowsAndEveryPartitionGetsTheNewGapCheck() throws {
        let url = try TestCluster.freshDatabase("db_allocation_rules")
        let database = try PlannerDatabase(url: url)
        #expect(try database.migrate(throughVersion: 4) == [1, 2, 3, 4])
        let inspector = try PostgresConnection(url: url)
        let run = try #require(
            try inspector.query(
                """
                INSERT INTO planner.runs (kind, scenario, plan_date, status, started_at, finished_at, summary)
                VALUES ('allocate', 'old', '2025-03-03', 'complete', now(), now(), '{}') RETURNING run_id
                """
            ).first?[0]
        )
        _ = try inspector.query(
            """
            INSERT INTO planner.allocation_solves (run_id, solver_path, objective, solve_seconds, iterations, mip_gap)
            VALUES ($1, 'integer', 10.5, 0.01, 3, 0.002)
            """,
            parameters: [run]
        )
        _ = try inspector.query(
            """
            INSERT INTO planner.service_kpis (run_id, region, units_total, units_next_day, orders_total,
                orders_next_day, unit_share_next_day, order_share_next_day, min_next_day_share, target_met,
                split_orders, shipments)
            VALUES ($1, 'R-N', 10, 5, 3, 1, 0.5, 0.333, 0.6, false, 0, 2)
            """,
            parameters: [run]
        )
        #expect(try database.migrate() == PlannerDatabase.schemaVersions.filter { $0 >= 5 })

        let kpi = try inspector.query(
            """
            SELECT target_units::text, shortfall_units::text, target_enforced::text FROM planner.service_kpis
            WHERE run_id = $1
            """,
            parameters: [run]
        )
        #expect(kpi == [[nil, nil, nil]])
        let solve = try inspector.query(
            "SELECT mip_gap::text, status, min_next_day_shortfall_units::text FROM planner.allocation_solves "
                + "WHERE run_id = $1",
            parameters: [run]
        )
        #expect(solve == [["0.002", "feasible", nil]])

        // The old check is gone from the parent and the run's partition; the new one is in both.
        let checks = try inspector.query(
            """
            SELECT c.conrelid::regclass::text, c.conname FROM pg_constraint c
            WHERE c.conname LIKE 'allocation_solves_gap_only%'
              AND (c.conrelid = 'planner.allocation_solves'::regclass
                   OR c.conrelid IN (SELECT inhrelid FROM pg_inherits
                                     WHERE inhparent = 'planner.allocation_solves'::regclass))
            ORDER BY 1, 2
            """
        )
        #expect(
            checks == [
                ["planner.allocation_solves", "allocation_solves_gap_only_when_unproven"],
                ["planner_runs.allocation_solves_\(run)", "allocation_solves_gap_only_when_unproven"],
            ]
        )

        // A gap on the decomposition's path is stored when the plan is not proven optimal, refused when it is.
        let unproven: [String?] = ["decomposition", "12", "0.1", "4", "0.01", "1", "feasible", "3"]
        #expect(throws: Never.self) {
            try database.writeRun(SampleRun.record(), tables: [SampleRun.table("allocation_solves", [unproven])])
        }
        var proven = unproven
        proven[6] = "optimal"
        let error = #expect(throws: PostgresError.self) {
            try database.writeRun(SampleRun.record(), tables: [SampleRun.table("allocation_solves", [proven])])
        }
        #expect(error?.message.contains("allocation_solves_gap_only_when_unproven") == true)
    }
}
