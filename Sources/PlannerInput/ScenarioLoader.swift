import Foundation
import PlannerCore
import Yams

/// A scenario file as read, with where each event's references stand in the file so that a
/// reference to a SKU, category, region or supplier missing from the data can be located.
public struct ScenarioFile: Sendable {
    public var scenario: Scenario
    public var configuration: PlannerConfiguration
    var references: [InputReference]
    /// Where each demand uplift and each warehouse capacity change starts in the file, in the scenario's order.
    var upliftMarks: [EventMark] = []
    var capacityChangeMarks: [EventMark] = []
    /// Where each event stands, by kind, in the order of the scenario's arrays of that kind.
    var eventMarks: [EventKind: [EventMark]] = [:]
    /// Events outside the horizon and contradictions the data is not needed for; reported with the data's
    /// problems, so that one run lists every problem.
    public internal(set) var eventWindowIssues: [InputIssue] = []

    /// Problems with references from events to the data set (an unknown sku, supplier, ...). Without
    /// `checksSuppliers` (a shard, which reads no supplier offers) supplier references are left to the merge.
    public func referenceIssues(in dataSet: DataSet, checksSuppliers: Bool = true) -> [InputIssue] {
        let categories = Set(dataSet.skus.map(\.category))
        let suppliers = Set(dataSet.suppliers.map(\.supplier))
        return references.compactMap { reference in
            let known: Bool
            switch reference.kind {
            case .sku: known = dataSet.skuIndexByID[reference.value] != nil
            case .category: known = categories.contains(reference.value)
            case .region: known = dataSet.regionIndexByID[reference.value] != nil
            case .supplier: known = !checksSuppliers || suppliers.contains(reference.value)
            case .warehouse: known = dataSet.warehouses.contains { $0.id == reference.value }
            }
            guard !known else { return nil }
            return InputIssue(
                file: reference.file,
                line: reference.line,
                column: reference.column,
                message:
                    "unknown \(reference.kind.rawValue) \(InputLimits.quoted(reference.value)) "
                    + "(not in the data set \(scenario.dataDirectory))"
            )
        }
    }
}

/// An event's place in the scenario file: its number in `events` (1-based) and its line and column.
struct EventMark: Sendable, Equatable {
    var file: String
    var number: Int
    var line: Int
    var column: Int
    /// Where the event's window (`from`) stands, for errors about it; the event's own place when it has none.
    var windowLine: Int = 0
    var windowColumn: Int = 0

    /// The mark with the window at `node`.
    func window(_ node: Node?) -> EventMark {
        var mark = self
        mark.windowLine = node?.mark?.line ?? line
        mark.windowColumn = node?.mark?.column ?? column
        return mark
    }

    /// `events[N]`, with the file's name when it is not `scenarioPath` (an event of a base scenario).
    func name(in scenarioPath: String) -> String {
        file == scenarioPath ? "events[\(number)]" : "events[\(number)] of \((file as NSString).lastPathComponent)"
    }
}

/// A name an input refers to (a sku, region, ...) and where it stands, so that one missing from the data set
/// is reported there.
struct InputReference: Sendable {
    enum Kind: String, Sendable { case sku, category, region, supplier, warehouse }
    var kind: Kind
    var value: String
    var file: String
    var line: Int
    var column: Int
}

/// Reads scenario files (docs/configuration.md, "Scenario files").
public enum ScenarioLoader {
    static let topLevelKeys = [
        "name", "description", "extends", "data", "plan_date", "horizon_days", "overrides", "events",
    ]
    static let upliftKeys = ["kind", "from", "to", "factor", "skus", "categories", "abc_class", "regions"]
    static let disruptionKeys = ["kind", "supplier", "from", "to", "capacity_factor", "extra_lead_time_days"]
    static let capacityKeys = ["kind", "warehouse", "from", "to", "capacity_factor"]
    /// Longest `data` path, in bytes (Linux's PATH_MAX).
    static let longestPathBytes = 4096
    /// Most days `plan --days` and `allocate --days` allocate over, past the plan date.
    public static let longestAllocationDays = 60
    /// Most files in one chain of `extends`.
    static let longestExtendsChain = 16

