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

    func run() async throws {
        try await RunFlow(scenario: scenario, output: output).run { input, logger in
            try await Pipeline.plan(input, logger: logger)
        }
    }
}
