import Foundation
import PlannerCore
import PostgresClient
import Storage
import TestSupport
import Testing

/// Order-level dispatch lines: the query against a real server, the previous published plan a carrier is compared
/// with, the changes, and the pinned CSV and JSON of both exports.
@Suite("Dispatch lines and their changes against a real server")
struct DispatchLineTests {
    static let march3 = Day(year: 2025, month: 3, day: 3)!
    static let march4 = Day(year: 2025, month: 3, day: 4)!
    static let march5 = Day(year: 2025, month: 3, day: 5)!

    static func line(
        _ carrier: String,
        _ warehouse: String,
        _ day: Day,
        _ region: String,
        _ order: String,
        _ number: Int,
        _ sku: String,
        _ quantity: Int,
        promise: Day = march4,
        weight: Double? = nil,
        volume: Double? = nil
    ) -> DispatchLine {
        DispatchLine(
            carrier: carrier,
            warehouse: warehouse,
            shipDate: day,
            region: region,
            orderID: order,
            line: number,
            sku: sku,
            quantity: quantity,
            promiseDate: promise,
            weightKg: weight,
            volumeLitres: volume
        )
    }

    static func table(_ lines: [DispatchLine]) -> OutputTable {
        SampleRun.table(
            "dispatch_lines",
            lines.map {
                [
                    $0.carrier, $0.warehouse, $0.shipDate.description, $0.region, $0.orderID, String($0.line), $0.sku,
                    String($0.quantity), $0.promiseDate.description, $0.weightKg.map { "\($0)" },
                    $0.volumeLitres.map { "\($0)" },
                ]
            }
        )
    }

    /// The run's dispatch_plans as the planner would group these lines (so the carrier is known to the database).
    static func plans(_ lines: [DispatchLine]) -> OutputTable {
        var groups: [[String]: (lines: Int, units: Int)] = [:]
        for line in lines {
            groups[[line.carrier, line.warehouse, line.shipDate.description, line.region], default: (0, 0)].lines += 1
            groups[[line.carrier, line.warehouse, line.shipDate.description, line.region]]!.units += line.quantity
        }
        return SampleRun.table(
            "dispatch_plans",
            groups.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { key in
                key + [String(groups[key]!.lines), String(groups[key]!.units)]
            }
        )
    }

    static func write(
        _ database: PlannerDatabase,
        _ lines: [DispatchLine],
        scenario: String,
        publishes: Bool = true
    ) throws -> Int64 {
        try database.writeRun(
            SampleRun.record(scenario: scenario, publishes: publishes),
            tables: [table(lines), plans(lines)]
        )
    }

