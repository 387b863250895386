import ArgumentParser
import EmbeddedServer
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
        let target = output.dryRun ? nil : try resolveTarget(flag: output.database, configuration: input.configuration)
        let folder = try output.out.map(prepareOutputFolder)

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

        // The --out files are written and synced inside the database transaction, before COMMIT, and moved into
        // place after it: a failure to write them stores nothing, and a stored run always has its files.
        var runID: Int64? = nil
        if let target {
            var storeTimes = StageTimes()
            let stored = result
            do {
                runID = try storeTimes.measure("store") {
                    try RunWriter.commit(stored, target: target, startedAt: startedAt, logger: logger) { runID in
                        try folder?.write(
                            tables: stored.outputTables,
                            summaryJSON: stored.summary(runID: runID).json()
                        )
                    }
                }
            } catch let error as StoreError {
                printError(error.message)
                switch error.kind {
                case .unavailable: throw ExitStatus.unavailable
                case .writeFailed: throw ExitStatus.software
                case .outputFolder: throw ExitStatus.cannotCreate
                }
            }
            result.stageTimes.append(contentsOf: storeTimes)
            logger.info("committed run", metadata: ["run_id": "\(runID!)"])
        } else if let folder {
            do {
                try folder.write(tables: result.outputTables, summaryJSON: result.summary(runID: nil).json())
            } catch {
                printError("cannot write the --out files to '\(folder.destination)': \(error)")
                throw ExitStatus.cannotCreate
            }
        }
        if let folder {
            do {
                try folder.publish()
            } catch {
                let stored = runID.map { "run \($0) is stored; " } ?? ""
                printError(
                    "\(stored)the --out files are complete in \(folder.stagingPath) but could not be moved to "
                        + "'\(folder.destination)': \(error)"
                )
                throw ExitStatus.cannotCreate
            }
        }
        print(SummaryReport.text(result, runID: runID, database: target?.description))
        if let runID, case .embedded(let directory) = target {
            let url = EmbeddedPostgres(directory: directory).url
            print("  look at it    psql \"\(url)\" -c 'select * from planner.runs where run_id = \(runID)'")
        }
    }

    /// The staging folder of `--out`; a destination that cannot take the files is exit 73 before any planning.
    private func prepareOutputFolder(_ path: String) throws -> StagedOutputFolder {
        do {
            return try StagedOutputFolder(destination: path)
        } catch {
            printError("cannot use the --out folder: \(error)")
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
