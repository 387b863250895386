import PlannerCore
import Yams

extension ConfigurationLoader {
    static let policyKeys = ["floor_safety_stock", "slow_mover_units", "xyz_thresholds", "classes"]
    static let classKeys = ["stocking", "presale", "presale_days", "drop_ship", "service_type", "review_period_days"]
    /// Mean lead-time demand (units) a slow-mover threshold may reach: far above where the Poisson and the
    /// normal reorder points meet, and well inside what the Poisson reorder point computes.
    public static let largestSlowMoverUnits = 1_000.0
    /// Largest coefficient of variation of weekly demand an XYZ threshold may take.
    static let largestXYZThreshold = 100.0

    /// Applies the keys present under `policy` (docs/configuration.md); a key left out keeps its value.
    static func applyPolicy(_ node: Node, to settings: inout PolicySettings, reader: inout YAMLReader) {
        guard let entries = reader.mapping(node, context: "policy", allowed: policyKeys) else { return }
        if let value = entries["floor_safety_stock"], let floor = reader.bool(value, "policy.floor_safety_stock") {
            settings.floorSafetyStock = floor
        }
        if let value = entries["slow_mover_units"],
            let units = reader.number(
                value,
                "policy.slow_mover_units",
                in: 0...largestSlowMoverUnits,
                openLow: true
            )
        {
            settings.slowMoverUnits = units
        }
        if let value = entries["xyz_thresholds"] {
            applyXYZThresholds(value, to: &settings.xyzThresholds, reader: &reader)
        }
        if let value = entries["classes"],
            let classes = reader.mapping(value, context: "policy.classes", allowed: ABCClass.allCases.map(\.rawValue))
        {
            for abcClass in ABCClass.allCases {
                guard let classNode = classes[abcClass.rawValue] else { continue }
                var strategy = settings.strategy(for: abcClass)
                applyClassStrategy(classNode, abcClass, to: &strategy, reader: &reader)
                settings.classes[abcClass] = strategy
            }
        }
    }

    /// X and Y bound the coefficient of variation of weekly demand: 0 < X < Y.
    private static func applyXYZThresholds(_ node: Node, to thresholds: inout XYZThresholds, reader: inout YAMLReader) {
        guard let entries = reader.mapping(node, context: "policy.xyz_thresholds", allowed: ["X", "Y"]) else {
            return
        }
        let range = 0...largestXYZThreshold
        if let value = entries["X"], let x = reader.number(value, "policy.xyz_thresholds.X", in: range, openLow: true) {
            thresholds.x = x
        }
        if let value = entries["Y"], let y = reader.number(value, "policy.xyz_thresholds.Y", in: range, openLow: true) {
            thresholds.y = y
        }
        if thresholds.x >= thresholds.y, let value = entries["Y"] ?? entries["X"] {
            reader.fail(value, "policy.xyz_thresholds: X (\(thresholds.x)) must be below Y (\(thresholds.y))")
        }
    }

    private static func applyClassStrategy(
        _ node: Node,
        _ abcClass: ABCClass,
        to strategy: inout ClassStrategy,
        reader: inout YAMLReader
    ) {
        let context = "policy.classes.\(abcClass.rawValue)"
        guard let entries = reader.mapping(node, context: context, allowed: classKeys) else { return }
        if let value = entries["stocking"],
            let stocking = choice(value, "\(context).stocking", StockingStrategy.self, reader: &reader)
        {
            strategy.stocking = stocking
        }
        if let value = entries["presale"], let presale = reader.bool(value, "\(context).presale") {
            strategy.presale = presale
        }
        if let value = entries["presale_days"],
            let days = reader.wholeNumber(value, "\(context).presale_days", in: 1...366)
        {
            strategy.presaleDays = days
        }
        if let value = entries["drop_ship"], let dropShip = reader.bool(value, "\(context).drop_ship") {
            strategy.dropShip = dropShip
        }
        if let value = entries["service_type"],
            let serviceType = choice(value, "\(context).service_type", ServiceType.self, reader: &reader)
        {
            strategy.serviceType = serviceType
        }
        if let value = entries["review_period_days"] {
            if reader.isNull(value) {
                strategy.reviewPeriodDays = nil
            } else if let days = reader.wholeNumber(value, "\(context).review_period_days", in: 1...365) {
                strategy.reviewPeriodDays = days
            }
        }
        // The periodic review (R, S) sets its order-up-to level from a cycle service level, so a fill rate
        // there would be silently ignored; say so where the two meet.
        if strategy.reviewPeriodDays != nil, strategy.serviceType == .fillRate,
            let value = entries["review_period_days"] ?? entries["service_type"]
        {
            reader.fail(
                value,
                "\(context): a periodic review (review_period_days) takes the cycle service level; "
                    + "use service_type cycle, or review_period_days null for continuous review"
            )
        }
    }

    /// One of the raw values of `Choice`, spelled exactly.
    private static func choice<Choice: RawRepresentable & CaseIterable>(
        _ node: Node,
        _ name: String,
        _ type: Choice.Type,
        reader: inout YAMLReader
    ) -> Choice? where Choice.RawValue == String {
        if let text = node.scalar?.string, let value = Choice(rawValue: text) { return value }
        let allowed = Choice.allCases.map(\.rawValue).joined(separator: ", ")
        reader.fail(
            node,
            "\(name) must be one of \(allowed), found \(node.scalar.map { InputLimits.quoted($0.string) } ?? "a list or mapping")"
        )
        return nil
    }
}
