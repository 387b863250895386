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
        var reader = YAMLReader(file: path)
        var configuration = PlannerConfiguration()
        if let node = reader.compose(path: path) {
            apply(node, to: &configuration, reader: &reader)
        }
        try reader.issues.throwIfAny()
        try check(configuration, file: path)
        return configuration
    }

    static let topLevelKeys = ["database_url", "service_levels", "abc_thresholds", "allocation", "forecast", "policy"]

    /// Applies every key present in `node` to `configuration`; problems go to `reader`.
    static func apply(_ node: Node, to configuration: inout PlannerConfiguration, reader: inout YAMLReader) {
        guard let entries = reader.mapping(node, context: "configuration", allowed: topLevelKeys) else { return }
        if let value = entries["database_url"], let url = reader.string(value, "database_url", allowEmpty: true) {
            configuration.databaseURL = url
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
        let keys = ["unfilled_penalty_per_unit", "next_day_miss_penalty_per_unit", "priority_weights"]
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
    }

    /// Rules that involve several keys, checked once everything is applied.
    static func check(_ configuration: PlannerConfiguration, file: String) throws {
        let thresholds = configuration.abcThresholds
        if thresholds.a >= thresholds.b {
            throw InputError(issues: [
                InputIssue(
                    file: file,
                    message: "abc_thresholds: A (\(thresholds.a)) must be below B (\(thresholds.b))"
                )
            ])
        }
    }
}
