import Foundation
import PlannerCore

/// Loads and validates a data directory (docs/data-contract.md) into a ``DataSet``.
///
/// Every file is checked completely and every problem is reported with file, line, column and
/// the rule broken; if there is any problem an ``InputError`` lists them all and no data set is
/// returned. When a file that others refer to (skus, regions, warehouses) cannot be read at all,
/// the files referring to it are not checked, to avoid a flood of follow-on "unknown sku" errors.
public enum DataSetLoader {
    /// The files every data directory must hold.
    public static let fileNames = [
        "skus.csv", "regions.csv", "warehouses.csv", "lanes.csv", "stock.csv", "demand.csv", "orders.csv",
        "suppliers.csv",
    ]
    /// Files read when present: `events.csv` (calendar events) and `returns.csv` (returned units); absent means
    /// none.
    public static let optionalFileNames = ["events.csv", "returns.csv"]

    /// How demand.csv is read: the fast path's chunk size and threads (the result is the same for any), and which
    /// rows of it and of returns.csv are kept.
    public struct Options: Sendable {
        public var demandChunkSizeBytes: Int
        public var demandThreadCount: Int
        public var rows: RowSelection

        /// 16 MiB chunks on one thread per core, at most 8.
        public init(
            demandChunkSizeBytes: Int = 16 << 20,
            demandThreadCount: Int = min(ProcessInfo.processInfo.activeProcessorCount, 8),
            rows: RowSelection = .all
        ) {
            self.demandChunkSizeBytes = demandChunkSizeBytes
            self.demandThreadCount = demandThreadCount
            self.rows = rows
        }
    }

    /// The ids of skus.csv in `directory`, the file checked as a load checks it.
    public static func skuIDs(directory: String) throws -> [String] {
        var issues = IssueCollector()
        var refused: Set<String> = []
        let skus = LoadContext(directory: directory).readSKUs(&issues, refused: &refused)
        try issues.throwIfAny()
        return skus?.map(\.id) ?? []
    }

    public static func load(directory: String, options: Options = Options()) throws -> DataSet {
        var issues = IssueCollector()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(issues: [InputIssue(file: directory, message: "data directory not found")])
        }
        let context = LoadContext(directory: directory)
        var manifest: PartitionManifest? = nil
        var manifestIsReadable = true
        do {
            manifest = try PartitionManifest.read(directory: directory)
        } catch {
            issues.add(error)
            manifestIsReadable = false
        }
        var refused = RefusedIDs()
        let skus = context.readSKUs(&issues, refused: &refused.skus)
        let regions = context.readRegions(&issues, refused: &refused.regions)
        let warehouses = context.readWarehouses(&issues, refused: &refused.warehouses)
        guard let skus, let regions, let warehouses else {
            issues.add(
                file: directory,
                "lanes, stock, demand, orders, suppliers, events and returns were not checked until the files above can be read"
            )
            try issues.throwIfAny()
            preconditionFailure("a base file failed without an issue")
        }
        let lookup = EntityLookup(skus: skus, regions: regions, warehouses: warehouses, refusedIDs: refused)
        // A shard forecasts its SKUs from their demand and returns: it holds no lanes, stock, orders or supplier offers
        // (per SKU, they are the merge's to read and check), so its memory is for its own SKUs.
        let readsSupply = options.rows.readsSupplyFiles
        let lanes = readsSupply ? context.readLanes(lookup, &issues) : []
        let stock = readsSupply ? context.readStock(lookup, &issues) : []
        let plan =
            manifestIsReadable
            ? context.rowFiles(options.rows, manifest: manifest, skus: skus, &issues)
            : (demand: [], returns: [], filter: nil)
        var demand = DemandHistory()
        for fileName in plan.demand {
            let part = context.readDemand(
                lookup,
                &issues,
                options: DemandFileParser.Options(
                    chunkSizeBytes: options.demandChunkSizeBytes,
                    threadCount: options.demandThreadCount
                ),
                fileName: fileName,
                filter: plan.filter
            )
            if plan.demand.count == 1 {
                demand = part
            } else {
                demand.append(
                    skuIndices: part.skuIndices,
                    regionIndices: part.regionIndices,
                    days: part.days,
                    quantities: part.quantities
                )
            }
        }
        let orders = readsSupply ? context.readOrders(lookup, &issues) : []
        let suppliers = readsSupply ? context.readSuppliers(lookup, &issues) : []
        let events = context.readEvents(lookup, skus: skus, &issues)
        let returns = plan.returns.flatMap { context.readReturns(lookup, &issues, fileName: $0, filter: plan.filter) }
        try issues.throwIfAny()
        return DataSet(
            skus: skus,
            regions: regions,
            warehouses: warehouses,
            lanes: lanes,
            stock: stock,
            demand: demand,
            orders: orders,
            suppliers: suppliers,
            events: events,
            returns: returns
        )
    }
}

