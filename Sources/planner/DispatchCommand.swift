import ArgumentParser
import Storage

struct DispatchCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json
    }

    /// What a row is: a pickup group (carrier, warehouse, ship date, region) or one order line.
    enum Detail: String, ExpressibleByArgument, CaseIterable {
        case summary, lines
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
            --detail lines: one row per order line instead, columns carrier, warehouse, ship_date, region, \
            order_id, line (the line's number within its order), sku, qty, promise_date, weight_kg, volume_l \
            (empty, or null in JSON, when unknown), sorted by warehouse, ship_date, region, order_id, line, sku.
            --changes: the order lines that differ from the plan the carrier had before for the run's date (the \
            published run this one superseded, or for a run not published the one published now): a change column \
            (added, removed, changed), the line's identity, then qty, promise_date, weight_kg and volume_l each \
            with its previous_ value. Summing weight_kg - previous_weight_kg per warehouse and ship_date gives \
            the change of each pickup's load. JSON adds previous_run_id and the counts.
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

    @Option(help: "summary: one row per warehouse, ship date and region; lines: one row per order line.")
    var detail: Detail?

    @Flag(help: "Only the order lines added, removed or changed since the carrier's previous plan for the date.")
    var changes = false

    @OptionGroup var target: DatabaseOptions

    func validate() throws {
        _ = try StoredRunAccess.runSelector(runSelection)
        guard !carrier.isEmpty else {
            throw ValidationError("--carrier must name a carrier")
        }
        if changes, detail == .summary {
            throw ValidationError("--changes compares order lines: use it with --detail lines (or without --detail)")
        }
    }

    func run() throws {
        let selector = try StoredRunAccess.runSelector(runSelection)
        let database = try StoredRunAccess.open(target)
        if changes {
            let changes = try StoredRunAccess.read { try database.dispatchLineChanges(run: selector, carrier: carrier) }
            let since = changes.previousRunID.map { "since run \($0)" } ?? "(no earlier published plan for its date)"
            printError(
                "carrier '\(carrier)', run \(changes.runID) \(since): \(changes.count(.added)) lines added, "
                    + "\(changes.count(.removed)) removed, \(changes.count(.changed)) changed"
            )
            try StoredRunAccess.write(format == .csv ? changes.csv() : changes.json(), to: out)
            return
        }
        if detail == .lines {
            let export = try StoredRunAccess.read { try database.dispatchLineExport(run: selector, carrier: carrier) }
            if export.lines.isEmpty {
                printError("carrier '\(carrier)' has nothing to pick up in run \(export.runID)")
            }
            try StoredRunAccess.write(format == .csv ? export.csv() : export.json(), to: out)
            return
        }
        let export = try StoredRunAccess.read {
            try database.dispatchExport(run: selector, carrier: carrier)
        }
        if export.lines.isEmpty {
            printError("carrier '\(carrier)' has nothing to pick up in run \(export.runID)")
        }
        try StoredRunAccess.write(format == .csv ? export.csv() : export.json(), to: out)
    }
}
