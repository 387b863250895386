import Foundation
import PlannerCore
import PostgresClient

/// A stage step could not be stored because the stage does not accept it (other inputs, another shard count).
public struct StageRefusal: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }

    public init(message: String) {
        self.message = message
    }
}

extension PlannerDatabase {
    static let stageSchema = "planner_stage"
    static let skuForecastsTable = "sku_forecasts"
    static let poolingTotalsTable = "pooling_totals"
    static let rateWeightedSalesTable = "rate_weighted_sales"

    /// The columns of `planner_stage.sku_forecasts` after `stage_id` and `shard`, in order.
    public static let stagedSKUColumns = [
        "sku", "revenue", "weekly_cv", "demand_class", "adi", "cv2", "demand_days", "model", "parameters",
        "backtest_count", "backtest_mae", "backtest_rmse", "backtest_bias", "backtest_mase", "backtest_rmsse",
        "baseline", "cumulative_error_sd", "error_quantiles", "event_actual", "event_baseline", "dispersion",
        "region_shares", "return_rate", "return_lag_days", "return_source", "returned_units", "return_grade_shares",
        "return_states", "last_sale_days_ago", "recent_units",
    ]

    /// The columns of `planner_stage.pooling_totals` after `stage_id` and `shard`, in order.
    public static let poolingTotalsColumns = [
        "category", "established_skus", "established_units", "earliest_cohort_skus", "earliest_cohort_units",
        "weekday_units", "sales_units", "returned_units", "graded_units",
    ]

    /// The columns of `planner_stage.rate_weighted_sales` after `stage_id` and `shard`, in order.
    public static let rateWeightedSalesColumns = ["category", "scaled_units"]

    /// `planner_stage."sku_forecasts_<stage>"`, the stage's table (partitioned by shard).
    static func stageTable(_ stageID: String) -> String {
        quoteIdentifier([stageSchema, "\(skuForecastsTable)_\(stageID)"])
    }

    /// The name of a shard's partition of the stage's table.
    static func shardPartitionName(_ stageID: String, shard: Int) -> String {
        "\(skuForecastsTable)_\(stageID)_\(shard)"
    }

    /// Takes the transaction advisory lock of `parts` ("planner stage ID", then the shard and step for one step's
    /// swap): a 64-bit hash of the words, in PostgreSQL's bigint key space (apart from the run locks' two-int keys).
    private func lockStage(_ parts: [String]) throws {
        _ = try connection.query(
            "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
            parameters: [(["planner stage"] + parts).joined(separator: " ")]
        )
    }

    /// Opens stage `record.stageID` for a shard: creates it (its row and its table of SKU forecasts) when it does not
    /// exist, in a transaction of its own; refuses with ``StageRefusal`` when it exists with other inputs (another
    /// fingerprint, shard count, scenario or plan date). Shards opening one stage at once create it once.
    @discardableResult
    public func openStage(_ record: StageRecord) throws -> StageRecord {
        try connection.transaction {
            try lockStage([record.stageID])
            if let stored = try stage(record.stageID) {
                if let mismatch = stored.mismatch(with: record) { throw StageRefusal(message: mismatch) }
                return stored
            }
            _ = try connection.query(
                """
                INSERT INTO planner_stage.stages (stage_id, scenario, plan_date, shard_count, fingerprint, planner_build,
                    created_at)
                VALUES ($1, $2, $3::date, $4::integer, $5, $6, to_timestamp($7::double precision))
                """,
                parameters: [
                    record.stageID, record.scenario, record.planDate.description, String(record.shardCount),
                    record.fingerprint, record.plannerBuild, String(record.createdAt.timeIntervalSince1970),
                ]
            )
            try connection.execute(
                "CREATE TABLE \(Self.stageTable(record.stageID)) PARTITION OF "
                    + "\(quoteIdentifier([Self.stageSchema, Self.skuForecastsTable])) "
                    + "FOR VALUES IN (\(quoteLiteral(record.stageID))) PARTITION BY LIST (shard)"
            )
            return record
        }
    }

