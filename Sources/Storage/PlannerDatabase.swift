import Foundation
import PlannerCore
import PostgresClient

/// The planner's tables in one PostgreSQL database: schema migrations, and runs written atomically.
///
/// Owns one `PostgresConnection`; like it, not `Sendable`: use it from one thread at a time.
public final class PlannerDatabase {
    let connection: PostgresConnection

    /// Key of the transaction-level advisory lock that serialises migrations ("SPLN" in ASCII).
    static let migrationLockKey: Int64 = 0x5350_4C4E

    public init(url: String) throws {
        self.connection = try PostgresConnection(url: url)
    }

    public init(settings: ConnectionSettings) throws {
        self.connection = try PostgresConnection(settings: settings)
    }

    /// The newest migration applied, or nil when the planner's schema is not there yet.
    public func schemaVersion() throws -> Int? {
        let exists = try connection.query("SELECT to_regclass('planner.schema_migrations') IS NOT NULL")
        guard exists.first?[0] == "t" else { return nil }
        let newest = try connection.query("SELECT max(version) FROM planner.schema_migrations")
        return newest.first?[0].flatMap { Int($0) }
    }

    /// The newest migration this planner knows.
    public static var latestSchemaVersion: Int { Migrations.all.map(\.version).max() ?? 0 }

    /// Applies every migration not yet recorded in `planner.schema_migrations` and returns their versions,
    /// ascending (empty when the schema is current). All of it runs in one transaction under
    /// `pg_advisory_xact_lock`, so two planners migrating at once apply each migration exactly once.
    ///
    /// `lastVersion` stops at that version (for upgrade tests and staged rollouts); `writeRun` needs them all.
    @discardableResult
    public func migrate(throughVersion lastVersion: Int = .max) throws -> [Int] {
        try connection.transaction {
            try connection.execute("SELECT pg_advisory_xact_lock(\(Self.migrationLockKey))")
            try connection.execute(
                """
                CREATE SCHEMA IF NOT EXISTS planner;
                CREATE TABLE IF NOT EXISTS planner.schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL
                );
                """
            )
            let applied = Set(
                try connection.query("SELECT version FROM planner.schema_migrations").compactMap { row in
                    row[0].flatMap { Int($0) }
                }
            )
            var appliedNow: [Int] = []
            for migration in Migrations.all.sorted(by: { $0.version < $1.version })
            where !applied.contains(migration.version) && migration.version <= lastVersion {
                try connection.execute(migration.sql)
                _ = try connection.query(
                    "INSERT INTO planner.schema_migrations (version, name, applied_at) VALUES ($1, $2, now())",
                    parameters: [String(migration.version), migration.name]
                )
                appliedNow.append(migration.version)
            }
            return appliedNow
        }
    }

    /// Writes a run and all its output tables in ONE transaction and returns the new `run_id`.
    ///
    /// The run row is inserted with status `complete`, each table is streamed with COPY (`run_id` prepended
    /// to every row), and `finished_at` is set just before COMMIT. Any error rolls everything back and is
    /// rethrown, so a partial run is never visible (a crash mid-write leaves nothing: nothing was committed).
    /// A table may leave out nullable columns (COPY names the columns it sends; the rest are NULL), as a
    /// writer made before a migration added them does; its columns keep `PlannerSchema`'s order. Unknown
    /// table names, columns out of that order, unknown or repeated, a missing NOT NULL column, and unknown
    /// kinds are refused before anything is sent.
    ///
    /// `beforeCommit` runs inside the transaction with the new run's id, after every row is written: what it
    /// throws rolls the run back, so whatever it does (writing the `--out` files) happens only for a run that
    /// is then committed, or its failure leaves no run.
    @discardableResult
    public func writeRun(
        _ run: RunRecord,
        tables: [OutputTable],
        beforeCommit: (Int64) throws -> Void = { _ in }
    ) throws -> Int64 {
        try Self.validate(run, tables: tables)
        return try connection.transaction {
            let inserted = try connection.query(
                """
                INSERT INTO planner.runs (kind, scenario, plan_date, status, started_at, finished_at, summary)
                VALUES ($1, $2, $3::date, 'complete', to_timestamp($4::double precision), clock_timestamp(), $5::jsonb)
                RETURNING run_id
                """,
                parameters: [
                    run.kind, run.scenario, run.planDate.description, String(run.startedAt.timeIntervalSince1970),
                    run.summaryJSON,
                ]
            )
            guard let text = inserted.first?[0], let runID = Int64(text) else {
                throw StorageError("INSERT INTO planner.runs returned no run_id")
            }
            for table in tables {
                try copy(table, runID: text)
            }
            // The summary is written before the id exists: a summary object gets its run_id set here.
            _ = try connection.query(
                """
                UPDATE planner.runs SET finished_at = clock_timestamp(),
                    summary = CASE WHEN jsonb_typeof(summary) = 'object'
                                   THEN jsonb_set(summary, '{run_id}', to_jsonb(run_id)) ELSE summary END
                WHERE run_id = $1
                """,
                parameters: [text]
            )
            try beforeCommit(runID)
            return runID
        }
    }

