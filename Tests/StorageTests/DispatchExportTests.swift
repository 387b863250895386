import Foundation
import PlannerCore
import PostgresClient
import Storage
import TestSupport
import Testing

@Suite("Dispatch plan export: query against a real server, and its CSV and JSON")
struct DispatchExportTests {
    private static let march3 = Day(year: 2025, month: 3, day: 3)!
    private static let march4 = Day(year: 2025, month: 3, day: 4)!

    private static func line(
        _ carrier: String,
        _ warehouse: String,
        _ day: Day,
        _ region: String,
        _ lines: Int,
        _ units: Int
    )
        -> DispatchPlanLine
    {
        DispatchPlanLine(
            carrier: carrier,
            warehouse: warehouse,
            shipDate: day,
            region: region,
            orderLines: lines,
            units: units
        )
    }

    private static func dispatchTable(_ lines: [DispatchPlanLine]) -> OutputTable {
        SampleRun.table(
            "dispatch_plans",
            lines.map {
                [$0.carrier, $0.warehouse, $0.shipDate.description, $0.region, "\($0.orderLines)", "\($0.units)"]
            }
        )
    }

    @Test func oneCarriersRowsComeBackByWarehouseShipDateAndRegionAsBytes() throws {
        let url = try TestCluster.freshDatabase("db_dispatch_query")
        let database = try PlannerDatabase(url: url)
        try database.migrate()
        #expect(throws: PlannerLookupError.noPublishedRun) {
            try database.dispatchExport(run: .latest, carrier: "FastFreight")
        }
        // Written out of order, with another carrier's rows in between.
        let written = [
            Self.line("FastFreight", "W-2", Self.march4, "R-N", 2, 9),
            Self.line("SlowBoat", "W-1", Self.march3, "R-N", 5, 50),
            Self.line("FastFreight", "W-10", Self.march3, "R-S", 1, 1),
            Self.line("FastFreight", "W-2", Self.march3, "R-S", 1, 4),
            Self.line("FastFreight", "w-1", Self.march3, "R-N", 1, 2),
            Self.line("FastFreight", "W-2", Self.march3, "R-N", 3, 12),
        ]
        let first = try database.writeRun(SampleRun.record(scenario: "first"), tables: [Self.dispatchTable(written)])
        // Byte order: "W-10" < "W-2" (the digit 1 before 2) < "w-1" (lower case after upper case).
        let expected = [
            Self.line("FastFreight", "W-10", Self.march3, "R-S", 1, 1),
            Self.line("FastFreight", "W-2", Self.march3, "R-N", 3, 12),
            Self.line("FastFreight", "W-2", Self.march3, "R-S", 1, 4),
            Self.line("FastFreight", "W-2", Self.march4, "R-N", 2, 9),
            Self.line("FastFreight", "w-1", Self.march3, "R-N", 1, 2),
        ]
        let byID = try database.dispatchExport(run: .id(first), carrier: "FastFreight")
        #expect(byID == DispatchExport(runID: first, carrier: "FastFreight", lines: expected))
        #expect(try database.dispatchExport(run: .latest, carrier: "FastFreight") == byID)
        #expect(
            try database.dispatchExport(run: .latest, carrier: "SlowBoat").lines == [
                Self.line("SlowBoat", "W-1", Self.march3, "R-N", 5, 50)
            ]
        )

        // The next run has only SlowBoat: FastFreight is known (it has rows in the first run), so its plan is
        // empty, not an error; a misspelt carrier is an error that lists the run's carriers.
        let second = try database.writeRun(
            SampleRun.record(scenario: "second"),
            tables: [Self.dispatchTable([Self.line("SlowBoat", "W-3", Self.march4, "R-E", 1, 7)])]
        )
        #expect(try database.dispatchExport(run: .latest, carrier: "FastFreight").lines == [])
        #expect(try database.dispatchExport(run: .latest, carrier: "FastFreight").runID == second)
        #expect(throws: PlannerLookupError.unknownCarrier("FastFreigt", runID: second, carriersInRun: ["SlowBoat"])) {
            try database.dispatchExport(run: .latest, carrier: "FastFreigt")
        }
        #expect(throws: PlannerLookupError.unknownRun(second + 100)) {
            try database.dispatchExport(run: .id(second + 100), carrier: "SlowBoat")
        }
        // `latest` is the newest published run: publishing the first run again supersedes the second, which stays
        // readable by its id.
        #expect(try database.publish(runID: first) == second)
        #expect(try database.dispatchExport(run: .latest, carrier: "FastFreight") == byID)
        #expect(try database.dispatchExport(run: .id(second), carrier: "SlowBoat").lines.map(\.units) == [7])
        let statuses = try PostgresConnection(url: url).query(
            "SELECT run_id, status, superseded_by FROM planner.runs ORDER BY run_id"
        )
        #expect(statuses == [[String(first), "complete", nil], [String(second), "superseded", String(first)]])
    }

    @Test func runSelectorsParseLatestAndPositiveIDsOnly() {
        #expect(RunSelector("latest") == .latest)
        #expect(RunSelector("42") == .id(42))
        for bad in ["", "0", "-3", "+4", "042", "4.0", "Latest", "9223372036854775808"] {
            #expect(RunSelector(bad) == nil, "\(bad)")
        }
    }

    private static let sample = DispatchExport(
        runID: 12,
        carrier: "Fast, \"Freight\"",
        lines: [
            line("Fast, \"Freight\"", "W-1", march3, "R-N", 1, 5),
            line("Fast, \"Freight\"", "W-2", march4, "R-S", 12, 340),
        ]
    )

    @Test func csvHasTheDocumentedHeaderAndQuoting() {
        #expect(
            Self.sample.csv() == #"""
                carrier,warehouse,ship_date,region,order_lines,units
                "Fast, ""Freight""",W-1,2025-03-03,R-N,1,5
                "Fast, ""Freight""",W-2,2025-03-04,R-S,12,340

                """#
        )
        #expect(
            DispatchExport(runID: 3, carrier: "X", lines: []).csv()
                == "carrier,warehouse,ship_date,region,order_lines,units\n"
        )
    }

    @Test func jsonHasTheDocumentedKeysNumbersAndDates() throws {
        let expected = #"""
            {"run_id":12,"carrier":"Fast, \"Freight\"","rows":[
              {"carrier":"Fast, \"Freight\"","warehouse":"W-1","ship_date":"2025-03-03","region":"R-N","order_lines":1,"units":5},
              {"carrier":"Fast, \"Freight\"","warehouse":"W-2","ship_date":"2025-03-04","region":"R-S","order_lines":12,"units":340}
            ]}

            """#
        #expect(Self.sample.json() == expected)
        #expect(
            DispatchExport(runID: 3, carrier: "X", lines: []).json() == #"{"run_id":3,"carrier":"X","rows":[]}"# + "\n"
        )
        // It parses as JSON, with integers as numbers.
        let parsed = try #require(
            try JSONSerialization.jsonObject(with: Data(Self.sample.json().utf8)) as? [String: Any]
        )
        let rows = try #require(parsed["rows"] as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows[1]["units"] as? Int == 340)
        #expect(rows[1]["ship_date"] as? String == "2025-03-04")
        #expect(parsed["run_id"] as? Int == 12)
    }
}
