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

    @OptionGroup var log: LogOptions

    @Flag(
        name: .long,
        inversion: .prefixedNo,
        help: ArgumentHelp(
            "Publish the run: it becomes the official plan of its date, the one carriers see.",
            discussion: "Default: allocate publishes (--no-publish for a rehearsal), plan does not (--publish)."
        )
    )
    var publish: Bool?

    @Flag(name: .long, help: "Store a new run even when one with the same inputs is stored (see `planner runs`).")
    var force = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "How long to wait for another run of the same kind and date to finish (90s, 15m, 1h).",
            discussion: "Past it the run exits 75 naming the other run, and stores nothing."
        )
    )
    var lockTimeout: DurationArgument = DurationArgument(seconds: 900)

    // Scheduler signals: alerts of the configuration, metrics for node_exporter (docs/data-contract.md).
    @Flag(
        name: .long,
        help: ArgumentHelp(
            "Exit 79 when the run breaches a threshold of alerts: in the configuration.",
            discussion: "The run is committed (and published, --out and --metrics-file written) first; 79 only "
                + "tells the scheduler. An unchanged run exits 79 when its stored alerts were breached."
        )
    )
    var failOnAlert = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write the run's figures in the Prometheus text format to this file (node_exporter's textfile collector).",
            discussion: "Stage seconds, rows per table, fill rate, next-day share, unfilled units, alert breaches, "
                + "run id and whether the run was unchanged; replaced atomically (a temporary file in the same "
                + "folder, then renamed), only when the command succeeds. Name it NAME.prom in the collector's folder."
        )
    )
    var metricsFile: String?
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// A duration typed on the command line: seconds (`90`), or a number with `s`, `m` or `h` (`15m`).
struct DurationArgument: ExpressibleByArgument, Sendable, CustomStringConvertible {
    var seconds: Double

    init(seconds: Double) {
        self.seconds = seconds
    }

    init?(argument: String) {
        let units: [(suffix: String, seconds: Double)] = [("h", 3_600), ("m", 60), ("s", 1), ("", 1)]
        for (suffix, scale) in units where argument.hasSuffix(suffix) {
            guard let value = Double(argument.dropLast(suffix.count)), value.isFinite, value >= 0,
                value * scale <= 86_400
            else { return nil }
            self.seconds = value * scale
            return
        }
        return nil
    }

    var description: String {
        seconds.truncatingRemainder(dividingBy: 60) == 0 ? "\(Int(seconds / 60))m" : "\(seconds)s"
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

/// Exit codes from sysexits.h, as documented in `planner --help`.
enum ExitStatus {
    static let usage = ExitCode(64)
    static let dataError = ExitCode(65)
    static let unavailable = ExitCode(69)
    static let software = ExitCode(70)
    static let cannotCreate = ExitCode(73)
    /// EX_TEMPFAIL: another run of the same kind and date held the lock past `--lock-timeout`.
    static let tempFail = ExitCode(75)
    /// `--fail-on-alert`: the run (committed) breached a threshold of `alerts:` in the configuration.
    static let alertBreached = ExitCode(79)
}