    /// Reads `path`; `configuration` is the configuration before the scenario's `overrides`, and
    /// `baseReferences` the names that configuration refers to (checked against the data with the scenario's).
    public static func load(path: String, configuration base: PlannerConfiguration) throws -> ScenarioFile {
        try load(path: path, configuration: base, baseReferences: [])
    }

    static func load(
        path: String,
        configuration base: PlannerConfiguration,
        baseReferences: [InputReference]
    ) throws -> ScenarioFile {
        var state = LayerState(configuration: base)
        guard let layer = readLayer(path: path, chain: [], state: &state) else {
            try state.issues.throwIfAny()
            preconditionFailure("a scenario layer failed without an issue")
        }
        let required: [(String, Any?)] = [
            ("name", layer.name), ("data", layer.data), ("plan_date", layer.planDate),
            ("horizon_days", layer.horizonDays),
        ]
        for (key, value) in required where value == nil && !layer.failedKeys.contains(key) {
            state.issues.add(
                file: path,
                line: layer.rootMark.line,
                column: layer.rootMark.column,
                "scenario: missing required key '\(key)'"
            )
        }
        if let planDate = layer.planDate, let horizonDays = layer.horizonDays, let mark = layer.planDateMark,
            planDate.adding(days: horizonDays + Self.longestAllocationDays) > InputLimits.latestDay
        {
            state.issues.add(
                file: mark.file,
                line: mark.line,
                column: mark.column,
                "plan_date \(planDate) plus horizon_days leaves the dates the planner accepts (up to "
                    + "\(InputLimits.latestDay))"
            )
        }
        try state.issues.throwIfAny()
        guard let name = layer.name, let data = layer.data, let planDate = layer.planDate,
            let horizonDays = layer.horizonDays
        else {
            preconditionFailure("missing scenario value without an issue")
        }
        var scenario = Scenario(
            name: name,
            sourcePath: path,
            dataDirectory: data,
            planDate: planDate,
            horizonDays: horizonDays
        )
        state.events.fill(&scenario)
        var file = ScenarioFile(
            scenario: scenario,
            configuration: state.configuration,
            references: baseReferences + state.references,
            upliftMarks: state.events.upliftMarks,
            capacityChangeMarks: state.events.capacityChangeMarks
        )
        file.eventMarks = state.events.marks
        file.eventWindowIssues = file.windowIssues() + file.contradictionIssues()
        return file
    }

