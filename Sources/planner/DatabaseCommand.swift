import ArgumentParser
import EmbeddedServer
import Foundation
import PlannerCore
import PlannerInput
import PlannerPipeline
import Storage

struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the planner's database (the embedded one under .planner/ unless a URL is configured).",
        subcommands: [
            Start.self, Stop.self, Status.self, URLCommand.self, Migrate.self, GrantCarrier.self, GrantSupplier.self,
            Backup.self, Restore.self,
        ]
    )

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create (first time) and start the embedded database; it keeps running afterwards.",
            discussion: "Refused (exit 64) when a database URL is configured: the planner does not manage that server."
        )

        @OptionGroup var target: DatabaseOptions

        func run() throws {
            try target.requireEmbedded(for: "start")
            let url = try embedded { try $0.start() }
            print("embedded database running: \(url)")
        }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop the embedded database.",
            discussion: "Refused (exit 64) when a database URL is configured: the planner does not manage that server."
        )

        @OptionGroup var target: DatabaseOptions

        func run() throws {
            try target.requireEmbedded(for: "stop")
            try embedded { try $0.stop() }
            print("embedded database stopped")
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say whether the planner's database runs: exit 0 when it answers, 3 otherwise.",
            discussion: """
                With a database URL configured (--database, $PLANNER_DATABASE_URL or database_url), reports on \
                that server (reachable, schema version); otherwise on the embedded database under .planner/.
                """
        )

        @OptionGroup var target: DatabaseOptions

        func run() throws {
            let resolved = try target.resolve()
            guard case .server(let settings, _) = resolved else {
                return try embeddedStatus()
            }
            do {
                let version = try PlannerDatabase(settings: settings).schemaVersion()
                print("reachable: \(resolved); schema version \(version.map(String.init) ?? "none (not migrated yet)")")
            } catch {
                print("not reachable: \(resolved): \(settings.redacting("\(error)"))")
                throw ExitCode(3)
            }
        }

        private func embeddedStatus() throws {
            switch try embedded({ try $0.status() }) {
            case .running(let url):
                print("running: \(url)")
            case .stopped:
                print("stopped (start it with: planner db start)")
                throw ExitCode(3)
            case .notInitialized:
                print("not created yet (planner db start creates it)")
                throw ExitCode(3)
            }
        }
    }

    struct URLCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "url",
            abstract: "Print the libpq URL the planner would write to (for psql).",
            discussion: """
                A password in a configured URL is printed as ***: give it to psql through PGPASSWORD or \
                ~/.pgpass instead. The embedded database needs none.
                """
        )

        @OptionGroup var target: DatabaseOptions

        func run() throws {
            switch try target.resolve() {
            case .server(let settings, _): print(settings)
            case .embedded(let directory): print(EmbeddedPostgres(directory: directory).url)
            }
        }
    }

    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply the schema migrations that are missing (runs also apply them on demand)."
        )

        @OptionGroup var target: DatabaseOptions

        func run() throws {
            let target = try target.resolve()
            do {
                let applied = try PlannerDatabase(settings: try target.connectionSettings()).migrate()
                print(
                    applied.isEmpty
                        ? "schema up to date" : "applied migrations \(applied.map(String.init).joined(separator: ", "))"
                )
            } catch {
                printError("migration failed (\(target)): \(error)")
                throw ExitStatus.unavailable
            }
        }
    }
}

