import Foundation
import Logging
import PlannerCore
import Storage

/// Why storing a run failed: the database could not be reached (exit 69), or the write itself
/// failed (exit 70). Either way the transaction was rolled back and nothing of the run is visible.
public struct StoreError: Error, CustomStringConvertible {
    /// `outputFolder`: the `--out` files could not be written before the commit (exit 73).
    public enum Kind: Sendable { case unavailable, writeFailed, outputFolder }
    public var kind: Kind
    public var message: String

    public var description: String { message }
}

/// Commits a computed run to PostgreSQL in one transaction.
public enum RunWriter {
    /// Starts the embedded database if that is the target, migrates the schema if needed, writes the
    /// run and returns its id.
    ///
    /// `beforeCommit` runs in the transaction once every row is written (see `PlannerDatabase.writeRun`); what it
    /// throws is reported as ``StoreError/Kind/outputFolder`` and nothing is committed.
    public static func commit(
        _ result: PlanResult,
        target: DatabaseTarget,
        startedAt: Date,
        logger: Logger,
        beforeCommit: (Int64) throws -> Void = { _ in }
    ) throws
        -> Int64
    {
        let database: PlannerDatabase
        do {
            database = try PlannerDatabase(settings: try target.connectionSettings())
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
            var folderError: (any Error)? = nil
            do {
                return try database.writeRun(run, tables: result.outputTables) { runID in
                    do {
                        try beforeCommit(runID)
                    } catch {
                        folderError = error
                        throw error
                    }
                }
            } catch  where folderError != nil {
                throw StoreError(
                    kind: .outputFolder,
                    message: "cannot write the --out files; nothing was committed: \(error)"
                )
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(kind: .writeFailed, message: "storing the run failed; nothing was committed: \(error)")
        }
    }
}
