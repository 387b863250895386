import Forecasting
import PlannerCore

/// The policies of a run and how each SKU ended up stocked.
public struct PolicyPlan: Sendable {
    public var records: [InventoryPolicyRecord]
    /// Per SKU index: regional, pooled at the cloud warehouse, or drop-shipped.
    public var stockingBySKU: [Stocking]
    /// The cloud warehouse pooled SKUs are stocked at; nil when the network has none.
    public var poolWarehouseIndex: Int?

    public init(records: [InventoryPolicyRecord], stockingBySKU: [Stocking], poolWarehouseIndex: Int?) {
        self.records = records
        self.stockingBySKU = stockingBySKU
        self.poolWarehouseIndex = poolWarehouseIndex
    }
}

/// Safety stock, reorder point and order quantity for every SKU where it is stocked, per its class strategy.
///
/// - Stocking (``StockingRule``): regional SKUs get a row per home warehouse (the warehouse a region is served
///   from, `DataSet.homeWarehouseIndexByRegion`) for the demand of the regions homed there; pooled SKUs one row
///   at the cloud warehouse for the demand of all regions; drop-shipped SKUs a `drop_ship` row per home warehouse
///   with no stock.
/// - d = mean daily forecast over the horizon of that demand; L, sd_L from the preferred supplier
///   (``SupplierRanking``; none: 0 and 0).
/// - The spread is the SKU's backtested forecast error over n days (``SKUForecast/errorSD(overDays:)``), narrowed
///   to a warehouse's share s of the SKU (``InventoryFormulas/shareErrorSD``): sigma(n) = sqrt(sigma_e(n)^2 +
///   d^2 sd_L^2). Where demand is i.i.d. this is the textbook sqrt(n sd_d^2 + d^2 sd_L^2); with a forecast the
///   error, not demand's variance, is what safety stock must cover (Silver, Pyke and Thomas 2017, 6.7).
/// - The method and its formulas are those of `planner policy` (``PolicyRule``), with sigma_LT = sigma(L) and,
///   for periodic review, sigma(R + L).
public enum PolicyPlanner {
    public static let sigmaSource = "forecast_error"

