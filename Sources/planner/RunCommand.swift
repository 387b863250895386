import ArgumentParser
import EmbeddedServer
import Foundation
import Logging
import PlannerCore
import PlannerInput
import PlannerPipeline
import Storage

/// The flow shared by `plan` and `allocate`: load, open the database (connect, migrate, lock, look for an
/// unchanged run), compute, store, report, with trustworthy exit codes.
struct RunFlow {
    var scenario: ScenarioOptions
    var output: OutputOptions

    /// What the command runs: its kind, its plan date once the input is known, and whether it publishes when
    /// neither `--publish` nor `--no-publish` is given.
    struct Run {
        var kind: RunKind
        var allocationDays: Int
        var planDate: (PlanningInput) -> Day
        var publishesByDefault: Bool
        /// The merge of a sharded plan: the stage whose forecasts it reads (the input is loaded without demand and
        /// returns rows, and a database is needed even with --dry-run).
        var stage: String? = nil
    }

    /// What a computation may use besides the input: the logger, and for the merge of a stage its database and
    /// the digests of the inputs (to check the stage's fingerprint).
    struct Context {
        var logger: Logger
        var database: PlannerDatabase?
        var digests: InputDigests?
    }

    func run(_ run: Run, compute: (PlanningInput, Context) async throws -> PlanResult) async throws {
        let logger = output.log.makeLogger()
        try await StageProgress.$current.withValue(output.log.makeProgress(logger: logger)) {
            try await store(run, logger: logger, compute: compute)
        }
    }

