import Foundation
import PlannerCore
import PostgresClient
import Storage
import TestSupport
import Testing

/// What the scheduler signals read from the database: the published plan new stock-outs are compared with, a
/// stored run's figures, and the migration that added dispatch lines and alerts to an existing database.
@Suite("Alerts and dispatch lines in storage, against a real server")
struct SignalsStorageTests {
    static func record(
        _ kind: RunKind,
        _ date: Day,
        publishes: Bool,
        summary: String = #"{"allocated_units": 9, "unfilled_units": 1}"#
    ) -> RunRecord {
        RunRecord(
            kind: kind,
            scenario: "\(kind.rawValue)-\(date)",
            planDate: date,
            startedAt: SampleRun.startedAt,
            summaryJSON: summary,
            publishes: publishes
        )
    }

    static func shortfalls(_ pairs: [(sku: String, warehouse: String, abc: String)]) -> OutputTable {
        SampleRun.table(
            "supply_shortfalls",
            pairs.map {
                [$0.sku, $0.warehouse, $0.abc, "lead_time", "2025-03-06", "2025-03-07", nil, "2", "5", "0", nil]
            }
        )
    }

    @Test func newStockOutsAreComparedWithTheNewestPublishedPlanRunUpToTheDate() throws {
        let url = try TestCluster.freshDatabase("db_alert_baseline")
        let database = try PlannerDatabase(url: url)
        try database.migrate()
        let (march2, march3, march4) = (
            Day(year: 2025, month: 3, day: 2)!, Day(year: 2025, month: 3, day: 3)!, Day(year: 2025, month: 3, day: 4)!
        )
        #expect(try database.publishedAClassShortfalls(onOrBefore: march3) == nil)
        let older = try database.writeRun(
            Self.record(.plan, march2, publishes: true),
            tables: [Self.shortfalls([("S1", "W1", "A"), ("S2", "W1", "B")])]
        )
        let found = try #require(try database.publishedAClassShortfalls(onOrBefore: march3))
        #expect(found.runID == older)
        #expect(found.pairs == [["S1", "W1"]], "A-class only")
        // An unpublished plan, an allocate run and a later date do not count; a published plan of the date does.
        _ = try database.writeRun(
            Self.record(.plan, march3, publishes: false),
            tables: [Self.shortfalls([("S9", "W9", "A")])]
        )
        _ = try database.writeRun(Self.record(.allocate, march3, publishes: true), tables: [])
        _ = try database.writeRun(
            Self.record(.plan, march4, publishes: true),
            tables: [Self.shortfalls([("S8", "W8", "A")])]
        )
        #expect(try database.publishedAClassShortfalls(onOrBefore: march3)?.runID == older)
        let current = try database.writeRun(
            Self.record(.plan, march3, publishes: true),
            tables: [Self.shortfalls([("S3", "W2", "A"), ("S3", "W2", "A"), ("S4", "W1", "A")])]
        )
        let now = try #require(try database.publishedAClassShortfalls(onOrBefore: march3))
        #expect(now.runID == current)
        #expect(now.pairs == [["S3", "W2"], ["S4", "W1"]])
    }

