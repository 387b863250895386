import Forecasting
import PlannerCore

/// Replenishment policy of one SKU at one warehouse: a continuous-review (s, Q) policy with
/// s = `reorderPoint` and Q = `orderQuantity`. Quantities in units, times in days.
public struct InventoryPolicyRecord: Sendable, Equatable {
    public var skuIndex: Int
    public var warehouseIndex: Int
    public var abcClass: ABCClass
    /// Cycle service level, the probability of no stock-out in a replenishment cycle.
    public var serviceLevel: Double
    public var meanDailyDemand: Double
    /// Standard deviation of the one-day forecast error of the warehouse's share of the SKU's demand.
    public var sdDailyDemand: Double
    public var leadTimeDays: Double
    public var leadTimeSdDays: Double
    /// z = inverse standard normal CDF of the service level.
    public var safetyFactor: Double
    /// Standard deviation of demand over the lead time: forecast error and lead-time variability together.
    public var sigmaLeadTime: Double
    public var safetyStock: Double
    public var reorderPoint: Double
    /// Economic order quantity, unrounded (pack and MOQ rounding happens when ordering).
    public var orderQuantity: Double
    public var method: String

    public init(
        skuIndex: Int,
        warehouseIndex: Int,
        abcClass: ABCClass,
        serviceLevel: Double,
        meanDailyDemand: Double,
        sdDailyDemand: Double,
        leadTimeDays: Double,
        leadTimeSdDays: Double,
        safetyFactor: Double,
        sigmaLeadTime: Double,
        safetyStock: Double,
        reorderPoint: Double,
        orderQuantity: Double,
        method: String
    ) {
        self.skuIndex = skuIndex
        self.warehouseIndex = warehouseIndex
        self.abcClass = abcClass
        self.serviceLevel = serviceLevel
        self.meanDailyDemand = meanDailyDemand
        self.sdDailyDemand = sdDailyDemand
        self.leadTimeDays = leadTimeDays
        self.leadTimeSdDays = leadTimeSdDays
        self.safetyFactor = safetyFactor
        self.sigmaLeadTime = sigmaLeadTime
        self.safetyStock = safetyStock
        self.reorderPoint = reorderPoint
        self.orderQuantity = orderQuantity
        self.method = method
    }
}

/// Safety stock, reorder point and order quantity for every (sku, home warehouse).
///
/// A region's demand is stocked at its home warehouse (`DataSet.homeWarehouseIndexByRegion`). For each
/// warehouse that is home to at least one region, and every SKU (so the output has a row for each pair):
/// - d = mean daily forecast over the horizon, summed over the regions homed there; s = d / the SKU's mean
///   daily forecast over all regions (its share);
/// - L, sd_L from the preferred supplier (``SupplierRanking``: lowest-rank primary, else best backup;
///   none: 0 and 0);
/// - sigma_e(L) = the SKU's backtested forecast error SD over L days (``SKUForecast/errorSD(overDays:)``),
///   narrowed to the warehouse's share (``InventoryFormulas/shareErrorSD``); `sdDailyDemand` holds the same
///   over one day;
/// - z = inverse normal CDF of the class's service level, then ``InventoryFormulas``: sigma_LT =
///   sqrt(sigma_e(L)^2 + d^2 sd_L^2), SS = z sigma_LT, ROP = d L + SS, EOQ with D = 365 d and h = holding
///   cost rate * SKU unit cost.
public enum PolicyPlanner {
    public static let method = "forecast_error"

    public static func policies(
        dataSet: DataSet,
        planDate: Day,
        forecast: DemandForecast,
        classification: ABCClassification,
        configuration: PlannerConfiguration
    ) -> [InventoryPolicyRecord] {
        let homeByRegion = dataSet.homeWarehouseIndexByRegion()
        let homeWarehouses = Array(Set(homeByRegion.compactMap { $0 })).sorted()
        let candidates = SupplierRanking.candidatesBySKU(dataSet: dataSet)

        var records: [InventoryPolicyRecord] = []
        records.reserveCapacity(dataSet.skus.count * homeWarehouses.count)
        for skuIndex in dataSet.skus.indices {
            let sku = dataSet.skus[skuIndex]
            let offer = candidates[skuIndex].first.map { dataSet.suppliers[$0] }
            let leadTimeDays = offer?.leadTimeDays ?? 0
            let leadTimeSdDays = offer?.leadTimeSdDays ?? 0
            let abcClass = classification.classes[skuIndex]
            let serviceLevel = configuration.serviceLevel(for: abcClass)
            let z = StandardNormal.inverseCDF(serviceLevel)
            let skuForecast = forecast.skuForecast(skuIndex: skuIndex)
            let skuDaily = forecast.unitsPerDay(skuIndex: skuIndex) { _ in true }
            let skuMeanDaily = mean(skuDaily)
            for warehouseIndex in homeWarehouses {
                let daily = forecast.unitsPerDay(skuIndex: skuIndex) { homeByRegion[$0] == warehouseIndex }
                let meanDaily = mean(daily)
                let share = skuMeanDaily > 0 ? meanDaily / skuMeanDaily : 0
                func errorSD(overDays days: Double) -> Double {
                    guard let skuForecast, share > 0 else { return 0 }
                    return InventoryFormulas.shareErrorSD(
                        sigmaTotal: skuForecast.errorSD(overDays: days),
                        share: share,
                        meanDailyUnits: skuMeanDaily,
                        days: days
                    )
                }
                let sigma = InventoryFormulas.sigmaLeadTime(
                    forecastErrorSDOverLeadTime: errorSD(overDays: leadTimeDays),
                    meanDailyDemand: meanDaily,
                    leadTimeSdDays: leadTimeSdDays
                )
                let safetyStock = InventoryFormulas.safetyStock(safetyFactor: z, sigmaLeadTime: sigma)
                let orderQuantity = InventoryFormulas.economicOrderQuantity(
                    orderCost: sku.orderCost,
                    annualDemand: InventoryFormulas.annualDemand(meanDailyDemand: meanDaily),
                    holdingCostPerUnitYear: InventoryFormulas.holdingCostPerUnitYear(
                        holdingCostRate: sku.holdingCostRate,
                        unitCost: sku.unitCost
                    )
                )
                records.append(
                    InventoryPolicyRecord(
                        skuIndex: skuIndex,
                        warehouseIndex: warehouseIndex,
                        abcClass: abcClass,
                        serviceLevel: serviceLevel,
                        meanDailyDemand: meanDaily,
                        sdDailyDemand: errorSD(overDays: 1),
                        leadTimeDays: leadTimeDays,
                        leadTimeSdDays: leadTimeSdDays,
                        safetyFactor: z,
                        sigmaLeadTime: sigma,
                        safetyStock: safetyStock,
                        reorderPoint: InventoryFormulas.reorderPoint(
                            meanDailyDemand: meanDaily,
                            leadTimeDays: leadTimeDays,
                            safetyStock: safetyStock
                        ),
                        orderQuantity: orderQuantity,
                        method: method
                    )
                )
            }
        }
        return records
    }

    private static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }
}