/// Which database `db url` and `db migrate` address: the same rule as a run's.
extension DatabaseCommand {
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write every stored run and the planner's schema to FILE (pg_dump, custom format).",
            discussion: """
                The schemas planner and planner_runs: tables, rows, policies, comments, grants. Roles are not in it \
                (they belong to the cluster): `planner db restore` recreates the group role planner_partner and \
                names the partner roles to recreate with `planner db grant-carrier` or `grant-supplier`. The file \
                is written under a temporary name and renamed when pg_dump succeeded, readable by its owner only. \
                For the embedded database the pg_dump of the server that runs it is used.
                Example: planner db backup backups/before-singles-day.dump
                """
        )

        @Argument(help: "The backup file to write (replaced if it exists).") var file: String
        @OptionGroup var target: DatabaseOptions

        func run() throws {
            let summary = try backupStep { try DatabaseBackup.backup(target: try target.resolve(), to: file) }
            print(
                "backed up \(summary.runs) runs (schema \(summary.schemaVersion.map(String.init) ?? "none")) to "
                    + "\(summary.file), \(summary.bytes) bytes, with pg_dump \(summary.toolsVersion)"
            )
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Restore a backup into a database without a planner schema (pg_restore, one transaction).",
            discussion: """
                A database that already holds the planner's schema is refused (exit 65) unless --clean, which drops \
                the schemas planner and planner_runs, every stored run with them, first. The restore lands whole or \
                not at all; the schema is then brought up to date. Carrier roles the cluster lacks are listed.
                Example: planner db restore backups/before-singles-day.dump --database postgresql://planner@standby/planner
                """
        )

        @Argument(help: "The backup file (from planner db backup).") var file: String
        @Flag(help: "Drop the planner's schemas (every stored run) before restoring.") var clean = false
        @OptionGroup var target: DatabaseOptions

        func run() throws {
            let summary = try backupStep {
                try DatabaseBackup.restore(target: try target.resolve(), from: file, clean: clean)
            }
            print(
                "restored \(summary.runs) runs (schema \(summary.schemaVersion.map(String.init) ?? "none")) from "
                    + "\(summary.file) with pg_restore \(summary.toolsVersion)"
            )
            for role in summary.missingPartnerRoles {
                print(
                    "  partner role \(role) does not exist in this cluster: recreate it with planner db "
                        + "grant-carrier or grant-supplier"
                )
            }
        }
    }
}

/// Runs a backup or restore, mapping ``BackupError`` to exit 65 (refused), 69 (unavailable) or 70 (failed).
private func backupStep<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as BackupError {
        printError(error.message)
        switch error.kind {
        case .refused: throw ExitStatus.dataError
        case .unavailable: throw ExitStatus.unavailable
        case .failed: throw ExitStatus.software
        }
    }
}

struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "PostgreSQL URL. Default: $PLANNER_DATABASE_URL, then the configuration, then the embedded database."
    )
    var database: String?

    @Option(name: .long, help: "Configuration file replacing Config/planner.yaml.")
    var config: String?

    /// Resolves the target; a configuration file with problems is an input error (exit 65), an unreadable
    /// URL a usage error (exit 64, or 65 when it is the configuration's).
    func resolve() throws -> DatabaseTarget {
        let configuration: PlannerConfiguration
        do {
            configuration = try PlanningInputLoader.loadConfiguration(config).0
        } catch let error as InputError {
            printError(error.description)
            throw ExitStatus.dataError
        }
        return try resolveTarget(flag: database, configuration: configuration)
    }

    /// Refuses (exit 64) to manage a server the planner does not run.
    func requireEmbedded(for action: String) throws {
        let resolved = try resolve()
        guard resolved.isEmbedded else {
            printError(
                "the planner's database is \(resolved), which the planner does not manage; `planner db \(action)` "
                    + "acts on the embedded database only: leave out --database and unset "
                    + "$\(DatabaseTarget.environmentVariable) and database_url to use it"
            )
            throw ExitStatus.usage
        }
    }
}

/// The database target of `flag`, the environment and `configuration`; an unreadable URL is exit 64 (65 when it
/// is the configuration's), reported without its text.
func resolveTarget(flag: String?, configuration: PlannerConfiguration) throws -> DatabaseTarget {
    do {
        return try DatabaseTarget.resolve(
            flag: flag,
            environment: ProcessInfo.processInfo.environment,
            configuration: configuration
        )
    } catch {
        printError("the database URL of \(error)")
        throw error.source == .configuration ? ExitStatus.dataError : ExitStatus.usage
    }
}

private func embedded<T>(_ body: (EmbeddedPostgres) throws -> T) throws -> T {
    do {
        return try body(EmbeddedPostgres(directory: DatabaseTarget.defaultEmbeddedDirectory))
    } catch {
        printError("embedded database: \(error)")
        throw ExitStatus.unavailable
    }
}
