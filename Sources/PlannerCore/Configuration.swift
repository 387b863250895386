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
    /// Cycle service level (probability of no stock-out in a replenishment cycle) per class, in (0, 1).
    public var serviceLevels: [ABCClass: Double]
    /// Cumulative revenue share closing class A and class B, 0 < a < b <= 1.
    public var abcThresholds: ABCThresholds
    public var allocation: AllocationSettings
    public var forecast: ForecastSettings
    public var policy: PolicySettings

    public init(
        databaseURL: String = "",
        serviceLevels: [ABCClass: Double] = [.A: 0.98, .B: 0.95, .C: 0.90],
        abcThresholds: ABCThresholds = ABCThresholds(a: 0.80, b: 0.95),
        allocation: AllocationSettings = AllocationSettings(),
        forecast: ForecastSettings = ForecastSettings(),
        policy: PolicySettings = PolicySettings()
    ) {
        self.databaseURL = databaseURL
        self.serviceLevels = serviceLevels
        self.abcThresholds = abcThresholds
        self.allocation = allocation
        self.forecast = forecast
        self.policy = policy
    }

    public func serviceLevel(for abcClass: ABCClass) -> Double {
        serviceLevels[abcClass] ?? 0.95
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

    public init(
        unfilledPenaltyPerUnit: Double = 50,
        nextDayMissPenaltyPerUnit: Double = 2,
        priorityWeights: [Int: Double] = [1: 4, 2: 2, 3: 1]
    ) {
        self.unfilledPenaltyPerUnit = unfilledPenaltyPerUnit
        self.nextDayMissPenaltyPerUnit = nextDayMissPenaltyPerUnit
        self.priorityWeights = priorityWeights
    }

    public func priorityWeight(_ priority: Int) -> Double {
        priorityWeights[priority] ?? 1
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
