import Allocation
import Forecasting
import InventoryPolicy
import Logging
import PlannerCore
import Sourcing

/// Forecast outbound units of one warehouse on one day against its capacity (the stress test).
public struct WarehouseDayLoad: Sendable, Equatable {
    public var warehouseIndex: Int
    public var day: Day
    public var forecastUnits: Double
    /// The day's capacity with `warehouse_capacity` events; nil = no limit.
    public var capacityUnits: Int?
    /// max(0, forecast - capacity).
    public var overUnits: Double
}

/// A region's forecast units on one day and the part its serving warehouses can ship next day within capacity.
public struct RegionDayService: Sendable, Equatable {
    public var regionIndex: Int
    public var day: Day
    public var forecastUnits: Double
    public var nextDayUnits: Double
    /// nextDayUnits / forecastUnits; 1 on a day without demand.
    public var share: Double
    /// `allocation.next_day_share` of the region; nil without a target.
    public var target: Double?
    public var belowTarget: Bool? { target.map { share < $0 - 1e-12 } }
}

/// One operating KPI of a run: in total (`abcClass` nil) or for one class; nil value where it is undefined.
public struct KPIValue: Sendable, Equatable {
    public var abcClass: ABCClass?
    public var kpi: OperatingKPI
    public var value: Double?
}

/// What a plan run says about stock and capacity beyond the plan itself: the peak capacity stress test, the
/// projected stock (per warehouse and day; per SKU and day for class A) and the operating KPIs
/// (docs/formulas.md, "Inventory health and operating KPIs").
public struct InventoryHealth: Sendable {
    public var loads: [WarehouseDayLoad]
    public var regionService: [RegionDayService]
    public var kpis: [KPIValue]
    /// Projected stock of class A policies (stored per SKU, warehouse and day).
    public var classAProjections: [ProjectedStock]
    /// Projected on hand per warehouse and horizon day: units and value at unit cost, over all stocked policies.
    public var warehouseStockUnits: [[Double]]
    public var warehouseStockValue: [[Double]]
    /// Daily units sold over all regions in the `historyDays` days before the plan date, of the top A-class SKUs
    /// by forecast units (the report's forecast charts).
    public var skuHistory: [(skuIndex: Int, units: [Double])]
    public var historyStart: Day
    public var events: [ScenarioEventRow]

    /// SKUs whose history is kept for the report, and how many days of it.
    static let historySKUs = 6
    static let historyDays = 56

    /// The first day each region's next-day share falls below its target, by region index (nil: never).
    public var firstDayBelowTarget: [Int: Day] {
        var first: [Int: Day] = [:]
        for row in regionService where row.belowTarget == true && first[row.regionIndex] == nil {
            first[row.regionIndex] = row.day
        }
        return first
    }

    public func value(_ kpi: OperatingKPI, abcClass: ABCClass? = nil) -> Double? {
        kpis.first { $0.kpi == kpi && $0.abcClass == abcClass }?.value
    }

    var logMetadata: Logger.Metadata {
        [
            "over_capacity_days": "\(loads.filter { $0.overUnits > 0 }.count)",
            "regions_below_next_day_target": "\(firstDayBelowTarget.count)",
            "inventory_value": "\(format(value(.inventoryValue) ?? 0))",
            "days_of_cover": "\(value(.daysOfCover).map(format) ?? "none")",
        ]
    }

    /// `skus`: the staged record of every SKU, in SKU order, for what the KPIs and the report read of its sales.
    static func compute(
        _ result: PlanResult,
        dataSet: DataSet,
        skus: [StagedSKU],
        projections: [ProjectedStock],
        configuration: PlannerConfiguration
    ) -> InventoryHealth {
        let scenario = result.input.scenario
        let classes = result.classification?.classes ?? Array(repeating: .C, count: dataSet.skus.count)
        let stress = stressTest(result, dataSet: dataSet, target: configuration.allocation.nextDayShareTarget)
        let horizon = scenario.horizonDays
        var stockUnits = Array(repeating: Array(repeating: 0.0, count: horizon), count: dataSet.warehouses.count)
        var stockValue = stockUnits
        for projection in projections {
            let cost = dataSet.skus[projection.skuIndex].unitCost
            for (offset, net) in projection.netUnitsPerDay.enumerated() where net > 0 && offset < horizon {
                stockUnits[projection.warehouseIndex][offset] += net
                stockValue[projection.warehouseIndex][offset] += net * cost
            }
        }
        let history = topHistory(result, skus: skus, classes: classes)
        let events = ScenarioEffects.eventRows(scenario)
        return InventoryHealth(
            loads: stress.loads,
            regionService: stress.regions,
            kpis: OperatingKPIs(
                result: result,
                dataSet: dataSet,
                classes: classes,
                projections: projections,
                loads: stress.loads,
                settings: configuration.kpis,
                lastSaleDaysAgo: skus.map(\.lastSaleDaysAgo)
            ).values(),
            classAProjections: projections.filter { classes[$0.skuIndex] == .A },
            warehouseStockUnits: stockUnits,
            warehouseStockValue: stockValue,
            skuHistory: history,
            historyStart: scenario.planDate.adding(days: -historyDays),
            events: events
                + ScenarioEffects.calendarRows(
                    dataSet,
                    from: scenario.planDate.adding(days: -historyDays),
                    to: scenario.planDate.adding(days: horizon - 1),
                    firstNumber: events.count + 1
                )
        )
    }

