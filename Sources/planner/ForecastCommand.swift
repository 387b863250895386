import ArgumentParser
import Foundation
import Logging
import PlannerCore
import PlannerInput
import PlannerPipeline
import Storage

struct ForecastCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast one shard of the SKUs into a stage of a sharded plan.",
        discussion: """
            A sharded plan runs in steps (docs/scale-out.md): every shard stores its part of the category totals \
            the forecast pools (--step totals), then its part of the rate-weighted sales the returns lags are \
            fitted on (--step returns), then forecasts its SKUs (--step forecast, the default); each step needs the \
            one before it done by every shard. `planner plan SCENARIO --from-stage ID` then merges them into a \
            normal run, the same run an unsharded plan stores. A shard is every SKU whose id hashes to K among N \
            (SHA-256, see docs/scale-out.md); it reads only their demand and returns rows, and nothing else of \
            them is held in memory.
            Steps can run in any order across shards, twice, or at the same time: each is stored in one \
            transaction that replaces what an earlier run of it stored, and a killed step leaves nothing.
            Exit codes as for plan; 75 also when the step before of some shards is missing (run it, or --wait).
            Example (a Slurm array of 8, SLURM_ARRAY_TASK_ID from 0 to 7; each line once every task of the line \
            before has finished):
              planner forecast s.yaml --shard $SLURM_ARRAY_TASK_ID/8 --stage peak --step totals
              planner forecast s.yaml --shard $SLURM_ARRAY_TASK_ID/8 --stage peak --step returns
              planner forecast s.yaml --shard $SLURM_ARRAY_TASK_ID/8 --stage peak
              planner plan s.yaml --from-stage peak
            """
    )

    @OptionGroup var scenario: ScenarioOptions

    @Option(help: ArgumentHelp("This shard, K of N: K from 0 to N - 1 (a Slurm array task id).", valueName: "K/N"))
    var shard: String

    @Option(
        help: ArgumentHelp(
            "The stage the shards of one sharded plan share: letters, digits, _ . - (at most 40).",
            valueName: "ID"
        )
    )
    var stage: String

    @Option(
        help: ArgumentHelp(
            "The step: totals (first), returns (second), forecast (last, the default).",
            valueName: "step"
        )
    )
    var step: StageStep = .forecast

    @Option(
        help: ArgumentHelp(
            "How long the step waits for other shards' step before it (90s, 15m, 1h); default: not at all.",
            valueName: "duration"
        )
    )
    var wait: DurationArgument = DurationArgument(seconds: 0)

    @Option(
        help: ArgumentHelp(
            "PostgreSQL URL. Default: $PLANNER_DATABASE_URL, then database_url of the configuration, "
                + "then the embedded database under .planner/."
        )
    )
    var database: String?

    @OptionGroup var log: LogOptions

    func validate() throws {
        if case .failure(let error) = SKUShard.parse(shard) { throw ValidationError("--shard: \(error.message)") }
        if let problem = StageID.problem(stage) { throw ValidationError("--stage: \(problem)") }
        if step == .totals && wait.seconds > 0 { throw ValidationError("--wait is for the later steps, not totals") }
    }

    func run() async throws {
        let logger = log.makeLogger()
        guard case .success(let shard) = SKUShard.parse(shard) else { throw ExitStatus.usage }
        let clock = ContinuousClock()
        let start = clock.now
        func load(_ rows: RowSelection) throws -> PlanningInput {
            do {
                return try PlanningInputLoader.load(
                    scenarioPath: scenario.scenario,
                    configPath: scenario.config,
                    rows: rows
                )
            } catch let error as InputError {
                printError(error.description)
                throw ExitStatus.dataError
            }
        }
        // The returns step reads the shard's rows only when some shard has returns (the stage's totals say); a
        // shard never reads the supply files.
        var input = try load(step == .returns ? .entitiesOnly : .shard(shard.rowFilter))
        var loaded = clock.now - start
        let target = try resolveTarget(flag: database, configuration: input.configuration)
        let session: RunSession
        do {
            session = try RunSession.open(
                target: target,
                kind: .plan,
                command: "forecast",
                statementTimeoutSeconds: input.configuration.database.statementTimeoutSeconds,
                retry: RunSession.Retry(attempts: input.configuration.database.connectAttempts),
                logger: logger
            )
        } catch let error as StoreError {
            printError(error.message)
            throw error.kind == .unavailable ? ExitStatus.unavailable : ExitStatus.software
        }
        if step == .returns, try StageRun.returnsStepReadsRows(stageID: stage, database: session.database) {
            let reloadStart = clock.now
            input = try load(.shard(shard.rowFilter))
            loaded += clock.now - reloadStart
        }
        logger.info(
            "loaded the shard's input",
            metadata: [
                "shard": "\(shard)", "skus": "\(input.dataSet.skus.count)",
                "demand_rows": "\(input.dataSet.demand.count)",
                "return_rows": "\(input.dataSet.returns.count)",
            ]
        )
        let outcome: ShardStepOutcome
        do {
            outcome = try await StageRun.runShard(
                input: input,
                shard: shard,
                stageID: stage,
                step: step,
                database: session.database,
                waitSeconds: wait.seconds,
                logger: logger
            )
        } catch let error as InputError {
            printError(error.description)
            throw ExitStatus.dataError
        } catch let error as StageRefusal {
            printError(error.message)
            throw ExitStatus.dataError
        } catch let error as StageNotReady {
            printError(error.message)
            throw ExitStatus.tempFail
        } catch {
            printError("shard \(shard) of stage '\(stage)' failed; nothing of this step was stored: \(error)")
            throw ExitStatus.software
        }
        let what =
            switch step {
            case .totals: "pooling totals"
            case .returns: "rate-weighted sales"
            case .forecast: "forecasts of \(outcome.forecastSKUs) SKUs (of \(outcome.skus) in the shard)"
            }
        print("stage '\(stage)', shard \(shard): \(what) stored -> \(target)")
        print(
            "  input         \(outcome.skus) SKUs, \(outcome.demandRows) demand rows; load "
                + String(
                    format: "%.3f s, compute %.3f s, store %.3f s",
                    seconds(loaded),
                    outcome.seconds.compute,
                    outcome.seconds.store
                )
        )
        if outcome.missing.isEmpty {
            switch step {
            case .totals, .returns:
                let next = step == .totals ? StageStep.returns : .forecast
                print("  next          every shard has done this step: run the \(next.rawValue) step of each")
            case .forecast:
                print(
                    "  next          every shard has its forecasts: planner plan \(scenario.scenario) --from-stage \(stage)"
                )
            }
        } else {
            print(
                "  waiting for   the \(step.rawValue) step of "
                    + StageStatus.describe(outcome.missing, of: shard.count)
            )
        }
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

extension StageStep: ExpressibleByArgument {}