    /// The newest runs first (by run_id), at most `limit`.
    public func runs(limit: Int) throws -> [RunSummaryRow] {
        let rows = try connection.query(
            """
            SELECT run_id, kind, scenario, plan_date::text, status,
                   extract(epoch FROM started_at)::double precision, extract(epoch FROM finished_at)::double precision
            FROM planner.runs ORDER BY run_id DESC LIMIT $1
            """,
            parameters: [String(max(0, limit))]
        )
        return try rows.map { row in
            guard row.count == 7, let runID = row[0].flatMap({ Int64($0) }), let kind = row[1],
                let scenario = row[2], let planDate = row[3].flatMap({ Day(iso: $0) }), let status = row[4],
                let started = row[5].flatMap({ Double($0) }), let finished = row[6].flatMap({ Double($0) })
            else {
                throw StorageError("unreadable row of planner.runs: \(row)")
            }
            return RunSummaryRow(
                runID: runID,
                kind: kind,
                scenario: scenario,
                planDate: planDate,
                status: status,
                startedAt: Date(timeIntervalSince1970: started),
                finishedAt: Date(timeIntervalSince1970: finished)
            )
        }
    }

    /// Rows of output table `table` (a `PlannerSchema` name) that belong to run `runID`.
    public func rowCount(table: String, runID: Int64) throws -> Int {
        guard PlannerSchema.outputTable(named: table) != nil else {
            throw StorageError("unknown output table '\(table)'")
        }
        let target = quoteIdentifier([PlannerSchema.schemaName, table])
        let rows = try connection.query(
            "SELECT count(*) FROM \(target) WHERE run_id = $1",
            parameters: [String(runID)]
        )
        guard let text = rows.first?[0], let count = Int(text) else {
            throw StorageError("count(*) of \(target) returned nothing")
        }
        return count
    }

    // MARK: - Private

    static let kinds: Set<String> = ["plan", "allocate"]

    static func validate(_ run: RunRecord, tables: [OutputTable]) throws {
        guard kinds.contains(run.kind) else {
            throw StorageError("run kind '\(run.kind)' is not one of plan, allocate")
        }
        for table in tables {
            guard let schema = PlannerSchema.outputTable(named: table.name) else {
                let known = PlannerSchema.outputTables.map(\.name).joined(separator: ", ")
                throw StorageError("unknown output table '\(table.name)' (known: \(known))")
            }
            guard isInOrder(table.columns, within: schema.columns) else {
                throw StorageError(
                    "output table '\(table.name)' has columns \(table.columns.joined(separator: ", ")); "
                        + "planner.\(table.name) expects \(schema.columns.joined(separator: ", ")) "
                        + "(in this order; nullable ones may be left out)"
                )
            }
            let missing = schema.requiredColumns.filter { !table.columns.contains($0) }
            guard missing.isEmpty else {
                throw StorageError(
                    "output table '\(table.name)' lacks \(missing.joined(separator: ", ")), "
                        + "which planner.\(table.name) requires (NOT NULL)"
                )
            }
        }
    }

    /// Whether `columns` are distinct members of `schemaColumns`, in the same relative order.
    static func isInOrder(_ columns: [String], within schemaColumns: [String]) -> Bool {
        var remaining = schemaColumns[...]
        for column in columns {
            guard let position = remaining.firstIndex(of: column) else { return false }
            remaining = remaining[(position + 1)...]
        }
        return true
    }

    private func copy(_ table: OutputTable, runID: String) throws {
        let width = table.columns.count
        var rowNumber = 0
        try connection.copyIn(
            schema: PlannerSchema.schemaName,
            table: table.name,
            columns: ["run_id"] + table.columns
        ) { emit in
            try table.forEachRow { row in
                rowNumber += 1
                guard row.count == width else {
                    throw StorageError(
                        "output table '\(table.name)' row \(rowNumber) has \(row.count) values, expected \(width)"
                    )
                }
                try emit([runID] + row)
            }
        }
    }
}
