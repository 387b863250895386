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
struct EventMark: Sendable {
    var number: Int
    var line: Int
    var column: Int
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

/// Reads scenario files (docs/scenarios.md).
public enum ScenarioLoader {
    static let topLevelKeys = ["name", "description", "data", "plan_date", "horizon_days", "overrides", "events"]
    static let upliftKeys = ["kind", "from", "to", "factor", "skus", "categories", "abc_class", "regions"]
    static let disruptionKeys = ["kind", "supplier", "from", "to", "capacity_factor", "extra_lead_time_days"]
    static let capacityKeys = ["kind", "warehouse", "from", "to", "capacity_factor"]
    /// Longest `data` path, in bytes (Linux's PATH_MAX).
    static let longestPathBytes = 4096
    /// Most days `plan --days` and `allocate --days` allocate over, past the plan date.
    public static let longestAllocationDays = 60

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
        var reader = YAMLReader(file: path)
        guard let root = reader.compose(path: path) else {
            try reader.issues.throwIfAny()
            preconditionFailure("compose failed without an issue")
        }
        let required = ["name", "data", "plan_date", "horizon_days"]
        guard let entries = reader.mapping(root, context: "scenario", allowed: topLevelKeys, required: required) else {
            try reader.issues.throwIfAny()
            preconditionFailure("mapping failed without an issue")
        }
        let name = entries["name"].flatMap { reader.identifier($0, "name") }
        let data = entries["data"].flatMap { reader.string($0, "data", maxBytes: Self.longestPathBytes) }
        let planDate = entries["plan_date"].flatMap { reader.day($0, "plan_date") }
        let horizonDays = entries["horizon_days"].flatMap { reader.wholeNumber($0, "horizon_days", in: 1...366) }
        if let planDate, let horizonDays, let node = entries["plan_date"],
            planDate.adding(days: horizonDays + Self.longestAllocationDays) > InputLimits.latestDay
        {
            reader.fail(
                node,
                "plan_date \(planDate) plus horizon_days leaves the dates the planner accepts (up to "
                    + "\(InputLimits.latestDay))"
            )
        }
        var configuration = base
        if let overrides = entries["overrides"] {
            ConfigurationLoader.apply(overrides, to: &configuration, reader: &reader)
        }
        var uplifts: [DemandUplift] = []
        var disruptions: [SupplierDisruption] = []
        var capacityChanges: [WarehouseCapacityChange] = []
        var upliftMarks: [EventMark] = []
        var capacityChangeMarks: [EventMark] = []
        if let events = entries["events"] {
            if let sequence = events.sequence {
                for (position, event) in sequence.enumerated() {
                    let mark = EventMark(
                        number: position + 1,
                        line: event.mark?.line ?? 0,
                        column: event.mark?.column ?? 0
                    )
                    let counts = (uplifts.count, capacityChanges.count)
                    defer {
                        if uplifts.count > counts.0 { upliftMarks.append(mark) }
                        if capacityChanges.count > counts.1 { capacityChangeMarks.append(mark) }
                    }
                    readEvent(
                        event,
                        number: position + 1,
                        reader: &reader,
                        uplifts: &uplifts,
                        disruptions: &disruptions,
                        capacityChanges: &capacityChanges
                    )
                }
            } else if events.scalar?.string.isEmpty != true {
                reader.fail(events, "events must be a list of mappings, each with a 'kind'")
            }
        }
        try reader.issues.throwIfAny()
        guard let name, let data, let planDate, let horizonDays else {
            preconditionFailure("missing scenario value without an issue")
        }
        let scenario = Scenario(
            name: name,
            sourcePath: path,
            dataDirectory: resolve(data, relativeTo: path),
            planDate: planDate,
            horizonDays: horizonDays,
            demandUplifts: uplifts,
            supplierDisruptions: disruptions,
            warehouseCapacityChanges: capacityChanges
        )
        return ScenarioFile(
            scenario: scenario,
            configuration: configuration,
            references: baseReferences + reader.references,
            upliftMarks: upliftMarks,
            capacityChangeMarks: capacityChangeMarks
        )
    }

    /// `data` relative to the folder of the scenario file, unless absolute.
    static func resolve(_ data: String, relativeTo scenarioPath: String) -> String {
        if data.hasPrefix("/") { return data }
        let folder = (scenarioPath as NSString).deletingLastPathComponent
        let joined = folder.isEmpty ? data : (folder as NSString).appendingPathComponent(data)
        return (joined as NSString).standardizingPath
    }

    private static func readEvent(
        _ node: Node,
        number: Int,
        reader: inout YAMLReader,
        uplifts: inout [DemandUplift],
        disruptions: inout [SupplierDisruption],
        capacityChanges: inout [WarehouseCapacityChange]
    ) {
        let context = "events[\(number)]"
        guard let mapping = node.mapping else {
            reader.fail(node, "\(context) must be a mapping with a 'kind'")
            return
        }
        guard let kindNode = mapping["kind"], let kind = reader.string(kindNode, "\(context).kind") else {
            reader.fail(
                node,
                "\(context): missing required key 'kind' (demand_uplift, supplier_disruption or warehouse_capacity)"
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
            func list(_ key: String, _ kind: InputReference.Kind?) -> Set<String>? {
                guard let value = entries[key], let items = reader.stringList(value, "\(context).\(key)") else {
                    return nil
                }
                if let kind {
                    for (text, itemNode) in items {
                        reader.noteReference(kind, text, at: itemNode)
                    }
                }
                return Set(items.map(\.value))
            }
            let skus = list("skus", .sku)
            let categories = list("categories", .category)
            let regions = list("regions", .region)
            var classes: Set<ABCClass>? = nil
            if let value = entries["abc_class"], let items = reader.stringList(value, "\(context).abc_class") {
                var parsed = Set<ABCClass>()
                for (text, itemNode) in items {
                    if let abcClass = ABCClass(rawValue: text) {
                        parsed.insert(abcClass)
                    } else {
                        reader.fail(
                            itemNode,
                            "\(context).abc_class: expected A, B or C, found \(InputLimits.quoted(text))"
                        )
                    }
                }
                classes = parsed
            }
            guard let from, let to, let factor else { return }
            guard from <= to else {
                reader.fail(entries["to"], "\(context): 'to' (\(to)) is before 'from' (\(from))")
                return
            }
            uplifts.append(
                DemandUplift(
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
            disruptions.append(
                SupplierDisruption(
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
            capacityChanges.append(
                WarehouseCapacityChange(warehouse: warehouse, from: from, to: to, capacityFactor: capacityFactor)
            )
        default:
            reader.fail(
                kindNode,
                "\(context): unknown event kind \(InputLimits.quoted(kind)); expected demand_uplift, supplier_disruption or "
                    + "warehouse_capacity"
            )
        }
    }
}
