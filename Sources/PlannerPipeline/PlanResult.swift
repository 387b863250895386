import Allocation
import Forecasting
import InventoryPolicy
import PlannerCore
import Sourcing
import Storage

/// Everything one run computed, before it is written anywhere.
public struct PlanResult: Sendable {
    /// `plan` (the whole pipeline: forecast, policies, allocation, supplier plan, dispatch) or `allocate` (the
    /// scheduler's daily run: allocation and dispatch only).
    public var kind: RunKind
    public var input: PlanningInputSnapshot
    public var classification: ABCClassification?
    public var variability: XYZClassification?
    /// Per SKU index, how the policy stage stocked it (empty for an allocate run).
    public var stockingBySKU: [Stocking]
    public var forecast: DemandForecast?
    public var policies: [InventoryPolicyRecord]
    public var allocation: AllocationResult
    public var supplyOrders: [PlannedSupplyOrder]
    public var shortfalls: [SupplyShortfall]
    public var dispatch: [DispatchPlanRow]
    public var stageTimes: StageTimes

    /// Next-day service per region and overall, with the configured targets.
    public var serviceKPIs: [ServiceKPI] = []
    /// Unfilled units of presale classes sold ahead against planned receipts (plan runs only).
    public var presold: [PresoldLine] = []

    /// Expected returns by SKU, serving warehouse and day (a plan run with `returns.csv`; nil otherwise).
    public var returns: ReturnsForecast? = nil

    /// The stress test, stock projection and operating KPIs of a plan run (nil for an allocate run).
    public var health: InventoryHealth? = nil

    /// What the run was checked for after planning (`alerts:`) and what it breached; nil until checked.
    public var alerts: AlertReport? = nil

    /// The figures of the summary; `runID` is set once the run is committed.
    public func summary(runID: Int64?) -> RunSummary {
        let shippingCost = allocation.allocated.reduce(0.0) { $0 + Double($1.quantity) * $1.costPerUnit }
        var summary = RunSummary(
            runID: runID,
            kind: kind.rawValue,
            scenario: input.scenario.name,
            planDate: input.planDate,
            allocationObjective: allocation.objective,
            solverStatus: allocation.solverStatus.rawValue,
            allocatedUnits: allocation.allocatedUnits,
            unfilledUnits: allocation.unfilledUnits,
            allocatedLines: allocation.allocated.count,
            unfilledLines: allocation.unfilled.count,
            shippingCost: shippingCost,
            nextDayUnits: allocation.nextDayUnits,
            forecastRows: forecast.map { $0.series.count * $0.horizonDays } ?? 0,
            policyRows: policies.count,
            supplierOrderRows: supplyOrders.count,
            backupSupplierOrders: supplyOrders.filter { $0.role == .backup }.count,
            shortfallRows: shortfalls.count,
            shortfallUnits: shortfalls.saturatingSum(\.shortfallUnits),
            presaleUnits: shortfalls.saturatingSum(\.presaleUnits),
            dispatchRows: dispatch.count,
            stageTimes: stageTimes
        )
        summary.forecastModels = Dictionary(uniqueKeysWithValues: forecastModelCounts.map { ($0.model, $0.skus) })
        summary.backtestMeanMASE = backtestMeanMASE?.mean
        if let alerts, !alerts.checked.isEmpty {
            summary.alertBreaches = Dictionary(
                uniqueKeysWithValues: alerts.breachCounts.map { ($0.kind.rawValue, $0.breaches) }
            )
        }
        return summary
    }
}

/// The part of the input a result refers to when it is written out (ids behind the indices).
public struct PlanningInputSnapshot: Sendable {
    public var scenario: Scenario
    public var dataSet: DataSet
    /// The day the run plans for: the scenario's plan date, or `allocate --date`.
    public var planDate: Day
}
