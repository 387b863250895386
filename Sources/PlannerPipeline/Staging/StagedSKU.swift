import Forecasting
import Foundation
import InventoryPolicy
import PlannerCore
import PlannerInput

/// What the per-SKU part of a plan found for one SKU: everything the global stages read of it. A shard computes
/// these for its SKUs and stores them; the merge reads every SKU's back and runs the global stages
/// (``Pipeline/plan(_:stage:allocationDays:logger:)``). An unsharded plan makes the same records in memory.
public struct StagedSKU: Sendable, Equatable {
    public var skuIndex: Int
    /// Revenue over the 365 days before the plan date (ABC, ``ABCClassifier``).
    public var revenue: Double
    /// Coefficient of variation of weekly units (XYZ, ``XYZClassifier``); nil without demand in its window.
    public var weeklyCV: Double?
    /// The model selected for the SKU and what the forecast's second pass needs of it; nil for a SKU that never sold
    /// before the plan date.
    public var forecast: SKUModelResult?
    /// Its return rate, lag and grade shares; nil when its category has no returns.
    public var returnEstimate: ReturnEstimate?
    /// The return lag filter's state per region index on the plan date (``ReturnsForecast/states``): regions with
    /// sales in the warm-up, for a SKU with a positive return rate.
    public var returnStates: [Int: SIMD2<Double>]
    /// Days from its last sale (a row with units) to the plan date, 1 for the day before; nil if it never sold
    /// before the plan date (the operating KPIs' sell-through and slow movers).
    public var lastSaleDaysAgo: Int? = nil
    /// Units sold on each of the ``InventoryHealth/historyDays`` days before the plan date, over all regions (the
    /// report's history of its top SKUs).
    public var recentUnits: [Int64] = []

    public init(
        skuIndex: Int,
        revenue: Double,
        weeklyCV: Double?,
        forecast: SKUModelResult?,
        returnEstimate: ReturnEstimate?,
        returnStates: [Int: SIMD2<Double>] = [:]
    ) {
        self.skuIndex = skuIndex
        self.revenue = revenue
        self.weeklyCV = weeklyCV
        self.forecast = forecast
        self.returnEstimate = returnEstimate
        self.returnStates = returnStates
    }
}

/// The per-SKU part of a plan for a set of SKUs (a shard's, or all), with the pooling totals of ALL SKUs it used.
public struct ForecastStage: Sendable {
    /// The totals of every SKU (merged over the shards).
    public var totals: PoolingTotals
    /// One record per SKU, ascending by index.
    public var skus: [StagedSKU]

    public init(totals: PoolingTotals, skus: [StagedSKU]) {
        self.totals = totals
        self.skus = skus
    }

    /// Pass 1 of a shard: the pooling totals of the SKUs whose rows `input` holds.
    public static func poolingTotals(of input: PlanningInput) -> PoolingTotals {
        PoolingTotals(dataSet: input.dataSet, planDate: input.scenario.planDate, settings: input.configuration.forecast)
    }

    /// Pass 2 of a shard: its part of the rate-weighted sales the returns lags are fitted on a second time, from the
    /// pooling totals of all SKUs.
    public static func rateWeightedSales(
        of input: PlanningInput,
        members: [Int],
        totals: PoolingTotals
    )
        -> RateWeightedSales
    {
        ReturnModel.rateWeightedSales(
            dataSet: input.dataSet,
            planDate: input.scenario.planDate,
            totals: totals,
            members: members
        )
    }

    /// Pass 3: the records of `members` (ascending SKU indices whose demand and returns rows `input` holds, and no
    /// other's) with the totals and rate-weighted sales of all SKUs.
    public static func stagedSKUs(
        of input: PlanningInput,
        members: [Int],
        totals: PoolingTotals,
        weightedSales: RateWeightedSales,
        workerCount: Int = ProcessInfo.processInfo.activeProcessorCount
    ) async -> [StagedSKU] {
        let dataSet = input.dataSet
        let planDate = input.scenario.planDate
        let configuration = input.configuration
        let results = await DemandForecaster.selectModels(
            dataSet: dataSet,
            planDate: planDate,
            horizonDays: input.scenario.horizonDays,
            settings: configuration.forecast,
            totals: totals,
            members: members,
            workerCount: workerCount
        )
        let revenue = ABCClassifier.revenueBySKU(dataSet: dataSet, planDate: planDate)
        let weeklyCV = XYZClassifier.weeklyCV(dataSet: dataSet, planDate: planDate, members: members)
        let estimates = ReturnModel.estimates(
            dataSet: dataSet,
            planDate: planDate,
            settings: configuration.returns,
            totals: totals,
            weightedSales: weightedSales,
            members: members
        )
        var estimateBySKU: [Int: ReturnEstimate] = [:]
        for case let estimate? in estimates { estimateBySKU[estimate.skuIndex] = estimate }
        let regionCount = dataSet.regions.count
        var statesBySKU: [Int: [Int: SIMD2<Double>]] = [:]
        for (key, state) in ReturnsForecast.states(
            dataSet: dataSet,
            planDate: planDate,
            estimate: { estimateBySKU[$0] }
        ) {
            statesBySKU[key / regionCount, default: [:]][key % regionCount] = state
        }
        // The recent sales the operating KPIs and the report read, per member.
        var memberPosition: [Int: Int] = [:]
        for (position, sku) in members.enumerated() { memberPosition[sku] = position }
        var lastSale = [Int?](repeating: nil, count: members.count)
        var recent = [[Int64]](
            repeating: Array(repeating: 0, count: InventoryHealth.historyDays),
            count: members.count
        )
        let planDay = planDate.daysSinceEpoch
        let demand = dataSet.demand
        for row in 0..<demand.count {
            guard let position = memberPosition[Int(demand.skuIndices[row])] else { continue }
            let daysAgo = planDay - Int(demand.days[row])
            guard daysAgo >= 1 else { continue }
            if demand.quantities[row] > 0 { lastSale[position] = min(lastSale[position] ?? .max, daysAgo) }
            if daysAgo <= InventoryHealth.historyDays {
                recent[position][InventoryHealth.historyDays - daysAgo] += Int64(demand.quantities[row])
            }
        }
        var next = 0
        return members.enumerated().map { position, sku in
            var forecast: SKUModelResult? = nil
            if next < results.count, results[next].skuIndex == sku {
                forecast = results[next]
                next += 1
            }
            var staged = StagedSKU(
                skuIndex: sku,
                revenue: revenue[sku],
                weeklyCV: weeklyCV[position],
                forecast: forecast,
                returnEstimate: estimates[position],
                returnStates: statesBySKU[sku] ?? [:]
            )
            staged.lastSaleDaysAgo = lastSale[position]
            staged.recentUnits = recent[position]
            return staged
        }
    }
}
