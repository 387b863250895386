import Forecasting
import InventoryPolicy
import PlannerCore

/// Supplier replenishment over the horizon, with fallback to backup suppliers.
///
/// Each stocked (sku, warehouse) policy is projected day by day (days outer, warehouses inner in index order,
/// so a supplier's weekly capacity for the SKU is shared between its warehouses in that order):
/// - the demand is the forecast of the warehouse's home regions, or of every region for a pooled policy;
/// - start: on hand = `on_hand - shippedUnits` (summed over all warehouses for a pooled policy); the stock
///   file's `on_order` arrives on planDate + ceil(preferred supplier's lead time) (conservative);
/// - each day: receive arrivals, ship the day's forecast, then compare the inventory position IP (on hand +
///   everything ordered and not yet received) with a time-phased reorder level: the policy's reorder point
///   with its mean lead-time demand d L replaced by the forecast of the next L days (so a peak is ordered for
///   a lead time ahead, and flat demand gives the policy's s exactly);
/// - continuous review: when IP <= s_t, order ceil(s_t + Q - IP), Q the policy's lot size; a pair with
///   s_t <= 0 orders only when IP < 0. Periodic review: on every R-th day from the plan date, when IP < S_t,
///   order ceil(S_t - IP).
/// Suppliers are asked in ``SupplierRanking`` order; see `allocate` for the fallback rules. Units without
/// which IP stays below s_t, ceil(s_t - IP), are asked first for every warehouse, then lots are topped up.
/// Units nobody can supply count in IP as a placeholder that never arrives (so they are not asked again the
/// next day). Drop-shipped SKUs get weekly orders for their forecast (``planDropShip``). Afterwards every
/// series is scanned for stock-outs (``SupplyShortfall``).
public enum SupplyPlanner {
    public static func plan(
        dataSet: DataSet,
        scenario: Scenario,
        forecast: DemandForecast,
        policies: [InventoryPolicyRecord],
        shippedUnits: [[Int]],
        returns: ReturnsForecast? = nil
    ) -> SupplyPlan {
        let horizon = max(0, scenario.horizonDays)
        let homeByRegion = dataSet.homeWarehouseIndexByRegion()
        let candidatesBySKU = SupplierRanking.candidatesBySKU(dataSet: dataSet)
        let stock = StartingStock(dataSet: dataSet, shippedUnits: shippedUnits)
        var policiesBySKU = Array(repeating: [InventoryPolicyRecord](), count: dataSet.skus.count)
        for policy in policies {
            policiesBySKU[policy.skuIndex].append(policy)
        }
        let forecastShift = forecast.startDay.days(to: scenario.planDate)

        let laterStockChanges = scenario.laterStockChanges(dataSet)
        var orders: [(order: PlannedSupplyOrder, sequence: Int)] = []
        var shortfalls: [SupplyShortfall] = []
        var projections: [ProjectedStock] = []
        for skuIndex in dataSet.skus.indices where !policiesBySKU[skuIndex].isEmpty {
            let skuPolicies = policiesBySKU[skuIndex].sorted { $0.warehouseIndex < $1.warehouseIndex }
            let offers = candidatesBySKU[skuIndex].map { dataSet.suppliers[$0] }
            let demand = skuPolicies.map { policy -> [Double] in
                let daily = forecast.unitsPerDay(skuIndex: skuIndex) { region in
                    policy.stocking == .cloudPool || homeByRegion[region] == policy.warehouseIndex
                }
                return (0..<horizon).map { offset in
                    daily.indices.contains(offset + forecastShift) ? daily[offset + forecastShift] : 0
                }
            }
            let sku = dataSet.skus[skuIndex]
            var ledger = SupplierLedger(
                offers: offers,
                disruptions: scenario.supplierDisruptions,
                horizonDays: horizon,
                leadTimeDays: { offer, day in scenario.leadTimeDays(of: offer, sku: sku, orderedOn: day) }
            )
            let returnArrivals = skuPolicies.map { policy -> [Double] in
                guard let returns else { return [] }
                return Self.resellableArrivals(
                    returns,
                    skuIndex: skuIndex,
                    warehouses: policy.stocking == .cloudPool
                        ? Array(dataSet.warehouses.indices) : [policy.warehouseIndex],
                    planDate: scenario.planDate,
                    horizonDays: horizon
                )
            }
            var context = SKUPlanContext(
                sku: dataSet.skus[skuIndex],
                skuIndex: skuIndex,
                planDate: scenario.planDate,
                horizonDays: horizon,
                offers: offers,
                policies: skuPolicies,
                demand: demand,
                returnArrivals: returnArrivals,
                stockChanges: skuPolicies.map { policy in
                    let warehouses =
                        policy.stocking == .cloudPool ? Array(dataSet.warehouses.indices) : [policy.warehouseIndex]
                    var total: [Int: Double] = [:]
                    for warehouse in warehouses {
                        for (offset, units) in laterStockChanges[warehouse][skuIndex] ?? [:] {
                            total[offset, default: 0] += units
                        }
                    }
                    return total
                }
            )
            let result =
                skuPolicies.first?.stocking == .dropShip
                ? planDropShip(&context, ledger: &ledger)
                : planStocked(&context, ledger: &ledger, stock: stock)
            for order in result.orders { orders.append((order, orders.count)) }
            shortfalls += result.shortfalls
            projections += result.projections
        }
        orders.sort { lhs, rhs in
            let (a, b) = (lhs.order, rhs.order)
            if a.orderDate != b.orderDate { return a.orderDate < b.orderDate }
            if a.skuIndex != b.skuIndex { return a.skuIndex < b.skuIndex }
            if a.warehouseIndex != b.warehouseIndex { return a.warehouseIndex < b.warehouseIndex }
            return lhs.sequence < rhs.sequence
        }
        return SupplyPlan(orders: orders.map(\.order), shortfalls: shortfalls, projections: projections)
    }

