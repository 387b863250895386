import PlannerCore
import Yams

typealias EventKind = ScenarioEventKind

/// The events read so far from a chain of scenario files (bases first), with where each stands.
struct ParsedEvents {
    var uplifts: [DemandUplift] = []
    var disruptions: [SupplierDisruption] = []
    var capacityChanges: [WarehouseCapacityChange] = []
    var leadTimeChanges: [LeadTimeChange] = []
    var serviceLevelChanges: [ServiceLevelChange] = []
    var stockAdjustments: [StockAdjustment] = []
    var laneChanges: [LaneChange] = []
    var launches: [SKULaunch] = []
    private(set) var marks: [EventKind: [EventMark]] = [:]
    /// Every event's kind, in file order.
    private(set) var sequence: [EventKind] = []

    /// Records where the event just added to the array of `kind` stands.
    mutating func note(_ kind: EventKind, _ mark: EventMark) {
        marks[kind, default: []].append(mark)
        sequence.append(kind)
    }

    var upliftMarks: [EventMark] { marks[.demandUplift] ?? [] }
    var capacityChangeMarks: [EventMark] { marks[.warehouseCapacity] ?? [] }

    mutating func add(_ kind: EventKind, mark: EventMark, uplift: DemandUplift) {
        uplifts.append(uplift)
        note(kind, mark)
    }
    mutating func add(_ kind: EventKind, mark: EventMark, disruption: SupplierDisruption) {
        disruptions.append(disruption)
        note(kind, mark)
    }
    mutating func add(_ kind: EventKind, mark: EventMark, capacity: WarehouseCapacityChange) {
        capacityChanges.append(capacity)
        note(kind, mark)
    }

    /// Puts every event into `scenario`.
    func fill(_ scenario: inout Scenario) {
        scenario.demandUplifts = uplifts
        scenario.supplierDisruptions = disruptions
        scenario.warehouseCapacityChanges = capacityChanges
        scenario.leadTimeChanges = leadTimeChanges
        scenario.serviceLevelChanges = serviceLevelChanges
        scenario.stockAdjustments = stockAdjustments
        scenario.laneChanges = laneChanges
        scenario.launches = launches
        scenario.eventSequence = sequence.map(\.rawValue)
    }
}

/// What reading a chain of scenario files carries from file to file.
struct LayerState {
    var configuration: PlannerConfiguration
    var issues = IssueCollector()
    var references: [InputReference] = []
    var events = ParsedEvents()
}

/// The top-level values of a scenario merged over its chain of `extends`: a file's own value wins over its base's.
struct ScenarioLayer {
    var rootMark: EventMark
    var name: String?
    var data: String?
    var planDate: Day?
    var planDateMark: EventMark?
    var horizonDays: Int?
    /// Keys present but refused (their problem is reported): not reported again as missing.
    var failedKeys: Set<String> = []
}

extension ScenarioLoader {
    static let leadTimeKeys = ["kind", "from", "to", "days", "factor", "suppliers", "skus", "categories"]
    static let serviceLevelKeys = ["kind", "abc_class", "level"]
    static let stockKeys = ["kind", "from", "to", "delta", "factor", "warehouses", "skus", "categories"]
    static let laneKeys = ["kind", "from", "to", "warehouses", "regions", "cost_factor", "transit_days", "closed"]
    static let launchKeys = ["kind", "sku", "like_sku", "from", "expected_daily_units"]

