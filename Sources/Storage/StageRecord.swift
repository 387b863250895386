import Foundation
import PlannerCore

/// The steps a shard of a stage completes, in order: `totals` (its part of the category sums the forecast pools),
/// `returns` (its part of the rate-weighted sales the returns lags are fitted on again, which needs the totals of
/// every shard) and `forecast` (its SKUs' forecasts, which need both of every shard).
public enum StageStep: String, Sendable, CaseIterable, Codable {
    case totals
    case returns
    case forecast

    /// The step every shard must have done before this one runs.
    public var previous: StageStep? {
        switch self {
        case .totals: nil
        case .returns: .totals
        case .forecast: .returns
        }
    }
}

/// The rules of a stage's id and shard count, shared by the command line and the schema's CHECKs.
public enum StageID {
    /// Letters, digits, `_`, `.` and `-`, starting with a letter or digit, at most 40 characters: a Slurm job id,
    /// a date, a name. It becomes part of table names, so nothing else is allowed.
    public static let pattern = "^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$"
    public static let maximumLength = 40
    /// Shards of one stage at most (Slurm's default MaxArraySize is 1001).
    public static let maximumShardCount = 1000

    /// What is wrong with `id` as a stage id, or nil.
    public static func problem(_ id: String) -> String? {
        let allowed = id.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    || scalar == "_" || scalar == "." || scalar == "-")
        }
        guard !id.isEmpty, id.count <= maximumLength else {
            return "must have 1 to \(maximumLength) characters, found \(id.utf8.count)"
        }
        guard allowed, let first = id.unicodeScalars.first, first != "_", first != ".", first != "-" else {
            return "may hold only letters, digits, '_', '.' and '-', starting with a letter or digit"
        }
        return nil
    }
}

/// One stage of a sharded plan as stored: the inputs every shard and the merge must share.
public struct StageRecord: Sendable, Equatable {
    public var stageID: String
    public var scenario: String
    public var planDate: Day
    public var shardCount: Int
    /// SHA-256 of the inputs, configuration, planner build and shard count (`RunFingerprint.stage`).
    public var fingerprint: String
    public var plannerBuild: String
    public var createdAt: Date

    public init(
        stageID: String,
        scenario: String,
        planDate: Day,
        shardCount: Int,
        fingerprint: String,
        plannerBuild: String,
        createdAt: Date = Date()
    ) {
        self.stageID = stageID
        self.scenario = scenario
        self.planDate = planDate
        self.shardCount = shardCount
        self.fingerprint = fingerprint
        self.plannerBuild = plannerBuild
        self.createdAt = createdAt
    }

    /// Why a shard or merge with `other` cannot join this stored stage, or nil when it can (same scenario name, plan
    /// date, shard count and fingerprint).
    public func mismatch(with other: StageRecord) -> String? {
        var differences: [String] = []
        if shardCount != other.shardCount { differences.append("\(shardCount) shards, not \(other.shardCount)") }
        if planDate != other.planDate { differences.append("plan date \(planDate), not \(other.planDate)") }
        if scenario != other.scenario { differences.append("scenario '\(scenario)', not '\(other.scenario)'") }
        if fingerprint != other.fingerprint {
            differences.append(
                "inputs fingerprint \(fingerprint.prefix(12)), not \(other.fingerprint.prefix(12)) (data files, "
                    + "scenario, configuration or planner build differ; planner \(plannerBuild), not \(other.plannerBuild))"
            )
        }
        guard !differences.isEmpty else { return nil }
        return "stage '\(stageID)' was started with other inputs: " + differences.joined(separator: "; ")
    }
}

/// One step a shard has completed, as `planner_stage.shards` records it.
public struct StageShardRecord: Sendable, Equatable {
    public var shard: Int
    public var step: StageStep
    public var fingerprint: String
    /// SKUs of the shard, and its demand rows.
    public var skus: Int
    public var demandRows: Int
    /// The totals step: the shard's earliest demand row and its returns rows.
    public var earliestDemandDate: Day?
    public var returnRows: Int?
    public var host: String
    public var pid: Int
    public var startedAt: Date
    public var finishedAt: Date

    public init(
        shard: Int,
        step: StageStep,
        fingerprint: String,
        skus: Int,
        demandRows: Int,
        earliestDemandDate: Day? = nil,
        returnRows: Int? = nil,
        host: String = ProcessInfo.processInfo.hostName,
        pid: Int = Int(ProcessInfo.processInfo.processIdentifier),
        startedAt: Date,
        finishedAt: Date = Date()
    ) {
        self.shard = shard
        self.step = step
        self.fingerprint = fingerprint
        self.skus = skus
        self.demandRows = demandRows
        self.earliestDemandDate = earliestDemandDate
        self.returnRows = returnRows
        self.host = host
        self.pid = pid
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }
}

/// What a stage holds: its record, the steps done, and what is still missing for the merge.
public struct StageStatus: Sendable {
    public var stage: StageRecord
    public var shards: [StageShardRecord]
    /// Rows per shard in `planner_stage.sku_forecasts`.
    public var skuRowsByShard: [Int: Int]

    public init(stage: StageRecord, shards: [StageShardRecord], skuRowsByShard: [Int: Int]) {
        self.stage = stage
        self.shards = shards
        self.skuRowsByShard = skuRowsByShard
    }

    /// Shards that have not completed `step`, ascending.
    public func missing(_ step: StageStep) -> [Int] {
        let done = Set(shards.filter { $0.step == step }.map(\.shard))
        return (0..<stage.shardCount).filter { !done.contains($0) }
    }

    /// Completed steps whose fingerprint is not the stage's (a planner of another build or other inputs).
    public var foreignSteps: [StageShardRecord] {
        shards.filter { $0.fingerprint != stage.fingerprint }
    }

    /// "shard 3 of 8", "shards 3, 5 and 7 of 8" (at most ten listed).
    public static func describe(_ shards: [Int], of count: Int) -> String {
        let listed = shards.prefix(10).map(String.init)
        var text =
            listed.count > 1 ? listed.dropLast().joined(separator: ", ") + " and " + listed.last! : listed.joined()
        if shards.count > listed.count { text += " (\(shards.count) in all)" }
        return (shards.count == 1 ? "shard " : "shards ") + text + " of \(count)"
    }
}
