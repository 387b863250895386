import ArgumentParser
import Foundation
import PlannerCore
import PlannerPipeline
import Storage

struct StagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages",
        abstract: "The stages of sharded plans: list them, show what one holds, drop one.",
        discussion: """
            A stage holds what the shards of a sharded plan stored (planner forecast --shard K/N --stage ID) until \
            planner plan --from-stage ID merges it; it stays after the merge (merge again with other options) \
            until dropped. See docs/scale-out.md.
            """,
        subcommands: [List.self, Show.self, Drop.self]
    )

    /// The database, migrated (a database the stages' migration has not reached holds no stage).
    static func open(_ options: DatabaseOptions) throws -> PlannerDatabase {
        let database = try StoredRunAccess.open(options)
        try StoredRunAccess.read { try database.migrate() }
        return database
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every stage, newest first.")
        @OptionGroup var options: DatabaseOptions

        func run() throws {
            let database = try StagesCommand.open(options)
            let stages = try StoredRunAccess.read { try database.stages() }
            print("stage | scenario | plan date | shards | created | fingerprint")
            for stage in stages {
                let created = ISO8601DateFormatter().string(from: stage.createdAt)
                print(
                    "\(stage.stageID) | \(stage.scenario) | \(stage.planDate) | \(stage.shardCount) | \(created) | "
                        + "\(stage.fingerprint.prefix(12))"
                )
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "What a stage holds, and what its merge still needs.")
        @Argument(help: "The stage id.") var stage: String
        @OptionGroup var options: DatabaseOptions

        func run() throws {
            let database = try StagesCommand.open(options)
            guard let status = try StoredRunAccess.read({ try database.stageStatus(stage) }) else {
                printError("stage '\(stage)' does not exist")
                throw ExitStatus.dataError
            }
            let record = status.stage
            print("stage         \(record.stageID): scenario '\(record.scenario)', plan date \(record.planDate)")
            print(
                "shards        \(record.shardCount), fingerprint \(record.fingerprint), planner \(record.plannerBuild)"
            )
            for step in StageStep.allCases {
                let done = status.shards.filter { $0.step == step }
                let missing = status.missing(step)
                print(
                    "\(step.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0))\(done.count) of "
                        + "\(record.shardCount) done"
                        + (missing.isEmpty ? "" : "; missing " + StageStatus.describe(missing, of: record.shardCount))
                )
            }
            let rows = status.skuRowsByShard.values.reduce(0, +)
            print("sku rows      \(rows)")
            for shard in status.shards {
                let seconds = shard.finishedAt.timeIntervalSince(shard.startedAt)
                print(
                    "  shard \(shard.shard) \(shard.step.rawValue): \(shard.skus) SKUs, \(shard.demandRows) demand rows, "
                        + "\(status.skuRowsByShard[shard.shard].map { "\($0) rows, " } ?? "")"
                        + String(format: "%.1f s", seconds) + " on \(shard.host) (pid \(shard.pid))"
                )
            }
            let ready = StageStep.allCases.allSatisfy { status.missing($0).isEmpty }
            print(ready ? "ready         planner plan SCENARIO --from-stage \(record.stageID)" : "ready         no")
        }
    }

    struct Drop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Drop a stage: its rows and its record.")
        @Argument(help: "The stage id.") var stage: String
        @OptionGroup var options: DatabaseOptions

        func validate() throws {
            if let problem = StageID.problem(stage) { throw ValidationError("stage: \(problem)") }
        }

        func run() throws {
            let database = try StagesCommand.open(options)
            guard try StoredRunAccess.read({ try database.dropStage(stage) }) else {
                printError("stage '\(stage)' does not exist")
                throw ExitStatus.dataError
            }
            print("dropped stage '\(stage)'")
        }
    }
}
