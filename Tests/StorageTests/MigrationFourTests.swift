import Foundation
import PlannerCore
import PostgresClient
import Storage
import TestSupport
import Testing

/// Migration 4: allocation columns, explanations, service KPIs, solves, and partner access to dispatch plans.
@Suite("Migration 4 (explanations, service KPIs, solves, partner access) against a real server")
struct MigrationFourTests {
    private func migratedDatabase(_ name: String) throws -> (PlannerDatabase, PostgresConnection) {
        let url = try TestCluster.freshDatabase(name)
        let database = try PlannerDatabase(url: url)
        try database.migrate(throughVersion: 4)
        return (database, try PostgresConnection(url: url))
    }

    private func columns(of table: String, _ inspector: PostgresConnection) throws -> [[String?]] {
        try inspector.query(
            """
            SELECT column_name, data_type, is_nullable FROM information_schema.columns
            WHERE table_schema = 'planner' AND table_name = $1 ORDER BY ordinal_position
            """,
            parameters: [table]
        )
    }

    @Test func aFreshDatabaseGetsTheNewTablesKeysAndComments() throws {
        let (_, inspector) = try migratedDatabase("db_m4_fresh")
        #expect(
            Array(try columns(of: "allocations", inspector).suffix(4)) == [
                ["carrier", "text", "YES"], ["ship_date", "date", "YES"], ["promise_date", "date", "YES"],
                ["days_late", "integer", "YES"],
            ]
        )
        #expect(
            try columns(of: "allocation_explanations", inspector) == [
                ["run_id", "bigint", "NO"], ["order_id", "text", "NO"], ["sku", "text", "NO"],
                ["region", "text", "NO"], ["warehouse", "text", "YES"], ["qty", "integer", "NO"],
                ["outcome", "text", "NO"], ["lane_cost_per_unit", "double precision", "YES"],
                ["runner_up_warehouse", "text", "YES"], ["runner_up_lane_cost_per_unit", "double precision", "YES"],
                ["marginal_cost_per_unit", "double precision", "YES"], ["binding", "text", "YES"],
                ["binding_warehouse", "text", "YES"], ["unfilled_reason", "text", "YES"],
            ]
        )
        #expect(
            try columns(of: "service_kpis", inspector) == [
                ["run_id", "bigint", "NO"], ["region", "text", "YES"], ["units_total", "bigint", "NO"],
                ["units_next_day", "bigint", "NO"], ["orders_total", "integer", "NO"],
                ["orders_next_day", "integer", "NO"], ["unit_share_next_day", "double precision", "NO"],
                ["order_share_next_day", "double precision", "NO"], ["min_next_day_share", "double precision", "YES"],
                ["target_met", "boolean", "YES"], ["split_orders", "integer", "NO"], ["shipments", "integer", "NO"],
            ]
        )
        #expect(
            try columns(of: "allocation_solves", inspector) == [
                ["run_id", "bigint", "NO"], ["solver_path", "text", "NO"], ["objective", "double precision", "NO"],
                ["solve_seconds", "double precision", "NO"], ["iterations", "integer", "NO"],
                ["mip_gap", "double precision", "YES"],
            ]
        )
        #expect(
            try columns(of: "carrier_accounts", inspector) == [
                ["carrier", "text", "NO"], ["role_name", "text", "NO"],
            ]
        )
        let keys = try inspector.query(
            """
            SELECT c.conrelid::regclass::text, pg_get_constraintdef(c.oid) FROM pg_constraint c
            WHERE c.contype IN ('p', 'u', 'f') AND c.conrelid IN (
                'planner.allocation_explanations'::regclass, 'planner.service_kpis'::regclass,
                'planner.allocation_solves'::regclass, 'planner.carrier_accounts'::regclass)
            ORDER BY 1, 2
            """
        )
        let cascade = "FOREIGN KEY (run_id) REFERENCES planner.runs(run_id) ON DELETE CASCADE"
        #expect(
            keys == [
                ["planner.allocation_explanations", cascade], ["planner.allocation_solves", cascade],
                ["planner.allocation_solves", "PRIMARY KEY (run_id)"],
                ["planner.carrier_accounts", "PRIMARY KEY (carrier)"],
                ["planner.carrier_accounts", "UNIQUE (role_name)"],
                ["planner.service_kpis", cascade],
                ["planner.service_kpis", "UNIQUE NULLS NOT DISTINCT (run_id, region)"],
            ]
        )
        let explanationIndexes = try inspector.query(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = 'planner' AND tablename = 'allocation_explanations'"
        )
        #expect(
            explanationIndexes == [
                [
                    "CREATE INDEX allocation_explanations_run_id_order_id_idx ON planner.allocation_explanations "
                        + "USING btree (run_id, order_id)"
                ]
            ]
        )
        let documented: [(String, [String])] = [
            ("allocations", ["carrier", "ship_date", "promise_date", "days_late"]),
            (
                "allocation_explanations",
                [
                    "warehouse", "outcome", "lane_cost_per_unit", "runner_up_warehouse", "runner_up_lane_cost_per_unit",
                    "marginal_cost_per_unit", "binding", "binding_warehouse", "unfilled_reason",
                ]
            ),
            (
                "service_kpis",
                [
                    "region", "units_total", "units_next_day", "orders_total", "orders_next_day", "unit_share_next_day",
                    "order_share_next_day", "min_next_day_share", "target_met", "split_orders", "shipments",
                ]
            ),
            ("allocation_solves", ["solver_path", "objective", "iterations", "mip_gap"]),
        ]
        for (table, tableColumns) in documented {
            for column in tableColumns {
                let comment = try inspector.query(
                    """
                    SELECT col_description(('planner.' || $1)::regclass, a.attnum) FROM pg_attribute a
                    WHERE a.attrelid = ('planner.' || $1)::regclass AND a.attname = $2
                    """,
                    parameters: [table, column]
                )
                #expect(comment.first?[0]?.isEmpty == false, "\(table).\(column)")
            }
        }
        let tableComment = try inspector.query(
            "SELECT obj_description('planner.carrier_accounts'::regclass, 'pg_class')"
        )
        #expect(tableComment.first?[0]?.contains("grant-carrier") == true)
    }

    @Test func partnersMayReadDispatchPlansOnlyThroughRowLevelSecurity() throws {
        let (_, inspector) = try migratedDatabase("db_m4_access")
        // Row security is on and not forced, so the owner (the planner) keeps writing and reading everything.
        let security = try inspector.query(
            """
            SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class
            WHERE relnamespace = 'planner'::regnamespace AND relrowsecurity ORDER BY relname
            """
        )
        #expect(security == [["carrier_accounts", "t", "f"], ["dispatch_plans", "t", "f"]])
        let view = try inspector.query(
            "SELECT reloptions::text FROM pg_class WHERE oid = 'planner.latest_dispatch_plans'::regclass"
        )
        #expect(view == [["{security_invoker=true}"]])
        let role = try inspector.query(
            "SELECT rolcanlogin, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'planner_partner'"
        )
        #expect(role == [["f", "f", "f"]])
        // The whole of what the group role may do in the schema.
        let tableGrants = try inspector.query(
            """
            SELECT table_name, privilege_type FROM information_schema.role_table_grants
            WHERE grantee = 'planner_partner' ORDER BY 1, 2
            """
        )
        #expect(
            tableGrants == [
                ["carrier_accounts", "SELECT"], ["dispatch_plans", "SELECT"], ["latest_dispatch_plans", "SELECT"],
            ]
        )
        let routineGrants = try inspector.query(
            """
            SELECT p.proname FROM pg_proc p
            WHERE p.pronamespace = 'planner'::regnamespace
              AND has_function_privilege('planner_partner', p.oid, 'EXECUTE') ORDER BY 1
            """
        )
        #expect(routineGrants == [["latest_complete_run_id"]])
        let schemaRights = try inspector.query(
            """
            SELECT has_schema_privilege('planner_partner', 'planner', 'USAGE'),
                   has_schema_privilege('planner_partner', 'planner', 'CREATE')
            """
        )
        #expect(schemaRights == [["t", "f"]])
    }

    @Test func aVersionThreeDatabaseUpgradesInPlaceAndKeepsItsRowsReadable() throws {
        let url = try TestCluster.freshDatabase("db_m4_upgrade")
        let database = try PlannerDatabase(url: url)
        #expect(try database.migrate(throughVersion: 3) == [1, 2, 3])
        let inspector = try PostgresConnection(url: url)
        #expect(try inspector.query("SELECT to_regclass('planner.allocation_explanations') IS NULL") == [["t"]])
        // Reading needs schema 4, and says so.
        #expect(throws: PlannerLookupError.schemaOutdated) {
            try database.dispatchExport(run: .latest, carrier: "FastFreight")
        }

        // A run as a schema-3 planner wrote it: allocations with the seven columns it knew, one dispatch row.
        let old = try #require(
            try inspector.query(
                """
                INSERT INTO planner.runs (kind, scenario, plan_date, status, started_at, finished_at, summary)
                VALUES ('allocate', 'schema-3', '2025-03-03', 'complete', now(), now(), '{}') RETURNING run_id
                """
            ).first?[0].flatMap { Int64($0) }
        )
        try inspector.execute(
            """
            INSERT INTO planner.allocations VALUES
                (\(old), 'O-1', 'SKU-1', 'W-1', 'R-N', 5, 1, 0.85), (\(old), 'O-2', 'SKU-1', 'W-2', 'R-N', 3, 2, 1.4);
            INSERT INTO planner.dispatch_plans VALUES (\(old), 'FastFreight', 'W-1', '2025-03-03', 'R-N', 1, 5);
            """
        )

        // Upgraded to the current schema in place: the old run stays readable, and is the published one.
        #expect(try database.migrate() == PlannerDatabase.schemaVersions.filter { $0 >= 4 })
        #expect(try database.migrate() == [])
        let allocations = try inspector.query(
            """
            SELECT order_id, qty, cost_per_unit, carrier, ship_date, promise_date, days_late
            FROM planner.allocations WHERE run_id = $1 ORDER BY order_id
            """,
            parameters: [String(old)]
        )
        #expect(
            allocations == [
                ["O-1", "5", "0.85", nil, nil, nil, nil], ["O-2", "3", "1.4", nil, nil, nil, nil],
            ]
        )
        // The old run's dispatch plan reads through the new view and the export.
        #expect(
            try inspector.query("SELECT run_id::text, units FROM planner.latest_dispatch_plans") == [
                [String(old), "5"]
            ]
        )
        let export = try database.dispatchExport(run: .latest, carrier: "FastFreight")
        #expect(export.runID == old)
        #expect(export.lines.map(\.units) == [5])
        #expect(throws: PlannerLookupError.unknownOrder("O-1", runID: old, runHasExplanations: false)) {
            try database.explanations(orderID: "O-1", run: .latest)
        }

        // A current run goes next to it; deleting the old run removes only its rows.
        let new = try database.writeRun(SampleRun.record(scenario: "schema-4"), tables: SampleRun.tables)
        try inspector.execute("DELETE FROM planner.runs WHERE run_id = \(old)")
        #expect(try database.rowCount(table: "allocations", runID: old) == 0)
        for table in SampleRun.tables {
            #expect(try database.rowCount(table: table.name, runID: new) == table.rowCount, "\(table.name)")
        }
        try inspector.execute("DELETE FROM planner.runs WHERE run_id = \(new)")
        for table in ["allocation_explanations", "service_kpis", "allocation_solves"] {
            #expect(try database.rowCount(table: table, runID: new) == 0, "\(table)")
        }
    }
}