    private func store(
        _ run: Run,
        logger: Logger,
        compute: (PlanningInput, Context) async throws -> PlanResult
    ) async throws {
        let startedAt = Date()
        var loadTimes = StageTimes()
        let input: PlanningInput
        do {
            StageProgress.current?.begin("load", total: nil, unit: "rows")
            input = try loadTimes.measure("load") {
                try PlanningInputLoader.load(
                    scenarioPath: scenario.scenario,
                    configPath: scenario.config,
                    rows: run.stage == nil ? .all : .none
                )
            }
            if run.stage == nil { try InputDigests.verifyParts(of: input, shards: nil) }
            StageProgress.current?.end(done: input.dataSet.demand.count + input.dataSet.orders.count)
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
        let needsDatabase = !output.dryRun || run.stage != nil
        let target = needsDatabase ? try resolveTarget(flag: output.database, configuration: input.configuration) : nil
        let folder = try output.out.map(prepareOutputFolder)
        try prepareMetricsFile()
        let planDate = run.planDate(input)
        let publishes = output.publish ?? run.publishesByDefault

        // The database comes first: an unreachable one, or another writer of this kind and date, fails before
        // anything is computed; the same inputs as a stored run give that run back.
        var session: RunSession? = nil
        var fingerprint: RunFingerprint? = nil
        var context = Context(logger: logger)
        func open(_ target: DatabaseTarget) throws -> RunSession {
            try storing {
                try RunSession.open(
                    target: target,
                    kind: run.kind,
                    statementTimeoutSeconds: input.configuration.database.statementTimeoutSeconds,
                    retry: RunSession.Retry(attempts: input.configuration.database.connectAttempts),
                    logger: logger
                )
            }
        }
        if let target, output.dryRun {
            // A dry-run merge: the stage is read, nothing is locked or stored.
            context.database = try open(target).database
            context.digests = try loadTimes.measure("fingerprint") { try InputDigests(input: input) }
        } else if let target {
            let opened = try open(target)
            try storing {
                try opened.lock(
                    kind: run.kind,
                    planDate: planDate,
                    timeoutSeconds: output.lockTimeout.seconds,
                    logger: logger
                )
            }
            let digests = try loadTimes.measure("fingerprint") { try InputDigests(input: input) }
            let digest = try RunFingerprint.compute(
                input: input,
                options: RunFingerprint.Options(
                    kind: run.kind,
                    planDate: planDate,
                    allocationDays: run.allocationDays
                ),
                plannerBuild: RunFingerprint.currentPlannerBuild(),
                digests: digests
            )
            if !output.force,
                let existing = try storing({ try opened.unchangedRun(digest, kind: run.kind, planDate: planDate) })
            {
                try reportUnchanged(existing, session: opened, publishes: publishes, folder: folder, target: target)
                try finishUnchanged(
                    existing,
                    published: existing.published || publishes,
                    session: opened,
                    stageTimes: loadTimes
                )
                return
            }
            session = opened
            fingerprint = digest
            context.database = opened.database
            context.digests = digests
        }

        var result: PlanResult
        do {
            result = try await compute(input, context)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("planning failed: \(error)")
            throw ExitStatus.software
        }
        var allTimes = loadTimes
        allTimes.append(contentsOf: result.stageTimes)
        result.stageTimes = allTimes
        try checkAlerts(&result, settings: input.configuration.alerts, session: session)

        // The --out files are written and synced inside the database transaction, before COMMIT, and moved into
        // place after it: a failure to write them stores nothing, and a stored run always has its files.
        var runID: Int64? = nil
        if let session {
            var storeTimes = StageTimes()
            let stored = result
            runID = try storing {
                try storeTimes.measure("store") {
                    try session.write(stored, startedAt: startedAt, publishes: publishes, fingerprint: fingerprint) {
                        runID in
                        try folder?.write(
                            tables: stored.outputTables,
                            summaryJSON: stored.summary(runID: runID).json()
                        )
                    }
                }
            }
            result.stageTimes.append(contentsOf: storeTimes)
            logger.info("committed run", metadata: ["run_id": "\(runID!)", "published": "\(publishes)"])
        } else if let folder {
            do {
                try folder.write(tables: result.outputTables, summaryJSON: result.summary(runID: nil).json())
            } catch {
                printError("cannot write the --out files to '\(folder.destination)': \(error)")
                throw ExitStatus.cannotCreate
            }
        }
        try folder.map { try publishFolder($0, runID: runID) }
        print(SummaryReport.text(result, runID: runID, database: target?.description))
        if let runID {
            print(
                "  lifecycle     \(publishes ? "published: carriers see this run" : "not published (planner runs publish \(runID))")"
            )
        }
        if let runID, case .embedded(let directory) = target {
            let url = EmbeddedPostgres(directory: directory).url
            print("  look at it    psql \"\(url)\" -c 'select * from planner.runs where run_id = \(runID)'")
        }
        try finishSignals(RunMetrics(result: result, runID: runID, published: runID.map { _ in publishes }))
    }

    /// The same inputs, kind and date as a stored run: say so, publish it if asked, export it to --out.
    private func reportUnchanged(
        _ existing: RunSummaryRow,
        session: RunSession,
        publishes: Bool,
        folder: StagedOutputFolder?,
        target: DatabaseTarget
    ) throws {
        var note = existing.published ? "published" : "not published"
        if publishes && !existing.published {
            let superseded = try storing { try session.publish(runID: existing.runID) }
            note = "now published" + (superseded.map { ", superseding run \($0)" } ?? "")
        }
        if let folder {
            do {
                try session.database.exportRun(existing.runID) { tables, summary in
                    try folder.write(tables: tables, summaryJSON: summary)
                }
            } catch {
                printError("cannot write the --out files of run \(existing.runID) to '\(folder.destination)': \(error)")
                throw ExitStatus.cannotCreate
            }
            try publishFolder(folder, runID: existing.runID)
        }
        print(
            "unchanged: run \(existing.runID) (\(existing.kind.rawValue) of scenario '\(existing.scenario)' for "
                + "\(existing.planDate), \(note)) already holds the plan of these inputs -> \(target); "
                + "--force stores a new run"
        )
    }

    private func publishFolder(_ folder: StagedOutputFolder, runID: Int64?) throws {
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

    /// Runs a database step, mapping its ``StoreError`` to the documented exit code.
    private func storing<T>(_ body: () throws -> T) throws -> T {
        try storingRun(body)
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

/// Runs a step of storing a run, mapping its ``StoreError`` to the documented exit code.
func storingRun<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StoreError {
        printError(error.message)
        switch error.kind {
        case .unavailable: throw ExitStatus.unavailable
        case .locked: throw ExitStatus.tempFail
        case .writeFailed: throw ExitStatus.software
        case .outputFolder: throw ExitStatus.cannotCreate
        }
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