    /// Reads one file of a chain of `extends` (its bases first, so that its own values and overrides win) and
    /// returns the merged values; nil when the file cannot be read as a scenario at all.
    static func readLayer(path: String, chain: [String], state: inout LayerState) -> ScenarioLayer? {
        var reader = YAMLReader(file: path, issues: state.issues)
        defer {
            state.issues = reader.issues
            state.references += reader.references
        }
        guard let root = reader.compose(path: path) else { return nil }
        guard let entries = reader.mapping(root, context: "scenario", allowed: topLevelKeys) else { return nil }
        let rootMark = EventMark(file: path, number: 0, line: root.mark?.line ?? 1, column: root.mark?.column ?? 1)
        var layer = ScenarioLayer(rootMark: rootMark)
        if let node = entries["extends"], let target = reader.string(node, "extends", maxBytes: longestPathBytes) {
            let basePath = resolve(target, relativeTo: path)
            let identity = canonicalPath(basePath)
            let here = chain + [canonicalPath(path)]
            if let start = here.firstIndex(of: identity) {
                let cycle = (here[start...] + [identity]).map { ($0 as NSString).lastPathComponent }
                reader.fail(node, "extends: a cycle (\(cycle.joined(separator: " -> ")))")
            } else if here.count >= longestExtendsChain {
                reader.fail(node, "extends: more than \(longestExtendsChain) files in one chain")
            } else if !FileManager.default.isReadableFile(atPath: basePath) {
                reader.fail(node, "extends: cannot read \(InputLimits.quoted(target)) (missing or unreadable)")
            } else {
                state.issues = reader.issues
                state.references += reader.references
                reader = YAMLReader(file: path, issues: state.issues)
                layer = readLayer(path: basePath, chain: here, state: &state) ?? layer
                layer.rootMark = rootMark
                reader = YAMLReader(file: path, issues: state.issues)
            }
        } else if entries["extends"] != nil {
            layer.failedKeys.insert("extends")
        }
        func read<T>(_ key: String, _ parse: (Node) -> T?) -> T? {
            guard let node = entries[key] else { return nil }
            guard let value = parse(node) else {
                layer.failedKeys.insert(key)
                return nil
            }
            return value
        }
        if let name = read("name", { reader.identifier($0, "name") }) { layer.name = name }
        if let data = read("data", { reader.string($0, "data", maxBytes: Self.longestPathBytes) }) {
            layer.data = resolve(data, relativeTo: path)
        }
        if let planDate = read("plan_date", { reader.day($0, "plan_date") }), let node = entries["plan_date"] {
            layer.planDate = planDate
            layer.planDateMark = EventMark(
                file: path,
                number: 0,
                line: node.mark?.line ?? 0,
                column: node.mark?.column ?? 0
            )
        }
        if let horizon = read("horizon_days", { reader.wholeNumber($0, "horizon_days", in: 1...366) }) {
            layer.horizonDays = horizon
        }
        if let overrides = entries["overrides"] {
            ConfigurationLoader.apply(overrides, to: &state.configuration, reader: &reader)
        }
        if let events = entries["events"] {
            if let sequence = events.sequence {
                if state.events.sequence.count + sequence.count > InputLimits.scenarioEventsMax {
                    reader.fail(
                        events,
                        "events: more than \(InputLimits.scenarioEventsMax) events in the scenario and its bases"
                    )
                    return layer
                }
                for (position, event) in sequence.enumerated() {
                    let mark = EventMark(
                        file: path,
                        number: position + 1,
                        line: event.mark?.line ?? 0,
                        column: event.mark?.column ?? 0
                    )
                    readEvent(event, mark: mark, reader: &reader, events: &state.events)
                }
            } else if events.scalar?.string.isEmpty != true {
                reader.fail(events, "events must be a list of mappings, each with a 'kind'")
            }
        }
        return layer
    }

    /// The path with symbolic links resolved, to recognise one file reached twice.
    static func canonicalPath(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return ((absolute as NSString).standardizingPath as NSString).resolvingSymlinksInPath
    }

    /// `data` relative to the folder of the scenario file, unless absolute.
    static func resolve(_ data: String, relativeTo scenarioPath: String) -> String {
        if data.hasPrefix("/") { return data }
        let folder = (scenarioPath as NSString).deletingLastPathComponent
        let joined = folder.isEmpty ? data : (folder as NSString).appendingPathComponent(data)
        return (joined as NSString).standardizingPath
    }

