import Foundation
import PlannerCore
import Yams

/// Reads the planner's YAML configuration (docs/configuration.md).
///
/// Values are applied on top of a starting configuration, so the defaults file, `--config` and a
/// scenario's `overrides` share one reader and each problem is located in the file it came from.
public enum ConfigurationLoader {
    /// Where `make run` and the README expect the defaults, relative to the working directory.
    public static let defaultPath = "Config/planner.yaml"

    /// Reads a configuration file over the built-in defaults (which equal `Config/planner.yaml`).
    public static func load(path: String) throws -> PlannerConfiguration {
        try loadWithReferences(path: path).configuration
    }

    /// The configuration and the names it refers to (regions of `allocation.next_day_share`), located.
    static func loadWithReferences(
        path: String
    ) throws -> (
        configuration: PlannerConfiguration, references: [InputReference]
    ) {
        var reader = YAMLReader(file: path)
        var configuration = PlannerConfiguration()
        if let node = reader.compose(path: path) {
            apply(node, to: &configuration, reader: &reader)
        }
        try reader.issues.throwIfAny()
        return (configuration, reader.references)
    }

    static let topLevelKeys = [
        "database_url", "database", "service_levels", "abc_thresholds", "allocation", "forecast", "policy",
        "returns", "kpis", "alerts",
    ]

    /// Applies every key present in `node` to `configuration`; problems go to `reader`.
    static func apply(_ node: Node, to configuration: inout PlannerConfiguration, reader: inout YAMLReader) {
        guard let entries = reader.mapping(node, context: "configuration", allowed: topLevelKeys) else { return }
        if let value = entries["database_url"], let url = reader.string(value, "database_url", allowEmpty: true) {
            configuration.databaseURL = url
        }
        if let value = entries["database"],
            let database = reader.mapping(
                value,
                context: "database",
                allowed: ["connect_attempts", "statement_timeout_seconds"]
            )
        {
            if let node = database["connect_attempts"],
                let attempts = reader.wholeNumber(node, "database.connect_attempts", in: 1...20)
            {
                configuration.database.connectAttempts = attempts
            }
            if let node = database["statement_timeout_seconds"],
                let seconds = reader.number(node, "database.statement_timeout_seconds", in: 0...86_400)
            {
                configuration.database.statementTimeoutSeconds = seconds
            }
        }
        if let value = entries["service_levels"],
            let levels = reader.mapping(value, context: "service_levels", allowed: ["A", "B", "C"])
        {
            for abcClass in ABCClass.allCases {
                guard let levelNode = levels[abcClass.rawValue] else { continue }
                let name = "service_levels.\(abcClass.rawValue)"
                if let level = reader.number(levelNode, name, in: 0...1, openLow: true, openHigh: true) {
                    configuration.serviceLevels[abcClass] = level
                }
            }
        }
        if let value = entries["abc_thresholds"],
            let thresholds = reader.mapping(value, context: "abc_thresholds", allowed: ["A", "B"])
        {
            if let node = thresholds["A"], let a = reader.number(node, "abc_thresholds.A", in: 0...1, openLow: true) {
                configuration.abcThresholds.a = a
            }
            if let node = thresholds["B"], let b = reader.number(node, "abc_thresholds.B", in: 0...1, openLow: true) {
                configuration.abcThresholds.b = b
            }
            // Checked where the thresholds are set, so a scenario overriding one of them is told which file
            // holds the other.
            let (a, b) = (configuration.abcThresholds.a, configuration.abcThresholds.b)
            if a >= b {
                reader.fail(
                    thresholds["A"] ?? thresholds["B"] ?? value,
                    "abc_thresholds: A (\(a)) must be below B (\(b))"
                )
            }
        }
        if let value = entries["allocation"] {
            applyAllocation(value, to: &configuration.allocation, reader: &reader)
        }
        if let value = entries["forecast"] {
            applyForecast(value, to: &configuration.forecast, reader: &reader)
        }
        if let value = entries["policy"] {
            applyPolicy(value, to: &configuration.policy, reader: &reader)
        }
        if let value = entries["returns"] {
            applyReturns(value, to: &configuration.returns, reader: &reader)
        }
        if let value = entries["kpis"] {
            applyKPIs(value, to: &configuration.kpis, reader: &reader)
        }
        if let value = entries["alerts"] {
            applyAlerts(value, to: &configuration.alerts, reader: &reader)
        }
    }

    /// Whole-day settings of the forecast, each within a range that keeps the fit meaningful.
    private static func applyForecast(_ node: Node, to settings: inout ForecastSettings, reader: inout YAMLReader) {
        let fields: [(key: String, range: ClosedRange<Int>, path: WritableKeyPath<ForecastSettings, Int>)] = [
            ("history_days", 28...3650, \.historyDays),
            ("fit_days", 14...3650, \.fitDays),
            ("backtest_days", 7...365, \.backtestDays),
            ("backtest_horizon_days", 1...91, \.backtestHorizonDays),
            ("new_sku_days", 1...365, \.newSKUDays),
            ("region_share_days", 7...3650, \.regionShareDays),
        ]
        guard let entries = reader.mapping(node, context: "forecast", allowed: fields.map(\.key)) else { return }
        for field in fields {
            if let value = entries[field.key],
                let days = reader.wholeNumber(value, "forecast.\(field.key)", in: field.range)
            {
                settings[keyPath: field.path] = days
            }
        }
        let needed = settings.fitDays + settings.backtestDays
        if settings.historyDays < needed,
            let value = entries["history_days"] ?? entries["fit_days"] ?? entries["backtest_days"]
        {
            reader.fail(
                value,
                "forecast.history_days (\(settings.historyDays)) must cover fit_days + backtest_days (\(needed))"
            )
        }
    }

