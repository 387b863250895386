import ArgumentParser
import Foundation
import PlannerCore
import PlannerReport

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one self-contained HTML page about a run, or several side by side (--compare).",
        discussion: """
            RUN is a run id or a scenario file (planned and stored first unless an unchanged run exists, as in \
            `planner compare`). The page has KPI tiles, forecast against history with the p80/p95 band and event \
            days, projected stock with safety stock and reorder point, warehouse load against capacity, the region x \
            warehouse flows with next-day share, the supplier plan with backup orders, and the exceptions. The \
            forecast and stock charts show the A-class SKUs with the most forecast units and the largest backlog, or \
            the SKUs given with --skus (stock is projected per SKU for class A only). Inline \
            CSS and SVG only: it loads nothing from anywhere, and prints on A4.
            Example: planner report Scenarios/peak-season.yaml --compare Scenarios/baseline.yaml --out report.html
            """
    )

    @Argument(help: "A run id or a scenario file.")
    var run: String

    @Option(name: .long, parsing: .upToNextOption, help: "Runs or scenario files to put beside it.")
    var compare: [String] = []

    @Option(name: .long, help: "The HTML file to write.")
    var out: String

    @Option(
        name: .long,
        parsing: .upToNextOption,
        help: "SKUs to chart (forecast, and projected stock where class A); default: the top A-class SKUs."
    )
    var skus: [String] = []

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var log: LogOptions

    func run() async throws {
        let logger = log.makeLogger()
        var sources = StoredRunSources(options: database, logger: logger)
        let arguments = compare.isEmpty ? [run] : compare + [run]
        let (stored, columns) = try await StageProgress.$current.withValue(log.makeProgress(logger: logger)) {
            try await sources.readAll(arguments, skus: skus.isEmpty ? nil : skus)
        }
        let database = try sources.openForReading()
        let comparison =
            try stored.count > 1
            ? StoredRunAccess.read {
                try RunComparison.compare(stored, columns: columns, database: database, byClass: false)
            } : nil
        try StoredRunAccess.write(ReportPage(runs: stored, comparison: comparison).html(), to: out)
        print("wrote \(out): \(stored.map { "run \($0.runID) (\($0.scenario))" }.joined(separator: " vs "))")
    }
}
