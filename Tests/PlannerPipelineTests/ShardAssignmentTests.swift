import Foundation
import PlannerCore
import PlannerInput
import PostgresClient
import TestSupport
import Testing

@testable import PlannerPipeline

/// The documented shard of a SKU (SHA-256, first 8 bytes big-endian, modulo N) and `planner partition`'s split.
@Suite struct ShardAssignmentTests {
    /// From Python: `int.from_bytes(hashlib.sha256(s.encode()).digest()[:8], "big")` and its residues.
    static let known: [(sku: String, hash: UInt64, of2: Int, of3: Int, of8: Int, of1000: Int)] = [
        ("SKU-000001", 17_091_840_368_071_974_559, 1, 1, 7, 559),
        ("SKU-000002", 10_530_728_026_985_176_565, 1, 2, 5, 565),
        ("S1", 3_933_521_924_323_150_293, 1, 0, 5, 293),
        ("S2", 12_536_379_949_627_024_638, 0, 0, 6, 638),
        ("Kettle \"blue\"", 6_018_642_550_699_742_201, 1, 2, 1, 201),
        ("ü-sku", 9_966_139_726_191_172_094, 0, 2, 6, 94),
    ]

    @Test func theShardOfASKUIsTheDocumentedHash() {
        for entry in Self.known {
            #expect(SKUShard.shard(of: entry.sku, count: 2) == entry.of2, "\(entry.sku)")
            #expect(SKUShard.shard(of: entry.sku, count: 3) == entry.of3, "\(entry.sku)")
            #expect(SKUShard.shard(of: entry.sku, count: 8) == entry.of8, "\(entry.sku)")
            #expect(SKUShard.shard(of: entry.sku, count: 1000) == entry.of1000, "\(entry.sku)")
            #expect(Int(entry.hash % 1000) == entry.of1000)
            #expect(SKUShard.shard(of: entry.sku, count: 1) == 0)
        }
    }

    @Test func postgresComputesTheSameShard() throws {
        let connection = try PostgresConnection(url: TestCluster.url())
        for entry in Self.known {
            let rows = try connection.query(
                """
                SELECT ((('x' || left(encode(sha256(convert_to($1, 'UTF8')), 'hex'), 16))::bit(64)::bigint::numeric
                    + 18446744073709551616) % 18446744073709551616) % $2::numeric
                """,
                parameters: [entry.sku, "8"]
            )
            #expect(rows == [[String(entry.of8)]], "\(entry.sku)")
        }
    }

    @Test func shardsSplitTheSKUsEvenlyAndTheArgumentIsChecked() {
        let ids = (1...10_000).map { String(format: "SKU-%06d", $0) }
        var sizes = [Int](repeating: 0, count: 8)
        for id in ids { sizes[SKUShard.shard(of: id, count: 8)] += 1 }
        // 1,250 expected per shard; a binomial sd of 33, so 1,100 to 1,400 fails by chance less than once in 10^5.
        #expect(sizes.allSatisfy { (1_100...1_400).contains($0) }, "\(sizes)")
        #expect((try? SKUShard.parse("3/8").get()) == SKUShard(index: 3, count: 8))
        for bad in ["8/8", "0/0", "-1/4", "1/1001", "a/b", "1/", "/4", "1/4/2", " 1/4", "1.0/4", "١/٤"] {
            #expect((try? SKUShard.parse(bad).get()) == nil, "\(bad)")
        }
    }

    @Test func partitionKeepsEveryRowInItsShardsPartInSourceOrder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("split-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A byte order mark, CRLF line ends, a quoted sku, a blank line, an id skus.csv does not list, and the sku
        // in the last column.
        let text =
            "\u{FEFF}date,region,qty,sku\r\n2026-01-01,R1,3,S1\r\n2026-01-01,R1,4,\"S3\"\r\n\r\n"
            + "2026-01-02,R1,5,X1\r\n2026-01-02,R2,6,\"Kettle \"\"blue\"\"\"\r\n2026-01-03,R1,7,S1"
        try text.write(toFile: folder + "/demand.csv", atomically: true, encoding: .utf8)
        var parts = [[UInt8]](repeating: [], count: 3)
        var source: [UInt8] = []
        var partitioner = CSVPartitioner(
            path: folder + "/demand.csv",
            displayPath: "demand.csv",
            partCount: 3,
            skuIDs: ["S1", "S3"],
            partOfID: { SKUShard.shard(of: $0, count: 3) }
        )
        partitioner.chunkSizeBytes = 16
        let counts = try partitioner.split(source: { source += $0 }, emit: { part, bytes in parts[part] += bytes })
        #expect(source == Array(text.utf8), "every byte of the source, in order")
        #expect(counts.rows == 5 && counts.rowsByPart.reduce(0, +) == 5)
        let header = "date,region,qty,sku\r\n"
        // S1 is shard 0 of 3, S3 and X1 shard 1, Kettle "blue" shard 2 (Python's hashlib agrees).
        let expected = [
            header + "2026-01-01,R1,3,S1\r\n2026-01-03,R1,7,S1\n",
            header + "2026-01-01,R1,4,\"S3\"\r\n2026-01-02,R1,5,X1\r\n",
            header + "2026-01-02,R2,6,\"Kettle \"\"blue\"\"\"\r\n",
        ]
        #expect(parts.map { String(decoding: $0, as: UTF8.self) } == expected)

        try "date,sku,region,qty\n2026-01-01,S1,R1,3\n2026-01-01,\"S2,R1,4\n".write(
            toFile: folder + "/broken.csv",
            atomically: true,
            encoding: .utf8
        )
        let broken = CSVPartitioner(
            path: folder + "/broken.csv",
            displayPath: "broken.csv",
            partCount: 2,
            skuIDs: ["S1", "S2"],
            partOfID: { SKUShard.shard(of: $0, count: 2) }
        )
        let error = try #require(throws: InputError.self) { try broken.split { _, _ in } }
        #expect(
            error.issues.map(\.description) == [
                "broken.csv:3: error: a quoted field runs past the end of the line (no field may hold a line break)"
            ]
        )
    }
}