    /// Reads an event of one of the kinds added after the first three.
    static func readNewEvent(
        _ kind: EventKind,
        _ node: Node,
        mark: EventMark,
        reader: inout YAMLReader,
        events: inout ParsedEvents
    ) {
        let context = "events[\(mark.number)]"
        switch kind {
        case .leadTimeChange:
            guard
                let entries = reader.mapping(
                    node,
                    context: context,
                    allowed: leadTimeKeys,
                    required: ["kind", "from", "to"]
                )
            else { return }
            let window = reader.window(entries, context)
            var refused = false
            let days = reader.optional(entries["days"], &refused) { $0.number($1, "\(context).days", in: -3650...3650) }
            let factor = reader.optional(entries["factor"], &refused) {
                $0.number($1, "\(context).factor", in: 0...100)
            }
            if entries["days"] == nil && entries["factor"] == nil {
                reader.fail(node, "\(context): a lead_time_change needs 'days', 'factor' or both")
                refused = true
            }
            let suppliers = reader.idSet(entries, "suppliers", context, .supplier)
            let skus = reader.idSet(entries, "skus", context, .sku)
            let categories = reader.idSet(entries, "categories", context, .category)
            guard let window, !refused else { return }
            events.leadTimeChanges.append(
                LeadTimeChange(
                    from: window.from,
                    to: window.to,
                    days: days ?? 0,
                    factor: factor ?? 1,
                    suppliers: suppliers,
                    skus: skus,
                    categories: categories
                )
            )
            events.note(kind, mark.window(entries["from"]))
        case .serviceLevel:
            guard
                let entries = reader.mapping(
                    node,
                    context: context,
                    allowed: serviceLevelKeys,
                    required: ["kind", "abc_class", "level"]
                )
            else { return }
            let classes = entries["abc_class"].flatMap { reader.abcClasses($0, "\(context).abc_class") }
            let level = entries["level"].flatMap {
                reader.number($0, "\(context).level", in: 0...1, openLow: true, openHigh: true)
            }
            guard let classes, let level else { return }
            events.serviceLevelChanges.append(ServiceLevelChange(abcClasses: classes, level: level))
            events.note(kind, mark.window(entries["abc_class"]))
        case .stockAdjustment:
            guard
                let entries = reader.mapping(node, context: context, allowed: stockKeys, required: ["kind", "from"])
            else { return }
            var refused = false
            let from = entries["from"].flatMap { reader.day($0, "\(context).from") }
            let to = reader.optional(entries["to"], &refused) { $0.day($1, "\(context).to") }
            let delta = reader.optional(entries["delta"], &refused) {
                $0.wholeNumber($1, "\(context).delta", in: -InputLimits.quantityMax...InputLimits.quantityMax)
            }
            let factor = reader.optional(entries["factor"], &refused) {
                $0.number($1, "\(context).factor", in: 0...1000)
            }
            if (entries["delta"] == nil) == (entries["factor"] == nil) {
                reader.fail(node, "\(context): a stock_adjustment needs exactly one of 'delta' and 'factor'")
                refused = true
            }
            let warehouses = reader.idSet(entries, "warehouses", context, .warehouse)
            let skus = reader.idSet(entries, "skus", context, .sku)
            let categories = reader.idSet(entries, "categories", context, .category)
            guard let from, !refused else { return }
            if let to, to < from {
                reader.fail(entries["to"], "\(context): 'to' (\(to)) is before 'from' (\(from))")
                return
            }
            events.stockAdjustments.append(
                StockAdjustment(
                    from: from,
                    to: to,
                    deltaUnits: delta,
                    factor: factor,
                    warehouses: warehouses,
                    skus: skus,
                    categories: categories
                )
            )
            events.note(kind, mark.window(entries["from"]))
        case .laneChange:
            guard
                let entries = reader.mapping(
                    node,
                    context: context,
                    allowed: laneKeys,
                    required: ["kind", "from", "to"]
                )
            else { return }
            let window = reader.window(entries, context)
            var refused = false
            let costFactor = reader.optional(entries["cost_factor"], &refused) {
                $0.number($1, "\(context).cost_factor", in: 0...1000)
            }
            let transit = reader.optional(entries["transit_days"], &refused) {
                $0.wholeNumber($1, "\(context).transit_days", in: 0...365)
            }
            let closed = reader.optional(entries["closed"], &refused) { $0.bool($1, "\(context).closed") }
            if entries["cost_factor"] == nil && entries["transit_days"] == nil && entries["closed"] == nil {
                reader.fail(node, "\(context): a lane_change needs 'cost_factor', 'transit_days' or 'closed'")
                refused = true
            }
            if closed == true, entries["cost_factor"] != nil || entries["transit_days"] != nil {
                reader.fail(entries["closed"], "\(context): a closed lane has no cost_factor or transit_days")
                refused = true
            }
            let warehouses = reader.idSet(entries, "warehouses", context, .warehouse)
            let regions = reader.idSet(entries, "regions", context, .region)
            guard let window, !refused else { return }
            events.laneChanges.append(
                LaneChange(
                    from: window.from,
                    to: window.to,
                    costFactor: costFactor ?? 1,
                    transitDays: transit,
                    closed: closed ?? false,
                    warehouses: warehouses,
                    regions: regions
                )
            )
            events.note(kind, mark.window(entries["from"]))
        case .newSKULaunch:
            guard
                let entries = reader.mapping(
                    node,
                    context: context,
                    allowed: launchKeys,
                    required: ["kind", "sku", "like_sku", "from", "expected_daily_units"]
                )
            else { return }
            let sku = entries["sku"].flatMap { reader.identifier($0, "\(context).sku") }
            let like = entries["like_sku"].flatMap { reader.identifier($0, "\(context).like_sku") }
            let from = entries["from"].flatMap { reader.day($0, "\(context).from") }
            let units = entries["expected_daily_units"].flatMap {
                reader.number($0, "\(context).expected_daily_units", in: 0...1_000_000, openLow: true)
            }
            guard let sku, let like, let from, let units, let skuNode = entries["sku"],
                let likeNode = entries["like_sku"]
            else { return }
            guard sku != like else {
                reader.fail(likeNode, "\(context): like_sku must be another SKU than the one launched")
                return
            }
            reader.noteReference(.sku, sku, at: skuNode)
            reader.noteReference(.sku, like, at: likeNode)
            events.launches.append(SKULaunch(sku: sku, likeSKU: like, from: from, expectedDailyUnits: units))
            events.note(kind, mark.window(entries["from"]))
        case .demandUplift, .supplierDisruption, .warehouseCapacity:
            preconditionFailure("read by readEvent")
        }
    }
}

