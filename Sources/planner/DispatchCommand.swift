import ArgumentParser
import Storage

struct DispatchCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json
    }

    static let configuration = CommandConfiguration(
        commandName: "dispatch",
        abstract: "Export one carrier's dispatch plan of a stored run as CSV or JSON (for logistics partners).",
        discussion: """
            Columns, in this order: carrier, warehouse, ship_date (YYYY-MM-DD), region, order_lines, units \
            (whole numbers). Rows are sorted by warehouse, ship_date, region (identifiers in byte order). \
            CSV: a header row with exactly these names, then one row per line, fields quoted only when they \
            hold a comma, quote or line break. JSON: {"run_id":N,"carrier":"C","rows":[...]}, each row an \
            object with the same keys, numbers as numbers, dates as strings.
            A carrier the database knows (rows in any run, or an account from planner db grant-carrier) with \
            nothing to pick up in the run is not an error: the CSV is the header alone, the JSON has "rows":[], \
            a note goes to standard error and the exit code is 0. An unknown run, no complete run yet, or a \
            carrier known nowhere (a misspelling) is an error naming it: exit 65. Database unreachable: 69.
            A partner may run it with its own role (--database URL with user=ROLE): row level security then \
            shows it its own carrier's rows only.
            Example (cron): planner dispatch --carrier FastFreight --format csv --out fastfreight.csv
            """
    )

    @Option(name: .customLong("run"), help: "The run: latest (the most recently finished complete run) or a run_id.")
    var runSelection = "latest"

    @Option(help: "The carrier, as in lanes.csv (case-sensitive).")
    var carrier: String

    @Option(help: "Output format.")
    var format: Format = .csv

    @Option(help: "Write to this file (replaced whole, only on success) instead of standard output.")
    var out: String?

    @OptionGroup var target: DatabaseOptions

    func validate() throws {
        _ = try StoredRunAccess.runSelector(runSelection)
        guard !carrier.isEmpty else {
            throw ValidationError("--carrier must name a carrier")
        }
    }

    func run() throws {
        let selector = try StoredRunAccess.runSelector(runSelection)
        let database = try StoredRunAccess.open(target)
        let export = try StoredRunAccess.read {
            try database.dispatchExport(run: selector, carrier: carrier)
        }
        if export.lines.isEmpty {
            printError("carrier '\(carrier)' has nothing to pick up in run \(export.runID)")
        }
        try StoredRunAccess.write(format == .csv ? export.csv() : export.json(), to: out)
    }
}
