import ArgumentParser
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
            abstract: "Create (first time) and start the embedded database; it keeps running afterwards."
        )

        func run() throws {
            let url = try embedded { try $0.start() }
            print("embedded database running: \(url)")
        }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the embedded database.")

        func run() throws {
            try embedded { try $0.stop() }
            print("embedded database stopped")
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say whether the embedded database exists and runs (exit 0 running, 3 otherwise)."
        )

        func run() throws {
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
            abstract: "Print the libpq URL the planner would write to (for psql)."
        )

        @OptionGroup var target: DatabaseOptions

        func run() throws {
            let target = try target.resolve()
            switch target {
            case .url(let url): print(url)
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
                let applied = try PlannerDatabase(url: try target.connectionURL()).migrate()
                print(
                    applied.isEmpty
                        ? "schema up to date" : "applied migrations \(applied.map(String.init).joined(separator: ", "))"
                )
            } catch {
                printError("migration failed (\(target.description)): \(error)")
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

    /// Resolves the target; a configuration file with problems is an input error (exit 65).
    func resolve() throws -> DatabaseTarget {
        do {
            let configuration = try PlanningInputLoader.loadConfiguration(config).0
            return DatabaseTarget.resolve(
                flag: database,
                environment: ProcessInfo.processInfo.environment,
                configuration: configuration
            )
        } catch let error as InputError {
            printError(error.description)
            throw ExitStatus.dataError
        }
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