    /// The stress test: every forecast unit goes to the warehouse its SKU is stocked at for the region on that
    /// day (regional: the region's home warehouse by that day's lanes; pooled: the pool warehouse; drop-shipped
    /// SKUs load no warehouse), summed per warehouse and day against the day's capacity. A region's next-day
    /// units are those its warehouses ship on lanes of at most one transit day, each warehouse shipping the share
    /// min(1, capacity / load) of its load (an overloaded warehouse ships every region's units in proportion).
    static func stressTest(
        _ result: PlanResult,
        dataSet: DataSet,
        target: NextDayShareTarget?
    ) -> (loads: [WarehouseDayLoad], regions: [RegionDayService]) {
        guard let forecast = result.forecast else { return ([], []) }
        let scenario = result.input.scenario
        let warehouseCount = dataSet.warehouses.count
        let regionCount = dataSet.regions.count
        let pool = StockingRule.poolWarehouse(dataSet: result.input.dataSet)
        let stocking = result.stockingBySKU
        var loads: [WarehouseDayLoad] = []
        var regions: [RegionDayService] = []
        let shift = forecast.startDay.days(to: scenario.planDate)
        for offset in 0..<scenario.horizonDays {
            let day = scenario.planDate.adding(days: offset)
            var lanesToday = dataSet
            lanesToday.lanes = scenario.lanes(of: dataSet, on: day)
            let home = lanesToday.homeWarehouseIndexByRegion()
            var nextDayLane = Array(repeating: false, count: warehouseCount * regionCount)
            for lane in lanesToday.lanes where lane.isNextDay {
                nextDayLane[lane.warehouseIndex * regionCount + lane.regionIndex] = true
            }
            var flow = Array(repeating: 0.0, count: warehouseCount * regionCount)
            var demand = Array(repeating: 0.0, count: regionCount)
            for series in forecast.series where forecast.horizonDays > offset + shift && offset + shift >= 0 {
                let units = series.unitsPerDay[offset + shift]
                guard units > 0 else { continue }
                demand[series.regionIndex] += units
                let how = series.skuIndex < stocking.count ? stocking[series.skuIndex] : .regional
                let warehouse: Int?
                switch how {
                case .dropShip: warehouse = nil
                case .cloudPool: warehouse = pool ?? home[series.regionIndex]
                case .regional: warehouse = home[series.regionIndex]
                }
                if let warehouse { flow[warehouse * regionCount + series.regionIndex] += units }
            }
            var shipShare = Array(repeating: 1.0, count: warehouseCount)
            for warehouse in 0..<warehouseCount {
                let load = (0..<regionCount).reduce(0.0) { $0 + flow[warehouse * regionCount + $1] }
                let capacity = scenario.capacityUnits(of: dataSet.warehouses[warehouse], on: day)
                if let capacity, load > Double(capacity) { shipShare[warehouse] = Double(capacity) / load }
                loads.append(
                    WarehouseDayLoad(
                        warehouseIndex: warehouse,
                        day: day,
                        forecastUnits: load,
                        capacityUnits: capacity,
                        overUnits: capacity.map { max(0, load - Double($0)) } ?? 0
                    )
                )
            }
            for region in 0..<regionCount {
                var nextDay = 0.0
                for warehouse in 0..<warehouseCount where nextDayLane[warehouse * regionCount + region] {
                    nextDay += flow[warehouse * regionCount + region] * shipShare[warehouse]
                }
                regions.append(
                    RegionDayService(
                        regionIndex: region,
                        day: day,
                        forecastUnits: demand[region],
                        nextDayUnits: nextDay,
                        share: demand[region] > 0 ? nextDay / demand[region] : 1,
                        target: target?.share(forRegion: dataSet.regions[region].id)
                    )
                )
            }
        }
        return (loads, regions)
    }

    /// Daily units of the top A-class SKUs by forecast units over the `historyDays` before the plan date.
    static func topHistory(
        _ result: PlanResult,
        skus: [StagedSKU],
        classes: [ABCClass]
    ) -> [(skuIndex: Int, units: [Double])] {
        guard let forecast = result.forecast else { return [] }
        var ranked: [(skuIndex: Int, units: Double)] = []
        for sku in forecast.skuForecasts where classes[sku.skuIndex] == .A {
            ranked.append((sku.skuIndex, sku.unitsPerDay.reduce(0, +)))
        }
        ranked.sort { $0.units != $1.units ? $0.units > $1.units : $0.skuIndex < $1.skuIndex }
        return ranked.prefix(historySKUs).map { ($0.skuIndex, skus[$0.skuIndex].recentUnits.map(Double.init)) }
    }
}
