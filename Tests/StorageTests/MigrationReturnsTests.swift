import Foundation
import PlannerCore
import PostgresClient
import Storage
import TestSupport
import Testing

/// The returns_forecast table of the returns migration: a run's rows, and the CHECKs that keep them honest.
@Suite("Returns migration against a real server")
struct MigrationReturnsTests {
    static let valid: [String?] = [
        "SKU-1", "W-1", "2025-03-03", "resellable", "2.5", "10", "2025-03-05", "0.12", "14.5", "pooled",
    ]

    static func changed(_ changes: [String: String?]) throws -> [String?] {
        var row = valid
        let columns = try #require(PlannerSchema.outputTable(named: "returns_forecast")).columns
        for (column, value) in changes { row[try #require(columns.firstIndex(of: column))] = value }
        return row
    }

    @Test func storesRowsAndRejectsAnUnknownGradeOrNegativeFigures() throws {
        let url = try TestCluster.freshDatabase("db_returns")
        let database = try PlannerDatabase(url: url)
        try database.migrate()
        let run = try database.writeRun(
            SampleRun.record(),
            tables: [
                SampleRun.table(
                    "returns_forecast",
                    [Self.valid, try Self.changed(["grade": "scrap", "sellable_from": nil])]
                )
            ]
        )
        let stored = try PostgresConnection(url: url).query(
            "SELECT grade, units::text, sellable_from::text FROM planner.returns_forecast WHERE run_id = $1 ORDER BY grade",
            parameters: [String(run)]
        )
        #expect(stored == [["resellable", "2.5", "2025-03-05"], ["scrap", "2.5", nil]])
        let violations: [([String: String?], String)] = [
            (["grade": "lost"], "returns_forecast_grade_check"),
            (["units": "-0.5"], "returns_forecast_units_check"),
            (["value": "-1"], "returns_forecast_value_check"),
            (["return_rate": "-0.1"], "returns_forecast_rate_check"),
        ]
        for (changes, constraint) in violations {
            let error = #expect(throws: PostgresError.self, "\(changes)") {
                try database.writeRun(
                    SampleRun.record(),
                    tables: [SampleRun.table("returns_forecast", [try Self.changed(changes)])]
                )
            }
            #expect(error?.sqlState == "23514", "\(changes)")
            #expect(error?.message.contains("\"\(constraint)\"") == true, "\(String(describing: error))")
        }
        #expect(try database.runs(RunFilter(limit: 10)).count == 1)
    }
}
