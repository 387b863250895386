import EmbeddedServer
import Foundation
import PostgresClient
import Storage

/// A backup could not be taken or restored. `refused`: the target holds a planner schema and `--clean` was not
/// given (exit 65); `unavailable`: the database cannot be reached (69); `failed`: pg_dump, pg_restore or a step
/// around them failed (70). Messages never hold a password.
public struct BackupError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable { case unavailable, refused, failed }
    public var kind: Kind
    public var message: String

    public var description: String { message }
}

/// What a backup or a restore did.
public struct BackupSummary: Sendable, Equatable {
    public var file: String
    public var bytes: Int
    public var runs: Int
    public var schemaVersion: Int?
    public var toolsVersion: Int
    /// After a restore: partner roles named in `planner.carrier_accounts` that this cluster does not have.
    public var missingPartnerRoles: [String] = []
}

/// `planner db backup` and `planner db restore`, with PostgreSQL's own tools.
///
/// A backup is `pg_dump --format=custom` of the schemas `planner`, `planner_runs` (every run's partitions) and
/// `planner_stage` (the stages of sharded plans, which schema version 11 records as created):
/// tables, rows, functions, row-level security policies, comments and the grants to `planner_partner`. Roles are
/// cluster objects and are not in it: a restore creates the group role `planner_partner` if missing, and lists
/// the carrier roles of `planner.carrier_accounts` the cluster lacks (recreate each with `planner db
/// grant-carrier`). The dump is written to a temporary name beside the file (mode 0600: it holds every plan) and
/// renamed into place when pg_dump succeeded.
///
/// A restore goes into a database without a planner schema (`--clean` drops one first, in its own transaction)
/// with `pg_restore --single-transaction --exit-on-error --no-owner`: it lands whole or not at all, owned by the
/// restoring role. The schema is then brought up to date, so a backup of an older planner is usable.
public enum DatabaseBackup {
    public static func backup(target: DatabaseTarget, to file: String) throws(BackupError) -> BackupSummary {
        let (settings, database) = try connect(target)
        let (major, schema, runs) = try inspect(database)
        let tools = try findTools(major)
        let partial = file + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        let log = try temporaryLog()
        defer { try? FileManager.default.removeItem(atPath: log) }
        let arguments = [
            "--format=custom", "--schema=planner", "--schema=planner_runs", "--schema=planner_stage",
            "--file=\(partial)",
            "--dbname=\(settings.connectionStringWithoutPassword)",
        ]
        do {
            try run(tools.pgDump, arguments, tools: tools, settings: settings, log: log, failure: "pg_dump failed")
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
        chmod(partial, 0o600)
        guard rename(partial, file) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: partial)
            throw BackupError(kind: .failed, message: "cannot move the backup to \(file): \(reason)")
        }
        let bytes = ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int) ?? 0
        return BackupSummary(
            file: file,
            bytes: bytes,
            runs: runs,
            schemaVersion: schema,
            toolsVersion: tools.majorVersion
        )
    }

    public static func restore(
        target: DatabaseTarget,
        from file: String,
        clean: Bool
    ) throws(BackupError)
        -> BackupSummary
    {
        guard FileManager.default.isReadableFile(atPath: file) else {
            throw BackupError(kind: .refused, message: "cannot read the backup file \(file)")
        }
        let (settings, database) = try connect(target)
        let (major, _, _) = try inspect(database)
        let tools = try findTools(major)
        let log = try temporaryLog()
        defer { try? FileManager.default.removeItem(atPath: log) }
        do {
            if try database.hasPlannerSchema() {
                guard clean else {
                    throw BackupError(
                        kind: .refused,
                        message: "\(target) already holds a planner schema; restore into an empty database, or add "
                            + "--clean to drop the planner's schemas (every stored run) first"
                    )
                }
                try database.dropPlannerSchemas()
            }
            try database.createPartnerGroupRole()
        } catch let error as BackupError {
            throw error
        } catch {
            throw BackupError(kind: .failed, message: "preparing \(target) for the restore failed: \(error)")
        }
        let arguments = [
            "--single-transaction", "--exit-on-error", "--no-owner",
            "--dbname=\(settings.connectionStringWithoutPassword)",
            file,
        ]
        try run(
            tools.pgRestore,
            arguments,
            tools: tools,
            settings: settings,
            log: log,
            failure: "pg_restore failed; nothing was restored"
        )
        do {
            try database.migrate()
            let (_, schema, runs) = try inspect(database)
            let bytes = ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int) ?? 0
            return BackupSummary(
                file: file,
                bytes: bytes,
                runs: runs,
                schemaVersion: schema,
                toolsVersion: tools.majorVersion,
                missingPartnerRoles: try database.partnerRolesMissingFromCluster()
            )
        } catch let error as BackupError {
            throw error
        } catch {
            throw BackupError(kind: .failed, message: "the restore went through, but migrating it failed: \(error)")
        }
    }

    /// Runs a client program with the password in its environment; a failure quotes its log, secrets masked.
    private static func run(
        _ program: String,
        _ arguments: [String],
        tools: PostgresTools,
        settings: ConnectionSettings,
        log: String,
        failure: String
    ) throws(BackupError) {
        let status: Int32
        do {
            status = try tools.run(program, arguments, environment: settings.passwordEnvironment, logPath: log)
        } catch {
            throw BackupError(kind: .failed, message: "cannot run \(program): \(error)")
        }
        guard status == 0 else {
            throw BackupError(kind: .failed, message: "\(failure) (exit \(status)): \(settings.redacting(tail(log)))")
        }
    }

    private static func connect(_ target: DatabaseTarget) throws(BackupError) -> (ConnectionSettings, PlannerDatabase) {
        do {
            let settings = try target.connectionSettings()
            return (settings, try PlannerDatabase(settings: settings))
        } catch {
            throw BackupError(kind: .unavailable, message: "database unavailable (\(target)): \(error)")
        }
    }

    /// The server's major version, the planner schema's version and its number of runs.
    private static func inspect(_ database: PlannerDatabase) throws(BackupError) -> (Int, Int?, Int) {
        do {
            return (try database.serverMajorVersion(), try database.schemaVersion(), try database.runCount())
        } catch {
            throw BackupError(kind: .failed, message: "reading the database failed: \(error)")
        }
    }

    private static func findTools(_ major: Int) throws(BackupError) -> PostgresTools {
        do {
            return try PostgresTools.find(atLeast: major)
        } catch {
            throw BackupError(kind: .failed, message: "\(error)")
        }
    }

    private static func temporaryLog() throws(BackupError) -> String {
        let path = NSTemporaryDirectory() + "planner-backup-\(UUID().uuidString).log"
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw BackupError(kind: .failed, message: "cannot create a log file in \(NSTemporaryDirectory())")
        }
        return path
    }

    private static func tail(_ path: String) -> String {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(8).joined(separator: "\n")
    }
}
