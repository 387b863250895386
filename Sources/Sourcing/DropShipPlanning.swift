import InventoryPolicy
import PlannerCore

extension SupplyPlanner {
    /// Weekly drop-ship orders of one SKU: for every 7-day week from the plan date and every policy (home
    /// warehouse), the forecast units not yet covered, ceil(forecast up to the week's end) - units ordered or
    /// reported short before (so rounding up a small week does not inflate the month), go to the suppliers
    /// that allow drop-shipping, in preference
    /// order and within their weekly capacity (``allocate``, no stock-out date). The first such supplier's lines
    /// are `drop_ship`, others carry the reason it was passed over. Units no supplier takes are a
    /// `supplier_capacity` shortfall over that week (no presale: nothing is stocked).
    static func planDropShip(_ context: inout SKUPlanContext, ledger: inout SupplierLedger) -> SupplyPlan {
        let eligible = context.offers.indices.filter { context.offers[$0].allowsDropShip }
        let eligibleOffers = eligible.map { context.offers[$0] }
        var orders: [PlannedSupplyOrder] = []
        var shortfalls: [SupplyShortfall] = []
        var forecastSoFar = context.policies.map { _ in 0.0 }
        var coveredSoFar = context.policies.map { _ in 0 }
        for weekStart in stride(from: 0, to: context.horizonDays, by: 7) {
            let weekEnd = min(weekStart + 7, context.horizonDays)
            for (position, policy) in context.policies.enumerated() {
                forecastSoFar[position] += context.demand[position][weekStart..<weekEnd].reduce(0, +)
                let wanted = Int((forecastSoFar[position] - 1e-9).rounded(.up)) - coveredSoFar[position]
                guard wanted > 0 else { continue }
                let all = ledger.options(planDate: context.planDate, offset: weekStart)
                let options = eligible.enumerated().map { index, candidate in
                    var option = all[candidate]
                    option.candidate = index
                    return option
                }
                let lines = allocate(
                    needed: wanted,
                    essential: wanted,
                    options: options,
                    stockout: nil,
                    offers: eligibleOffers,
                    sku: context.sku
                )
                for line in lines {
                    coveredSoFar[position] += line.quantity
                    guard let index = line.candidate else {
                        shortfalls.append(
                            SupplyShortfall(
                                skuIndex: context.skuIndex,
                                warehouseIndex: policy.warehouseIndex,
                                abcClass: policy.abcClass,
                                cause: eligible.isEmpty ? .noSupplier : .supplierCapacity,
                                stockoutDate: context.planDate.adding(days: weekStart),
                                lastShortDate: context.planDate.adding(days: weekEnd - 1),
                                recoveryDate: nil,
                                shortfallDays: weekEnd - weekStart,
                                shortfallUnits: line.quantity,
                                presaleUnits: 0,
                                promisedDate: nil
                            )
                        )
                        continue
                    }
                    ledger.record(line.quantity, candidate: eligible[index], offset: weekStart)
                    let offer = eligibleOffers[index]
                    orders.append(
                        PlannedSupplyOrder(
                            skuIndex: context.skuIndex,
                            warehouseIndex: policy.warehouseIndex,
                            supplier: offer.supplier,
                            role: offer.role,
                            rank: offer.rank,
                            orderDate: context.planDate.adding(days: weekStart),
                            arrivalDate: line.arrivalOffset.map { context.planDate.adding(days: $0) },
                            quantity: line.quantity,
                            unitCost: offer.unitCost,
                            reason: line.reason == .reorderPoint ? .dropShip : line.reason,
                            projectedStockoutDate: nil
                        )
                    )
                }
            }
        }
        return SupplyPlan(orders: orders, shortfalls: shortfalls)
    }
}
