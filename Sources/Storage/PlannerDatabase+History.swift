import Foundation
import PlannerCore
import PostgresClient

/// Which runs `planner runs list` shows; nil matches all.
public struct RunFilter: Sendable, Equatable {
    public var kind: RunKind?
    public var planDate: Day?
    public var status: RunStatus?
    public var limit: Int

    public init(kind: RunKind? = nil, planDate: Day? = nil, status: RunStatus? = nil, limit: Int = 1_000) {
        self.kind = kind
        self.planDate = planDate
        self.status = status
        self.limit = limit
    }
}

/// One run as `planner runs show` prints it: the row of `planner.runs`, what produced it, and its rows per table.
public struct RunDetails: Sendable, Equatable {
    public var run: RunSummaryRow
    public var plannerBuild: String?
    /// The effective configuration and scenario as stored (JSON), nil for runs before schema 6.
    public var configurationJSON: String?
    public var scenarioJSON: String?
    public var summaryJSON: String
    /// Rows per run table that has any, by table name.
    public var rowCounts: [(table: String, rows: Int)]
    /// The run's rows of `planner.alerts` (what each breach says), in alert, then subject order.
    public var alertMessages: [(alert: String, message: String)] = []

    public static func == (lhs: RunDetails, rhs: RunDetails) -> Bool {
        lhs.run == rhs.run && lhs.plannerBuild == rhs.plannerBuild && lhs.configurationJSON == rhs.configurationJSON
            && lhs.scenarioJSON == rhs.scenarioJSON && lhs.summaryJSON == rhs.summaryJSON
            && lhs.rowCounts.map(\.table) == rhs.rowCounts.map(\.table)
            && lhs.rowCounts.map(\.rows) == rhs.rowCounts.map(\.rows)
            && lhs.alertMessages.map(\.alert) == rhs.alertMessages.map(\.alert)
            && lhs.alertMessages.map(\.message) == rhs.alertMessages.map(\.message)
    }
}

/// What `prune` removed, or would remove.
public struct PruneResult: Sendable, Equatable {
    public var removed: [RunSummaryRow]
    public var rows: Int
}

extension PlannerDatabase {
    static let runColumns = """
        run_id, kind, purpose, scenario, plan_date::text, status, published,
        extract(epoch FROM published_at)::double precision, superseded_by, fingerprint,
        extract(epoch FROM started_at)::double precision, extract(epoch FROM finished_at)::double precision
        """

    /// Runs matching `filter`, newest first (by run_id).
    public func runs(_ filter: RunFilter = RunFilter()) throws -> [RunSummaryRow] {
        let rows = try connection.query(
            """
            SELECT \(Self.runColumns) FROM planner.runs
            WHERE ($1::text IS NULL OR kind = $1) AND ($2::date IS NULL OR plan_date = $2::date)
                AND ($3::text IS NULL OR status = $3)
            ORDER BY run_id DESC LIMIT $4
            """,
            parameters: [
                filter.kind?.rawValue, filter.planDate?.description, filter.status?.rawValue,
                String(max(0, filter.limit)),
            ]
        )
        return try rows.map(Self.runRow)
    }

    /// The run, what produced it and its rows per table; throws `PlannerLookupError.unknownRun`.
    public func runDetails(_ runID: Int64) throws -> RunDetails {
        let rows = try connection.query(
            """
            SELECT \(Self.runColumns), planner_build, configuration::text, scenario_definition::text, summary::text
            FROM planner.runs WHERE run_id = $1
            """,
            parameters: [String(runID)]
        )
        guard let row = rows.first else { throw PlannerLookupError.unknownRun(runID) }
        let stored = try storedRowCounts(runID)
        let counts = PlannerSchema.outputTables.compactMap { table -> (table: String, rows: Int)? in
            stored[table.name].flatMap { $0 > 0 ? (table.name, $0) : nil }
        }
        let alerts = try connection.query(
            """
            SELECT alert, message FROM planner.alerts WHERE run_id = $1
            ORDER BY alert COLLATE "C", region COLLATE "C", sku COLLATE "C", warehouse COLLATE "C",
                supplier COLLATE "C", message COLLATE "C"
            """,
            parameters: [String(runID)]
        )
        return RunDetails(
            run: try Self.runRow(Array(row.prefix(12))),
            plannerBuild: row[12],
            configurationJSON: row[13],
            scenarioJSON: row[14],
            summaryJSON: row[15] ?? "{}",
            rowCounts: counts,
            alertMessages: alerts.map { (alert: $0[0] ?? "", message: $0[1] ?? "") }
        )
    }

    /// The complete (not superseded) run of this kind and plan date that `fingerprint` produced, if one is stored.
    public func unchangedRun(fingerprint: String, kind: RunKind, planDate: Day) throws -> RunSummaryRow? {
        let rows = try connection.query(
            """
            SELECT \(Self.runColumns) FROM planner.runs
            WHERE fingerprint = $1 AND kind = $2 AND plan_date = $3::date AND status = 'complete'
            ORDER BY run_id DESC LIMIT 1
            """,
            parameters: [fingerprint, kind.rawValue, planDate.description]
        )
        return try rows.first.map(Self.runRow)
    }

