import Foundation
import PlannerCore
import PostgresClient
import Storage
import TestSupport
import Testing

@Suite("PlannerDatabase against a real server")
struct PlannerDatabaseTests {
    /// A migrated database of its own, and a raw connection to inspect it.
    private func migratedDatabase(_ name: String) throws -> (PlannerDatabase, PostgresConnection) {
        let url = try TestCluster.freshDatabase(name)
        let database = try PlannerDatabase(url: url)
        try database.migrate()
        return (database, try PostgresConnection(url: url))
    }

    @Test func migrateIsIdempotentAndCreatesEveryTable() throws {
        let url = try TestCluster.freshDatabase("db_migrate")
        let database = try PlannerDatabase(url: url)
        #expect(try database.migrate() == PlannerDatabase.schemaVersions.filter { $0 >= 1 })
        #expect(try database.migrate() == [])

        let inspector = try PostgresConnection(url: url)
        for table in PlannerSchema.outputTables {
            let columns = try inspector.query(
                """
                SELECT column_name, is_nullable FROM information_schema.columns
                WHERE table_schema = 'planner' AND table_name = $1 ORDER BY ordinal_position
                """,
                parameters: [table.name]
            )
            #expect(columns.map { $0[0] } == (["run_id"] + table.columns).map { Optional($0) }, "\(table.name)")
            let nullable = Set(columns.filter { $0[1] == "YES" }.compactMap { $0[0] })
            #expect(nullable == table.nullableColumns, "nullable columns of \(table.name)")
            let comment = try inspector.query(
                "SELECT obj_description(('planner.' || $1)::regclass, 'pg_class')",
                parameters: [table.name]
            )
            #expect(comment.first?[0]?.isEmpty == false, "comment on \(table.name)")
        }
        let runColumns = try inspector.query(
            """
            SELECT column_name FROM information_schema.columns
            WHERE table_schema = 'planner' AND table_name = 'runs' ORDER BY ordinal_position
            """
        )
        #expect(
            runColumns.map { $0[0] ?? "" }
                == [
                    "run_id", "kind", "scenario", "plan_date", "status", "started_at", "finished_at", "summary",
                    "purpose", "published", "published_at", "superseded_by", "fingerprint", "planner_build",
                    "configuration", "scenario_definition", "row_counts",
                ]
        )
        let migrations = try inspector.query("SELECT version, name FROM planner.schema_migrations ORDER BY version")
        #expect(
            migrations == [
                ["1", "runs and output tables"], ["2", "forecast quantiles and models"],
                ["3", "inventory classes, policy methods, shortfalls"],
                ["4", "allocation explanations, service KPIs, solves, partner access"],
                ["5", "whole units in 64 bits"], ["6", "run lifecycle, one partition per run"],
                ["7", "returns forecast"],
                ["8", "one allocation model: typed solver paths, horizon, explained ship days, presale"],
                ["9", "dispatch lines, alerts"],
                ["10", "inventory health, stress test, operating KPIs"],
                ["11", "staged forecasts of sharded plans"],
                ["12", "allocation rules: enforced next-day targets, drop-ship"],
            ]
        )
        #expect(try inspector.query("SELECT count(*) FROM planner.latest_dispatch_plans") == [["0"]])
    }

    @Test func twoPlannersMigratingAtOnceApplyEachMigrationOnce() throws {
        let url = try TestCluster.freshDatabase("db_migrate_race")
        final class Results: @unchecked Sendable {  // guarded by lock
            let lock = NSLock()
            var applied: [[Int]] = []
            var errors: [String] = []
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            do {
                let applied = try PlannerDatabase(url: url).migrate()
                results.lock.withLock { results.applied.append(applied) }
            } catch {
                results.lock.withLock { results.errors.append("\(error)") }
            }
        }
        #expect(results.errors == [])
        #expect(results.applied.flatMap { $0 } == PlannerDatabase.schemaVersions.filter { $0 >= 1 })
    }

    @Test func writeRunStoresEveryTableAsOneCompleteRun() throws {
        let (database, inspector) = try migratedDatabase("db_write")
        let runID = try database.writeRun(SampleRun.record(), tables: SampleRun.tables)

        let runs = try database.runs(RunFilter(limit: 10))
        #expect(runs.count == 1)
        let run = try #require(runs.first)
        #expect(run.runID == runID)
        #expect(run.kind == .plan)
        #expect(run.scenario == "baseline")
        #expect(run.planDate == SampleRun.planDate)
        #expect(run.status == .complete)
        #expect(abs(run.startedAt.timeIntervalSince1970 - SampleRun.startedAt.timeIntervalSince1970) < 1e-6)
        #expect(run.finishedAt > run.startedAt)
        for table in SampleRun.tables {
            #expect(try database.rowCount(table: table.name, runID: runID) == table.rowCount, "\(table.name)")
        }
        let summary = try inspector.query("SELECT summary->>'unfilled_units' FROM planner.runs")
        #expect(summary == [["2"]])
        let backup = try inspector.query(
            """
            SELECT supplier, role, rank, arrival_date, unit_cost, projected_stockout_date::text
            FROM planner.supplier_plans WHERE warehouse = 'W-2'
            """
        )
        #expect(backup == [[nil, nil, nil, nil, nil, "2025-03-06"]])
        let forecastUnits = try inspector.query(
            "SELECT sum(units) FROM planner.forecasts WHERE run_id = $1",
            parameters: [String(runID)]
        )
        #expect(forecastUnits == [["12.5"]])
        let quantiles = try inspector.query(
            "SELECT sum(p50), sum(p80), sum(p95) FROM planner.forecasts WHERE run_id = $1",
            parameters: [String(runID)]
        )
        #expect(quantiles == [["11", "16.25", "21.5"]])
        let models = try inspector.query(
            """
            SELECT sku, adi, backtest_bias, error_sd_28d, event_factors FROM planner.forecast_models
            WHERE run_id = $1 ORDER BY sku
            """,
            parameters: [String(runID)]
        )
        #expect(
            models == [
                ["SKU-1", "1.04", "-0.4", "16.4", "black_friday=3.91;peak_week=2.02"],
                ["SKU-2", nil, nil, nil, ""],
            ]
        )
        let latest = try inspector.query("SELECT run_id, carrier, units FROM planner.latest_dispatch_plans")
        #expect(latest == [[String(runID), "FastFreight", "5"]])
    }

    @Test func deletingARunDeletesItsRowsInEveryTableAndKeepsTheOthers() throws {
        let (database, inspector) = try migratedDatabase("db_delete_run")
        let first = try database.writeRun(SampleRun.record(scenario: "first"), tables: SampleRun.tables)
        let second = try database.writeRun(SampleRun.record(scenario: "second"), tables: SampleRun.tables)
        try inspector.execute("DELETE FROM planner.runs WHERE run_id = \(first)")
        for table in SampleRun.tables {
            #expect(try database.rowCount(table: table.name, runID: first) == 0, "\(table.name)")
            #expect(try database.rowCount(table: table.name, runID: second) == table.rowCount, "\(table.name)")
        }
    }

    @Test func theLatestDispatchViewFollowsTheNewestRun() throws {
        let (database, inspector) = try migratedDatabase("db_latest")
        let first = try database.writeRun(
            SampleRun.record(scenario: "first", publishes: true),
            tables: SampleRun.tables
        )
        let second = try database.writeRun(
            SampleRun.record(scenario: "second", publishes: true),
            tables: SampleRun.tables
        )
        #expect(second > first)
        #expect(try database.runs(RunFilter(limit: 10)).map(\.runID) == [second, first])
        #expect(try database.runs(RunFilter(limit: 1)).map(\.scenario) == ["second"])
        #expect(try inspector.query("SELECT DISTINCT run_id FROM planner.latest_dispatch_plans") == [[String(second)]])
    }

    @Test func aTableThatThrowsMidwayLeavesNoRunAndNoRows() throws {
        struct GeneratorFailed: Error {}
        let (database, inspector) = try migratedDatabase("db_rollback")
        let kept = try database.writeRun(SampleRun.record(scenario: "kept"), tables: SampleRun.tables)

        let columns = try #require(PlannerSchema.outputTable(named: "dispatch_plans")).columns
        let failing = OutputTable(name: "dispatch_plans", columns: columns, rowCount: 3) { emit in
            try emit(["FastFreight", "W-1", "2025-03-03", "R-N", "1", "5"])
            try emit(["FastFreight", "W-1", "2025-03-03", "R-S", "2", "7"])
            throw GeneratorFailed()
        }
        #expect(throws: GeneratorFailed.self) {
            try database.writeRun(
                SampleRun.record(scenario: "lost"),
                tables: SampleRun.tables.filter { $0.name != "dispatch_plans" } + [failing]
            )
        }
        #expect(try database.runs(RunFilter(limit: 10)).map(\.runID) == [kept])
        for table in PlannerSchema.outputTables {
            let total = try inspector.query("SELECT count(*) FROM planner.\(table.name)")
            let expected = SampleRun.tables.first { $0.name == table.name }!.rowCount
            #expect(total == [[String(expected)]], "\(table.name) holds only the kept run's rows")
        }
        // The connection is still usable: the next run goes through.
        let next = try database.writeRun(SampleRun.record(scenario: "next"), tables: SampleRun.tables)
        #expect(try database.runs(RunFilter(limit: 10)).map(\.scenario) == ["next", "kept"])
        #expect(next > kept)
    }

    @Test func aValueTheServerRejectsRollsTheRunBack() throws {
        let (database, _) = try migratedDatabase("db_bad_value")
        let badDate = SampleRun.table("dispatch_plans", [["FastFreight", "W-1", "2025-02-30", "R-N", "1", "5"]])
        #expect {
            try database.writeRun(SampleRun.record(), tables: [SampleRun.tables[0], badDate])
        } throws: { error in
            (error as? PostgresError)?.sqlState == "22008"  // datetime_field_overflow
        }
        let negative = SampleRun.table(
            "allocations",
            [["O-1", "SKU-1", "W-1", "R-N", "0", "1", "0.85", nil, nil, nil, nil]]
        )
        #expect {
            try database.writeRun(SampleRun.record(), tables: [negative])
        } throws: { error in
            (error as? PostgresError)?.sqlState == "23514"  // check_violation: qty > 0
        }
        #expect(try database.runs(RunFilter(limit: 10)).isEmpty)
    }

    @Test func unknownTablesAndMismatchedColumnsAreRejectedBeforeAnythingIsWritten() throws {
        final class Probe: @unchecked Sendable {  // written only before the assertions read it
            var rowsRequested = false
        }
        let probe = Probe()
        let (database, inspector) = try migratedDatabase("db_reject")
        let unknown = OutputTable(name: "shipments", columns: ["id"], rowCount: 1) { emit in
            probe.rowsRequested = true
            try emit(["1"])
        }
        #expect {
            try database.writeRun(SampleRun.record(), tables: SampleRun.tables + [unknown])
        } throws: { error in
            (error as? StorageError)?.message.contains("unknown output table 'shipments'") == true
        }
        var reordered = SampleRun.tables[0]
        reordered.columns = ["region", "sku", "date", "units", "model", "p50", "p80", "p95"]
        #expect(throws: StorageError.self) {
            try database.writeRun(SampleRun.record(), tables: [reordered])
        }
        // A table given twice would need two partitions of one name (the kind is a typed RunKind: no wrong one).
        #expect(throws: StorageError.self) {
            try database.writeRun(SampleRun.record(), tables: [SampleRun.tables[0], SampleRun.tables[0]])
        }
        #expect(probe.rowsRequested == false)
        #expect(try database.runs(RunFilter(limit: 10)).isEmpty)
        // Nothing was even attempted: the identity sequence was never advanced.
        let sequence = try inspector.query(
            "SELECT last_value, is_called FROM planner.runs_run_id_seq"
        )
        #expect(sequence.first?[1] == "f")
    }

    @Test func aRowOfTheWrongWidthIsAClearErrorAndRollsBack() throws {
        let (database, _) = try migratedDatabase("db_width")
        let short = SampleRun.table("unfilled_lines", [["O-3", "SKU-1", "R-N", "2", "x"], ["O-4", "SKU-1"]])
        #expect {
            try database.writeRun(SampleRun.record(), tables: [short])
        } throws: { error in
            (error as? StorageError)?.message == "output table 'unfilled_lines' row 2 has 2 values, expected 5"
        }
        #expect(try database.runs(RunFilter(limit: 10)).isEmpty)
    }

    @Test func aSchemaOneDatabaseUpgradesInPlaceAndKeepsItsRunsReadable() throws {
        let url = try TestCluster.freshDatabase("db_upgrade_1_2")
        let database = try PlannerDatabase(url: url)
        #expect(try database.migrate(throughVersion: 1) == [1])
        let inspector = try PostgresConnection(url: url)
        // A run as a schema-1 planner wrote it: forecasts without quantiles, and no forecast_models table.
        #expect(
            try inspector.query("SELECT to_regclass('planner.forecast_models') IS NULL") == [["t"]]
        )
        let old = try #require(
            try inspector.query(
                """
                INSERT INTO planner.runs (kind, scenario, plan_date, status, started_at, finished_at, summary)
                VALUES ('plan', 'schema-1', '2025-03-03', 'complete', now(), now(), '{}') RETURNING run_id
                """
            ).first?[0]
        )
        try inspector.execute(
            """
            INSERT INTO planner.forecasts (run_id, sku, region, date, units, model) VALUES
                (\(old), 'SKU-1', 'R-N', '2025-03-03', 12.5, 'level_dow'),
                (\(old), 'SKU-1', 'R-N', '2025-03-04', 0, 'level_dow');
            INSERT INTO planner.dispatch_plans VALUES (\(old), 'FastFreight', 'W-1', '2025-03-03', 'R-N', 1, 5);
            """
        )

        #expect(try database.migrate() == PlannerDatabase.schemaVersions.filter { $0 >= 2 })
        #expect(try database.migrate() == [])
        let columns = try inspector.query(
            """
            SELECT column_name, data_type, is_nullable FROM information_schema.columns
            WHERE table_schema = 'planner' AND table_name = 'forecasts' AND column_name LIKE 'p%'
            ORDER BY ordinal_position
            """
        )
        #expect(
            columns == [
                ["p50", "double precision", "NO"], ["p80", "double precision", "NO"],
                ["p95", "double precision", "NO"],
            ]
        )
        // Old forecast rows read back unchanged, with every quantile equal to their units.
        let oldForecasts = try inspector.query(
            "SELECT date::text, units, model, p50, p80, p95 FROM planner.forecasts WHERE run_id = $1 ORDER BY date",
            parameters: [old]
        )
        #expect(
            oldForecasts == [
                ["2025-03-03", "12.5", "level_dow", "12.5", "12.5", "12.5"],
                ["2025-03-04", "0", "level_dow", "0", "0", "0"],
            ]
        )
        let oldID = try #require(Int64(old))
        #expect(try database.runs(RunFilter(limit: 10)).map(\.scenario) == ["schema-1"])
        #expect(try database.rowCount(table: "forecasts", runID: oldID) == 2)
        #expect(try database.rowCount(table: "forecast_models", runID: oldID) == 0)
        #expect(try inspector.query("SELECT run_id::text, units FROM planner.latest_dispatch_plans") == [[old, "5"]])

        // A new run writes every table of the current schema next to it; deleting the old run removes
        // only its rows (its forecasts through the trigger of migration 1).
        let new = try database.writeRun(SampleRun.record(scenario: "schema-2"), tables: SampleRun.tables)
        try inspector.execute("DELETE FROM planner.runs WHERE run_id = \(old)")
        #expect(try database.rowCount(table: "forecasts", runID: oldID) == 0)
        for table in SampleRun.tables {
            #expect(try database.rowCount(table: table.name, runID: new) == table.rowCount, "\(table.name)")
        }
    }

    @Test func forecastQuantilesAreRequiredInNewRows() throws {
        let (database, _) = try migratedDatabase("db_quantiles_required")
        let missing = SampleRun.table("forecasts", [["SKU-1", "R-N", "2025-03-03", "12.5", "ses", "11", nil, "21.5"]])
        #expect {
            try database.writeRun(SampleRun.record(), tables: [missing])
        } throws: { error in
            (error as? PostgresError)?.sqlState == "23502"  // not_null_violation
        }
        let duplicateSKU = SampleRun.table(
            "forecast_models",
            [
                ["SKU-1", "smooth", "1", "0", "ses", "", nil, nil, nil, nil, nil, nil, nil, nil, ""],
                ["SKU-1", "lumpy", "3", "1", "tsb", "", nil, nil, nil, nil, nil, nil, nil, nil, ""],
            ]
        )
        #expect {
            try database.writeRun(SampleRun.record(), tables: [duplicateSKU])
        } throws: { error in
            (error as? PostgresError)?.sqlState == "23505"  // unique_violation: one row per (run, sku)
        }
        #expect(try database.runs(RunFilter(limit: 10)).isEmpty)
    }
}
