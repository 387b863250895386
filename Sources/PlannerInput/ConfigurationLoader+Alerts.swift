import PlannerCore
import Yams

extension ConfigurationLoader {
    static let alertKeys = [
        "min_fill_rate", "min_next_day_share", "max_unfilled_units", "new_a_class_shortfall", "backup_supplier_order",
    ]

    /// Applies the keys present under `alerts` (docs/configuration.md, "Alerts"): `min_fill_rate` (a fraction in
    /// [0, 1]), `min_next_day_share` ({default: share, regions: {REGION: share}}, at least one of the two, each
    /// share in [0, 1], regions that regions.csv must hold), `max_unfilled_units` (a whole number >= 0),
    /// `new_a_class_shortfall` and `backup_supplier_order` (true or false). `null` turns a threshold off, so a
    /// scenario can switch off what the configuration file sets.
    static func applyAlerts(_ node: Node, to settings: inout AlertSettings, reader: inout YAMLReader) {
        if reader.isNull(node) {
            settings = AlertSettings()
            return
        }
        guard let entries = reader.mapping(node, context: "alerts", allowed: alertKeys) else { return }
        // The value of `key`: `.some(nil)` for null (off), the value read, or nil when absent or refused.
        func value<T>(_ key: String, _ read: (inout YAMLReader, Node, String) -> T?) -> T?? {
            guard let node = entries[key] else { return nil }
            if reader.isNull(node) { return .some(nil) }
            return read(&reader, node, "alerts." + key).map { .some($0) }
        }
        if let rate = value("min_fill_rate", { $0.number($1, $2, in: 0...1) }) {
            settings.minimumFillRate = rate
        }
        if let shares = entries["min_next_day_share"] {
            applyMinimumNextDayShare(shares, to: &settings, reader: &reader)
        }
        if let units = value("max_unfilled_units", { $0.wholeNumber($1, $2, in: 0...Int.max) }) {
            settings.maximumUnfilledUnits = units
        }
        if let on = value("new_a_class_shortfall", { $0.bool($1, $2) }) {
            settings.newAClassShortfall = on ?? false
        }
        if let on = value("backup_supplier_order", { $0.bool($1, $2) }) {
            settings.backupSupplierOrder = on ?? false
        }
    }

    /// `alerts.min_next_day_share`: null (off) or {default: share, regions: {REGION: share}}. Given over an earlier
    /// value (a scenario over the configuration file), the keys present replace theirs and the rest stay.
    private static func applyMinimumNextDayShare(
        _ node: Node,
        to settings: inout AlertSettings,
        reader: inout YAMLReader
    ) {
        let context = "alerts.min_next_day_share"
        if reader.isNull(node) {
            settings.minimumNextDayShare = nil
            return
        }
        guard let entries = reader.mapping(node, context: context, allowed: ["default", "regions"]) else { return }
        guard !entries.isEmpty else {
            reader.fail(node, "\(context) must give a default share, regions, or both (or be null to turn it off)")
            return
        }
        var threshold = settings.minimumNextDayShare ?? RegionShareThreshold()
        if let value = entries["default"] {
            if reader.isNull(value) {
                threshold.defaultShare = nil
            } else if let share = reader.number(value, "\(context).default", in: 0...1) {
                threshold.defaultShare = share
            }
        }
        if let value = entries["regions"] {
            applyRegionShares(value, context: context, to: &threshold.shareByRegion, reader: &reader)
        }
        settings.minimumNextDayShare = threshold
    }
}
