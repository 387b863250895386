import ArgumentParser
import Foundation
import PlannerCore
import PlannerPipeline
import Storage

struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List, inspect, publish and prune the stored runs.",
        discussion: """
            A run's purpose is daily (planner allocate) or scenario (planner plan). Published runs are the official \
            plan of their date: publishing one supersedes the run published for that date before, and carriers \
            (latest_dispatch_plans, planner dispatch --run latest) see only the newest published run.
            """,
        subcommands: [List.self, Show.self, Publish.self, Prune.self]
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List stored runs, newest first.")

        @Option(help: "Only runs of this kind (plan or allocate).") var kind: RunKind?
        @Option(help: "Only runs for this plan date (YYYY-MM-DD).") var date: DayArgument?
        @Option(help: "Only runs in this state (complete or superseded).") var status: RunStatus?
        @Option(help: "At most this many runs.") var limit = 100
        @Option(help: "table (for people), csv or json (for programs).") var format: Format = .table
        @OptionGroup var target: DatabaseOptions

        func validate() throws {
            guard limit >= 1 else { throw ValidationError("--limit must be at least 1, found \(limit)") }
        }

        func run() throws {
            let database = try StoredRunAccess.open(target)
            let runs = try StoredRunAccess.read {
                try database.runs(RunFilter(kind: kind, planDate: date?.day, status: status, limit: limit))
            }
            print(RunsReport.list(runs, format: format), terminator: "")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One run: what produced it (fingerprint, build, configuration), stage times, KPIs, alerts, rows."
        )

        @Argument(help: "The run_id.") var runID: Int64
        @Option(help: "text or json.") var format: Format = .table
        @OptionGroup var target: DatabaseOptions

        func validate() throws {
            guard runID >= 1 else { throw ValidationError("the run_id must be at least 1, found \(runID)") }
        }

        func run() throws {
            let database = try StoredRunAccess.open(target)
            let details = try StoredRunAccess.read { try database.runDetails(runID) }
            print(RunsReport.show(details, json: format == .json), terminator: "")
        }
    }

    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish a stored run: it becomes the official plan of its date, the one carriers see.",
            discussion: "The run published for that date before becomes superseded (it stays readable)."
        )

        @Argument(help: "The run_id.") var runID: Int64
        @OptionGroup var target: DatabaseOptions

        func run() throws {
            let database = try StoredRunAccess.open(target)
            let superseded = try StoredRunAccess.read { try database.publish(runID: runID) }
            print("run \(runID) published" + (superseded.map { "; run \($0) superseded" } ?? ""))
        }
    }

    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete runs that finished more than N days ago, with all their rows.",
            discussion: """
                A published run that is still the official plan of its date is never deleted, however old. Each \
                run's rows are one partition per table, so deleting a run drops them: fast at any size.
                """
        )

        @Option(help: "Keep the runs of the last N days.") var keepDays: Int
        @Flag(help: "Say what would be deleted, and delete nothing.") var dryRun = false
        @OptionGroup var target: DatabaseOptions

        func validate() throws {
            guard keepDays >= 0 else { throw ValidationError("--keep-days must be 0 or more, found \(keepDays)") }
        }

        func run() throws {
            let database = try StoredRunAccess.open(target)
            let result = try StoredRunAccess.read { try database.prune(keepDays: keepDays, dryRun: dryRun) }
            let verb = dryRun ? "would delete" : "deleted"
            print("\(verb) \(result.removed.count) runs, \(result.rows) rows")
            for run in result.removed {
                print(
                    "  run \(run.runID)  \(run.kind.rawValue)  \(run.planDate)  \(run.status.rawValue)  "
                        + "'\(run.scenario)'  finished \(RunsReport.time(run.finishedAt))"
                )
            }
        }
    }
}

/// A plan date typed on the command line.
struct DayArgument: ExpressibleByArgument, Sendable {
    var day: Day

    init?(argument: String) {
        guard let day = Day(iso: argument), InputLimits.contains(day) else { return nil }
        self.day = day
    }
}

extension RunKind: ExpressibleByArgument {}
extension RunStatus: ExpressibleByArgument {}

/// The text of `planner runs list` and `show`.
enum RunsReport {
    static let columns = [
        "run_id", "kind", "purpose", "scenario", "plan_date", "status", "published", "published_at", "superseded_by",
        "fingerprint", "started_at", "finished_at",
    ]

    static func fields(_ run: RunSummaryRow) -> [String] {
        [
            String(run.runID), run.kind.rawValue, run.purpose.rawValue, run.scenario, run.planDate.description,
            run.status.rawValue, run.published ? "true" : "false", run.publishedAt.map(time) ?? "",
            run.supersededBy.map(String.init) ?? "", run.fingerprint ?? "", time(run.startedAt), time(run.finishedAt),
        ]
    }

