import ArgumentParser
import EmbeddedServer
import Foundation
import Logging
import PlannerCore
import PlannerInput
import PlannerPipeline
import PlannerReport
import Storage

/// The runs `compare` and `report` are about, each given as a run id or a scenario file. A scenario becomes the
/// stored run of the same inputs (same fingerprint, kind and plan date) when there is one, else it is planned and
/// stored as an unpublished scenario run, exactly as `planner plan` would. Run ids must be stored plan runs.
struct StoredRunSources {
    var options: DatabaseOptions
    var logger: Logger
    private var session: RunSession?
    private var reader: PlannerDatabase?

    init(options: DatabaseOptions, logger: Logger) {
        self.options = options
        self.logger = logger
    }

    /// The run id for `argument` and where it came from.
    mutating func resolve(_ argument: String) async throws -> RunComparison.Column {
        if let runID = Int64(argument), runID >= 1, !FileManager.default.fileExists(atPath: argument) {
            let database = try openForReading()
            let details = try StoredRunAccess.read { try database.runDetails(runID) }
            return RunComparison.Column(
                runID: runID,
                scenario: details.run.scenario,
                planDate: details.run.planDate.description,
                source: "run \(runID)"
            )
        }
        guard FileManager.default.fileExists(atPath: argument) else {
            throw ValidationError("'\(argument)' is neither a scenario file nor a run id")
        }
        let input: PlanningInput
        do {
            input = try PlanningInputLoader.load(scenarioPath: argument, configPath: options.config)
        } catch let error as InputError {
            printError(error.description)
            throw ExitStatus.dataError
        }
        let session = try openSession(configuration: input.configuration)
        let planDate = input.scenario.planDate
        try storingRun { try session.lock(kind: .plan, planDate: planDate, timeoutSeconds: 900, logger: logger) }
        let fingerprint = try RunFingerprint.compute(
            input: input,
            options: RunFingerprint.Options(kind: .plan, planDate: planDate, allocationDays: 1),
            plannerBuild: RunFingerprint.currentPlannerBuild()
        )
        let column = { (runID: Int64, how: String) in
            RunComparison.Column(
                runID: runID,
                scenario: input.scenario.name,
                planDate: planDate.description,
                source: "\(argument) (\(how))"
            )
        }
        if let existing = try storingRun({ try session.unchangedRun(fingerprint, kind: .plan, planDate: planDate) }) {
            logger.info("unchanged inputs: reusing the stored run", metadata: ["run_id": "\(existing.runID)"])
            return column(existing.runID, "unchanged: run \(existing.runID)")
        }
        let startedAt = Date()
        let result: PlanResult
        do {
            result = try await Pipeline.plan(input, logger: logger)
        } catch {
            printError("planning failed: \(error)")
            throw ExitStatus.software
        }
        let runID = try storingRun {
            try session.write(result, startedAt: startedAt, publishes: false, fingerprint: fingerprint)
        }
        logger.info("committed run", metadata: ["run_id": "\(runID)", "scenario": "\(input.scenario.name)"])
        return column(runID, "planned now: run \(runID)")
    }

    /// The database the runs are read from: the session's when a scenario opened one, else the target's.
    mutating func openForReading() throws -> PlannerDatabase {
        if let session { return session.database }
        if let reader { return reader }
        let opened = try StoredRunAccess.open(options)
        reader = opened
        return opened
    }

    private mutating func openSession(configuration: PlannerConfiguration) throws -> RunSession {
        if let session { return session }
        let target = try resolveTarget(flag: options.database, configuration: configuration)
        let opened = try storingRun {
            try RunSession.open(
                target: target,
                kind: .plan,
                statementTimeoutSeconds: configuration.database.statementTimeoutSeconds,
                retry: RunSession.Retry(attempts: configuration.database.connectAttempts),
                logger: logger
            )
        }
        session = opened
        return opened
    }
}
