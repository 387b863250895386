/// XYZ class of a SKU by the variability of its weekly demand: X steady, Y variable, Z erratic or none.
public enum XYZClass: String, Hashable, Sendable, CaseIterable, Comparable {
    case X, Y, Z

    public static func < (lhs: XYZClass, rhs: XYZClass) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Coefficient-of-variation bounds of weekly demand: X when CV <= x, Y when x < CV <= y, else Z.
public struct XYZThresholds: Sendable, Equatable {
    public var x: Double
    public var y: Double

    public init(x: Double = 0.5, y: Double = 1.0) {
        self.x = x
        self.y = y
    }
}

/// What a service level measures.
public enum ServiceType: String, Sendable, CaseIterable {
    /// Cycle service level alpha: the probability of no stock-out in a replenishment cycle.
    case cycle
    /// Fill rate beta: the fraction of demand met from stock (continuous review (r, Q), backorders).
    case fillRate = "fill_rate"
}

/// Where a class's stock is held.
public enum StockingStrategy: String, Sendable, CaseIterable {
    /// At each regional warehouse, for the demand of the regions it is home to.
    case regional
    /// Pooled at one cloud warehouse for the demand of all regions together.
    case cloudPool = "cloud_pool"
}

/// How one ABC class is stocked and replenished (configuration `policy.classes.<A|B|C>`).
public struct ClassStrategy: Sendable, Equatable {
    public var stocking: StockingStrategy
    /// SKUs whose preferred supplier allows drop-shipping are not stocked: the supplier ships to customers.
    public var dropShip: Bool
    /// A-class default: units short before supply arrives may be sold ahead with a promised date.
    public var presale: Bool
    /// Presale sells ahead against receipts planned to arrive at most this many days after the plan date.
    public var presaleDays: Int
    public var serviceType: ServiceType
    /// Nil: continuous review (s, Q). Otherwise periodic review (R, S) every this many days.
    public var reviewPeriodDays: Int?

    public init(
        stocking: StockingStrategy = .regional,
        dropShip: Bool = false,
        presale: Bool = false,
        presaleDays: Int = 30,
        serviceType: ServiceType = .cycle,
        reviewPeriodDays: Int? = nil
    ) {
        self.stocking = stocking
        self.dropShip = dropShip
        self.presale = presale
        self.presaleDays = presaleDays
        self.serviceType = serviceType
        self.reviewPeriodDays = reviewPeriodDays
    }
}

/// Settings of the inventory policy stage (configuration key `policy`, docs/configuration.md).
public struct PolicySettings: Sendable, Equatable {
    /// Floors a negative fill-rate safety stock (large Q against sigma_LT) at zero.
    public var floorSafetyStock: Bool
    /// Mean lead-time demand d * L (units) strictly below which a cycle service level uses the Poisson
    /// reorder point instead of the normal one.
    public var slowMoverUnits: Double
    public var xyzThresholds: XYZThresholds
    public var classes: [ABCClass: ClassStrategy]

    public static let defaultClasses: [ABCClass: ClassStrategy] = [
        .A: ClassStrategy(stocking: .regional, presale: true),
        .B: ClassStrategy(stocking: .regional),
        .C: ClassStrategy(stocking: .cloudPool, dropShip: true),
    ]

    public init(
        floorSafetyStock: Bool = false,
        slowMoverUnits: Double = 10,
        xyzThresholds: XYZThresholds = XYZThresholds(),
        classes: [ABCClass: ClassStrategy] = PolicySettings.defaultClasses
    ) {
        self.floorSafetyStock = floorSafetyStock
        self.slowMoverUnits = slowMoverUnits
        self.xyzThresholds = xyzThresholds
        self.classes = classes
    }

    public func strategy(for abcClass: ABCClass) -> ClassStrategy {
        classes[abcClass] ?? PolicySettings.defaultClasses[abcClass] ?? ClassStrategy()
    }
}
