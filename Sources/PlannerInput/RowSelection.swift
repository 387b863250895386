import Foundation
import PlannerCore

/// Which rows of demand.csv and returns.csv a load reads (every other file it reads is read whole).
public enum RowSelection: Sendable {
    /// Every row.
    case all
    /// None: the files are not read. The merge of a sharded plan reads what it needs of them from its stage.
    case none
    /// None, and no supply files either (lanes, stock, orders, suppliers, as for a shard): skus, regions,
    /// warehouses and events only, for a shard step that no row can change.
    case entitiesOnly
    /// The rows of one shard's SKUs. From a folder `planner partition` wrote, the shard's own files, where a row of
    /// another shard is an error; from any other folder, the whole files, other shards' rows skipped unread (only their
    /// sku field is looked at).
    case shard(SKUShardFilter)

    /// Whether lanes, stock, orders and supplier offers are read: not by a shard, which holds only its SKUs' rows
    /// (per SKU, those files are the merge's to read and check).
    public var readsSupplyFiles: Bool {
        switch self {
        case .all, .none: true
        case .shard, .entitiesOnly: false
        }
    }
}

/// The SKUs of one shard, as the loader needs them: a test on an id, and names for messages.
public struct SKUShardFilter: Sendable {
    /// 0-based shard number and the number of shards.
    public var index: Int
    public var count: Int
    /// The shard (0 to `count` - 1) that owns a SKU id, the same for every id whether skus.csv lists it or not;
    /// and the shards of many ids at once (the same values, faster).
    public var shardOfSKU: @Sendable (String) -> Int
    public var shardsOfSKUs: @Sendable ([String]) -> [Int]

    public init(
        index: Int,
        count: Int,
        shardOfSKU: @escaping @Sendable (String) -> Int,
        shardsOfSKUs: (@Sendable ([String]) -> [Int])? = nil
    ) {
        self.index = index
        self.count = count
        self.shardOfSKU = shardOfSKU
        self.shardsOfSKUs = shardsOfSKUs ?? { $0.map(shardOfSKU) }
    }

    public func owns(_ sku: String) -> Bool { shardOfSKU(sku) == index }

    /// "shard 3 of 8".
    public var name: String { "shard \(index) of \(count)" }
}

/// The demand and returns rows one load keeps, resolved against skus.csv: which SKU indices are in, and what to do
/// with a row of a SKU that is not.
struct RowFilter {
    let shard: SKUShardFilter
    /// By SKU index.
    let owned: [Bool]
    /// True in a shard's own part of a partitioned folder: another shard's row is an error, not skipped.
    let refusesOthers: Bool

    init(shard: SKUShardFilter, skus: [SKU], refusesOthers: Bool) {
        self.shard = shard
        self.owned = shard.shardsOfSKUs(skus.map(\.id)).map { $0 == shard.index }
        self.refusesOthers = refusesOthers
    }

    /// Whether the row whose sku field holds `sku` (known or not) is one of the shard's.
    func owns(sku: String, index: Int?) -> Bool {
        index.map { owned[$0] } ?? shard.owns(sku)
    }

    /// The problem of a row of another shard in a shard's own part.
    func foreignRowMessage(sku: String) -> String {
        "sku: '\(sku)' belongs to shard \(shard.shardOfSKU(sku)) of \(shard.count), not to this file's \(shard.name) "
            + "(write the parts again with planner partition)"
    }
}
