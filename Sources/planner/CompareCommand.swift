import ArgumentParser
import Foundation
import PlannerCore
import PlannerReport

struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare scenarios or stored runs: every operating KPI side by side, and the plans' top changes.",
        discussion: """
            Each argument is a scenario file or a run id. A scenario whose inputs are unchanged reuses its stored \
            run (same fingerprint, kind and plan date); otherwise it is planned and stored, unpublished, as \
            `planner plan` would. One row per KPI with a column per run and the difference to the first; then the \
            SKUs, warehouses and suppliers whose plan moved most, and why where the runs say so.
            Example: planner compare Scenarios/baseline.yaml Scenarios/peak-season.yaml
            """
    )

    @Argument(help: "Two or more scenario files or run ids; the first is the base of the differences.")
    var runs: [String]

    @Option(name: .long, help: "table, csv or json.")
    var format: Format = .table

    @Flag(name: .long, help: "Add a row per ABC class to each KPI that has one.")
    var byClass = false

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: "Write to this file instead of standard output.")
    var out: String?

    @OptionGroup var log: LogOptions

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    func validate() throws {
        guard runs.count >= 2 else { throw ValidationError("compare needs at least two scenarios or run ids") }
    }

    func run() async throws {
        let logger = log.makeLogger()
        var sources = StoredRunSources(options: database, logger: logger)
        let (stored, columns) = try await StageProgress.$current.withValue(log.makeProgress(logger: logger)) {
            try await sources.readAll(runs)
        }
        let database = try sources.openForReading()
        let comparison = try StoredRunAccess.read {
            try RunComparison.compare(stored, columns: columns, database: database, byClass: byClass)
        }
        let text: String
        switch format {
        case .table:
            text =
                columns.map { "run \($0.runID): \($0.scenario), \($0.planDate), from \($0.source)" }
                .joined(separator: "\n") + "\n\n" + comparison.table()
        case .csv: text = comparison.csv()
        case .json: text = comparison.json()
        }
        try StoredRunAccess.write(text, to: out)
    }
}

extension StoredRunSources {
    /// Resolves every argument, then reads each run (exit 65 for a run that is not a stored plan run).
    /// With `skus`, the first run's charts show those SKUs (and the others' charts follow the first's).
    mutating func readAll(
        _ arguments: [String],
        skus: [String]? = nil
    ) async throws -> (
        [StoredRun], [RunComparison.Column]
    ) {
        var columns: [RunComparison.Column] = []
        for argument in arguments { columns.append(try await resolve(argument)) }
        let database = try openForReading()
        var runs: [StoredRun] = []
        for column in columns {
            runs.append(
                try StoredRunAccess.read {
                    do {
                        return try StoredRun.read(column.runID, from: database, chartsLike: runs.first, skus: skus)
                    } catch let error as ReportError {
                        printError(error.description)
                        throw ExitStatus.dataError
                    }
                }
            )
        }
        return (runs, columns)
    }
}