    @Test func aStoredRunsFiguresAreItsSummaryKPIsRowCountsAndAlerts() throws {
        let url = try TestCluster.freshDatabase("db_stored_figures")
        let database = try PlannerDatabase(url: url)
        try database.migrate()
        let summary =
            #"{"allocated_units": 1195, "unfilled_units": 61, "alerts": {"fill_rate": 1, "unfilled_units": 0}}"#
        let kpis = SampleRun.table(
            "service_kpis",
            [
                ["R-b", "10", "5", "3", "1", "0.5", "0.25", nil, nil, "0", "2"],
                [nil, "30", "25", "9", "7", "0.8333333333333334", "0.7", nil, nil, "0", "8"],
                ["R-A", "20", "20", "6", "6", "1", "1", nil, nil, "0", "6"],
            ]
        )
        let run = try database.writeRun(
            Self.record(.allocate, SampleRun.planDate, publishes: true, summary: summary),
            tables: [kpis, SampleRun.table("unfilled_lines", [["O-1", "S1", "R-b", "61", "no_stock"]])]
        )
        let figures = try database.storedRunFigures(run)
        #expect(figures.allocatedUnits == 1195)
        #expect(figures.unfilledUnits == 61)
        #expect(figures.rowCounts == ["service_kpis": 3, "unfilled_lines": 1])
        #expect(figures.alertBreaches == ["fill_rate": 1, "unfilled_units": 0])
        // Regions in byte order (upper case first), the row over all regions last.
        #expect(figures.nextDayShares.map(\.region) == ["R-A", "R-b", nil])
        #expect(figures.nextDayShares.map(\.share) == [1, 0.5, 0.8333333333333334])
        #expect(throws: PlannerLookupError.unknownRun(run + 1)) { try database.storedRunFigures(run + 1) }
        // A run without alerts in its summary made no check.
        let quiet = try database.writeRun(Self.record(.allocate, SampleRun.planDate, publishes: false), tables: [])
        #expect(try database.storedRunFigures(quiet).alertBreaches == [:])
    }

    /// Version 9 adds dispatch lines and alerts; a database of version 8 upgrades through it and every later one.
    @Test func aDatabaseWithoutDispatchLinesUpgradesAndItsRunsStayReadable() throws {
        let url = try TestCluster.freshDatabase("db_upgrade_dispatch_lines")
        let database = try PlannerDatabase(url: url)
        let version = 9
        #expect(try database.migrate(throughVersion: version - 1) == Array(1...(version - 1)))
        let inspector = try PostgresConnection(url: url)
        #expect(try inspector.query("SELECT to_regclass('planner.dispatch_lines') IS NULL") == [["t"]])
        let newTables: Set<String> = ["dispatch_lines", "alerts"]
        let existing = try Set(
            inspector.query("SELECT tablename FROM pg_tables WHERE schemaname = 'planner'").compactMap { $0[0] }
        )
        let old = try database.writeRun(
            SampleRun.record(scenario: "before"),
            tables: SampleRun.tables.filter { existing.contains($0.name) }
        )
        #expect(!existing.contains { newTables.contains($0) })
        #expect(try database.migrate() == PlannerDatabase.schemaVersions.filter { $0 >= version })
        // The old run is readable through the new reads: known carrier, no lines, no alerts.
        #expect(try database.dispatchLineExport(run: .id(old), carrier: "FastFreight").lines == [])
        #expect(try database.dispatchLineChanges(run: .id(old), carrier: "FastFreight").changes == [])
        #expect(try database.dispatchExport(run: .latest, carrier: "FastFreight").runID == old)
        #expect(try database.storedRunFigures(old).alertBreaches == [:])
        // A new run writes the new tables next to it; deleting the old run drops only its partitions.
        let new = try database.writeRun(SampleRun.record(scenario: "after"), tables: SampleRun.tables)
        #expect(try database.rowCount(table: "dispatch_lines", runID: new) == 2)
        #expect(try database.rowCount(table: "alerts", runID: new) == 2)
        try inspector.execute("DELETE FROM planner.runs WHERE run_id = \(old)")
        #expect(
            try inspector.query(
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = 'planner_runs' AND c.relname LIKE '%\\_\(old)'"
            ) == [["0"]]
        )
        #expect(try database.rowCount(table: "dispatch_lines", runID: new) == 2)
        // The alert CHECK lists AlertKind's cases, and only those.
        let error = #expect(throws: PostgresError.self) {
            try database.writeRun(
                SampleRun.record(),
                tables: [SampleRun.table("alerts", [["fill_rates", nil, nil, nil, nil, "0.9", "0.95", "x"]])]
            )
        }
        #expect(error?.message.contains("\"alerts_alert_check\"") == true)
        let check = try inspector.query(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'alerts_alert_check'"
        ).first?[0]
        for kind in AlertKind.allCases {
            #expect(check?.contains("'\(kind.rawValue)'") == true, "\(kind)")
        }
    }
}
