import Digest
import Foundation
import PlannerCore
import PlannerInput
import Storage

/// `planner partition DATA --shards N --out DIR`: a copy of a data folder whose demand.csv and returns.csv are split
/// into one file per shard by the SKU hash (``SKUShard``), so that each shard of a sharded plan reads only its own
/// rows (``PartitionManifest``). The other files are hard links to the originals where the file system allows,
/// else copies.
///
/// The folder is written whole or not at all: into a hidden folder beside DIR, renamed to DIR at the end (an
/// existing DIR that an earlier partition wrote is replaced; anything else there is refused).
public enum DataPartition {
    public struct Outcome: Sendable {
        public var manifest: PartitionManifest
        public var seconds: Double
    }

    public static func write(data: String, shardCount: Int, out: String) throws -> Outcome {
        let clock = ContinuousClock()
        let start = clock.now
        let manager = FileManager.default
        let skuIDs = try DataSetLoader.skuIDs(directory: data)
        var outIsDirectory: ObjCBool = false
        if manager.fileExists(atPath: out, isDirectory: &outIsDirectory) {
            guard outIsDirectory.boolValue else {
                throw PartitionError(message: "'\(out)' exists and is not a folder; choose another --out")
            }
            let isPartition = manager.fileExists(
                atPath: (out as NSString).appendingPathComponent(PartitionManifest.fileName)
            )
            let isEmpty = ((try? manager.contentsOfDirectory(atPath: out)) ?? []).isEmpty
            guard isPartition || isEmpty else {
                throw PartitionError(
                    message: "'\(out)' exists and is not a folder planner partition wrote; choose another --out"
                )
            }
        }
        let parent = ((out as NSString).standardizingPath as NSString).deletingLastPathComponent
        let staging = (parent as NSString).appendingPathComponent(
            "." + (out as NSString).lastPathComponent + ".partition-" + UUID().uuidString.prefix(8)
        )
        try manager.createDirectory(atPath: staging + "/parts", withIntermediateDirectories: true)
        do {
            var files: [PartitionManifest.SplitFile] = []
            for name in ["demand.csv", "returns.csv"] {
                let path = (data as NSString).appendingPathComponent(name)
                guard manager.fileExists(atPath: path) else {
                    if name == "demand.csv" {
                        throw InputError(issues: [InputIssue(file: path, message: "the file is missing")])
                    }
                    continue
                }
                files.append(
                    try split(name: name, path: path, skuIDs: skuIDs, shardCount: shardCount, staging: staging)
                )
            }
            let split = Set(["demand.csv", "returns.csv", PartitionManifest.fileName])
            for name in try manager.contentsOfDirectory(atPath: data).sorted() where !split.contains(name) {
                let source = (data as NSString).appendingPathComponent(name)
                var isDirectory: ObjCBool = false
                guard manager.fileExists(atPath: source, isDirectory: &isDirectory), !isDirectory.boolValue,
                    name.hasSuffix(".csv")
                else { continue }
                let target = (staging as NSString).appendingPathComponent(name)
                do {
                    try manager.linkItem(atPath: source, toPath: target)
                } catch {
                    try manager.copyItem(atPath: source, toPath: target)
                }
            }
            let manifest = PartitionManifest(
                shards: shardCount,
                hash: "first 8 bytes of SHA-256(sku UTF-8) as an unsigned big-endian integer, modulo shards",
                files: files
            )
            try manifest.encoded().write(to: URL(fileURLWithPath: staging + "/" + PartitionManifest.fileName))
            if manager.fileExists(atPath: out) {
                let old = staging + ".old"
                try manager.moveItem(atPath: out, toPath: old)
                try manager.moveItem(atPath: staging, toPath: out)
                try? manager.removeItem(atPath: old)
            } else {
                try manager.moveItem(atPath: staging, toPath: out)
            }
            let elapsed = clock.now - start
            return Outcome(
                manifest: manifest,
                seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            )
        } catch {
            try? manager.removeItem(atPath: staging)
            throw error
        }
    }

    private static func split(
        name: String,
        path: String,
        skuIDs: [String],
        shardCount: Int,
        staging: String
    ) throws -> PartitionManifest.SplitFile {
        let partitioner = CSVPartitioner(
            path: path,
            displayPath: path,
            partCount: shardCount,
            skuIDs: skuIDs,
            partOfID: { SKUShard.shard(of: $0, count: shardCount) },
            partsOfIDs: { SKUShard.shards(of: $0, count: shardCount) }
        )
        let paths = (0..<shardCount).map { PartitionManifest.partPath(of: name, shard: $0, of: shardCount) }
        var handles: [FileHandle] = []
        for relative in paths {
            let full = (staging as NSString).appendingPathComponent(relative)
            guard FileManager.default.createFile(atPath: full, contents: nil),
                let handle = FileHandle(forWritingAtPath: full)
            else { throw PartitionError(message: "cannot create '\(full)'") }
            handles.append(handle)
        }
        defer { for handle in handles { try? handle.close() } }
        let digests = (0..<shardCount).map { _ in SHA256() }
        var bytes = [Int](repeating: 0, count: shardCount)
        let sourceDigest = SHA256()
        let counts = try partitioner.split(
            source: { sourceDigest.update($0) },
            emit: { part, chunk in
                digests[part].update(chunk)
                bytes[part] += chunk.count
                try handles[part].write(contentsOf: chunk)
            }
        )
        for handle in handles { try handle.synchronize() }
        return PartitionManifest.SplitFile(
            name: name,
            sourceSHA256: sourceDigest.finishHex(),
            sourceBytes: counts.bytes,
            rows: counts.rows,
            parts: (0..<shardCount).map { shard in
                PartitionManifest.Part(
                    path: paths[shard],
                    sha256: digests[shard].finishHex(),
                    bytes: bytes[shard],
                    rows: counts.rowsByPart[shard]
                )
            }
        )
    }
}

/// The output folder of `planner partition` cannot be used or written (exit 73).
public struct PartitionError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