    static func list(_ runs: [RunSummaryRow], format: RunsCommand.Format) -> String {
        switch format {
        case .csv:
            let lines =
                [columns.joined(separator: ",")]
                + runs.map {
                    fields($0).map { String(decoding: CSVField.encode($0), as: UTF8.self) }.joined(separator: ",")
                }
            return lines.joined(separator: "\n") + "\n"
        case .json:
            let objects = runs.map(json)
            return "[" + objects.joined(separator: ",\n ") + "]\n"
        case .table:
            guard !runs.isEmpty else { return "no runs stored match\n" }
            let shown = ["run", "kind", "purpose", "plan date", "status", "published", "finished", "scenario"]
            let rows = runs.map { run in
                [
                    String(run.runID), run.kind.rawValue, run.purpose.rawValue, run.planDate.description,
                    run.status.rawValue + (run.supersededBy.map { " by \($0)" } ?? ""), run.published ? "yes" : "no",
                    time(run.finishedAt), run.scenario,
                ]
            }
            let widths = shown.indices.map { column in
                ([shown[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
            }
            func line(_ cells: [String]) -> String {
                zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: "  ")
                    .trimmingCharacters(in: .whitespaces)
            }
            return ([line(shown)] + rows.map(line)).joined(separator: "\n") + "\n"
        }
    }

    static func json(_ run: RunSummaryRow) -> String {
        let values = fields(run)
        let numeric: Set<String> = ["run_id", "superseded_by"]
        let entries = zip(columns, values).map { column, value -> String in
            let encoded =
                value.isEmpty && column != "scenario"
                ? "null"
                : column == "published" ? value : numeric.contains(column) ? value : CanonicalJSON.quoted(value)
            return CanonicalJSON.quoted(column) + ": " + encoded
        }
        return "{" + entries.joined(separator: ", ") + "}"
    }

    static func show(_ details: RunDetails, json asJSON: Bool) -> String {
        if asJSON {
            let counts = details.rowCounts.map { CanonicalJSON.quoted($0.table) + ": " + String($0.rows) }
            let alerts = details.alertMessages.map {
                "{\"alert\": \(CanonicalJSON.quoted($0.alert)), \"message\": \(CanonicalJSON.quoted($0.message))}"
            }
            return "{\"run\": \(json(details.run)),\n \"planner_build\": "
                + (details.plannerBuild.map(CanonicalJSON.quoted) ?? "null") + ",\n \"configuration\": "
                + (details.configurationJSON ?? "null") + ",\n \"scenario\": " + (details.scenarioJSON ?? "null")
                + ",\n \"summary\": " + details.summaryJSON + ",\n \"rows\": {" + counts.joined(separator: ", ")
                + "},\n \"alerts\": [" + alerts.joined(separator: ", ") + "]}\n"
        }
        let run = details.run
        var lines = [
            "run \(run.runID): \(run.kind.rawValue) (\(run.purpose.rawValue)) of scenario '\(run.scenario)' for "
                + "\(run.planDate)",
            "  status        \(run.status.rawValue)" + (run.supersededBy.map { ", superseded by run \($0)" } ?? ""),
            "  published     " + (run.publishedAt.map { "yes, at \(time($0))" } ?? "no"),
            "  ran           \(time(run.startedAt)) to \(time(run.finishedAt))",
            "  fingerprint   \(run.fingerprint ?? "none (stored before schema 6)")",
            "  planner       \(details.plannerBuild ?? "unknown")",
        ]
        if let summary = try? JSONSerialization.jsonObject(with: Data(details.summaryJSON.utf8)) as? [String: Any] {
            if let stages = summary["stage_seconds"] as? [String: Double] {
                let text = stages.sorted { $0.key < $1.key }.map { "\($0.key) \(String(format: "%.3f", $0.value)) s" }
                lines.append("  stage times   " + text.joined(separator: ", "))
            }
            let figures = [
                "allocated_units", "unfilled_units", "fill_rate", "next_day_share", "allocation_objective",
                "shipping_cost", "supplier_plan_rows", "backup_supplier_orders", "shortfall_units", "presale_units",
            ].compactMap { key in summary[key].map { "\(key) \($0)" } }
            lines.append("  KPIs          " + figures.joined(separator: ", "))
            lines += alertLines(summary["alerts"] as? [String: Any] ?? [:], details.alertMessages, run.runID)
        }
        lines.append(
            "  rows          " + details.rowCounts.map { "\($0.table) \($0.rows)" }.joined(separator: ", ")
        )
        if let configuration = details.configurationJSON {
            lines.append("  configuration \(configuration)")
        }
        if let scenario = details.scenarioJSON {
            lines.append("  scenario      \(scenario)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Alert rows shown before `runs show` points at `planner.alerts` for the rest.
    static let alertRowsShown = 20

    /// The alerts of `runs show`: the checks the run made and their breaches, then what each breach says.
    static func alertLines(
        _ breaches: [String: Any],
        _ messages: [(alert: String, message: String)],
        _ runID: Int64
    )
        -> [String]
    {
        guard !breaches.isEmpty else { return ["  alerts        none configured"] }
        let counts = breaches.compactMap { key, value in (value as? Int).map { (key, $0) } }.sorted { $0.0 < $1.0 }
        let breached = counts.filter { $0.1 > 0 }
        guard !breached.isEmpty else {
            return ["  alerts        none breached (" + counts.map(\.0).joined(separator: ", ") + " checked)"]
        }
        var lines = ["  alerts        BREACHED " + breached.map { "\($0.0) \($0.1)" }.joined(separator: ", ")]
        lines += messages.prefix(alertRowsShown).map { "                \($0.alert): \($0.message)" }
        if messages.count > alertRowsShown {
            lines.append(
                "                ... \(messages.count - alertRowsShown) more in planner.alerts (run_id = \(runID))"
            )
        }
        return lines
    }

    static func time(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: date)
    }
}
