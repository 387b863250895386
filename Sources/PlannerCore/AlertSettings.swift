/// What a run is checked against once it is planned: one case per threshold of `alerts:` in the configuration
/// (docs/configuration.md, "Alerts"). The raw values name the configuration's checks in `planner.alerts`, in
/// the summary and in the metrics file.
public enum AlertKind: String, Sendable, CaseIterable, Codable, Comparable {
    /// Allocated units over ordered units (allocated + unfilled) below `alerts.min_fill_rate`.
    case fillRate = "fill_rate"
    /// A region's share of ordered units delivered next day (`service_kpis.unit_share_next_day`) below its
    /// `alerts.min_next_day_share`.
    case nextDayShare = "next_day_share"
    /// Unfilled units above `alerts.max_unfilled_units`.
    case unfilledUnits = "unfilled_units"
    /// An A-class (sku, warehouse) stock-out that the published plan run did not have (`alerts.new_a_class_shortfall`).
    case newAClassShortfall = "new_a_class_shortfall"
    /// A supplier order placed with a backup supplier (`alerts.backup_supplier_order`).
    case backupSupplierOrder = "backup_supplier_order"

    public static func < (lhs: AlertKind, rhs: AlertKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Whether a run of this kind can be checked for it: the supply plan's alerts need a plan run, which has one.
    public func applies(toPlanRun isPlanRun: Bool) -> Bool {
        switch self {
        case .fillRate, .nextDayShare, .unfilledUnits: true
        case .newAClassShortfall, .backupSupplierOrder: isPlanRun
        }
    }
}

/// A minimum share per region: `default` for every region without its own value (nil: those are not checked).
public struct RegionShareThreshold: Sendable, Equatable {
    public var defaultShare: Double?
    public var shareByRegion: [String: Double]

    public init(defaultShare: Double? = nil, shareByRegion: [String: Double] = [:]) {
        self.defaultShare = defaultShare
        self.shareByRegion = shareByRegion
    }

    /// The minimum for region `regionId`, or nil when it is not checked.
    public func share(forRegion regionId: String) -> Double? {
        shareByRegion[regionId] ?? defaultShare
    }
}

/// `alerts:` of the configuration: the thresholds a run is checked against after planning. Each is off (nil or
/// false) unless configured; a breach is stored with the run, printed, written to the metrics file, and with
/// `--fail-on-alert` turned into exit code 79 after the run is committed.
public struct AlertSettings: Sendable, Equatable {
    /// In [0, 1].
    public var minimumFillRate: Double?
    /// Each share in [0, 1].
    public var minimumNextDayShare: RegionShareThreshold?
    /// Whole units, >= 0.
    public var maximumUnfilledUnits: Int?
    public var newAClassShortfall: Bool
    public var backupSupplierOrder: Bool

    public init(
        minimumFillRate: Double? = nil,
        minimumNextDayShare: RegionShareThreshold? = nil,
        maximumUnfilledUnits: Int? = nil,
        newAClassShortfall: Bool = false,
        backupSupplierOrder: Bool = false
    ) {
        self.minimumFillRate = minimumFillRate
        self.minimumNextDayShare = minimumNextDayShare
        self.maximumUnfilledUnits = maximumUnfilledUnits
        self.newAClassShortfall = newAClassShortfall
        self.backupSupplierOrder = backupSupplierOrder
    }

    /// The checks configured, in ``AlertKind`` order.
    public var configuredKinds: [AlertKind] {
        AlertKind.allCases.filter { kind in
            switch kind {
            case .fillRate: minimumFillRate != nil
            case .nextDayShare: minimumNextDayShare != nil
            case .unfilledUnits: maximumUnfilledUnits != nil
            case .newAClassShortfall: newAClassShortfall
            case .backupSupplierOrder: backupSupplierOrder
            }
        }
    }
}
