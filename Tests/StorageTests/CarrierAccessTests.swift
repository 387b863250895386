import Foundation
import PlannerCore
import PostgresClient
import Storage
import TestSupport
import Testing

/// Partner access: roles are cluster-wide and the test cluster is shared, so every role name here is unique.
@Suite("Carrier roles and row level security on dispatch plans against a real server")
struct CarrierAccessTests {
    private func migratedDatabase(_ name: String) throws -> (url: String, database: PlannerDatabase) {
        let url = try TestCluster.freshDatabase(name)
        let database = try PlannerDatabase(url: url)
        try database.migrate()
        return (url, database)
    }

    /// The URL of the same database for another role (the test cluster trusts local connections).
    private func connectionURL(_ url: String, as role: String) throws -> String {
        let base = try #require(url.components(separatedBy: "&user=").first)
        return base + "&user=" + role
    }

    private static let dispatchRows: [[String?]] = [
        ["FastFreight", "W-2", "2025-03-03", "R-N", "2", "9"],
        ["SlowBoat", "W-1", "2025-03-03", "R-N", "5", "50"],
        ["FastFreight", "W-1", "2025-03-03", "R-S", "1", "4"],
        ["Unmapped", "W-1", "2025-03-03", "R-S", "1", "1"],
    ]

    @Test func aCarrierRoleSeesOnlyItsOwnRowsAndNoOtherTable() throws {
        let (url, database) = try migratedDatabase("db_rls")
        let roleA = "m4_rls_carrier_a"
        let roleB = "m4_rls_carrier_b"
        let grantA = try database.grantCarrierAccess(carrier: "FastFreight", role: roleA, login: true)
        #expect(
            grantA
                == PartnerGrant(
                    kind: .carrier,
                    partner: "FastFreight",
                    role: roleA,
                    createdRole: true,
                    canLogin: true,
                    previousRole: nil
                )
        )
        try database.grantCarrierAccess(carrier: "SlowBoat", role: roleB)
        let runID = try database.writeRun(
            SampleRun.record(),
            tables: SampleRun.tables.filter { $0.name != "dispatch_plans" }
                + [SampleRun.table("dispatch_plans", Self.dispatchRows)]
        )

        let session = try PostgresConnection(url: url)
        let select = "SELECT carrier, warehouse, region, units FROM planner.dispatch_plans ORDER BY warehouse, region"
        let latest = "SELECT carrier, units FROM planner.latest_dispatch_plans ORDER BY units"
        #expect(try session.query("SELECT count(*) FROM planner.dispatch_plans") == [["4"]])

