import ArgumentParser
import PlannerPipeline
import Storage

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Run the whole pipeline on a scenario and store the run.",
        discussion: """
            Loads and validates every input, forecasts demand per SKU and region, classifies SKUs (ABC), \
            computes safety stock and reorder points, allocates open orders with GLPK, plans supplier orders \
            with fallback to backups, builds dispatch plans, and writes the run to PostgreSQL in one transaction.
            Example: planner plan Scenarios/peak-season.yaml --out out/peak
            With --from-stage ID it is the merge of a sharded plan (docs/scale-out.md): the forecasts the shards \
            stored under that stage (planner forecast SCENARIO --shard K/N --stage ID) replace the forecast, and \
            the rest runs as always. The stage must be complete and made from the same inputs; the run is the \
            one an unsharded plan stores, row for row.
            Example: planner plan Scenarios/peak-season.yaml --from-stage peak-1116
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

    @Option(
        name: .customLong("from-stage"),
        help: ArgumentHelp(
            "Merge a sharded plan: read the forecasts of this stage instead of forecasting.",
            discussion: "Demand and returns rows are not read: every shard stored what the plan needs of them.",
            valueName: "ID"
        )
    )
    var fromStage: String?

    func validate() throws {
        guard (1...60).contains(days) else {
            throw ValidationError("--days must be between 1 and 60, found \(days)")
        }
        if let fromStage, let problem = StageID.problem(fromStage) {
            throw ValidationError("--from-stage: \(problem)")
        }
    }

    func run() async throws {
        let days = self.days
        let stageID = fromStage
        let run = RunFlow.Run(
            kind: .plan,
            allocationDays: days,
            planDate: \.scenario.planDate,
            publishesByDefault: false,
            stage: stageID
        )
        try await RunFlow(scenario: scenario, output: output).run(run) { input, context in
            guard let stageID, let database = context.database, let digests = context.digests else {
                return try await Pipeline.plan(input, allocationDays: days, logger: context.logger)
            }
            var times = StageTimes()
            let stage: ForecastStage
            do {
                stage = try times.measure("stage") {
                    try StageRun.readForMerge(stageID: stageID, input: input, database: database, digests: digests)
                        .stage
                }
            } catch let error as StageNotReady {
                printError(error.message)
                throw ExitStatus.tempFail
            } catch let error as StageRefusal {
                printError(error.message)
                throw ExitStatus.dataError
            }
            context.logger.info(
                "read the stage",
                metadata: ["stage": "\(stageID)", "skus": "\(stage.skus.count)", "seconds": "\(times.totalSeconds)"]
            )
            return try await Pipeline.plan(
                input,
                stage: stage,
                allocationDays: days,
                times: times,
                logger: context.logger
            )
        }
    }
}
