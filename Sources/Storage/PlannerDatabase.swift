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

    /// Every migration this planner knows, ascending (a version taken by work not merged yet may be missing).
    public static var schemaVersions: [Int] { Migrations.all.map(\.version).sorted() }

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
    /// The run row is inserted with status `complete`. Each table's rows go into a new partition of its own
    /// (`planner_runs.<table>_<run_id>`, created in this transaction with the parent's columns and checks and a
    /// `CHECK (run_id = id)`), loaded with `COPY ... FREEZE` (no per-row foreign key or index to maintain, the
    /// rows written frozen), and the partitions are attached once all are loaded: the parent's lock is taken only
    /// at the end, and the check lets the attach skip scanning. `finished_at` is set just before COMMIT. Any error
    /// rolls everything back, partitions included, so a partial run is never visible (a crash mid-write leaves
    /// nothing: nothing was committed). A table may leave out nullable columns (COPY names the columns it sends;
    /// the rest are NULL), as a writer made before a migration added them does; its columns keep
    /// `PlannerSchema`'s order. Unknown table names, columns out of that order, unknown or repeated, and a missing
    /// NOT NULL column are refused before anything is sent.
    ///
    /// With `run.publishes` the run is published in the same transaction (``publish(runID:)``). `beforeCommit`
    /// runs last inside the transaction with the new run's id: what it throws rolls the run back, so whatever it
    /// does (writing the `--out` files) happens only for a run that is then committed.
    @discardableResult
    public func writeRun(
        _ run: RunRecord,
        tables: [OutputTable],
        beforeCommit: (Int64) throws -> Void = { _ in }
    ) throws -> Int64 {
        try Self.validate(run, tables: tables)
        return try connection.transaction {
            let provenance = run.provenance
            let inserted = try connection.query(
                """
                INSERT INTO planner.runs (kind, purpose, scenario, plan_date, status, started_at, finished_at, summary,
                    fingerprint, planner_build, configuration, scenario_definition)
                VALUES ($1, $2, $3, $4::date, 'complete', to_timestamp($5::double precision), clock_timestamp(),
                    $6::jsonb, $7, $8, $9::jsonb, $10::jsonb)
                RETURNING run_id
                """,
                parameters: [
                    run.kind.rawValue, run.kind.purpose.rawValue, run.scenario, run.planDate.description,
                    String(run.startedAt.timeIntervalSince1970), run.summaryJSON, provenance?.fingerprint,
                    provenance?.plannerBuild, provenance?.configurationJSON, provenance?.scenarioJSON,
                ]
            )
            guard let text = inserted.first?[0], let runID = Int64(text) else {
                throw StorageError("INSERT INTO planner.runs returned no run_id")
            }
            var rowCounts: [(String, Int)] = []
            let progress = StageProgress.current
            progress?.begin("store", total: tables.reduce(0) { $0 + $1.rowCount }, unit: "rows")
            defer { progress?.end() }
            // One round trip creates every partition, one attaches them all; the rows stream in between.
            try connection.execute(
                tables.map { Self.createPartition(of: $0.name, runID: runID) }.joined(separator: ";\n")
            )
            for table in tables {
                rowCounts.append((table.name, try load(table, runID: runID)))
            }
            try connection.execute(
                tables.map { table in
                    "ALTER TABLE \(quoteIdentifier([PlannerSchema.schemaName, table.name])) ATTACH PARTITION "
                        + "\(Self.partition(of: table.name, runID: runID)) FOR VALUES IN (\(runID))"
                }.joined(separator: ";\n")
            )
            // The summary is written before the id exists: a summary object gets its run_id set here.
            _ = try connection.query(
                """
                UPDATE planner.runs SET finished_at = clock_timestamp(), row_counts = $2::jsonb,
                    summary = CASE WHEN jsonb_typeof(summary) = 'object'
                                   THEN jsonb_set(summary, '{run_id}', to_jsonb(run_id)) ELSE summary END
                WHERE run_id = $1
                """,
                parameters: [
                    text,
                    "{" + rowCounts.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}",
                ]
            )
            if run.publishes {
                _ = try publishInTransaction(runID: runID)
            }
            try beforeCommit(runID)
            return runID
        }
    }

    /// Rows between two progress updates of the store stage.
    static let progressStep = 4096

    /// The schema of the partitions of the run tables.
    static let partitionSchema = "planner_runs"

    /// `planner_runs.<table>_<run_id>`, quoted.
    static func partition(of table: String, runID: Int64) -> String {
        quoteIdentifier([partitionSchema, "\(table)_\(runID)"])
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

    static func validate(_ run: RunRecord, tables: [OutputTable]) throws {
        guard Set(tables.map(\.name)).count == tables.count else {
            throw StorageError("a run's tables must be given once each: \(tables.map(\.name).joined(separator: ", "))")
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

    /// The statements that create the run's partition of `table`: the parent's columns, defaults and checks, a
    /// check that every row is this run's (so attaching needs no scan), and `run_id` defaulting to the run.
    static func createPartition(of table: String, runID: Int64) -> String {
        let parent = quoteIdentifier([PlannerSchema.schemaName, table])
        let partition = partition(of: table, runID: runID)
        return """
            CREATE TABLE \(partition) (LIKE \(parent) INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
                CONSTRAINT \(quoteIdentifier("\(table)_\(runID)_run")) CHECK (run_id = \(runID)));
            ALTER TABLE \(partition) ALTER COLUMN run_id SET DEFAULT \(runID)
            """
    }

    /// Streams `table`'s rows into its new partition with `COPY ... FREEZE`; returns the rows stored.
    private func load(_ table: OutputTable, runID: Int64) throws -> Int {
        let width = table.columns.count
        var rowNumber = 0
        let progress = StageProgress.current
        defer { progress?.advance(by: rowNumber % Self.progressStep) }
        return try connection.copyIn(
            schema: Self.partitionSchema,
            table: "\(table.name)_\(runID)",
            columns: table.columns,
            freeze: true
        ) { emit in
            try table.forEachRow { row in
                rowNumber += 1
                if rowNumber % Self.progressStep == 0 { progress?.advance(by: Self.progressStep) }
                guard row.count == width else {
                    throw StorageError(
                        "output table '\(table.name)' row \(rowNumber) has \(row.count) values, expected \(width)"
                    )
                }
                try emit(row)
            }
        }
    }
}