extension YAMLReader {
    /// The value of an optional key read by `parse`; nil when absent, and nil with `refused` set when refused.
    mutating func optional<T>(
        _ node: Node?,
        _ refused: inout Bool,
        _ parse: (inout YAMLReader, Node) -> T?
    ) -> T? {
        guard let node else { return nil }
        let value = parse(&self, node)
        if value == nil { refused = true }
        return value
    }

    /// `from` and `to` of an event, with `to` on or after `from`; nil (with an issue) otherwise.
    mutating func window(_ entries: [String: Node], _ context: String) -> (from: Day, to: Day)? {
        let from = entries["from"].flatMap { day($0, "\(context).from") }
        let to = entries["to"].flatMap { day($0, "\(context).to") }
        guard let from, let to else { return nil }
        guard from <= to else {
            fail(entries["to"], "\(context): 'to' (\(to)) is before 'from' (\(from))")
            return nil
        }
        return (from, to)
    }

    /// The identifiers of a filter `key`, each noted as a reference of `kind` to check against the data set;
    /// nil when the key is absent (every one matches) or refused.
    mutating func idSet(
        _ entries: [String: Node],
        _ key: String,
        _ context: String,
        _ kind: InputReference.Kind?
    ) -> Set<String>? {
        guard let value = entries[key], let items = stringList(value, "\(context).\(key)") else { return nil }
        if let kind {
            for (text, itemNode) in items { noteReference(kind, text, at: itemNode) }
        }
        return Set(items.map(\.value))
    }

    /// A list of ABC classes (A, B, C); nil with an issue for anything else.
    mutating func abcClasses(_ node: Node, _ name: String) -> Set<ABCClass>? {
        guard let items = stringList(node, name) else { return nil }
        var parsed = Set<ABCClass>()
        var valid = true
        for (text, itemNode) in items {
            if let abcClass = ABCClass(rawValue: text) {
                parsed.insert(abcClass)
            } else {
                fail(itemNode, "\(name): expected A, B or C, found \(InputLimits.quoted(text))")
                valid = false
            }
        }
        return valid ? parsed : nil
    }
}
