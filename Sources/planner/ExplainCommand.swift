import ArgumentParser
import Storage

struct ExplainCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Say why each line of an order went to its warehouse, or why it is unfilled.",
        discussion: """
            For each part of the order's lines in the run: the warehouse and its lane cost per unit, the \
            runner-up warehouse and what moving one unit there would cost the plan (its reduced cost, so it \
            includes any re-routing it forces), and the constraint that kept the units off a cheaper lane \
            (the stock of the SKU, or the daily capacity, of a cheaper warehouse). Unfilled units get their \
            reason: no lane, no stock within reach, no capacity left, stock used by other lines, or shipping \
            dearer than leaving them unfilled. Money is shown to 2 decimals; --format json gives the stored \
            values unrounded and the sentence as "text".
            An order without explanations in the run, an unknown run, or no complete run yet: exit 65.
            Example: planner explain 1234 --run 17
            """
    )

    @Argument(help: "The order_id (orders.csv).")
    var orderID: String

    @Option(name: .customLong("run"), help: "The run: latest (the most recently finished complete run) or a run_id.")
    var runSelection = "latest"

    @Option(help: "Output format.")
    var format: Format = .text

    @OptionGroup var target: DatabaseOptions

    func validate() throws {
        _ = try StoredRunAccess.runSelector(runSelection)
        guard !orderID.isEmpty else {
            throw ValidationError("the order id must not be empty")
        }
    }

    func run() throws {
        let selector = try StoredRunAccess.runSelector(runSelection)
        let database = try StoredRunAccess.open(target)
        let explanation = try StoredRunAccess.read {
            try database.explanations(orderID: orderID, run: selector)
        }
        try StoredRunAccess.write(format == .text ? explanation.text() : explanation.json(), to: nil)
    }
}
