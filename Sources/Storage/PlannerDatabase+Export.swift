import PlannerCore
import PostgresClient

extension PlannerDatabase {
    /// The stored tables of run `runID` (every table it wrote, empty ones too, as the run's own `--out` has them)
    /// and its summary, handed to `body` as output tables: what `--out` writes for a run the planner did not
    /// compute again (an unchanged run).
    ///
    /// Each table streams with `COPY ... TO STDOUT` in the order its partition was written (one COPY into a new
    /// heap, read by a plain scan with synchronized scans off, so it starts at the first row); booleans read
    /// `true` and `false` as the planner writes them.
    public func exportRun(_ runID: Int64, _ body: ([OutputTable], String) throws -> Void) throws {
        let summary = try connection.query(
            "SELECT summary::text FROM planner.runs WHERE run_id = $1",
            parameters: [String(runID)]
        )
        guard let summaryJSON = summary.first?[0] else { throw PlannerLookupError.unknownRun(runID) }
        try connection.transaction {
            try connection.execute("SET LOCAL synchronize_seqscans = off")
            var tables: [OutputTable] = []
            let stored = try storedRowCounts(runID)
            for schema in PlannerSchema.outputTables {
                guard let rows = stored[schema.name] else { continue }
                let booleans = Set(
                    try connection.query(
                        """
                        SELECT column_name FROM information_schema.columns
                        WHERE table_schema = 'planner' AND table_name = $1 AND data_type = 'boolean'
                        """,
                        parameters: [schema.name]
                    ).compactMap { $0[0] }
                )
                let select = schema.columns.map { column in
                    let quoted = quoteIdentifier(column)
                    return booleans.contains(column)
                        ? "CASE WHEN \(quoted) THEN 'true' WHEN NOT \(quoted) THEN 'false' END" : quoted
                }.joined(separator: ", ")
                let query =
                    "SELECT \(select) FROM \(Self.partition(of: schema.name, runID: runID))"
                let reader = ExportReader(connection: connection)
                tables.append(
                    OutputTable(name: schema.name, columns: schema.columns, rowCount: rows) { emit in
                        try reader.connection.copyOut(query: query) { try emit($0) }
                    }
                )
            }
            try body(tables, summaryJSON)
        }
    }
}

/// The connection an exported table reads from. Unchecked Sendable: the tables live only inside `exportRun`'s
/// `body`, which runs on the caller's thread, the one that owns the connection; nothing else can reach them.
private final class ExportReader: @unchecked Sendable {
    let connection: PostgresConnection

    init(connection: PostgresConnection) {
        self.connection = connection
    }
}