    private static func applyAllocation(_ node: Node, to settings: inout AllocationSettings, reader: inout YAMLReader) {
        let keys = [
            "unfilled_penalty_per_unit", "next_day_miss_penalty_per_unit", "priority_weights",
            "late_penalty_per_unit_per_day", "solver", "next_day_share", "split_shipments",
        ]
        guard let entries = reader.mapping(node, context: "allocation", allowed: keys) else { return }
        let bound = 1e9
        if let value = entries["unfilled_penalty_per_unit"],
            let penalty = reader.number(value, "allocation.unfilled_penalty_per_unit", in: 0...bound, openLow: true)
        {
            settings.unfilledPenaltyPerUnit = penalty
        }
        if let value = entries["next_day_miss_penalty_per_unit"],
            let penalty = reader.number(value, "allocation.next_day_miss_penalty_per_unit", in: 0...bound)
        {
            settings.nextDayMissPenaltyPerUnit = penalty
        }
        if let value = entries["priority_weights"],
            let weights = reader.mapping(value, context: "allocation.priority_weights", allowed: ["1", "2", "3"])
        {
            for priority in 1...3 {
                guard let weightNode = weights[String(priority)] else { continue }
                let name = "allocation.priority_weights.\(priority)"
                if let weight = reader.number(weightNode, name, in: 0...bound, openLow: true) {
                    settings.priorityWeights[priority] = weight
                }
            }
        }
        if let value = entries["late_penalty_per_unit_per_day"],
            let penalty = reader.number(value, "allocation.late_penalty_per_unit_per_day", in: 0...bound)
        {
            settings.latePenaltyPerUnitPerDay = penalty
        }
        if let value = entries["solver"], let text = reader.string(value, "allocation.solver") {
            if let solver = AllocationSolver(rawValue: text) {
                settings.solver = solver
            } else {
                let names = AllocationSolver.allCases.map(\.rawValue).joined(separator: ", ")
                reader.fail(value, "allocation.solver: expected one of \(names), found \(InputLimits.quoted(text))")
            }
        }
        if let value = entries["next_day_share"] {
            applyNextDayShare(value, to: &settings, reader: &reader)
        }
        if let value = entries["split_shipments"] {
            applySplitShipments(value, to: &settings, reader: &reader)
        }
    }

    /// `allocation.next_day_share`: null (no target) or {default: share, regions: {REGION: share}}.
    private static func applyNextDayShare(_ node: Node, to settings: inout AllocationSettings, reader: inout YAMLReader)
    {
        if reader.isNull(node) {
            settings.nextDayShareTarget = nil
            return
        }
        let context = "allocation.next_day_share"
        guard let entries = reader.mapping(node, context: context, allowed: ["default", "regions"]) else { return }
        var target = settings.nextDayShareTarget ?? NextDayShareTarget(defaultShare: 0)
        if let value = entries["default"], let share = reader.number(value, "\(context).default", in: 0...1) {
            target.defaultShare = share
        }
        if let value = entries["regions"] {
            applyRegionShares(value, context: context, to: &target.shareByRegion, reader: &reader)
        }
        settings.nextDayShareTarget = target
    }

    /// `CONTEXT.regions`: a mapping of region id (which regions.csv must hold) to a share in [0, 1], set into
    /// `shares`; null leaves them as they are.
    static func applyRegionShares(
        _ node: Node,
        context: String,
        to shares: inout [String: Double],
        reader: inout YAMLReader
    ) {
        guard let regions = node.mapping else {
            if !reader.isNull(node) { reader.fail(node, "\(context).regions must be a mapping of region id to share") }
            return
        }
        for (keyNode, shareNode) in regions {
            guard let region = reader.identifier(keyNode, "\(context).regions key") else { continue }
            reader.noteReference(.region, region, at: keyNode)
            if let share = reader.number(shareNode, "\(context).regions.\(region)", in: 0...1) {
                shares[region] = share
            }
        }
    }

    /// `allocation.split_shipments`: null (LP, orders split freely) or the integer mode's settings.
    private static func applySplitShipments(
        _ node: Node,
        to settings: inout AllocationSettings,
        reader: inout YAMLReader
    ) {
        if reader.isNull(node) {
            settings.splitShipments = nil
            return
        }
        let context = "allocation.split_shipments"
        let keys = ["fixed_cost_per_extra_shipment", "time_limit_seconds", "max_lines"]
        guard let entries = reader.mapping(node, context: context, allowed: keys, required: [keys[0]]) else {
            return
        }
        var split = settings.splitShipments ?? SplitShipmentSettings(fixedCostPerExtraShipment: 0)
        if let value = entries[keys[0]], let cost = reader.number(value, "\(context).\(keys[0])", in: 0...1e9) {
            split.fixedCostPerExtraShipment = cost
        }
        if let value = entries[keys[1]],
            let seconds = reader.number(value, "\(context).\(keys[1])", in: 0...86_400, openLow: true)
        {
            split.timeLimitSeconds = seconds
        }
        if let value = entries[keys[2]],
            let lines = reader.wholeNumber(value, "\(context).\(keys[2])", in: 1...1_000_000)
        {
            split.maxLines = lines
        }
        settings.splitShipments = split
    }

}
