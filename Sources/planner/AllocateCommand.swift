import ArgumentParser
import PlannerCore
import PlannerPipeline

struct AllocateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocate",
        abstract: "Allocate open orders to warehouses and build dispatch plans (the scheduler's daily run).",
        discussion: """
            Orders dated on or before the allocation date are open. Runs only loading, allocation, dispatch \
            and storing; exit code 0 means the run is committed.
            Example (cron): planner allocate Scenarios/baseline.yaml --date 2026-11-16
            """
    )

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .long, help: "Allocation and ship date (YYYY-MM-DD). Default: the scenario's plan_date.")
    var date: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Days to plan ahead (1-60). With more than 1, orders dated within the horizon are shipped over it.",
            discussion: "Each day has its own warehouse capacity; units arriving after their promise date cost "
                + "allocation.late_penalty_per_unit_per_day per day late. Stock is what is on hand today."
        )
    )
    var days: Int = 1

    func validate() throws {
        if let date {
            guard let day = Day(iso: date) else {
                throw ValidationError("--date must be a date YYYY-MM-DD that exists, found \(InputLimits.quoted(date))")
            }
            guard InputLimits.contains(day), InputLimits.contains(day.adding(days: days)) else {
                throw ValidationError(
                    "--date \(day) is outside the dates the planner accepts "
                        + "(\(InputLimits.earliestDay) to \(InputLimits.latestDay))"
                )
            }
        }
        guard (1...60).contains(days) else {
            throw ValidationError("--days must be between 1 and 60, found \(days)")
        }
    }

    func run() async throws {
        let day = date.flatMap { Day(iso: $0) }
        let days = self.days
        let run = RunFlow.Run(
            kind: .allocate,
            allocationDays: days,
            planDate: { day ?? $0.scenario.planDate },
            publishesByDefault: true
        )
        try await RunFlow(scenario: scenario, output: output).run(run) { input, context in
            try Pipeline.allocateOnly(input, date: day, days: days, logger: context.logger)
        }
    }
}