    /// The stored stage, or nil.
    public func stage(_ stageID: String) throws -> StageRecord? {
        let rows = try connection.query(
            """
            SELECT stage_id, scenario, plan_date::text, shard_count, fingerprint, planner_build,
                extract(epoch FROM created_at)::double precision
            FROM planner_stage.stages WHERE stage_id = $1
            """,
            parameters: [stageID]
        )
        guard let row = rows.first else { return nil }
        guard let id = row[0], let scenario = row[1], let date = row[2].flatMap(Day.init(iso:)),
            let count = row[3].flatMap({ Int($0) }), let fingerprint = row[4], let build = row[5],
            let created = row[6].flatMap({ Double($0) })
        else { throw StorageError("planner_stage.stages row of '\(stageID)' is incomplete") }
        return StageRecord(
            stageID: id,
            scenario: scenario,
            planDate: date,
            shardCount: count,
            fingerprint: fingerprint,
            plannerBuild: build,
            createdAt: Date(timeIntervalSince1970: created)
        )
    }

    /// Every stored stage, newest first.
    public func stages() throws -> [StageRecord] {
        try connection.query("SELECT stage_id FROM planner_stage.stages ORDER BY created_at DESC, stage_id")
            .compactMap { try $0[0].flatMap(stage) }
    }

    /// The stage with its completed steps and (when `countingRows`, a scan of its table) rows per shard, or nil when
    /// it does not exist.
    public func stageStatus(_ stageID: String, countingRows: Bool = true) throws -> StageStatus? {
        guard let stage = try stage(stageID) else { return nil }
        let shards = try connection.query(
            """
            SELECT shard, step, fingerprint, skus, demand_rows, earliest_demand_date::text, return_rows, host, pid,
                extract(epoch FROM started_at)::double precision, extract(epoch FROM finished_at)::double precision
            FROM planner_stage.shards WHERE stage_id = $1 ORDER BY step, shard
            """,
            parameters: [stageID]
        ).map { row -> StageShardRecord in
            guard let shard = row[0].flatMap({ Int($0) }), let step = row[1].flatMap(StageStep.init(rawValue:)),
                let fingerprint = row[2], let skus = row[3].flatMap({ Int($0) }),
                let demandRows = row[4].flatMap({ Int($0) }), let host = row[7], let pid = row[8].flatMap({ Int($0) }),
                let started = row[9].flatMap({ Double($0) }), let finished = row[10].flatMap({ Double($0) })
            else { throw StorageError("a planner_stage.shards row of '\(stageID)' is incomplete") }
            return StageShardRecord(
                shard: shard,
                step: step,
                fingerprint: fingerprint,
                skus: skus,
                demandRows: demandRows,
                earliestDemandDate: row[5].flatMap(Day.init(iso:)),
                returnRows: row[6].flatMap { Int($0) },
                host: host,
                pid: pid,
                startedAt: Date(timeIntervalSince1970: started),
                finishedAt: Date(timeIntervalSince1970: finished)
            )
        }
        var rowsByShard: [Int: Int] = [:]
        for row in try !countingRows
            ? []
            : connection.query(
                "SELECT shard, count(*) FROM \(Self.stageTable(stageID)) GROUP BY shard",
                parameters: []
            )
        {
            if let shard = row[0].flatMap({ Int($0) }), let count = row[1].flatMap({ Int($0) }) {
                rowsByShard[shard] = count
            }
        }
        return StageStatus(stage: stage, shards: shards, skuRowsByShard: rowsByShard)
    }

