/// ABC class of a SKU by its share of revenue: A the few that make most of it, C the long tail.
public enum ABCClass: String, Hashable, Sendable, CaseIterable, Comparable {
    case A, B, C

    public static func < (lhs: ABCClass, rhs: ABCClass) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Settings of a run, read from `Config/planner.yaml` (or `--config`) with scenario overrides on top.
/// The YAML keys are the snake_case forms of these names; see docs/data-contract.md.
public struct PlannerConfiguration: Sendable, Equatable {
    /// libpq connection URL; empty means the embedded database under `.planner/`.
    public var databaseURL: String
    /// How runs use the database (connecting, timeouts); not part of what a plan depends on.
    public var database = DatabaseSettings()
    /// Cycle service level (probability of no stock-out in a replenishment cycle) per class, in (0, 1).
    public var serviceLevels: [ABCClass: Double]
    /// Cumulative revenue share closing class A and class B, 0 < a < b <= 1.
    public var abcThresholds: ABCThresholds
    public var allocation: AllocationSettings
    public var forecast: ForecastSettings
    public var policy: PolicySettings
    public var returns: ReturnsSettings
    /// Windows of the sell-through and slow-mover KPIs.
    public var kpis = KPISettings()
    /// Thresholds a run is checked against after planning (`alerts:`); none by default.
    public var alerts = AlertSettings()

    public init(
        databaseURL: String = "",
        serviceLevels: [ABCClass: Double] = [.A: 0.98, .B: 0.95, .C: 0.90],
        abcThresholds: ABCThresholds = ABCThresholds(a: 0.80, b: 0.95),
        allocation: AllocationSettings = AllocationSettings(),
        forecast: ForecastSettings = ForecastSettings(),
        policy: PolicySettings = PolicySettings(),
        returns: ReturnsSettings = ReturnsSettings()
    ) {
        self.databaseURL = databaseURL
        self.serviceLevels = serviceLevels
        self.abcThresholds = abcThresholds
        self.allocation = allocation
        self.forecast = forecast
        self.policy = policy
        self.returns = returns
    }

    public func serviceLevel(for abcClass: ABCClass) -> Double {
        serviceLevels[abcClass] ?? 0.95
    }
}

/// `database:` of the configuration: how a run connects and how long a statement may take.
public struct DatabaseSettings: Sendable, Equatable {
    /// Attempts to connect before a run gives up (exit 69), pausing 0.5 s, then 1 s, 2 s ... between them.
    public var connectAttempts: Int
    /// A statement running longer is cancelled (and the run rolled back); 0 means no limit.
    public var statementTimeoutSeconds: Double

    public init(connectAttempts: Int = 3, statementTimeoutSeconds: Double = 0) {
        self.connectAttempts = connectAttempts
        self.statementTimeoutSeconds = statementTimeoutSeconds
    }
}

public struct ABCThresholds: Sendable, Equatable {
    public var a: Double
    public var b: Double

    public init(a: Double, b: Double) {
        self.a = a
        self.b = b
    }
}

/// Costs of the allocation LP (docs/allocation-model.md), in money per unit.
public struct AllocationSettings: Sendable, Equatable {
    public var unfilledPenaltyPerUnit: Double
    /// Added to a lane's cost when its transit is longer than one day.
    public var nextDayMissPenaltyPerUnit: Double
    /// Multiplies the unfilled penalty by priority (1, 2, 3).
    public var priorityWeights: [Int: Double]
    /// Multi-day allocation: money per unit per day a unit arrives after its promise date.
    public var latePenaltyPerUnitPerDay: Double
    /// Which solver path allocates (see `AllocationSolver`).
    public var solver: AllocationSolver
    /// Minimum share of units delivered next day, per region; reported as met or missed, and
    /// enforced as a side constraint when `enforceNextDayShare` is set.
    public var nextDayShareTarget: NextDayShareTarget?
    /// Split-shipment integer mode; nil keeps the LP (orders may be split freely).
    public var splitShipments: SplitShipmentSettings?