    /// Publishes run `runID`: it becomes the official plan of its date, and the run published for that date
    /// before (if another) becomes `superseded`. Returns that run's id. A superseded run may be published again:
    /// it is then current once more. Throws `PlannerLookupError.unknownRun`.
    @discardableResult
    public func publish(runID: Int64) throws -> Int64? {
        try connection.transaction { try publishInTransaction(runID: runID) }
    }

    /// ``publish(runID:)`` inside the caller's transaction. Publications of one plan date are serialised by a
    /// transaction-level advisory lock on the date, so two runs published at once for one date never both stay
    /// current (the partial unique index would refuse the second; the lock makes it wait and supersede instead).
    func publishInTransaction(runID: Int64) throws -> Int64? {
        let dateRows = try connection.query(
            "SELECT plan_date - date '1970-01-01' FROM planner.runs WHERE run_id = $1",
            parameters: [String(runID)]
        )
        guard let days = dateRows.first?[0].flatMap({ Int32($0) }) else { throw PlannerLookupError.unknownRun(runID) }
        _ = try connection.query(
            "SELECT pg_advisory_xact_lock($1, $2)",
            parameters: [String(Self.publicationLockClass), String(days)]
        )
        let previous = try connection.query(
            """
            UPDATE planner.runs SET status = 'superseded', superseded_by = $1
            WHERE published AND status = 'complete' AND plan_date = (SELECT plan_date FROM planner.runs WHERE run_id = $1)
                AND run_id <> $1
            RETURNING run_id
            """,
            parameters: [String(runID)]
        ).first?[0].flatMap { Int64($0) }
        _ = try connection.query(
            """
            UPDATE planner.runs
            SET published = true, published_at = clock_timestamp(), status = 'complete', superseded_by = NULL
            WHERE run_id = $1
            """,
            parameters: [String(runID)]
        )
        return previous
    }

    /// Deletes the runs that finished more than `keepDays` days before `now`, except the published run that is
    /// current for its date (never deleted, however old). Their partitions are dropped with them. Returns the runs
    /// and their row count; with `dryRun` nothing is deleted.
    public func prune(keepDays: Int, dryRun: Bool, now: Date = Date()) throws -> PruneResult {
        try connection.transaction {
            let cutoff = now.addingTimeInterval(-Double(keepDays) * 86_400).timeIntervalSince1970
            let candidates = try connection.query(
                """
                SELECT \(Self.runColumns) FROM planner.runs
                WHERE finished_at < to_timestamp($1::double precision) AND NOT (published AND status = 'complete')
                ORDER BY run_id FOR UPDATE
                """,
                parameters: [String(cutoff)]
            ).map(Self.runRow)
            var rows = 0
            for run in candidates {
                rows += try storedRowCounts(run.runID).values.reduce(0, +)
            }
            if !dryRun, !candidates.isEmpty {
                _ = try connection.query(
                    "DELETE FROM planner.runs WHERE run_id = ANY($1::bigint[])",
                    parameters: ["{" + candidates.map { String($0.runID) }.joined(separator: ",") + "}"]
                )
            }
            return PruneResult(removed: candidates, rows: rows)
        }
    }

    /// The rows run `runID` stored per table, as recorded when it was written (`planner.runs.row_counts`).
    func storedRowCounts(_ runID: Int64) throws -> [String: Int] {
        let rows = try connection.query(
            "SELECT key, value::text FROM planner.runs, jsonb_each(row_counts) WHERE run_id = $1",
            parameters: [String(runID)]
        )
        var counts: [String: Int] = [:]
        for row in rows {
            if let table = row[0], let count = row[1].flatMap({ Int($0) }) { counts[table] = count }
        }
        return counts
    }

    /// Classid of the transaction-level advisory lock that serialises publications of one plan date ("SPPB").
    static let publicationLockClass: Int32 = 0x5350_5042

    static func runRow(_ row: [String?]) throws -> RunSummaryRow {
        guard row.count >= 12, let runID = row[0].flatMap({ Int64($0) }), let kind = row[1].flatMap(RunKind.init),
            let purpose = row[2].flatMap(RunPurpose.init), let scenario = row[3],
            let planDate = row[4].flatMap({ Day(iso: $0) }), let status = row[5].flatMap(RunStatus.init),
            let started = row[10].flatMap({ Double($0) }), let finished = row[11].flatMap({ Double($0) })
        else {
            throw StorageError("unreadable row of planner.runs: \(row)")
        }
        return RunSummaryRow(
            runID: runID,
            kind: kind,
            purpose: purpose,
            scenario: scenario,
            planDate: planDate,
            status: status,
            published: row[6] == "t",
            publishedAt: row[7].flatMap { Double($0) }.map { Date(timeIntervalSince1970: $0) },
            supersededBy: row[8].flatMap { Int64($0) },
            fingerprint: row[9],
            startedAt: Date(timeIntervalSince1970: started),
            finishedAt: Date(timeIntervalSince1970: finished)
        )
    }
}
