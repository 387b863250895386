import Foundation
import Logging
import PlannerCore
import Storage

/// Why storing a run failed: the database could not be reached (exit 69), or the write itself
/// failed (exit 70). Either way the transaction was rolled back and nothing of the run is visible.
public struct StoreError: Error, CustomStringConvertible {
    public enum Kind: Sendable { case unavailable, writeFailed }
    public var kind: Kind
    public var message: String

    public var description: String { message }
}

/// Commits a computed run to PostgreSQL in one transaction.
public enum RunWriter {
    /// Starts the embedded database if that is the target, migrates the schema if needed, writes the
    /// run and returns its id.
    public static func commit(
        _ result: PlanResult,
        target: DatabaseTarget,
        startedAt: Date,
        logger: Logger
    ) throws
        -> Int64
    {
        let database: PlannerDatabase
        do {
            let url = try target.connectionURL()
            database = try PlannerDatabase(url: url)
        } catch {
            throw StoreError(kind: .unavailable, message: "database unavailable (\(target.description)): \(error)")
        }
        do {
            let applied = try database.migrate()
            if !applied.isEmpty {
                logger.info("migrated database schema", metadata: ["versions": "\(applied)"])
            }
            let run = RunRecord(
                kind: result.kind.rawValue,
                scenario: result.input.scenario.name,
                planDate: result.input.planDate,
                startedAt: startedAt,
                summaryJSON: result.summary(runID: nil).json()
            )
            return try database.writeRun(run, tables: result.outputTables)
        } catch {
            throw StoreError(kind: .writeFailed, message: "storing the run failed; nothing was committed: \(error)")
        }
    }
}
