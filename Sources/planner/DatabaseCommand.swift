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
        subcommands: [Start.self, Stop.self, Status.self, URLCommand.self, Migrate.self, GrantCarrier.self]
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
