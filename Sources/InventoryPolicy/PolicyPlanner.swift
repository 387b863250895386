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
    public var sdDailyDemand: Double
    public var leadTimeDays: Double
    public var leadTimeSdDays: Double
    /// z = inverse standard normal CDF of the service level.
    public var safetyFactor: Double
    /// Standard deviation of demand over the lead time.
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
/// - d = mean daily forecast over the horizon, summed over the regions homed there;
/// - sd_d = population standard deviation (divide by n) of the daily history summed over those regions,
///   over the `profileWindowDays` days before the plan date, missing days being zero (a SKU newer
///   than the window therefore gets a larger, conservative sd_d);
/// - L, sd_L from the preferred supplier (``SupplierRanking``: lowest-rank primary, else best backup;
///   none: 0 and 0);
/// - z = inverse normal CDF of the class's service level, then ``InventoryFormulas``: sigma_LT, SS = z
///   sigma_LT, ROP = d L + SS, EOQ with D = 365 d and h = holding cost rate * SKU unit cost.
public enum PolicyPlanner {
    public static let method = "normal_cycle"

    public static func policies(
        dataSet: DataSet,
        planDate: Day,
        forecast: DemandForecast,
        classification: ABCClassification,
        configuration: PlannerConfiguration
    ) -> [InventoryPolicyRecord] {
        let homeByRegion = dataSet.homeWarehouseIndexByRegion()
        let homeWarehouses = Array(Set(homeByRegion.compactMap { $0 })).sorted()
        let history = HomeDailyHistory(
            dataSet: dataSet,
            planDate: planDate,
            windowDays: 56,
            homeByRegion: homeByRegion,
            homeWarehouses: homeWarehouses
        )
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
            for (slot, warehouseIndex) in homeWarehouses.enumerated() {
                let daily = forecast.unitsPerDay(skuIndex: skuIndex) { homeByRegion[$0] == warehouseIndex }
                let meanDaily = daily.isEmpty ? 0 : daily.reduce(0, +) / Double(daily.count)
                let sdDaily = history.populationStandardDeviation(skuIndex: skuIndex, homeSlot: slot)
                let sigma = InventoryFormulas.sigmaLeadTime(
                    meanDailyDemand: meanDaily,
                    sdDailyDemand: sdDaily,
                    leadTimeDays: leadTimeDays,
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
                        sdDailyDemand: sdDaily,
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
}

/// Daily units per (sku, home warehouse) over the window before the plan date, gathered in one pass.
struct HomeDailyHistory {
    let windowDays: Int
    let homeCount: Int
    /// Slot of each (sku * homeCount + homeSlot), -1 when it had no row in the window.
    private var slotByPair: [Int32]
    /// `windowDays` entries per slot, oldest day first.
    private var dailyUnits: [Double] = []

    init(dataSet: DataSet, planDate: Day, windowDays: Int, homeByRegion: [Int?], homeWarehouses: [Int]) {
        self.windowDays = max(1, windowDays)
        homeCount = homeWarehouses.count
        slotByPair = Array(repeating: -1, count: dataSet.skus.count * homeCount)
        var homeSlotByWarehouse = Array(repeating: -1, count: dataSet.warehouses.count)
        for (slot, warehouse) in homeWarehouses.enumerated() { homeSlotByWarehouse[warehouse] = slot }
        let homeSlotByRegion = homeByRegion.map { $0.map { homeSlotByWarehouse[$0] } ?? -1 }

        let end = planDate.daysSinceEpoch
        let start = end - self.windowDays
        let history = dataSet.demand
        let dayColumn = history.days
        let skuColumn = history.skuIndices
        let regionColumn = history.regionIndices
        let quantityColumn = history.quantities
        for row in 0..<history.count {
            let day = Int(dayColumn[row])
            guard day >= start, day < end else { continue }
            let homeSlot = homeSlotByRegion[Int(regionColumn[row])]
            guard homeSlot >= 0 else { continue }
            let pair = Int(skuColumn[row]) * homeCount + homeSlot
            var slot = Int(slotByPair[pair])
            if slot < 0 {
                slot = dailyUnits.count / self.windowDays
                slotByPair[pair] = Int32(slot)
                dailyUnits.append(contentsOf: repeatElement(0, count: self.windowDays))
            }
            dailyUnits[slot * self.windowDays + (day - start)] += Double(quantityColumn[row])
        }
    }

    /// sqrt(sum (x_i - mean)^2 / n) over the window's days; 0 when the pair had no row.
    func populationStandardDeviation(skuIndex: Int, homeSlot: Int) -> Double {
        let slot = Int(slotByPair[skuIndex * homeCount + homeSlot])
        guard slot >= 0 else { return 0 }
        let days = dailyUnits[(slot * windowDays)..<((slot + 1) * windowDays)]
        let mean = days.reduce(0, +) / Double(windowDays)
        let squares = days.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (squares / Double(windowDays)).squareRoot()
    }
}
