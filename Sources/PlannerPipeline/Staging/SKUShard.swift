import Digest
import PlannerCore
import PlannerInput
import Storage

/// Shard K of N of the SKUs (`--shard K/N`, K from 0 to N - 1).
///
/// A SKU's shard is a function of its id and N alone, never of the files' order or of earlier shard counts:
/// the first 8 bytes of the SHA-256 of the id's UTF-8 bytes, read as an unsigned big-endian 64-bit integer, modulo
/// N. In Python: `int.from_bytes(hashlib.sha256(sku.encode()).digest()[:8], "big") % n`; in PostgreSQL:
/// `(('x' || left(encode(sha256(convert_to(sku, 'UTF8')), 'hex'), 16))::bit(64)::bigint::numeric + 2^64) % 2^64 % n`
/// (docs/scale-out.md). SHA-256 spreads any ids evenly, sequential or not.
public struct SKUShard: Sendable, Equatable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        precondition(count >= 1 && index >= 0 && index < count, "shard \(index) of \(count)")
        self.index = index
        self.count = count
    }

    /// `K/N` with 0 <= K < N <= ``StageID/maximumShardCount``, or the problem with it.
    public static func parse(_ text: String) -> Result<SKUShard, ShardArgumentError> {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]),
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else {
            return .failure(
                ShardArgumentError(message: "expected K/N, two whole numbers (0/8 ... 7/8), found '\(text)'")
            )
        }
        guard (1...StageID.maximumShardCount).contains(count) else {
            return .failure(
                ShardArgumentError(message: "N must be 1 to \(StageID.maximumShardCount), found \(count) in '\(text)'")
            )
        }
        guard index < count else {
            return .failure(
                ShardArgumentError(message: "K counts from 0 to N - 1 = \(count - 1), found \(index) in '\(text)'")
            )
        }
        return .success(SKUShard(index: index, count: count))
    }

    /// The shard of `sku` among `count`.
    public static func shard(of sku: String, count: Int) -> Int {
        shards(of: [sku], count: count)[0]
    }

    /// The shard of each of `skus` among `count` (one digest context for all: a million ids in about 0.3 s).
    public static func shards(of skus: [String], count: Int) -> [Int] {
        SHA256.leadingWords(of: skus).map { Int($0 % UInt64(count)) }
    }

    public func owns(_ sku: String) -> Bool { Self.shard(of: sku, count: count) == index }

    /// The SKU indices of this shard, ascending.
    public func members(of skus: [SKU]) -> [Int] {
        let shards = Self.shards(of: skus.map(\.id), count: count)
        return skus.indices.filter { shards[$0] == index }
    }

    /// What the loader needs to keep this shard's rows.
    public var rowFilter: SKUShardFilter {
        let count = count
        return SKUShardFilter(
            index: index,
            count: count,
            shardOfSKU: { SKUShard.shard(of: $0, count: count) },
            shardsOfSKUs: { SKUShard.shards(of: $0, count: count) }
        )
    }

    /// `K/N`.
    public var description: String { "\(index)/\(count)" }
}

/// A `--shard` argument that is not K/N.
public struct ShardArgumentError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