    /// Stores one step of a shard in ONE transaction: its rows replace whatever an earlier run of the same step left,
    /// and its `planner_stage.shards` row says it is done. A killed or failed step leaves nothing (and an earlier
    /// run's rows stay as they were). Two runs of the same step at once both succeed, one after the other.
    ///
    /// `totals`: the rows of `planner_stage.pooling_totals` (``poolingTotalsColumns``), deleted and copied again.
    /// `forecast`: the rows of `planner_stage.sku_forecasts` (``stagedSKUColumns``), copied with `COPY ... FREEZE`
    /// into a new table, which replaces the shard's partition (the old one dropped, the new one attached; a CHECK
    /// on stage and shard spares the attach a scan). The stage must exist with `fingerprint`
    /// (``openStage(_:)``); otherwise ``StageRefusal``.
    public func writeStageStep(stageID: String, record: StageShardRecord, rows: OutputTable) throws {
        let stepColumns =
            switch record.step {
            case .totals: Self.poolingTotalsColumns
            case .returns: Self.rateWeightedSalesColumns
            case .forecast: Self.stagedSKUColumns
            }
        guard rows.columns == stepColumns else {
            throw StorageError(
                "stage \(record.step.rawValue) rows have columns \(rows.columns), expected \(stepColumns)"
            )
        }
        try connection.transaction {
            // The stage must still be the one the shard opened (FOR SHARE: a concurrent drop waits for this commit).
            let stored = try connection.query(
                "SELECT fingerprint, shard_count FROM planner_stage.stages WHERE stage_id = $1 FOR SHARE",
                parameters: [stageID]
            )
            guard let row = stored.first else {
                throw StageRefusal(message: "stage '\(stageID)' was dropped while shard \(record.shard) ran")
            }
            guard row[0] == record.fingerprint, let count = row[1].flatMap({ Int($0) }), record.shard < count else {
                throw StageRefusal(
                    message: "stage '\(stageID)' was started again with other inputs while shard \(record.shard) ran"
                )
            }
            switch record.step {
            case .totals:
                try replaceKeyedRows(stageID: stageID, shard: record.shard, step: .totals, rows: rows)
            case .returns:
                try replaceKeyedRows(stageID: stageID, shard: record.shard, step: .returns, rows: rows)
            case .forecast: try replaceSKUPartition(stageID: stageID, shard: record.shard, rows: rows)
            }
            _ = try connection.query(
                """
                INSERT INTO planner_stage.shards (stage_id, shard, step, fingerprint, skus, demand_rows,
                    earliest_demand_date, return_rows, host, pid, started_at, finished_at)
                VALUES ($1, $2::integer, $3, $4, $5::integer, $6::bigint, $7::date, $8::bigint, $9, $10::integer,
                    to_timestamp($11::double precision), clock_timestamp())
                ON CONFLICT (stage_id, shard, step) DO UPDATE SET fingerprint = EXCLUDED.fingerprint,
                    skus = EXCLUDED.skus, demand_rows = EXCLUDED.demand_rows,
                    earliest_demand_date = EXCLUDED.earliest_demand_date, return_rows = EXCLUDED.return_rows,
                    host = EXCLUDED.host, pid = EXCLUDED.pid, started_at = EXCLUDED.started_at,
                    finished_at = EXCLUDED.finished_at
                """,
                parameters: [
                    stageID, String(record.shard), record.step.rawValue, record.fingerprint, String(record.skus),
                    String(record.demandRows), record.earliestDemandDate?.description,
                    record.returnRows.map(String.init),
                    record.host, String(record.pid), String(record.startedAt.timeIntervalSince1970),
                ]
            )
        }
    }

    /// The rows of a small step (`totals`, `returns`): the shard's old rows deleted, the new ones copied.
    private func replaceKeyedRows(stageID: String, shard: Int, step: StageStep, rows: OutputTable) throws {
        try lockStage([stageID, String(shard), step.rawValue])
        let table = step == .totals ? Self.poolingTotalsTable : Self.rateWeightedSalesTable
        _ = try connection.query(
            "DELETE FROM \(quoteIdentifier([Self.stageSchema, table])) WHERE stage_id = $1 AND shard = $2::integer",
            parameters: [stageID, String(shard)]
        )
        let prefix: [String?] = [stageID, String(shard)]
        try connection.copyIn(
            schema: Self.stageSchema,
            table: table,
            columns: ["stage_id", "shard"] + rows.columns
        ) { emit in
            try rows.forEachRow { try emit(prefix + $0) }
        }
    }

