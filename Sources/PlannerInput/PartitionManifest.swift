import Foundation
import PlannerCore

/// `partition.json` of a data folder that `planner partition` wrote: demand.csv (and returns.csv) split into one file
/// per shard by the SKU hash, the other files copied as they were.
///
/// Each part keeps its rows in the order of the source file and holds exactly the rows of its shard's SKUs, so a
/// shard reads only its own rows, and the parts read one after the other give every SKU's rows in source order.
public struct PartitionManifest: Codable, Sendable, Equatable {
    public static let fileName = "partition.json"
    public static let currentFormat = "supplyplanner-partition-1"

    /// One split file.
    public struct SplitFile: Codable, Sendable, Equatable {
        /// `demand.csv` or `returns.csv`.
        public var name: String
        /// SHA-256 (hex), bytes and data rows of the file that was split.
        public var sourceSHA256: String
        public var sourceBytes: Int
        public var rows: Int
        /// The parts, shard 0 first.
        public var parts: [Part]

        enum CodingKeys: String, CodingKey {
            case name
            case sourceSHA256 = "source_sha256"
            case sourceBytes = "source_bytes"
            case rows
            case parts
        }

        public init(name: String, sourceSHA256: String, sourceBytes: Int, rows: Int, parts: [Part]) {
            self.name = name
            self.sourceSHA256 = sourceSHA256
            self.sourceBytes = sourceBytes
            self.rows = rows
            self.parts = parts
        }
    }

    /// One shard's part of a split file.
    public struct Part: Codable, Sendable, Equatable {
        /// Relative to the folder: `parts/demand-00003-of-00008.csv`.
        public var path: String
        public var sha256: String
        public var bytes: Int
        public var rows: Int

        public init(path: String, sha256: String, bytes: Int, rows: Int) {
            self.path = path
            self.sha256 = sha256
            self.bytes = bytes
            self.rows = rows
        }
    }

    public var format: String
    public var shards: Int
    /// How a SKU's shard is computed, in words (docs/scale-out.md).
    public var hash: String
    public var files: [SplitFile]

    public init(shards: Int, hash: String, files: [SplitFile]) {
        self.format = Self.currentFormat
        self.shards = shards
        self.hash = hash
        self.files = files
    }

    /// The split file named `name`, if it was split.
    public func file(_ name: String) -> SplitFile? {
        files.first { $0.name == name }
    }

    /// The path of a part file in a partitioned folder: `parts/demand-00003-of-00008.csv`.
    public static func partPath(of name: String, shard: Int, of count: Int) -> String {
        let stem = (name as NSString).deletingPathExtension
        let width = max(5, String(count).count)
        func padded(_ value: Int) -> String {
            String(repeating: "0", count: max(0, width - String(value).count)) + String(value)
        }
        return "parts/\(stem)-\(padded(shard))-of-\(padded(count)).csv"
    }

    /// Sorted keys and two-space indentation: the same manifest is always the same bytes.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// The manifest of `directory`, nil when it has none; a manifest that cannot be read is an ``InputIssue``.
    static func read(directory: String) throws(InputIssue) -> PartitionManifest? {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let display = directory.hasSuffix("/") ? directory + fileName : directory + "/" + fileName
        let manifest: PartitionManifest
        do {
            manifest = try JSONDecoder().decode(
                PartitionManifest.self,
                from: Data(contentsOf: URL(fileURLWithPath: path))
            )
        } catch {
            throw InputIssue(file: display, message: "not a partition manifest planner partition wrote: \(error)")
        }
        guard manifest.format == currentFormat else {
            throw InputIssue(file: display, message: "format '\(manifest.format)', expected '\(currentFormat)'")
        }
        guard manifest.shards >= 1,
            manifest.files.allSatisfy({ file in
                file.parts.count == manifest.shards
                    && file.parts.enumerated().allSatisfy {
                        $1.path == partPath(of: file.name, shard: $0, of: manifest.shards)
                    }
            }),
            manifest.file("demand.csv") != nil
        else {
            throw InputIssue(
                file: display,
                message: "lists \(manifest.shards) shards but not one demand.csv part per shard under parts/"
            )
        }
        return manifest
    }
}