        try session.execute("SET ROLE \(roleA)")
        #expect(try session.query("SELECT current_user") == [[roleA]])
        #expect(
            try session.query(select) == [["FastFreight", "W-1", "R-S", "4"], ["FastFreight", "W-2", "R-N", "9"]]
        )
        #expect(try session.query(latest) == [["FastFreight", "4"], ["FastFreight", "9"]])
        #expect(
            try session.query("SELECT carrier, role_name FROM planner.carrier_accounts") == [["FastFreight", roleA]]
        )
        for table in [
            "runs", "allocations", "unfilled_lines", "allocation_explanations", "service_kpis", "allocation_solves",
            "forecasts", "inventory_policies", "supplier_plans", "schema_migrations",
        ] {
            let error = #expect(throws: PostgresError.self, "\(table)") {
                try session.query("SELECT count(*) FROM planner.\(table)")
            }
            #expect(error?.sqlState == "42501", "\(table): \(String(describing: error))")  // insufficient_privilege
            #expect(error?.message.contains("permission denied for table \(table)") == true, "\(table)")
        }
        let insert = #expect(throws: PostgresError.self) {
            try session.execute(
                "INSERT INTO planner.dispatch_plans VALUES (\(runID), 'FastFreight', 'W-9', '2025-03-03', 'R-N', 1, 1)"
            )
        }
        #expect(insert?.sqlState == "42501")

        try session.execute("RESET ROLE; SET ROLE \(roleB)")
        #expect(try session.query(select) == [["SlowBoat", "W-1", "R-N", "50"]])
        #expect(try session.query(latest) == [["SlowBoat", "50"]])
        try session.execute("RESET ROLE")
        #expect(try session.query("SELECT count(*) FROM planner.latest_dispatch_plans") == [["4"]])

        // Carrier A logs in as itself and exports through the API; B's role may not log in.
        let partner = try PlannerDatabase(url: try connectionURL(url, as: roleA))
        let export = try partner.dispatchExport(run: .latest, carrier: "FastFreight")
        #expect(export.runID == runID)
        #expect(export.lines.map(\.units) == [4, 9])
        #expect(try partner.dispatchExport(run: .id(runID), carrier: "FastFreight") == export)
        // Another carrier is unknown to A, and A sees only its own carrier in the run.
        #expect(throws: PlannerLookupError.unknownCarrier("SlowBoat", runID: runID, carriersInRun: ["FastFreight"])) {
            try partner.dispatchExport(run: .latest, carrier: "SlowBoat")
        }
        #expect(throws: PostgresError.self) {
            try PostgresConnection(url: try connectionURL(url, as: roleB))
        }
    }

    @Test func grantingIsRepeatableMovesACarrierAndRefusesUnsafeRoles() throws {
        let (url, database) = try migratedDatabase("db_grant")
        let first = "m4_grant_first"
        let second = "m4 grant \"Second\""
        #expect(try database.grantCarrierAccess(carrier: "FastFreight", role: first).createdRole)
        // Again: nothing new; asking for LOGIN switches the existing role to LOGIN.
        #expect(
            try database.grantCarrierAccess(carrier: "FastFreight", role: first)
                == PartnerGrant(
                    kind: .carrier,
                    partner: "FastFreight",
                    role: first,
                    createdRole: false,
                    canLogin: false,
                    previousRole: nil
                )
        )
        #expect(try database.grantCarrierAccess(carrier: "FastFreight", role: first, login: true).canLogin)
        _ = try PostgresConnection(url: try connectionURL(url, as: first))

        // The carrier moves to a role whose name needs quoting; the first role keeps its membership only.
        let moved = try database.grantCarrierAccess(carrier: "FastFreight", role: second)
        #expect(
            moved
                == PartnerGrant(
                    kind: .carrier,
                    partner: "FastFreight",
                    role: second,
                    createdRole: true,
                    canLogin: false,
                    previousRole: first
                )
        )
        let inspector = try PostgresConnection(url: url)
        #expect(
            try inspector.query("SELECT carrier, role_name FROM planner.carrier_accounts") == [["FastFreight", second]]
        )
        let membership = try inspector.query(
            """
            SELECT r.rolname, r.rolcanlogin FROM pg_roles r
            WHERE pg_has_role(r.oid, 'planner_partner', 'MEMBER') AND r.rolname IN ($1, $2) ORDER BY 1
            """,
            parameters: [first, second]
        )
        #expect(membership == [[second, "f"], [first, "t"]])
        try database.writeRun(SampleRun.record(), tables: [SampleRun.table("dispatch_plans", Self.dispatchRows)])
        try inspector.execute("SET ROLE \(quoteIdentifier(first))")
        #expect(try inspector.query("SELECT count(*) FROM planner.dispatch_plans") == [["0"]])
        try inspector.execute("RESET ROLE; SET ROLE \(quoteIdentifier(second))")
        #expect(try inspector.query("SELECT count(*) FROM planner.dispatch_plans") == [["2"]])
        try inspector.execute("RESET ROLE")

        // A role reads one carrier; superusers and the owner's rights would bypass the policy.
        let taken = #expect(throws: StorageError.self) {
            try database.grantCarrierAccess(carrier: "SlowBoat", role: second)
        }
        #expect(taken?.message.contains("already reads the dispatch plans of carrier 'FastFreight'") == true)
        let superuser = try #require(try inspector.query("SELECT current_user").first?[0])
        let bypass = #expect(throws: StorageError.self) {
            try database.grantCarrierAccess(carrier: "SlowBoat", role: superuser)
        }
        #expect(bypass?.message.contains("superuser or bypasses row level security") == true)
        try inspector.execute(
            "CREATE ROLE m4_grant_owner_member NOLOGIN; GRANT \(quoteIdentifier(superuser)) TO m4_grant_owner_member"
        )
        let owner = #expect(throws: StorageError.self) {
            try database.grantCarrierAccess(carrier: "SlowBoat", role: "m4_grant_owner_member")
        }
        #expect(owner?.message.contains("rights of the owner") == true)
        // Names refused before anything is sent.
        for (carrier, role) in [
            ("", "m4_x"), (" SlowBoat", "m4_x"), ("SlowBoat", ""), ("SlowBoat", "pg_carrier"),
            ("SlowBoat", String(repeating: "r", count: 64)),
        ] {
            #expect(throws: StorageError.self, "\(carrier) / \(role)") {
                try database.grantCarrierAccess(carrier: carrier, role: role)
            }
        }
        #expect(try inspector.query("SELECT count(*) FROM planner.carrier_accounts") == [["1"]])
        // A carrier with an account but no rows in the run has an empty plan, not an unknown name.
        try database.grantCarrierAccess(carrier: "NewCo", role: "m4_grant_newco")
        #expect(try database.dispatchExport(run: .latest, carrier: "NewCo").lines == [])
    }

    @Test func grantingNeedsSchemaFour() throws {
        let url = try TestCluster.freshDatabase("db_grant_schema3")
        let database = try PlannerDatabase(url: url)
        try database.migrate(throughVersion: 3)
        #expect(throws: PlannerLookupError.schemaOutdated) {
            try database.grantCarrierAccess(carrier: "FastFreight", role: "m4_grant_too_early")
        }
        let inspector = try PostgresConnection(url: url)
        #expect(try inspector.query("SELECT count(*) FROM pg_roles WHERE rolname = 'm4_grant_too_early'") == [["0"]])
    }
}