    private func replaceSKUPartition(stageID: String, shard: Int, rows: OutputTable) throws {
        let parent = quoteIdentifier([Self.stageSchema, Self.skuForecastsTable])
        let fresh =
            "sku_forecasts_new_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let freshTable = quoteIdentifier([Self.stageSchema, fresh])
        try connection.execute(
            """
            CREATE TABLE \(freshTable) (LIKE \(parent) INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
                CONSTRAINT \(quoteIdentifier(fresh + "_bounds"))
                CHECK (stage_id = \(quoteLiteral(stageID)) AND shard = \(shard)));
            ALTER TABLE \(freshTable) ALTER COLUMN stage_id SET DEFAULT \(quoteLiteral(stageID)),
                ALTER COLUMN shard SET DEFAULT \(shard)
            """
        )
        try connection.copyIn(schema: Self.stageSchema, table: fresh, columns: Self.stagedSKUColumns, freeze: true) {
            emit in
            try rows.forEachRow(emit)
        }
        // The swap: one writer of this shard at a time; readers of the stage wait for the commit, then see the new rows.
        try lockStage([stageID, String(shard), StageStep.forecast.rawValue])
        let name = Self.shardPartitionName(stageID, shard: shard)
        try connection.execute(
            """
            DROP TABLE IF EXISTS \(quoteIdentifier([Self.stageSchema, name]));
            ALTER TABLE \(freshTable) RENAME TO \(quoteIdentifier(name));
            ALTER TABLE \(Self.stageTable(stageID)) ATTACH PARTITION \(quoteIdentifier([Self.stageSchema, name]))
                FOR VALUES IN (\(shard))
            """
        )
    }

    /// Reads a whole stage for the merge in one REPEATABLE READ transaction (a shard swapping its rows meanwhile is
    /// seen entirely or not at all): its status, then `totals` with each `pooling_totals` row (``poolingTotalsColumns``
    /// after the shard), then `weightedSales` with each `rate_weighted_sales` row (the shard, then
    /// ``rateWeightedSalesColumns``) when given, then `sku` with each `sku_forecasts` row (the shard, then
    /// ``stagedSKUColumns``). `check` runs on the status before any row is read; what it throws ends the read.
    public func readStage(
        _ stageID: String,
        readsSKUs: Bool = true,
        check: (StageStatus) throws -> Void,
        totals: ([String?]) throws -> Void,
        weightedSales: (([String?]) throws -> Void)? = nil,
        sku: ([String?]) throws -> Void
    ) throws {
        try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        defer { _ = try? connection.execute("COMMIT") }
        guard let status = try stageStatus(stageID, countingRows: false) else {
            throw StageRefusal(message: "stage '\(stageID)' does not exist")
        }
        try check(status)
        try connection.copyOut(
            query: "SELECT shard, \(Self.poolingTotalsColumns.map { quoteIdentifier($0) }.joined(separator: ", ")) "
                + "FROM planner_stage.pooling_totals WHERE stage_id = \(quoteLiteral(stageID)) ORDER BY shard, category",
            row: totals
        )
        if let weightedSales {
            try connection.copyOut(
                query: "SELECT shard, category, scaled_units FROM planner_stage.rate_weighted_sales WHERE stage_id = "
                    + "\(quoteLiteral(stageID)) ORDER BY shard, category",
                row: weightedSales
            )
        }
        guard readsSKUs else { return }
        try connection.copyOut(
            query: "SELECT shard, \(Self.stagedSKUColumns.map { quoteIdentifier($0) }.joined(separator: ", ")) "
                + "FROM \(Self.stageTable(stageID))",
            row: sku
        )
    }

    /// Drops a stage: its rows, its partitions and its record. Returns false when it did not exist.
    @discardableResult
    public func dropStage(_ stageID: String) throws -> Bool {
        try connection.transaction {
            try lockStage([stageID])
            guard try stage(stageID) != nil else { return false }
            try connection.execute("DROP TABLE IF EXISTS \(Self.stageTable(stageID))")
            _ = try connection.query("DELETE FROM planner_stage.stages WHERE stage_id = $1", parameters: [stageID])
            return true
        }
    }
}