    /// Resellable returned units sellable at `warehouses` on each horizon day from `planDate`, summed; empty
    /// when there are none.
    static func resellableArrivals(
        _ returns: ReturnsForecast,
        skuIndex: Int,
        warehouses: [Int],
        planDate: Day,
        horizonDays: Int
    ) -> [Double] {
        let shift = returns.startDay.days(to: planDate)
        var total: [Double] = []
        for warehouse in warehouses {
            let arrivals = returns.resellableArrivals(skuIndex: skuIndex, warehouseIndex: warehouse)
            guard !arrivals.isEmpty else { continue }
            if total.isEmpty { total = Array(repeating: 0, count: horizonDays) }
            for offset in 0..<horizonDays where arrivals.indices.contains(offset + shift) {
                total[offset] += arrivals[offset + shift]
            }
        }
        return total
    }
}

/// On hand after today's shipments and on order, per warehouse and SKU, as the plan starts.
struct StartingStock {
    var onHand: [[Int]]
    var onOrder: [[Int]]

    init(dataSet: DataSet, shippedUnits: [[Int]]) {
        onHand = dataSet.onHandMatrix()
        onOrder = Array(
            repeating: Array(repeating: 0, count: dataSet.skus.count),
            count: dataSet.warehouses.count
        )
        for record in dataSet.stock {
            onOrder[record.warehouseIndex][record.skuIndex] += record.onOrder
        }
        for warehouse in shippedUnits.indices where warehouse < onHand.count {
            for sku in shippedUnits[warehouse].indices where sku < onHand[warehouse].count {
                onHand[warehouse][sku] -= shippedUnits[warehouse][sku]
            }
        }
    }

    /// (on hand, on order) of a policy: its warehouse's, or the whole network's for a pooled policy.
    func units(for policy: InventoryPolicyRecord) -> (onHand: Int, onOrder: Int) {
        guard policy.stocking == .cloudPool else {
            return (onHand[policy.warehouseIndex][policy.skuIndex], onOrder[policy.warehouseIndex][policy.skuIndex])
        }
        return (
            onHand.reduce(0) { $0 + $1[policy.skuIndex] }, onOrder.reduce(0) { $0 + $1[policy.skuIndex] }
        )
    }
}

/// What the planning of one SKU needs: its policies (one per location, by warehouse) and their daily demand.
struct SKUPlanContext {
    var sku: SKU
    var skuIndex: Int
    var planDate: Day
    var horizonDays: Int
    var offers: [SupplierOffer]
    var policies: [InventoryPolicyRecord]
    /// Forecast units per policy and horizon day.
    var demand: [[Double]]
    /// Resellable returned units sellable per policy and horizon day (empty: none).
    var returnArrivals: [[Double]] = []
    /// Scenario stock adjustments per policy: horizon day offset to units (negative: taken away).
    var stockChanges: [[Int: Double]] = []
}
