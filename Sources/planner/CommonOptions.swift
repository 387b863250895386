import ArgumentParser
import Foundation
import Logging

/// Options shared by the commands that read a scenario.
struct ScenarioOptions: ParsableArguments {
    @Argument(help: "The scenario file (YAML): data folder, plan date, horizon, overrides and events.")
    var scenario: String

    @Option(name: .long, help: "Configuration file replacing Config/planner.yaml.")
    var config: String?

    func validate() throws {
        guard FileManager.default.fileExists(atPath: scenario) else {
            throw ValidationError("scenario file '\(scenario)' not found")
        }
        if let config, !FileManager.default.fileExists(atPath: config) {
            throw ValidationError("configuration file '\(config)' not found")
        }
    }
}

/// Options of the commands that store a run.
struct OutputOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "PostgreSQL URL. Default: $PLANNER_DATABASE_URL, then database_url of the configuration, "
                + "then the embedded database under .planner/."
        )
    )
    var database: String?

    @Option(name: .long, help: "Also write every table as CSV, plus summary.json, into this folder.")
    var out: String?

    @Flag(name: .long, help: "Compute and print the plan without storing it in the database.")
    var dryRun = false

    @Option(name: .long, help: "Log level on standard error (the summary goes to standard output).")
    var logLevel: Logger.Level = .info
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// Exit codes from sysexits.h, as documented in `planner --help`.
enum ExitStatus {
    static let usage = ExitCode(64)
    static let dataError = ExitCode(65)
    static let unavailable = ExitCode(69)
    static let software = ExitCode(70)
    static let cannotCreate = ExitCode(73)
}
