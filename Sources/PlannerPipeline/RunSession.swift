import Foundation
import Logging
import PlannerCore
import PostgresClient
import Storage

/// Why a run could not be stored: the database could not be reached (exit 69), another writer held the run's
/// lock too long (exit 75), the write itself failed (exit 70), or the `--out` files could not be written before
/// the commit (exit 73). Whatever the kind, nothing of the run was committed.
public struct StoreError: Error, CustomStringConvertible {
    public enum Kind: Sendable { case unavailable, locked, writeFailed, outputFolder }
    public var kind: Kind
    public var message: String

    public var description: String { message }
}

/// The database side of one `plan` or `allocate` run, opened before anything is computed: connect (with a
/// bounded number of retries), bring the schema up to date, take the run's lock, and look for a run the same
/// inputs already produced. The plan is computed only when the session says so, and written through it.
///
/// One writer per (kind, plan date): a session-level PostgreSQL advisory lock (classid by kind, objid the plan
/// date in days since 1970), held from before the fingerprint check to the end of the process. A second writer
/// waits up to its lock timeout, then fails naming the holder; a killed holder's lock goes with its session. A
/// waiter that gets the lock checks the fingerprint again, so identical runs started together store one run.
/// Only the connection is retried, never a transaction.
public final class RunSession {
    public let database: PlannerDatabase
    public let target: DatabaseTarget
    private let settings: ConnectionSettings

    /// How connecting is retried: attempts in all, and the first pause (doubled after each failure).
    public struct Retry: Sendable {
        public var attempts: Int
        public var firstPauseSeconds: Double

        public init(attempts: Int = 3, firstPauseSeconds: Double = 0.5) {
            self.attempts = max(1, attempts)
            self.firstPauseSeconds = firstPauseSeconds
        }
    }

    /// Connects to `target` (starting the embedded cluster if that is it), as `application_name` "planner KIND
    /// pid=N started=TIME" so a waiting writer can name this one (`command`, e.g. "forecast", names it instead of the
    /// kind), with `statement_timeout` when given, and migrates the schema. Unreachable after every attempt:
    /// ``StoreError/Kind/unavailable``.
    public static func open(
        target: DatabaseTarget,
        kind: RunKind,
        command: String? = nil,
        statementTimeoutSeconds: Double?,
        retry: Retry = Retry(),
        logger: Logger
    ) throws -> RunSession {
        var pause = retry.firstPauseSeconds
        var lastError: (any Error)? = nil
        for attempt in 1...retry.attempts {
            do {
                var settings = try target.connectionSettings()
                    .setting("application_name", to: applicationName(command: command ?? kind.rawValue))
                if settings.value(of: "connect_timeout") == nil {
                    settings = settings.setting("connect_timeout", to: "10")
                }
                let database = try PlannerDatabase(settings: settings)
                return try RunSession(
                    database: database,
                    target: target,
                    settings: settings,
                    statementTimeoutSeconds: statementTimeoutSeconds,
                    logger: logger
                )
            } catch let error as StoreError {
                throw error
            } catch {
                lastError = error
                guard attempt < retry.attempts else { break }
                logger.warning(
                    "database unavailable, trying again",
                    metadata: ["attempt": "\(attempt)", "pause_seconds": "\(pause)", "target": "\(target)"]
                )
                Thread.sleep(forTimeInterval: pause)
                pause *= 2
            }
        }
        throw StoreError(
            kind: .unavailable,
            message:
                "database unavailable (\(target)) after \(retry.attempts) attempts: \(lastError.map { "\($0)" } ?? "")"
        )
    }

    private init(
        database: PlannerDatabase,
        target: DatabaseTarget,
        settings: ConnectionSettings,
        statementTimeoutSeconds: Double?,
        logger: Logger
    ) throws {
        self.database = database
        self.target = target
        self.settings = settings
        do {
            if let seconds = statementTimeoutSeconds {
                try database.setStatementTimeout(seconds: seconds)
            }
            let applied = try database.migrate()
            if !applied.isEmpty {
                logger.info("migrated database schema", metadata: ["versions": "\(applied)"])
            }
        } catch {
            throw StoreError(kind: .writeFailed, message: "preparing the database failed (\(target)): \(error)")
        }
    }

    static func applicationName(command: String) -> String {
        let started = ISO8601DateFormatter().string(from: Date())
        return "planner \(command) pid=\(ProcessInfo.processInfo.processIdentifier) started=\(started)"
    }

    /// Takes the lock of (kind, plan date), waiting at most `timeoutSeconds`; past that
    /// ``StoreError/Kind/locked``, naming the holder.
    public func lock(kind: RunKind, planDate: Day, timeoutSeconds: Double, logger: Logger) throws {
        do {
            let waited = try database.lockRun(kind: kind, planDate: planDate, timeoutSeconds: timeoutSeconds)
            if waited > 0.5 {
                logger.info("waited for another run of this kind and date", metadata: ["seconds": "\(waited)"])
            }
        } catch let busy as RunLockBusy {
            throw StoreError(kind: .locked, message: settings.redacting(busy.description))
        } catch {
            throw StoreError(kind: .writeFailed, message: "taking the run lock failed (\(target)): \(error)")
        }
    }

    /// The stored run the same fingerprint, kind and plan date produced, if it is still complete.
    public func unchangedRun(_ fingerprint: RunFingerprint, kind: RunKind, planDate: Day) throws -> RunSummaryRow? {
        do {
            return try database.unchangedRun(fingerprint: fingerprint.digest, kind: kind, planDate: planDate)
        } catch {
            throw StoreError(kind: .writeFailed, message: "looking for an unchanged run failed: \(error)")
        }
    }

    /// Commits `result` as a run in one transaction and returns its id. `beforeCommit` runs in the transaction
    /// once every row is written (see `PlannerDatabase.writeRun`); what it throws is reported as
    /// ``StoreError/Kind/outputFolder`` and nothing is committed.
    public func write(
        _ result: PlanResult,
        startedAt: Date,
        publishes: Bool,
        fingerprint: RunFingerprint?,
        beforeCommit: (Int64) throws -> Void = { _ in }
    ) throws -> Int64 {
        let run = RunRecord(
            kind: result.kind,
            scenario: result.input.scenario.name,
            planDate: result.input.planDate,
            startedAt: startedAt,
            summaryJSON: result.summary(runID: nil).json(),
            publishes: publishes,
            provenance: fingerprint.map {
                RunProvenance(
                    fingerprint: $0.digest,
                    plannerBuild: $0.plannerBuild,
                    configurationJSON: $0.configurationJSON,
                    scenarioJSON: $0.scenarioJSON
                )
            }
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
        } catch {
            throw StoreError(kind: .writeFailed, message: "storing the run failed; nothing was committed: \(error)")
        }
    }

    /// Publishes a stored run (an unchanged run asked to be published).
    public func publish(runID: Int64) throws -> Int64? {
        do {
            return try database.publish(runID: runID)
        } catch {
            throw StoreError(kind: .writeFailed, message: "publishing run \(runID) failed: \(error)")
        }
    }
}
