import Foundation
import PlannerCore
import PostgresClient
import Storage
import TestSupport
import Testing

/// Migration 5: every column of units holds 64 bits, old rows kept, the partner view as it was.
@Suite("Migration 5 (whole units in 64 bits) against a real server")
struct MigrationFiveTests {
    private static let unitColumns: [(table: String, column: String)] = [
        ("allocations", "qty"), ("unfilled_lines", "qty"), ("supplier_plans", "qty"),
        ("dispatch_plans", "order_lines"), ("dispatch_plans", "units"), ("inventory_policies", "lot_size"),
        ("supply_shortfalls", "shortfall_units"), ("supply_shortfalls", "presale_units"),
        ("allocation_explanations", "qty"),
    ]

    private func types(_ inspector: PostgresConnection) throws -> [String] {
        try Self.unitColumns.map { table, column in
            try inspector.query(
                """
                SELECT data_type FROM information_schema.columns
                WHERE table_schema = 'planner' AND table_name = $1 AND column_name = $2
                """,
                parameters: [table, column]
            ).first?[0] ?? "missing"
        }
    }

    @Test func aVersionFourDatabaseKeepsItsRunsAndItsPartnerViewAndTakesUnitsBeyond32Bits() throws {
        let url = try TestCluster.freshDatabase("db_m5_upgrade")
        let database = try PlannerDatabase(url: url)
        let inspector = try PostgresConnection(url: url)
        #expect(try database.migrate(throughVersion: 4) == [1, 2, 3, 4])
        #expect(try types(inspector) == Array(repeating: "integer", count: Self.unitColumns.count))
        let role = "m5_partner_fastfreight"
        try database.grantCarrierAccess(carrier: "FastFreight", role: role)
        // A run as a schema-4 planner wrote it.
        try inspector.execute(
            """
            INSERT INTO planner.runs (kind, scenario, plan_date, status, started_at, finished_at, summary)
            VALUES ('allocate', 'schema-4', '2025-03-03', 'complete', now(), now(), '{}');
            INSERT INTO planner.dispatch_plans VALUES (1, 'FastFreight', 'W-1', '2025-03-03', 'R-N', 1, 5);
            """
        )
        let before = try inspector.query("SELECT * FROM planner.dispatch_plans ORDER BY carrier, warehouse, region")

        #expect(try database.migrate(throughVersion: 5) == [5])
        #expect(try types(inspector) == Array(repeating: "bigint", count: Self.unitColumns.count))
        #expect(
            try inspector.query("SELECT * FROM planner.dispatch_plans ORDER BY carrier, warehouse, region") == before
        )
        #expect(try database.migrate() == PlannerDatabase.schemaVersions.filter { $0 >= 6 })
        #expect(
            try inspector.query("SELECT * FROM planner.dispatch_plans ORDER BY carrier, warehouse, region") == before
        )
        let old: Int64 = 1

        // Two lines of 2^31 - 1 units on one lane: their sum is beyond `integer`, and is stored exactly.
        let sum = String(2 * Int(Int32.max))
        let big = try database.writeRun(
            SampleRun.record(scenario: "schema-5"),
            tables: SampleRun.tables.filter { $0.name != "dispatch_plans" }
                + [SampleRun.table("dispatch_plans", [["FastFreight", "W-1", "2025-03-03", "R-N", "2", sum]])]
        )
        #expect(big == old + 1)
        let session = try PostgresConnection(url: url)
        try session.execute("SET ROLE \(role)")
        #expect(
            try session.query("SELECT run_id, carrier, units FROM planner.latest_dispatch_plans")
                == [[String(big), "FastFreight", sum]]
        )
        let denied = #expect(throws: PostgresError.self) { try session.query("SELECT count(*) FROM planner.runs") }
        #expect(denied?.sqlState == "42501")
    }
}

/// Run states and purposes are Swift enums; the database's CHECKs are built from them and must list the same.
@Suite struct RunLifecycleCheckTests {
    @Test func theChecksOfRunsListTheSwiftCases() throws {
        let url = try TestCluster.freshDatabase("db_lifecycle_checks")
        try PlannerDatabase(url: url).migrate()
        let definition =
            try PostgresConnection(url: url).query(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'runs_purpose_known'"
            ).first?[0] ?? ""
        let quoted = definition.split(separator: "'").enumerated().filter { $0.offset % 2 == 1 }.map {
            String($0.element)
        }
        #expect(quoted == RunPurpose.allCases.map(\.rawValue), "\(definition)")
        let status =
            try PostgresConnection(url: url).query(
                """
                SELECT pg_get_constraintdef(oid) FROM pg_constraint
                WHERE conrelid = 'planner.runs'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%status%'
                    AND pg_get_constraintdef(oid) LIKE '%complete%'
                """
            ).first?[0] ?? ""
        let statuses = status.split(separator: "'").enumerated().filter { $0.offset % 2 == 1 }.map {
            String($0.element)
        }
        #expect(statuses == RunStatus.allCases.map(\.rawValue), "\(status)")
    }
}
