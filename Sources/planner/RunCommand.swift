import ArgumentParser
import Foundation
import Logging
import PlannerCore
import PlannerInput
import PlannerPipeline
import Storage

/// The flow shared by `plan` and `allocate`: load, compute, store, report, with trustworthy exit codes.
struct RunFlow {
    var scenario: ScenarioOptions
    var output: OutputOptions

    func run(compute: (PlanningInput, Logger) async throws -> PlanResult) async throws {
        let logger = makeLogger(level: output.logLevel)
        let startedAt = Date()
        var loadTimes = StageTimes()
        let input: PlanningInput
        do {
            input = try loadTimes.measure("load") {
                try PlanningInputLoader.load(scenarioPath: scenario.scenario, configPath: scenario.config)
            }
        } catch let error as InputError {
            printError(error.description)
            throw ExitStatus.dataError
        }
        logger.info(
            "loaded input",
            metadata: [
                "scenario": "\(input.scenario.sourcePath)", "configuration": "\(input.configurationSource)",
                "skus": "\(input.dataSet.skus.count)", "orders": "\(input.dataSet.orders.count)",
                "demand_rows": "\(input.dataSet.demand.count)",
            ]
        )
        if let out = output.out { try prepareOutputFolder(out) }

        var result: PlanResult
        do {
            result = try await compute(input, logger)
        } catch {
            printError("planning failed: \(error)")
            throw ExitStatus.software
        }
        var allTimes = loadTimes
        allTimes.append(contentsOf: result.stageTimes)
        result.stageTimes = allTimes

        var runID: Int64? = nil
        var target: DatabaseTarget? = nil
        if !output.dryRun {
            let resolved = DatabaseTarget.resolve(
                flag: output.database,
                environment: ProcessInfo.processInfo.environment,
                configuration: input.configuration
            )
            target = resolved
            var storeTimes = StageTimes()
            do {
                runID = try storeTimes.measure("store") {
                    try RunWriter.commit(result, target: resolved, startedAt: startedAt, logger: logger)
                }
            } catch let error as StoreError {
                printError(error.message)
                throw error.kind == .unavailable ? ExitStatus.unavailable : ExitStatus.software
            }
            result.stageTimes.append(contentsOf: storeTimes)
            logger.info("committed run", metadata: ["run_id": "\(runID!)"])
        }
        if let out = output.out {
            do {
                try CSVOutput.write(
                    tables: result.outputTables,
                    summaryJSON: result.summary(runID: runID).json(),
                    to: out
                )
            } catch {
                printError("cannot write CSV files to '\(out)': \(error)")
                throw ExitStatus.cannotCreate
            }
        }
        print(SummaryReport.text(result, runID: runID, database: target?.description))
        if let runID, case .embedded(let directory) = target {
            let url = EmbeddedPostgres(directory: directory).url
            print("  look at it    psql \"\(url)\" -c 'select * from planner.runs where run_id = \(runID)'")
        }
    }

    private func prepareOutputFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            printError("cannot create the --out folder '\(path)': \(error.localizedDescription)")
            throw ExitStatus.cannotCreate
        }
        guard FileManager.default.isWritableFile(atPath: path) else {
            printError("the --out folder '\(path)' is not writable")
            throw ExitStatus.cannotCreate
        }
    }
}

func makeLogger(level: Logger.Level) -> Logger {
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = level
        return handler
    }
    return Logger(label: "planner")
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