    public init(
        unfilledPenaltyPerUnit: Double = 50,
        nextDayMissPenaltyPerUnit: Double = 2,
        priorityWeights: [Int: Double] = [1: 4, 2: 2, 3: 1],
        latePenaltyPerUnitPerDay: Double = 5,
        solver: AllocationSolver = .automatic,
        nextDayShareTarget: NextDayShareTarget? = nil,
        splitShipments: SplitShipmentSettings? = nil
    ) {
        self.unfilledPenaltyPerUnit = unfilledPenaltyPerUnit
        self.nextDayMissPenaltyPerUnit = nextDayMissPenaltyPerUnit
        self.priorityWeights = priorityWeights
        self.latePenaltyPerUnitPerDay = latePenaltyPerUnitPerDay
        self.solver = solver
        self.nextDayShareTarget = nextDayShareTarget
        self.splitShipments = splitShipments
    }

    public func priorityWeight(_ priority: Int) -> Double {
        priorityWeights[priority] ?? 1
    }
}

/// How the allocation model is solved. Every path gives the same optimum; they differ in speed and
/// in which extensions they accept.
public enum AllocationSolver: String, Sendable, Equatable, CaseIterable {
    /// The SKU decomposition, or the full LP when a side constraint breaks the network form.
    case automatic = "auto"
    /// Dantzig-Wolfe over SKUs with the warehouse capacity rows priced (fast at scale).
    case decomposition
    /// The whole (bucketed) LP in one GLPK solve: the solver of record, slow beyond ~20,000 lines.
    case linearProgram = "lp"
}

/// A minimum share of units delivered next day (transit of at most one day), per region.
public struct NextDayShareTarget: Sendable, Equatable {
    /// Applies to every region without its own value; in [0, 1].
    public var defaultShare: Double
    /// Per region id; in [0, 1].
    public var shareByRegion: [String: Double]
    /// Enforce the share as a side constraint of the LP (solved with the full LP), rather than only
    /// report whether it was met.
    public var enforce: Bool

    public init(defaultShare: Double, shareByRegion: [String: Double] = [:], enforce: Bool = false) {
        self.defaultShare = defaultShare
        self.shareByRegion = shareByRegion
        self.enforce = enforce
    }

    public func share(forRegion regionId: String) -> Double {
        shareByRegion[regionId] ?? defaultShare
    }
}

/// The split-shipment integer mode: each order shipped from more than one warehouse pays a fixed cost per
/// extra shipment, solved as a MIP with GLPK within a time limit.
public struct SplitShipmentSettings: Sendable, Equatable {
    /// Money per shipment beyond an order's first.
    public var fixedCostPerExtraShipment: Double
    public var timeLimitSeconds: Double
    /// Runs with more open lines than this are refused (the MIP does not scale).
    public var maxLines: Int

    public init(fixedCostPerExtraShipment: Double, timeLimitSeconds: Double = 30, maxLines: Int = 5_000) {
        self.fixedCostPerExtraShipment = fixedCostPerExtraShipment
        self.timeLimitSeconds = timeLimitSeconds
        self.maxLines = maxLines
    }
}

/// Settings of the forecast: how much history it reads, how models are fitted and backtested.
public struct ForecastSettings: Sendable, Equatable {
    /// Days of history read per SKU before the plan date (about three years by default); older rows are ignored.
    public var historyDays: Int
    /// Days of history the model parameters are fitted on, ending where the backtest begins.
    public var fitDays: Int
    /// Rolling-origin backtest: forecasts are made from each of the last `backtestDays` days of history.
    public var backtestDays: Int
    /// Days ahead each backtest forecast reaches; the forecast error spread is measured up to here.
    public var backtestHorizonDays: Int
    /// A SKU with fewer days since its first sale is new: its category's weekday profile times its level.
    public var newSKUDays: Int
    /// Days of recent history whose regional split of a SKU's units splits its forecast over regions.
    public var regionShareDays: Int

    public init(
        historyDays: Int = 1_092,
        fitDays: Int = 364,
        backtestDays: Int = 56,
        backtestHorizonDays: Int = 28,
        newSKUDays: Int = 28,
        regionShareDays: Int = 91
    ) {
        self.historyDays = historyDays
        self.fitDays = fitDays
        self.backtestDays = backtestDays
        self.backtestHorizonDays = backtestHorizonDays
        self.newSKUDays = newSKUDays
        self.regionShareDays = regionShareDays
    }
}