    public static func plan(
        dataSet: DataSet,
        forecast: DemandForecast,
        abc: ABCClassification,
        xyz: XYZClassification,
        settings: PolicySettings,
        serviceLevels: (ABCClass) -> Double
    ) -> PolicyPlan {
        let homeByRegion = dataSet.homeWarehouseIndexByRegion()
        let homeWarehouses = Array(Set(homeByRegion.compactMap { $0 })).sorted()
        let pool = StockingRule.poolWarehouse(dataSet: dataSet)
        let candidates = SupplierRanking.candidatesBySKU(dataSet: dataSet)

        var records: [InventoryPolicyRecord] = []
        records.reserveCapacity(dataSet.skus.count * homeWarehouses.count)
        var stockingBySKU: [Stocking] = []
        stockingBySKU.reserveCapacity(dataSet.skus.count)
        for skuIndex in dataSet.skus.indices {
            let sku = dataSet.skus[skuIndex]
            let abcClass = abc.classes[skuIndex]
            let strategy = settings.strategy(for: abcClass)
            let offers = candidates[skuIndex].map { dataSet.suppliers[$0] }
            let stocking = StockingRule.stocking(strategy: strategy, offers: offers, poolWarehouse: pool)
            stockingBySKU.append(stocking)
            let offer = stocking == .dropShip ? offers.first { $0.allowsDropShip } : offers.first
            let skuForecast = forecast.skuForecast(skuIndex: skuIndex)
            let skuMeanDaily = mean(forecast.unitsPerDay(skuIndex: skuIndex) { _ in true })
            let locations: [(warehouse: Int, regions: (Int) -> Bool)] =
                stocking == .cloudPool
                ? [(pool!, { _ in true })]
                : homeWarehouses.map { warehouse in (warehouse, { homeByRegion[$0] == warehouse }) }
            for (warehouseIndex, servesRegion) in locations {
                let meanDaily = mean(forecast.unitsPerDay(skuIndex: skuIndex, includesRegion: servesRegion))
                let share = skuMeanDaily > 0 ? meanDaily / skuMeanDaily : 0
                let leadTimeDays = offer?.leadTimeDays ?? 0
                let leadTimeSdDays = offer?.leadTimeSdDays ?? 0
                let serviceLevel = serviceLevels(abcClass)
                func errorSD(overDays days: Double) -> Double {
                    guard let skuForecast, share > 0 else { return 0 }
                    return InventoryFormulas.shareErrorSD(
                        sigmaTotal: skuForecast.errorSD(overDays: days),
                        share: share,
                        meanDailyUnits: skuMeanDaily,
                        days: days
                    )
                }
                var record = InventoryPolicyRecord(
                    skuIndex: skuIndex,
                    warehouseIndex: warehouseIndex,
                    abcClass: abcClass,
                    xyzClass: xyz.classes[skuIndex],
                    stocking: stocking,
                    presaleAllowed: strategy.presale && stocking != .dropShip,
                    serviceType: strategy.serviceType,
                    serviceLevel: serviceLevel,
                    meanDailyDemand: meanDaily,
                    sdDailyDemand: errorSD(overDays: 1),
                    leadTimeDays: leadTimeDays,
                    leadTimeSdDays: leadTimeSdDays,
                    reviewPeriodDays: stocking == .dropShip ? nil : strategy.reviewPeriodDays,
                    safetyFactor: nil,
                    sigmaLeadTime: 0,
                    safetyStock: 0,
                    reorderPoint: 0,
                    orderQuantity: 0,
                    lotSize: 0,
                    method: .dropShip
                )
                if stocking != .dropShip {
                    let eoq = InventoryFormulas.economicOrderQuantity(
                        orderCost: sku.orderCost,
                        annualDemand: InventoryFormulas.annualDemand(meanDailyDemand: meanDaily),
                        holdingCostPerUnitYear: InventoryFormulas.holdingCostPerUnitYear(
                            holdingCostRate: sku.holdingCostRate,
                            unitCost: sku.unitCost
                        )
                    )
                    let lotSize = InventoryFormulas.lotSize(
                        economicOrderQuantity: eoq,
                        moq: max(sku.moq, offer?.moq ?? 0),
                        packSize: sku.packSize
                    )
                    let inputs = PolicyRule.Inputs(
                        serviceType: strategy.serviceType,
                        serviceLevel: serviceLevel,
                        meanDailyDemand: meanDaily,
                        leadTimeDays: leadTimeDays,
                        leadTimeSdDays: leadTimeSdDays,
                        reviewPeriodDays: strategy.reviewPeriodDays.map(Double.init),
                        orderQuantity: Double(lotSize),
                        demandSD: errorSD(overDays:)
                    )
                    let answer = PolicyRule.answer(
                        inputs,
                        slowMoverUnits: settings.slowMoverUnits,
                        floorsSafetyStock: settings.floorSafetyStock
                    )
                    record.safetyFactor = answer.safetyFactor
                    record.sigmaLeadTime = answer.sigmaLeadTime
                    record.safetyStock = answer.safetyStock
                    record.reorderPoint = answer.reorderPoint
                    record.orderQuantity = eoq
                    record.lotSize = lotSize
                    record.orderUpTo = answer.orderUpTo
                    record.method = answer.method
                }
                records.append(record)
            }
        }
        return PolicyPlan(records: records, stockingBySKU: stockingBySKU, poolWarehouseIndex: pool)
    }

    private static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }
}

/// Where a SKU is stocked under its class strategy.
public enum StockingRule {
    /// The cloud warehouse with lanes to the most regions (ties: lowest index); nil when there is none.
    public static func poolWarehouse(dataSet: DataSet) -> Int? {
        var regionCount = Array(repeating: Set<Int>(), count: dataSet.warehouses.count)
        for lane in dataSet.lanes { regionCount[lane.warehouseIndex].insert(lane.regionIndex) }
        return dataSet.warehouses.indices.filter { dataSet.warehouses[$0].kind == .cloud }
            .max { lhs, rhs in
                regionCount[lhs].count != regionCount[rhs].count
                    ? regionCount[lhs].count < regionCount[rhs].count : lhs > rhs
            }
    }

    /// Drop-ship when the strategy allows it and some supplier of the SKU does; pooled when the strategy says so
    /// and there is a cloud warehouse; regional otherwise.
    public static func stocking(strategy: ClassStrategy, offers: [SupplierOffer], poolWarehouse: Int?) -> Stocking {
        if strategy.dropShip, offers.contains(where: \.allowsDropShip) { return .dropShip }
        if strategy.stocking == .cloudPool, poolWarehouse != nil { return .cloudPool }
        return .regional
    }
}
