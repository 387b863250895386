import ArgumentParser
import Foundation
import PlannerCore
import PlannerInput
import PlannerPipeline
import Storage

struct PartitionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partition",
        abstract: "Split a data folder's demand and returns by SKU shard, so each shard reads only its rows.",
        discussion: """
            Writes DIR: the data folder with demand.csv and returns.csv split into parts/demand-K-of-N.csv (and \
            returns-...), one per shard by the SKU hash of `planner forecast --shard K/N`, each row in its source \
            order, and partition.json listing every part's SHA-256; the other files are hard links to the \
            originals (copies across file systems). A scenario whose data is DIR runs its shards on their parts \
            and plans as the original folder does. Only the sku field of a row is read here: each shard checks \
            its own rows, with errors at the lines of its part. DIR is written whole or not at all.
            Example: planner partition data/big --shards 8 --out data/big-8
            """
    )

    @Argument(help: "The data folder to split.")
    var data: String

    @Option(help: ArgumentHelp("Number of shards (1-\(StageID.maximumShardCount)).", valueName: "N"))
    var shards: Int

    @Option(help: "The folder to write (an existing one must be empty or an earlier partition).")
    var out: String

    func validate() throws {
        guard (1...StageID.maximumShardCount).contains(shards) else {
            throw ValidationError("--shards must be between 1 and \(StageID.maximumShardCount), found \(shards)")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: data, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("data folder '\(data)' not found")
        }
        let source = URL(fileURLWithPath: data).standardizedFileURL.resolvingSymlinksInPath().path
        let target = URL(fileURLWithPath: out).standardizedFileURL.resolvingSymlinksInPath().path
        guard source != target else { throw ValidationError("--out must be another folder than the data folder") }
    }

    func run() throws {
        let outcome: DataPartition.Outcome
        do {
            outcome = try DataPartition.write(data: data, shardCount: shards, out: out)
        } catch let error as InputError {
            printError(error.description)
            throw ExitStatus.dataError
        } catch {
            printError("cannot write the partitioned folder '\(out)'; nothing was written: \(error)")
            throw ExitStatus.cannotCreate
        }
        for file in outcome.manifest.files {
            let rows = file.parts.map(\.rows)
            print(
                "\(file.name): \(file.rows) rows, \(file.sourceBytes) bytes into \(shards) parts of "
                    + "\(rows.min() ?? 0) to \(rows.max() ?? 0) rows"
            )
        }
        print("wrote \(out) in " + String(format: "%.1f s", outcome.seconds))
    }
}
