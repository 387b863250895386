import Foundation
import PlannerInput
import PostgresClient
import Storage
import TestSupport
import Testing

@testable import PlannerPipeline

/// The sharded plan through the real `planner`, as Slurm or Kubernetes runs it: `planner partition`, `planner
/// forecast --shard K/N --stage ID --step S` in any order, twice or at once, killed, and `planner plan
/// --from-stage ID`, which stores the run an unsharded plan stores, row for row, or refuses a stage it cannot use.
@Suite(.serialized) struct ShardedCommandTests {
    typealias CLI = CommandLineTests

    /// A scenario over `data` with the sample scenario's events (a copy in a fresh folder).
    static func scenario(data: String, folder: String, name: String = "s.yaml") throws -> String {
        let text = try String(contentsOfFile: SampleScenario.files.scenarioPath, encoding: .utf8)
            .replacingOccurrences(of: "data: data", with: "data: \(data)")
        let path = folder + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func folder(_ name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs `planner arguments`, expecting `status`; returns what it printed.
    @discardableResult
    static func expect(_ status: Int32, _ arguments: [String], _ note: String = "") throws -> CLI.Outcome {
        let outcome = try CLI.run(arguments)
        #expect(outcome.status == status, "\(note) \(arguments.prefix(4)): \(outcome.stderr.prefix(800))")
        return outcome
    }

    static func shardStep(
        _ scenario: String,
        _ shard: String,
        _ stage: String,
        _ url: String,
        step: String
    )
        -> [String]
    {
        ["forecast", scenario, "--shard", shard, "--stage", stage, "--database", url, "--log-level", "warning"]
            + ["--step", step]
    }

    /// The totals and returns steps of every shard of `count`, in order.
    static func firstSteps(_ scenario: String, _ stage: String, _ url: String, count: Int) throws {
        for step in ["totals", "returns"] {
            for index in 0..<count {
                try Self.expect(0, Self.shardStep(scenario, "\(index)/\(count)", stage, url, step: step))
            }
        }
    }

    /// Rows of run `left` that run `right` lacks, and the other way, over every output table (the solve time
    /// aside): 0 when the two stored runs are the same row for row.
    static func differingRows(_ url: String, _ left: Int, _ right: Int) throws -> [String: Int] {
        let connection = try PostgresConnection(url: url)
        var result: [String: Int] = [:]
        for table in PlannerSchema.outputTables {
            let columns = table.columns.filter { $0 != "solve_seconds" }.map { quoteIdentifier($0) }
                .joined(separator: ", ")
            let name = quoteIdentifier([PlannerSchema.schemaName, table.name])
            func count(_ a: Int, _ b: Int) throws -> Int {
                let rows = try connection.query(
                    "SELECT count(*) FROM (SELECT \(columns) FROM \(name) WHERE run_id = \(a) "
                        + "EXCEPT ALL SELECT \(columns) FROM \(name) WHERE run_id = \(b)) d"
                )
                return Int(rows.first?[0] ?? "-1") ?? -1
            }
            result[table.name] = try count(left, right) + count(right, left)
        }
        return result
    }

    @Test func partitionedShardsInAnyOrderStoreTheUnshardedRunRowForRow() throws {
        let url = try TestCluster.freshDatabase("sharded_cli")
        let folder = try Self.folder("sharded-cli")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let original = try Self.scenario(data: SampleScenario.files.directory + "/data", folder: folder)
        try Self.expect(0, ["plan", original, "--database", url, "--log-level", "warning"], "unsharded")
        let split = try Self.expect(
            0,
            ["partition", SampleScenario.files.directory + "/data", "--shards", "3", "--out", folder + "/parts3"]
        )
        #expect(split.stdout.contains("demand.csv:") && split.stdout.contains("returns.csv:"))
        let manifest = try JSONDecoder().decode(
            PartitionManifest.self,
            from: Data(contentsOf: URL(fileURLWithPath: folder + "/parts3/partition.json"))
        )
        #expect(manifest.shards == 3 && manifest.files.map(\.name) == ["demand.csv", "returns.csv"])
        let source = try String(contentsOfFile: SampleScenario.files.directory + "/data/demand.csv", encoding: .utf8)
        #expect(manifest.files[0].rows == source.split(separator: "\n").count - 1, "every row in one part")
        let partitioned = try Self.scenario(data: folder + "/parts3", folder: folder, name: "p.yaml")
        // The totals of shard 2 last: the later steps are refused until then (exit 75, naming the shard).
        for shard in ["0/3", "1/3"] {
            try Self.expect(0, Self.shardStep(partitioned, shard, "p3", url, step: "totals"))
        }
        let early = try Self.expect(75, Self.shardStep(partitioned, "0/3", "p3", url, step: "returns"), "early returns")
        #expect(early.stderr.contains("the totals step of shard 2 of 3 is missing"), "\(early.stderr)")
        try Self.expect(0, Self.shardStep(partitioned, "2/3", "p3", url, step: "totals"))
        for shard in ["2/3", "0/3"] {
            try Self.expect(0, Self.shardStep(partitioned, shard, "p3", url, step: "returns"))
        }
        let before = try Self.expect(75, Self.shardStep(partitioned, "0/3", "p3", url, step: "forecast"), "forecast")
        #expect(before.stderr.contains("the returns step of shard 1 of 3 is missing"), "\(before.stderr)")
        try Self.expect(0, Self.shardStep(partitioned, "1/3", "p3", url, step: "returns"))
        for shard in ["2/3", "0/3"] {
            try Self.expect(0, Self.shardStep(partitioned, shard, "p3", url, step: "forecast"))
        }
        let incomplete = try Self.expect(75, ["plan", partitioned, "--from-stage", "p3", "--database", url], "merge")
        #expect(incomplete.stderr.contains("missing: the forecast step of shard 1 of 3"), "\(incomplete.stderr)")
        #expect(
            try CLI.count("select count(*) from planner_stage.rate_weighted_sales where stage_id = 'p3'", url) > 0,
            "the sample has returns: every shard stored its rate-weighted sales"
        )
        let last = try Self.expect(0, Self.shardStep(partitioned, "1/3", "p3", url, step: "forecast"))
        #expect(last.stdout.contains("every shard has its forecasts"))
        try Self.expect(0, ["plan", partitioned, "--from-stage", "p3", "--database", url, "--log-level", "warning"])
        let differences = try Self.differingRows(url, 1, 2)
        #expect(differences.values.allSatisfy { $0 == 0 }, "\(differences)")
        #expect(try CLI.count("select count(*) from planner.forecasts where run_id = 2", url) > 1_000)
        // The same inputs again: the stored run, nothing recomputed.
        let again = try Self.expect(0, ["plan", partitioned, "--from-stage", "p3", "--database", url])
        #expect(again.stdout.contains("unchanged: run 2"), "\(again.stdout)")
        // The partitioned folder planned unsharded reads every part in order: the same run again.
        try Self.expect(0, ["plan", partitioned, "--database", url, "--force", "--log-level", "warning"])
        let unshardedOnParts = try Self.differingRows(url, 1, 3)
        #expect(unshardedOnParts.values.allSatisfy { $0 == 0 }, "\(unshardedOnParts)")
        let show = try Self.expect(0, ["stages", "show", "p3", "--database", url])
        #expect(show.stdout.contains("forecast      3 of 3 done") && show.stdout.contains("sku rows      80"))
    }

    @Test func rerunsConcurrentRunsAndKilledShardsLeaveACorrectStage() throws {
        let url = try TestCluster.freshDatabase("sharded_rerun")
        let folder = try Self.folder("sharded-rerun")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let scenario = try Self.scenario(data: SampleScenario.files.directory + "/data", folder: folder)
        try Self.firstSteps(scenario, "r2", url, count: 2)
        try Self.expect(0, Self.shardStep(scenario, "0/2", "r2", url, step: "forecast"))
        let rowsOfShard0 = "select count(*) from planner_stage.sku_forecasts where stage_id = 'r2' and shard = 0"
        let stored = try CLI.count(rowsOfShard0, url)
        #expect(stored > 0)
        // Shard 1 twice at once: both succeed, one after the other; one partition holds its rows.
        let first = try CLI.start(Self.shardStep(scenario, "1/2", "r2", url, step: "forecast"))
        let second = try CLI.start(Self.shardStep(scenario, "1/2", "r2", url, step: "forecast"))
        first.0.waitUntilExit()
        second.0.waitUntilExit()
        #expect(first.0.terminationStatus == 0 && second.0.terminationStatus == 0)
        let partitions = try CLI.count(
            "select count(*) from pg_inherits i join pg_class c on c.oid = i.inhrelid "
                + "where i.inhparent = 'planner_stage.\"sku_forecasts_r2\"'::regclass",
            url
        )
        #expect(partitions == 2, "one partition per shard")

        // A rerun of shard 0 killed inside its transaction (blocked on the stage's table, its rows already copied)
        // leaves the rows and record of the run before it.
        let finished = try PostgresConnection(url: url).query(
            "select finished_at::text from planner_stage.shards where stage_id = 'r2' and shard = 0 and step = 'forecast'"
        )
        let rerunBlocked = try CLI.killWhileBlocked(
            Self.shardStep(scenario, "0/2", "r2", url, step: "forecast"),
            command: "forecast",
            lock: "lock table planner_stage.\"sku_forecasts_r2\" in access exclusive mode",
            url: url
        )
        #expect(rerunBlocked, "the rerun reached the swap inside its transaction")
        #expect(try CLI.count(rowsOfShard0, url) == stored, "the earlier run's rows")
        #expect(
            try PostgresConnection(url: url).query(
                "select finished_at::text from planner_stage.shards where stage_id = 'r2' and shard = 0 and step = 'forecast'"
            ) == finished
        )
        #expect(
            try CLI.count(
                "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                    + "where n.nspname = 'planner_stage' and c.relname like 'sku_forecasts_new_%'",
                url
            ) == 0,
            "no table of the killed run is left"
        )
        try Self.expect(0, ["plan", scenario, "--from-stage", "r2", "--database", url, "--log-level", "warning"])
        try Self.expect(0, ["plan", scenario, "--database", url, "--force", "--log-level", "warning"])
        let differences = try Self.differingRows(url, 1, 2)
        #expect(differences.values.allSatisfy { $0 == 0 }, "\(differences)")

