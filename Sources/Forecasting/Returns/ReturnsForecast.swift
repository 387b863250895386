import PlannerCore

/// Expected returned units per (SKU, warehouse) and horizon day, split by grade.
///
/// A region's returns go back to the warehouse that serves it (its home warehouse, see
/// `DataSet.homeWarehouseIndexByRegion`). Returns on day t = r x(t): the lag filter of ``ReturnLag`` run over the
/// region's sales, history before the plan date and the region's demand forecast from it (Cox and Miller's
/// two-stage form, so the whole past enters through two numbers per (SKU, region)). Resellable units are sellable
/// again `gradingDays` days after they come back.
public struct ReturnsForecast: Sendable {
    public struct Series: Sendable, Equatable {
        public var skuIndex: Int
        public var warehouseIndex: Int
        /// Expected returned units on `startDay + i`, all grades.
        public var unitsPerDay: [Double]

        public init(skuIndex: Int, warehouseIndex: Int, unitsPerDay: [Double]) {
            self.skuIndex = skuIndex
            self.warehouseIndex = warehouseIndex
            self.unitsPerDay = unitsPerDay
        }
    }

    public let startDay: Day
    public let horizonDays: Int
    public let gradingDays: Int
    /// Sorted by (skuIndex, warehouseIndex).
    public let series: [Series]
    public let model: ReturnModel
    /// Expected units of regions that no warehouse serves (not added to any stock).
    public let unservedUnits: Double

    /// No returns at all (no `returns.csv`).
    public static func none(startDay: Day, horizonDays: Int, skuCount: Int) -> ReturnsForecast {
        ReturnsForecast(
            startDay: startDay,
            horizonDays: horizonDays,
            gradingDays: 0,
            series: [],
            model: ReturnModel(planDate: startDay, estimates: Array(repeating: nil, count: skuCount)),
            unservedUnits: 0
        )
    }

    /// A forecast given outright (`series` sorted by (skuIndex, warehouseIndex)).
    public init(
        startDay: Day,
        horizonDays: Int,
        gradingDays: Int,
        series: [Series],
        model: ReturnModel,
        unservedUnits: Double = 0
    ) {
        self.startDay = startDay
        self.horizonDays = horizonDays
        self.gradingDays = gradingDays
        self.series = series
        self.model = model
        self.unservedUnits = unservedUnits
    }

    public init(dataSet: DataSet, model: ReturnModel, forecast: DemandForecast, settings: ReturnsSettings) {
        self.init(
            states: ReturnsForecast.states(dataSet: dataSet, planDate: model.planDate) { model.estimates[$0] },
            dataSet: dataSet,
            model: model,
            forecast: forecast,
            settings: settings
        )
    }

    /// The lag filter's state of every (sku, region) on the plan date, left by the sales of the last
    /// ``ReturnModel/warmupDays`` days before it, keyed `sku * regions + region`; only SKUs whose estimate has a
    /// positive rate. `dataSet` holds the demand rows of some SKUs (all, or one shard's): the state of a pair depends
    /// on its own rows only, so shards compute exactly what one process does.
    public static func states(
        dataSet: DataSet,
        planDate: Day,
        estimate: (Int) -> ReturnEstimate?
    ) -> [Int: SIMD2<Double>] {
        let planDay = planDate.daysSinceEpoch
        let regionCount = dataSet.regions.count
        var states: [Int: SIMD2<Double>] = [:]
        let demand = dataSet.demand
        for row in 0..<demand.count {
            let age = planDay - Int(demand.days[row])
            guard age >= 1, age <= ReturnModel.warmupDays else { continue }
            let sku = Int(demand.skuIndices[row])
            guard let estimate = estimate(sku), estimate.rate > 0 else { continue }
            let key = sku * regionCount + Int(demand.regionIndices[row])
            states[key, default: .zero] += Double(demand.quantities[row]) * estimate.lag.state(age: age)
        }
        return states
    }

    /// The forecast from the filter `states` on the plan date (``states(dataSet:planDate:estimate:)``, of every SKU)
    /// and the demand forecast after it.
    public init(
        states initialStates: [Int: SIMD2<Double>],
        dataSet: DataSet,
        model: ReturnModel,
        forecast: DemandForecast,
        settings: ReturnsSettings
    ) {
        let horizon = forecast.horizonDays
        let regionCount = dataSet.regions.count
        let home = dataSet.homeWarehouseIndexByRegion()
        let shift = forecast.startDay.days(to: model.planDate)
        var states = initialStates
        for found in forecast.series {
            guard let estimate = model.estimates[found.skuIndex], estimate.rate > 0 else { continue }
            let key = found.skuIndex * regionCount + found.regionIndex
            if states[key] == nil { states[key] = .zero }
        }
        var byPair: [Int: [Double]] = [:]
        let warehouseCount = max(1, dataSet.warehouses.count)
        var unserved = 0.0
        for key in states.keys.sorted() {
            let sku = key / regionCount
            let region = key % regionCount
            let estimate = model.estimates[sku]!
            let sold = forecast.series(skuIndex: sku, regionIndex: region)?.unitsPerDay ?? []
            let units = estimate.expectedReturns(from: states[key]!, horizonDays: horizon) { offset in
                sold.indices.contains(offset + shift) ? sold[offset + shift] : 0
            }
            guard let warehouse = home[region] else {
                unserved += units.reduce(0, +)
                continue
            }
            let pair = sku * warehouseCount + warehouse
            var total = byPair[pair] ?? [Double](repeating: 0, count: horizon)
            for offset in 0..<horizon { total[offset] += units[offset] }
            byPair[pair] = total
        }
        startDay = model.planDate
        horizonDays = horizon
        gradingDays = settings.gradingDays
        self.model = model
        unservedUnits = unserved
        series = byPair.keys.sorted().map { pair in
            Series(skuIndex: pair / warehouseCount, warehouseIndex: pair % warehouseCount, unitsPerDay: byPair[pair]!)
        }
    }

    /// The share of `grade` among the SKU's returns (0 for a SKU without an estimate).
    public func share(of grade: ReturnGrade, skuIndex: Int) -> Double {
        model.estimates[skuIndex]?.gradeShares[grade] ?? 0
    }

    /// Resellable units that become sellable at the warehouse on each horizon day: the returns of day
    /// t - gradingDays times the resellable share. Empty when the pair has no returns.
    public func resellableArrivals(skuIndex: Int, warehouseIndex: Int) -> [Double] {
        var low = 0
        var high = series.count
        while low < high {
            let middle = (low + high) / 2
            let key = series[middle]
            if (key.skuIndex, key.warehouseIndex) < (skuIndex, warehouseIndex) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        guard low < series.count, series[low].skuIndex == skuIndex, series[low].warehouseIndex == warehouseIndex
        else { return [] }
        let found = series[low]
        let share = share(of: .resellable, skuIndex: skuIndex)
        return (0..<horizonDays).map { offset in
            let returned = offset - gradingDays
            return returned >= 0 ? found.unitsPerDay[returned] * share : 0
        }
    }
}
