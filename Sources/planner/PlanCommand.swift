import ArgumentParser
import PlannerPipeline

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Run the whole pipeline on a scenario and store the run.",
        discussion: """
            Loads and validates every input, forecasts demand per SKU and region, classifies SKUs (ABC), \
            computes safety stock and reorder points, allocates open orders with GLPK, plans supplier orders \
            with fallback to backups, builds dispatch plans, and writes the run to PostgreSQL in one transaction.
            Example: planner plan Scenarios/peak-season.yaml --out out/peak
            """
    )

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var output: OutputOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Days of order allocation (1-60). With more than 1, orders are shipped over the horizon.",
            discussion: "Supplier orders the run plans that arrive within the horizon become stock on their day."
        )
    )
    var days: Int = 1

    func validate() throws {
        guard (1...60).contains(days) else {
            throw ValidationError("--days must be between 1 and 60, found \(days)")
        }
    }

    func run() async throws {
        let days = self.days
        let run = RunFlow.Run(
            kind: .plan,
            allocationDays: days,
            planDate: \.scenario.planDate,
            publishesByDefault: false
        )
        try await RunFlow(scenario: scenario, output: output).run(run) { input, logger in
            try await Pipeline.plan(input, allocationDays: days, logger: logger)
        }
    }
}