    private static func readEvent(_ node: Node, mark: EventMark, reader: inout YAMLReader, events: inout ParsedEvents) {
        let context = "events[\(mark.number)]"
        guard let mapping = node.mapping else {
            reader.fail(node, "\(context) must be a mapping with a 'kind'")
            return
        }
        guard let kindNode = mapping["kind"], let kind = reader.string(kindNode, "\(context).kind") else {
            reader.fail(
                node,
                "\(context): missing required key 'kind' (\(EventKind.allCases.map(\.rawValue).joined(separator: ", ")))"
            )
            return
        }
        switch kind {
        case "demand_uplift":
            let required = ["kind", "from", "to", "factor"]
            guard let entries = reader.mapping(node, context: context, allowed: upliftKeys, required: required) else {
                return
            }
            let from = entries["from"].flatMap { reader.day($0, "\(context).from") }
            let to = entries["to"].flatMap { reader.day($0, "\(context).to") }
            let factor = entries["factor"].flatMap { reader.number($0, "\(context).factor", in: 0...1000) }
            let skus = reader.idSet(entries, "skus", context, .sku)
            let categories = reader.idSet(entries, "categories", context, .category)
            let regions = reader.idSet(entries, "regions", context, .region)
            let classes = entries["abc_class"].flatMap { reader.abcClasses($0, "\(context).abc_class") }
            guard let from, let to, let factor else { return }
            guard from <= to else {
                reader.fail(entries["to"], "\(context): 'to' (\(to)) is before 'from' (\(from))")
                return
            }
            events.add(
                .demandUplift,
                mark: mark.window(entries["from"]),
                uplift: DemandUplift(
                    from: from,
                    to: to,
                    factor: factor,
                    skus: skus,
                    categories: categories,
                    abcClasses: classes,
                    regions: regions
                )
            )
        case "supplier_disruption":
            let required = ["kind", "supplier", "from", "to"]
            guard let entries = reader.mapping(node, context: context, allowed: disruptionKeys, required: required)
            else { return }
            let supplierNode = entries["supplier"]
            let supplier = supplierNode.flatMap { reader.identifier($0, "\(context).supplier") }
            let from = entries["from"].flatMap { reader.day($0, "\(context).from") }
            let to = entries["to"].flatMap { reader.day($0, "\(context).to") }
            var capacityFactor: Double? = 0
            if let value = entries["capacity_factor"] {
                capacityFactor = reader.number(value, "\(context).capacity_factor", in: 0...1)
            }
            var extraLeadTime: Double? = 0
            if let value = entries["extra_lead_time_days"] {
                extraLeadTime = reader.number(value, "\(context).extra_lead_time_days", in: 0...3650)
            }
            guard let supplier, let supplierNode, let from, let to, let capacityFactor, let extraLeadTime else {
                return
            }
            guard from <= to else {
                reader.fail(entries["to"], "\(context): 'to' (\(to)) is before 'from' (\(from))")
                return
            }
            reader.noteReference(.supplier, supplier, at: supplierNode)
            events.add(
                .supplierDisruption,
                mark: mark.window(entries["from"]),
                disruption: SupplierDisruption(
                    supplier: supplier,
                    from: from,
                    to: to,
                    capacityFactor: capacityFactor,
                    extraLeadTimeDays: extraLeadTime
                )
            )
        case "warehouse_capacity":
            let required = ["kind", "warehouse", "from", "to"]
            guard let entries = reader.mapping(node, context: context, allowed: capacityKeys, required: required)
            else { return }
            let warehouseNode = entries["warehouse"]
            let warehouse = warehouseNode.flatMap { reader.identifier($0, "\(context).warehouse") }
            let from = entries["from"].flatMap { reader.day($0, "\(context).from") }
            let to = entries["to"].flatMap { reader.day($0, "\(context).to") }
            var capacityFactor: Double? = 0
            if let value = entries["capacity_factor"] {
                capacityFactor = reader.number(value, "\(context).capacity_factor", in: 0...10)
            }
            guard let warehouse, let warehouseNode, let from, let to, let capacityFactor else { return }
            guard from <= to else {
                reader.fail(entries["to"], "\(context): 'to' (\(to)) is before 'from' (\(from))")
                return
            }
            reader.noteReference(.warehouse, warehouse, at: warehouseNode)
            events.add(
                .warehouseCapacity,
                mark: mark.window(entries["from"]),
                capacity: WarehouseCapacityChange(
                    warehouse: warehouse,
                    from: from,
                    to: to,
                    capacityFactor: capacityFactor
                )
            )
        default:
            guard let eventKind = EventKind(rawValue: kind) else {
                reader.fail(
                    kindNode,
                    "\(context): unknown event kind \(InputLimits.quoted(kind)); expected "
                        + EventKind.allCases.map(\.rawValue).joined(separator: ", ")
                )
                return
            }
            readNewEvent(eventKind, node, mark: mark, reader: &reader, events: &events)
        }
    }
}