        // A first run killed the same way leaves nothing of its shard: the merge names it.
        try Self.firstSteps(scenario, "k2", url, count: 2)
        let firstBlocked = try CLI.killWhileBlocked(
            Self.shardStep(scenario, "1/2", "k2", url, step: "forecast"),
            command: "forecast",
            lock: "lock table planner_stage.\"sku_forecasts_k2\" in access exclusive mode",
            url: url
        )
        #expect(firstBlocked, "the first run blocked inside its transaction")
        try Self.expect(0, Self.shardStep(scenario, "0/2", "k2", url, step: "forecast"))
        #expect(
            try CLI.count("select count(*) from planner_stage.sku_forecasts where stage_id = 'k2' and shard = 1", url)
                == 0
        )
        // --force: the same inputs were planned above, which would return that run without reading the stage.
        let refused = try Self.expect(
            75,
            ["plan", scenario, "--from-stage", "k2", "--database", url, "--force"],
            "half a stage"
        )
        #expect(refused.stderr.contains("missing: the forecast step of shard 1 of 2"), "\(refused.stderr)")
    }

    /// Without returns.csv every rate-weighted sale is 0: the returns step reads no rows, and the merge still stores
    /// the unsharded run.
    @Test func withoutReturnsTheReturnsStepReadsNoRows() throws {
        let url = try TestCluster.freshDatabase("sharded_no_returns")
        let folder = try Self.folder("sharded-no-returns")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: SampleScenario.files.directory + "/data", toPath: folder + "/data")
        try FileManager.default.removeItem(atPath: folder + "/data/returns.csv")
        let scenario = try Self.scenario(data: "data", folder: folder)
        for shard in ["0/2", "1/2"] { try Self.expect(0, Self.shardStep(scenario, shard, "n2", url, step: "totals")) }
        for shard in ["0/2", "1/2"] {
            let step = try Self.expect(0, Self.shardStep(scenario, shard, "n2", url, step: "returns"))
            #expect(step.stdout.contains("SKUs, 0 demand rows"), "\(step.stdout)")
        }
        for shard in ["1/2", "0/2"] { try Self.expect(0, Self.shardStep(scenario, shard, "n2", url, step: "forecast")) }
        try Self.expect(0, ["plan", scenario, "--from-stage", "n2", "--database", url, "--log-level", "warning"])
        try Self.expect(0, ["plan", scenario, "--database", url, "--force", "--log-level", "warning"])
        let differences = try Self.differingRows(url, 1, 2)
        #expect(differences.values.allSatisfy { $0 == 0 }, "\(differences)")
        #expect(try CLI.count("select count(*) from planner.forecasts where run_id = 1", url) > 1_000)
        #expect(try CLI.count("select count(*) from planner.returns_forecast where run_id = 1", url) == 0)
    }

    @Test func aStageOfOtherInputsIsRefusedByItsShardsAndItsMerge() throws {
        let url = try TestCluster.freshDatabase("sharded_refused")
        let folder = try Self.folder("sharded-refused")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A copy of the data, so a file can change between the shards and the merge.
        try FileManager.default.copyItem(atPath: SampleScenario.files.directory + "/data", toPath: folder + "/data")
        let scenario = try Self.scenario(data: "data", folder: folder)
        for shard in ["0/2", "1/2"] { try Self.expect(0, Self.shardStep(scenario, shard, "x2", url, step: "totals")) }
        // Another shard count, another configuration: refused at the first step, naming what differs.
        let otherCount = try Self.expect(65, Self.shardStep(scenario, "0/3", "x2", url, step: "totals"), "3 shards")
        #expect(otherCount.stderr.contains("2 shards, not 3"), "\(otherCount.stderr)")
        let config = folder + "/other.yaml"
        try "service_levels: {A: 0.99, B: 0.95, C: 0.90}\n".write(toFile: config, atomically: true, encoding: .utf8)
        let otherConfig = try Self.expect(
            65,
            Self.shardStep(scenario, "1/2", "x2", url, step: "forecast") + ["--config", config],
            "other configuration"
        )
        #expect(otherConfig.stderr.contains("was started with other inputs"), "\(otherConfig.stderr)")
        for shard in ["0/2", "1/2"] { try Self.expect(0, Self.shardStep(scenario, shard, "x2", url, step: "returns")) }
        for shard in ["0/2", "1/2"] { try Self.expect(0, Self.shardStep(scenario, shard, "x2", url, step: "forecast")) }
        // orders.csv changes after the shards ran: the merge's inputs are not the stage's.
        let orders = folder + "/data/orders.csv"
        try (try String(contentsOfFile: orders, encoding: .utf8) + "\n").write(
            toFile: orders,
            atomically: true,
            encoding: .utf8
        )
        let changed = try Self.expect(65, ["plan", scenario, "--from-stage", "x2", "--database", url], "changed data")
        #expect(changed.stderr.contains("was started with other inputs"), "\(changed.stderr)")
        let unknown = try Self.expect(65, ["plan", scenario, "--from-stage", "nosuch", "--database", url], "unknown")
        #expect(unknown.stderr.contains("stage 'nosuch' does not exist"))
        #expect(try CLI.count("select count(*) from planner.runs", url) == 0, "no run stored")
        try Self.expect(0, ["stages", "drop", "x2", "--database", url])
        #expect(try CLI.count("select count(*) from planner_stage.stages", url) == 0)
        #expect(
            try CLI.count(
                "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                    + "where n.nspname = 'planner_stage' and c.relname like 'sku_forecasts_x2%'",
                url
            ) == 0,
            "the stage's partitions are dropped"
        )
    }

    @Test func aPartChangedAfterPartitioningOrReadWithAnotherCountIsRefused() throws {
        let url = try TestCluster.freshDatabase("sharded_parts")
        try PlannerDatabase(url: url).migrate()
        let folder = try Self.folder("sharded-parts")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.expect(
            0,
            ["partition", SampleScenario.files.directory + "/data", "--shards", "2", "--out", folder + "/p2"]
        )
        let scenario = try Self.scenario(data: folder + "/p2", folder: folder)
        let count = try Self.expect(
            65,
            Self.shardStep(scenario, "0/4", "c4", url, step: "totals"),
            "4 of a 2-way split"
        )
        #expect(count.stderr.contains("partitioned into 2 shards, not 4"), "\(count.stderr)")
        // A row of shard 1 moved into shard 0's part: refused where it stands, by size and by the row's shard.
        let part0 = folder + "/p2/parts/demand-00000-of-00002.csv"
        let part1 = try String(contentsOfFile: folder + "/p2/parts/demand-00001-of-00002.csv", encoding: .utf8)
        let foreign = String(part1.split(separator: "\n")[1])
        let handle = try #require(FileHandle(forWritingAtPath: part0))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((foreign + "\n").utf8))
        try handle.close()
        let lines = try String(contentsOfFile: part0, encoding: .utf8).split(separator: "\n").count
        let moved = try Self.expect(65, Self.shardStep(scenario, "0/2", "c2", url, step: "totals"), "a moved row")
        #expect(moved.stderr.contains("parts/demand-00000-of-00002.csv:\(lines):2: error: sku:"), "\(moved.stderr)")
        #expect(moved.stderr.contains("belongs to shard 1 of 2"), "\(moved.stderr)")
        #expect(try CLI.count("select count(*) from planner_stage.shards", url) == 0, "nothing stored")
        let again = try Self.expect(
            0,
            ["partition", SampleScenario.files.directory + "/data", "--shards", "2", "--out", folder + "/p2"]
        )
        #expect(again.stdout.contains("wrote"), "an earlier partition is replaced")
        let notOurs = try Self.expect(
            73,
            ["partition", SampleScenario.files.directory + "/data", "--shards", "2", "--out", folder]
        )
        #expect(notOurs.stderr.contains("not a folder planner partition wrote"), "\(notOurs.stderr)")
    }
}