extension LoadContext {
    /// The demand and returns files to read for `selection`, and the filter of their rows: demand.csv and
    /// returns.csv, or the parts of a partitioned folder (all of them, or one shard's).
    func rowFiles(
        _ selection: RowSelection,
        manifest: PartitionManifest?,
        skus: [SKU],
        _ issues: inout IssueCollector
    ) -> (demand: [String], returns: [String], filter: RowFilter?) {
        let hasReturns = FileManager.default.fileExists(atPath: displayPath(ReturnColumns.fileName))
        guard let manifest else {
            let files = (["demand.csv"], hasReturns ? [ReturnColumns.fileName] : [])
            switch selection {
            case .all: return (files.0, files.1, nil)
            case .none, .entitiesOnly: return ([], [], nil)
            case .shard(let shard): return (files.0, files.1, RowFilter(shard: shard, skus: skus, refusesOthers: false))
            }
        }
        let manifestPath = displayPath(PartitionManifest.fileName)
        for name in ["demand.csv", ReturnColumns.fileName]
        where FileManager.default.fileExists(atPath: displayPath(name)) {
            issues.add(
                file: displayPath(name),
                "a partitioned folder (\(PartitionManifest.fileName)) holds its rows in parts/ only: remove this file"
            )
        }
        let split = [manifest.file("demand.csv"), manifest.file(ReturnColumns.fileName)]
        var shards = Array(0..<manifest.shards)
        var filter: RowFilter? = nil
        switch selection {
        case .all: break
        case .none, .entitiesOnly: shards = []
        case .shard(let shard):
            guard shard.count == manifest.shards else {
                issues.add(
                    file: manifestPath,
                    "the folder is partitioned into \(manifest.shards) shards, not \(shard.count): run the \(shard.count) "
                        + "shards on the unpartitioned folder, or partition it again with --shards \(shard.count)"
                )
                return ([], [], nil)
            }
            shards = [shard.index]
            filter = RowFilter(shard: shard, skus: skus, refusesOthers: true)
        }
        let files = split.map { file in
            shards.compactMap { shard -> String? in
                guard let part = file?.parts[shard] else { return nil }
                let size = (try? FileManager.default.attributesOfItem(atPath: displayPath(part.path))[.size]) as? Int
                if let size, size != part.bytes {
                    issues.add(
                        file: displayPath(part.path),
                        "\(size) bytes, \(PartitionManifest.fileName) says \(part.bytes): the part changed since "
                            + "planner partition wrote it"
                    )
                }
                return part.path
            }
        }
        return (files[0], files[1], filter)
    }
}

/// Ids whose own rows were refused (and reported): references to them are not reported again.
struct RefusedIDs {
    var skus: Set<String> = []
    var regions: Set<String> = []
    var warehouses: Set<String> = []
}

/// Index maps of the entities other files refer to.
struct EntityLookup {
    let skuIndex: [String: Int]
    let regionIndex: [String: Int]
    let warehouseIndex: [String: Int]
    let refusedIDs: RefusedIDs

    init(skus: [SKU], regions: [Region], warehouses: [Warehouse], refusedIDs: RefusedIDs = RefusedIDs()) {
        self.refusedIDs = refusedIDs
        skuIndex = Dictionary(skus.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        regionIndex = Dictionary(regions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        warehouseIndex = Dictionary(
            warehouses.enumerated().map { ($1.id, $0) },
            uniquingKeysWith: { first, _ in first }
        )
    }
}

/// Where the files are, and how they are named in messages.
struct LoadContext {
    let directory: String

    func displayPath(_ fileName: String) -> String {
        directory.hasSuffix("/") ? directory + fileName : directory + "/" + fileName
    }

    /// Reads `fileName` as a table with `columns` (and any of `optionalColumns`, numbered after them); false
    /// when the file is missing or its header is wrong.
    @discardableResult
    func table(
        _ fileName: String,
        _ columns: [String],
        optionalColumns: [String] = [],
        _ issues: inout IssueCollector,
        row: (inout CSVRow) -> Void
    ) -> Bool {
        let path = displayPath(fileName)
        let reader: CSVReader
        do {
            reader = try CSVReader(path: path, displayPath: path)
        } catch let issue as InputIssue {
            issues.add(issue)
            return false
        } catch {
            issues.add(file: path, "cannot read the file: \(error)")
            return false
        }
        let table = CSVTable(displayPath: path, columns: columns, optionalColumns: optionalColumns)
        return table.read(reader: reader, issues: &issues, row: row)
    }
}

/// Detects repeated keys and reports the line of the first occurrence.
struct DuplicateDetector<Key: Hashable> {
    private var firstLine: [Key: Int] = [:]

    /// Returns the earlier line holding `key`, or nil (and remembers `line`) if it is new.
    mutating func earlierLine(of key: Key, line: Int) -> Int? {
        if let earlier = firstLine[key] { return earlier }
        firstLine[key] = line
        return nil
    }
}
