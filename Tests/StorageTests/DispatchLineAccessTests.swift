import Foundation
import PlannerCore
import PostgresClient
import Storage
import TestSupport
import Testing

/// Partner access to order-level dispatch lines: the row level security of dispatch_plans, through two partner
/// roles. Roles are cluster-wide and the test cluster is shared, so every role name here is unique.
@Suite("Row level security on dispatch lines, through two partner roles")
struct DispatchLineAccessTests {
    @Test func eachPartnerSeesOnlyItsOwnCarriersLinesAndChanges() throws {
        let url = try TestCluster.freshDatabase("db_lines_rls")
        let database = try PlannerDatabase(url: url)
        try database.migrate()
        let (roleA, roleB) = ("m8_lines_carrier_a", "m8_lines_carrier_b")
        try database.grantCarrierAccess(carrier: "FastFreight", role: roleA, login: true)
        try database.grantCarrierAccess(carrier: "SlowBoat", role: roleB, login: true)
        let day = DispatchLineTests.march3
        let fast = DispatchLineTests.line("FastFreight", "W-1", day, "R-N", "O-1", 1, "SKU-1", 2, weight: 1)
        let fastMore = DispatchLineTests.line("FastFreight", "W-2", day, "R-S", "O-2", 1, "SKU-2", 1)
        let slow = DispatchLineTests.line("SlowBoat", "W-1", day, "R-N", "O-3", 1, "SKU-1", 7)
        let unmapped = DispatchLineTests.line("Unmapped", "W-1", day, "R-N", "O-4", 1, "SKU-1", 1)
        let first = try DispatchLineTests.write(database, [fast, slow, unmapped], scenario: "first")
        var slower = slow
        slower.quantity = 5
        let second = try DispatchLineTests.write(database, [fast, fastMore, slower, unmapped], scenario: "second")
        // A what-if that is not published: partners' latest view does not move.
        _ = try DispatchLineTests.write(database, [slow], scenario: "what-if", publishes: false)

        let session = try PostgresConnection(url: url)
        let lines = "SELECT run_id::text, carrier, order_id, qty FROM planner.dispatch_lines ORDER BY run_id, order_id"
        let latest = "SELECT carrier, order_id FROM planner.latest_dispatch_lines ORDER BY order_id"
        #expect(try session.query("SELECT count(*) FROM planner.dispatch_lines") == [["8"]])
        try session.execute("SET ROLE \(roleA)")
        #expect(
            try session.query(lines) == [
                [String(first), "FastFreight", "O-1", "2"], [String(second), "FastFreight", "O-1", "2"],
                [String(second), "FastFreight", "O-2", "1"],
            ]
        )
        #expect(try session.query(latest) == [["FastFreight", "O-1"], ["FastFreight", "O-2"]])
        #expect(
            try session.query("SELECT planner.previous_published_run_id($1)", parameters: [String(second)])
                == [[String(first)]]
        )
        try session.execute("RESET ROLE; SET ROLE \(roleB)")
        #expect(try session.query(latest) == [["SlowBoat", "O-3"]])
        // A partition is not a way around the policy: partners may not even look into schema planner_runs.
        let direct = #expect(throws: PostgresError.self) {
            try session.query("SELECT count(*) FROM planner_runs.dispatch_lines_\(second)")
        }
        #expect(direct?.sqlState == "42501")
        try session.execute("RESET ROLE")

        // Through the API, each logged in as its own role.
        let partnerA = try PlannerDatabase(url: try Self.url(url, as: roleA))
        let partnerB = try PlannerDatabase(url: try Self.url(url, as: roleB))
        #expect(try partnerA.dispatchLineExport(run: .latest, carrier: "FastFreight").lines == [fast, fastMore])
        #expect(try partnerB.dispatchLineExport(run: .latest, carrier: "SlowBoat").lines == [slower])
        #expect(
            try partnerA.dispatchLineChanges(run: .latest, carrier: "FastFreight").changes
                == [DispatchLineChange(kind: .added, current: fastMore, previous: nil)]
        )
        let changesB = try partnerB.dispatchLineChanges(run: .latest, carrier: "SlowBoat")
        #expect(changesB.previousRunID == first)
        #expect(changesB.changes == [DispatchLineChange(kind: .changed, current: slower, previous: slow)])
        // Another carrier is unknown to a partner: its rows are invisible, whoever asks.
        #expect(throws: PlannerLookupError.unknownCarrier("SlowBoat", runID: second, carriersInRun: ["FastFreight"])) {
            try partnerA.dispatchLineExport(run: .latest, carrier: "SlowBoat")
        }
        #expect(throws: PlannerLookupError.unknownCarrier("FastFreight", runID: second, carriersInRun: ["SlowBoat"])) {
            try partnerB.dispatchLineChanges(run: .latest, carrier: "FastFreight")
        }
        // The alerts of a run are the planner's, not the partners'.
        let alerts = #expect(throws: PostgresError.self) {
            try PostgresConnection(url: try Self.url(url, as: roleA)).query("SELECT count(*) FROM planner.alerts")
        }
        #expect(alerts?.sqlState == "42501")
    }

    /// The URL of the same database for another role (the test cluster trusts local connections).
    static func url(_ url: String, as role: String) throws -> String {
        try #require(url.components(separatedBy: "&user=").first) + "&user=" + role
    }
}