    @Test func oneCarriersLinesComeBackInByteOrderWithWeightsWhereKnown() throws {
        let url = try TestCluster.freshDatabase("db_dispatch_lines")
        let database = try PlannerDatabase(url: url)
        try database.migrate()
        let written = [
            Self.line("FastFreight", "W-2", Self.march3, "R-N", "O-10", 1, "SKU-2", 2, weight: 1.5, volume: 4),
            Self.line("SlowBoat", "W-1", Self.march3, "R-N", "O-11", 1, "SKU-1", 5),
            Self.line("FastFreight", "W-2", Self.march3, "R-N", "O-9", 2, "SKU-1", 1, weight: 0.25, volume: 0.5),
            Self.line("FastFreight", "W-10", Self.march4, "R-S", "O-1", 1, "SKU-3", 3),
            Self.line("FastFreight", "W-2", Self.march3, "R-N", "O-9", 1, "SKU-3", 4, promise: Self.march5),
            Self.line("FastFreight", "W-2", Self.march3, "R-E", "O-12", 1, "SKU-1", 1, weight: 0, volume: 0),
        ]
        let run = try Self.write(database, written, scenario: "lines")
        let export = try database.dispatchLineExport(run: .latest, carrier: "FastFreight")
        // Byte order: W-10 before W-2; then ship date; R-E before R-N; O-10 before O-9 (the byte '1' before '9'),
        // then the line number.
        #expect(
            export
                == DispatchLineExport(
                    runID: run,
                    carrier: "FastFreight",
                    lines: [
                        Self.line("FastFreight", "W-10", Self.march4, "R-S", "O-1", 1, "SKU-3", 3),
                        Self.line(
                            "FastFreight",
                            "W-2",
                            Self.march3,
                            "R-E",
                            "O-12",
                            1,
                            "SKU-1",
                            1,
                            weight: 0,
                            volume: 0
                        ),
                        Self.line(
                            "FastFreight",
                            "W-2",
                            Self.march3,
                            "R-N",
                            "O-10",
                            1,
                            "SKU-2",
                            2,
                            weight: 1.5,
                            volume: 4
                        ),
                        Self.line("FastFreight", "W-2", Self.march3, "R-N", "O-9", 1, "SKU-3", 4, promise: Self.march5),
                        Self.line(
                            "FastFreight",
                            "W-2",
                            Self.march3,
                            "R-N",
                            "O-9",
                            2,
                            "SKU-1",
                            1,
                            weight: 0.25,
                            volume: 0.5
                        ),
                    ]
                )
        )
        #expect(try database.dispatchLineExport(run: .id(run), carrier: "SlowBoat").lines.map(\.quantity) == [5])
        #expect(
            throws: PlannerLookupError.unknownCarrier(
                "FastFreigt",
                runID: run,
                carriersInRun: ["FastFreight", "SlowBoat"]
            )
        ) {
            try database.dispatchLineExport(run: .latest, carrier: "FastFreigt")
        }
        // A carrier with an account and nothing in the run: an empty export, not an error.
        try database.grantCarrierAccess(carrier: "NewCo", role: "m8_lines_newco")
        #expect(try database.dispatchLineExport(run: .latest, carrier: "NewCo").lines == [])
        // The table's checks: a line number from 1, a positive quantity, no negative weight or volume.
        for (column, value, constraint) in [
            (5, "0", "dispatch_lines_line_check"), (7, "0", "dispatch_lines_qty_check"),
            (9, "-1", "dispatch_lines_weight_check"), (10, "-0.5", "dispatch_lines_volume_check"),
        ] {
            var row: [String?] = ["X", "W-1", "2025-03-03", "R-N", "O-1", "1", "SKU-1", "1", "2025-03-04", "1", "1"]
            row[column] = value
            let error = #expect(throws: PostgresError.self, "\(constraint)") {
                try database.writeRun(SampleRun.record(), tables: [SampleRun.table("dispatch_lines", [row])])
            }
            #expect(error?.message.contains("\"\(constraint)\"") == true, "\(String(describing: error))")
        }
    }

    @Test func thePreviousPublishedRunIsTheOneSupersededOrForAnUnpublishedRunTheOnePublishedNow() throws {
        let url = try TestCluster.freshDatabase("db_dispatch_previous")
        let database = try PlannerDatabase(url: url)
        try database.migrate()
        let inspector = try PostgresConnection(url: url)
        func previous(_ run: Int64) throws -> Int64? {
            try inspector.query("SELECT planner.previous_published_run_id($1)", parameters: [String(run)])
                .first?[0].flatMap { Int64($0) }
        }
        let lines = [Self.line("FastFreight", "W-1", Self.march3, "R-N", "O-1", 1, "SKU-1", 1)]
        let first = try Self.write(database, lines, scenario: "first")
        #expect(try previous(first) == nil, "the first published run of its date replaced nothing")
        let second = try Self.write(database, lines, scenario: "second")
        #expect(try previous(second) == first)
        let whatIf = try Self.write(database, lines, scenario: "what-if", publishes: false)
        #expect(try previous(whatIf) == second, "not published: compared with the plan carriers have now")
        // Publishing the first run again: the carrier had the second one before it. Republishing clears the first
        // run's superseded_by, so what the second run once replaced is no longer recorded.
        try database.publish(runID: first)
        #expect(try previous(first) == second)
        #expect(try previous(second) == nil)
        #expect(try previous(whatIf) == first)
        #expect(try previous(whatIf + 100) == nil, "an unknown run has none")
    }

    @Test func changesAgainstThePreviousPlanOfTheDate() throws {
        let url = try TestCluster.freshDatabase("db_dispatch_changes")
        let database = try PlannerDatabase(url: url)
        try database.migrate()
        let kept = Self.line("FastFreight", "W-1", Self.march3, "R-N", "O-1", 1, "SKU-1", 2, weight: 1, volume: 2)
        let grows = Self.line("FastFreight", "W-1", Self.march3, "R-N", "O-2", 1, "SKU-2", 1, weight: 0.5, volume: 1)
        let moves = Self.line("FastFreight", "W-1", Self.march3, "R-S", "O-3", 2, "SKU-3", 4)
        let dropped = Self.line("FastFreight", "W-2", Self.march3, "R-S", "O-4", 1, "SKU-1", 1, weight: 0.5)
        let other = Self.line("SlowBoat", "W-1", Self.march3, "R-N", "O-5", 1, "SKU-1", 9)
        let first = try Self.write(database, [kept, grows, moves, dropped, other], scenario: "first")

        // Nothing before the first run: every line of the carrier is added.
        let initial = try database.dispatchLineChanges(run: .latest, carrier: "FastFreight")
        #expect(initial.previousRunID == nil)
        #expect(initial.changes.map(\.kind) == [.added, .added, .added, .added])

        var grown = grows
        grown.quantity = 3
        grown.weightKg = 1.5
        grown.volumeLitres = 3
        var moved = moves
        moved.warehouse = "W-2"
        let added = Self.line("FastFreight", "W-1", Self.march4, "R-N", "O-6", 1, "SKU-2", 1, promise: Self.march5)
        let second = try Self.write(database, [kept, grown, moved, added, other], scenario: "second")
        let changes = try database.dispatchLineChanges(run: .latest, carrier: "FastFreight")
        #expect(changes.runID == second)
        #expect(changes.previousRunID == first)
        #expect(
            changes.changes == [
                DispatchLineChange(kind: .changed, current: grown, previous: grows),
                DispatchLineChange(kind: .removed, current: nil, previous: moves),
                DispatchLineChange(kind: .added, current: added, previous: nil),
                DispatchLineChange(kind: .added, current: moved, previous: nil),
                DispatchLineChange(kind: .removed, current: nil, previous: dropped),
            ]
        )
        let counts: [Int] = [changes.count(.added), changes.count(.removed), changes.count(.changed)]
        #expect(counts == [2, 2, 1])
        // SlowBoat's plan did not change.
        #expect(try database.dispatchLineChanges(run: .latest, carrier: "SlowBoat").changes == [])
        #expect(
            try database.dispatchLineChanges(run: .id(first), carrier: "FastFreight").changes.count == 4,
            "the first run, superseded now, still compares with nothing before it"
        )
        #expect(
            throws: PlannerLookupError.unknownCarrier(
                "Nobody",
                runID: second,
                carriersInRun: ["FastFreight", "SlowBoat"]
            )
        ) {
            try database.dispatchLineChanges(run: .latest, carrier: "Nobody")
        }
    }

    @Test func compareIsAMergeOfTwoSortedSetsThatAddsUpRepeatedLines() {
        let a = Self.line("C", "W", Self.march3, "R", "O-1", 1, "S", 1, weight: 0.5)
        let b = Self.line("C", "W", Self.march3, "R", "O-2", 1, "S", 2)
        var b2 = b
        b2.promiseDate = Self.march5
        // The same lines in another order: no change. A changed promise date alone is a change.
        #expect(DispatchLineChanges.compare(previous: [a, b], current: [b, a]) == [])
        #expect(
            DispatchLineChanges.compare(previous: [a, b], current: [a, b2])
                == [DispatchLineChange(kind: .changed, current: b2, previous: b)]
        )
        // Two rows of one identity are one line of their sum.
        var half = a
        half.quantity = 2
        half.weightKg = 1
        #expect(
            DispatchLineChanges.compare(previous: [a, a], current: [half]) == [],
            "1 + 1 units and 0.5 + 0.5 kg equal one line of 2 units and 1 kg"
        )
        #expect(DispatchLineChanges.compare(previous: [], current: []) == [])
        #expect(DispatchLineChanges.compare(previous: [a], current: []).map(\.kind) == [.removed])
    }

    static let sampleLines = [
        line("Fast, \"Freight\"", "W-1", march3, "R-N", "O-1", 2, "SKU-1", 5, weight: 1.25, volume: 3.5),
        line("Fast, \"Freight\"", "W-1", march3, "R-N", "O-2", 1, "SKU-2", 12),
    ]

    @Test func lineExportCSVAndJSONArePinned() throws {
        let export = DispatchLineExport(runID: 7, carrier: "Fast, \"Freight\"", lines: Self.sampleLines)
        #expect(
            export.csv() == #"""
                carrier,warehouse,ship_date,region,order_id,line,sku,qty,promise_date,weight_kg,volume_l
                "Fast, ""Freight""",W-1,2025-03-03,R-N,O-1,2,SKU-1,5,2025-03-04,1.25,3.5
                "Fast, ""Freight""",W-1,2025-03-03,R-N,O-2,1,SKU-2,12,2025-03-04,,

                """#
        )
        #expect(
            export.json() == #"""
                {"run_id":7,"carrier":"Fast, \"Freight\"","rows":[
                  {"carrier":"Fast, \"Freight\"","warehouse":"W-1","ship_date":"2025-03-03","region":"R-N","order_id":"O-1","line":2,"sku":"SKU-1","qty":5,"promise_date":"2025-03-04","weight_kg":1.25,"volume_l":3.5},
                  {"carrier":"Fast, \"Freight\"","warehouse":"W-1","ship_date":"2025-03-03","region":"R-N","order_id":"O-2","line":1,"sku":"SKU-2","qty":12,"promise_date":"2025-03-04","weight_kg":null,"volume_l":null}
                ]}

                """#
        )
        #expect(
            DispatchLineExport(runID: 3, carrier: "X", lines: []).csv() == DispatchLineExport.columns.joined(
                separator: ","
            ) + "\n"
        )
        #expect(
            DispatchLineExport(runID: 3, carrier: "X", lines: []).json() == #"{"run_id":3,"carrier":"X","rows":[]}"#
                + "\n"
        )
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(export.json().utf8)) as? [String: Any])
        let rows = try #require(parsed["rows"] as? [[String: Any]])
        #expect(rows.map { Set($0.keys) } == Array(repeating: Set(DispatchLineExport.columns), count: 2))
        #expect(rows[0]["weight_kg"] as? Double == 1.25)
        #expect(rows[1]["weight_kg"] is NSNull)
    }

    @Test func changesCSVAndJSONArePinned() {
        let (old, new) = (Self.sampleLines[0], Self.sampleLines[1])
        var grown = old
        grown.quantity = 6
        grown.weightKg = 1.5
        let changes = DispatchLineChanges(
            runID: 8,
            previousRunID: 7,
            carrier: "Fast, \"Freight\"",
            changes: [
                DispatchLineChange(kind: .changed, current: grown, previous: old),
                DispatchLineChange(kind: .added, current: new, previous: nil),
                DispatchLineChange(kind: .removed, current: nil, previous: old),
            ]
        )
        #expect(
            changes.csv() == #"""
                change,carrier,warehouse,ship_date,region,order_id,line,sku,qty,previous_qty,promise_date,previous_promise_date,weight_kg,previous_weight_kg,volume_l,previous_volume_l
                changed,"Fast, ""Freight""",W-1,2025-03-03,R-N,O-1,2,SKU-1,6,5,2025-03-04,2025-03-04,1.5,1.25,3.5,3.5
                added,"Fast, ""Freight""",W-1,2025-03-03,R-N,O-2,1,SKU-2,12,,2025-03-04,,,,,
                removed,"Fast, ""Freight""",W-1,2025-03-03,R-N,O-1,2,SKU-1,,5,,2025-03-04,,1.25,,3.5

                """#
        )
        #expect(
            changes.json() == #"""
                {"run_id":8,"previous_run_id":7,"carrier":"Fast, \"Freight\"","added":1,"removed":1,"changed":1,"rows":[
                  {"change":"changed","carrier":"Fast, \"Freight\"","warehouse":"W-1","ship_date":"2025-03-03","region":"R-N","order_id":"O-1","line":2,"sku":"SKU-1","qty":6,"previous_qty":5,"promise_date":"2025-03-04","previous_promise_date":"2025-03-04","weight_kg":1.5,"previous_weight_kg":1.25,"volume_l":3.5,"previous_volume_l":3.5},
                  {"change":"added","carrier":"Fast, \"Freight\"","warehouse":"W-1","ship_date":"2025-03-03","region":"R-N","order_id":"O-2","line":1,"sku":"SKU-2","qty":12,"previous_qty":null,"promise_date":"2025-03-04","previous_promise_date":null,"weight_kg":null,"previous_weight_kg":null,"volume_l":null,"previous_volume_l":null},
                  {"change":"removed","carrier":"Fast, \"Freight\"","warehouse":"W-1","ship_date":"2025-03-03","region":"R-N","order_id":"O-1","line":2,"sku":"SKU-1","qty":null,"previous_qty":5,"promise_date":null,"previous_promise_date":"2025-03-04","weight_kg":null,"previous_weight_kg":1.25,"volume_l":null,"previous_volume_l":3.5}
                ]}

                """#
        )
        #expect(
            DispatchLineChanges(runID: 2, previousRunID: nil, carrier: "X", changes: []).json()
                == #"{"run_id":2,"previous_run_id":null,"carrier":"X","added":0,"removed":0,"changed":0,"rows":[]}"#
                + "\n"
        )
    }
}
