import Forecasting
import InventoryPolicy
import PlannerCore

/// Supplier replenishment over the horizon, with fallback to backup suppliers.
///
/// Each (sku, warehouse) with a policy is projected day by day (days outer, warehouses inner in index
/// order, so a supplier's weekly capacity for the SKU is shared between its warehouses in that order):
/// - start: on hand = `on_hand - shippedUnits`; the stock file's `on_order` is assumed to arrive on
///   planDate + ceil(preferred supplier's lead time) (conservative: it may well come sooner);
/// - each day: receive arrivals, ship the day's forecast of the warehouse's home regions, then
///   compare the inventory position IP (on hand + everything ordered and not yet received) with the
///   reorder point s. When IP <= s, order up to s + EOQ: ceil(s + EOQ - IP) units, at least 1 (an
///   (s, S) form with S = s + Q). A pair with s <= 0 orders only when IP < 0, so a SKU with neither
///   demand nor spread is never ordered just to reach a zero reorder point.
/// Suppliers are asked in ``SupplierRanking`` order; see `allocate` for the fallback rules. Planned
/// orders join the pipeline. When capacity cuts an order short, the lot size (the EOQ part) is simply
/// smaller; only the units needed to bring the inventory position back to the reorder point, ceil(s - IP)
/// (at least 1), count as a shortfall. Those are reported (supplier nil) and then count in the inventory
/// position as a placeholder that never arrives, so each day reports only that day's new deficit and the
/// rows of a (sku, warehouse) add up to its shortfall over the horizon.
public enum SupplyPlanner {
    public static func plan(
        dataSet: DataSet,
        scenario: Scenario,
        forecast: DemandForecast,
        policies: [InventoryPolicyRecord],
        shippedUnits: [[Int]]
    ) -> [PlannedSupplyOrder] {
        let horizon = max(0, scenario.horizonDays)
        let planDate = scenario.planDate
        let homeByRegion = dataSet.homeWarehouseIndexByRegion()
        let candidatesBySKU = SupplierRanking.candidatesBySKU(dataSet: dataSet)
        var onHand = dataSet.onHandMatrix()
        var onOrder = Array(
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
        var policiesBySKU = Array(repeating: [InventoryPolicyRecord](), count: dataSet.skus.count)
        for policy in policies {
            policiesBySKU[policy.skuIndex].append(policy)
        }
        let forecastShift = forecast.startDay.days(to: planDate)

        var rows: [(order: PlannedSupplyOrder, sequence: Int)] = []
        for skuIndex in dataSet.skus.indices where !policiesBySKU[skuIndex].isEmpty {
            let skuPolicies = policiesBySKU[skuIndex].sorted { $0.warehouseIndex < $1.warehouseIndex }
            let offers = candidatesBySKU[skuIndex].map { dataSet.suppliers[$0] }
            var ledger = SupplierLedger(
                offers: offers,
                disruptions: scenario.supplierDisruptions,
                horizonDays: horizon
            )
            let onOrderArrival = Int((offers.first?.leadTimeDays ?? 0).rounded(.up))
            let demand = skuPolicies.map { policy -> [Double] in
                let daily = forecast.unitsPerDay(skuIndex: skuIndex) { homeByRegion[$0] == policy.warehouseIndex }
                return (0..<horizon).map { offset in
                    daily.indices.contains(offset + forecastShift) ? daily[offset + forecastShift] : 0
                }
            }
            var projections = skuPolicies.map { policy in
                var projection = StockProjection(
                    onHand: Double(onHand[policy.warehouseIndex][skuIndex]),
                    horizonDays: horizon
                )
                projection.addIncoming(
                    Double(onOrder[policy.warehouseIndex][skuIndex]),
                    arrivingAt: onOrderArrival
                )
                return projection
            }
            let shares = demandShares(demand)
            for offset in 0..<horizon {
                // Every warehouse moves to today first, so that all of today's needs are known.
                var requests: [Request] = []
                for (position, policy) in skuPolicies.enumerated() {
                    projections[position].advance(to: offset, demand: demand[position][offset])
                    let inventoryPosition = projections[position].inventoryPosition
                    guard needsOrder(inventoryPosition: inventoryPosition, reorderPoint: policy.reorderPoint)
                    else { continue }
                    requests.append(
                        Request(
                            position: position,
                            needed: unitsToOrder(
                                reorderPoint: policy.reorderPoint,
                                orderQuantity: policy.orderQuantity,
                                inventoryPosition: inventoryPosition
                            ),
                            essential: essentialUnits(
                                reorderPoint: policy.reorderPoint,
                                inventoryPosition: inventoryPosition
                            )
                        )
                    )
                }
                // Pass 1 restores every warehouse's reorder point; pass 2 tops lots up towards s + Q, each
                // warehouse to at most its demand share of the capacity left, so one warehouse's lot never
                // starves the others of what they need this week.
                for pass in 0..<2 {
                    for index in requests.indices {
                        let request = requests[index]
                        let wanted = pass == 0 ? request.essential : request.needed - request.supplied
                        guard wanted > 0 else { continue }
                        let position = request.position
                        let stockout = projections[position].stockoutOffset(demand: demand[position])
                        let options = ledger.options(planDate: planDate, offset: offset).map { option in
                            pass == 0 ? option : option.limited(toShare: shares[position])
                        }
                        let lines = allocate(
                            needed: wanted,
                            essential: pass == 0 ? wanted : 0,
                            options: options,
                            stockout: stockout,
                            offers: offers,
                            sku: dataSet.skus[skuIndex]
                        )
                        for line in lines {
                            if let candidate = line.candidate {
                                ledger.record(line.quantity, candidate: candidate, offset: offset)
                            }
                            requests[index].supplied += line.quantity
                            projections[position].addIncoming(Double(line.quantity), arrivingAt: line.arrivalOffset)
                            requests[index].add(line, stockout: stockout)
                        }
                    }
                }
                for request in requests {
                    for (line, stockout) in request.lines {
                        let offer = line.candidate.map { offers[$0] }
                        let order = PlannedSupplyOrder(
                            skuIndex: skuIndex,
                            warehouseIndex: skuPolicies[request.position].warehouseIndex,
                            supplier: offer?.supplier,
                            role: offer?.role,
                            rank: offer?.rank,
                            orderDate: planDate.adding(days: offset),
                            arrivalDate: line.arrivalOffset.map { planDate.adding(days: $0) },
                            quantity: line.quantity,
                            unitCost: offer?.unitCost,
                            reason: line.reason,
                            projectedStockoutDate: stockout.map { planDate.adding(days: $0) }
                        )
                        rows.append((order, rows.count))
                    }
                }
            }
        }
        rows.sort { lhs, rhs in
            let (a, b) = (lhs.order, rhs.order)
            if a.orderDate != b.orderDate { return a.orderDate < b.orderDate }
            if a.skuIndex != b.skuIndex { return a.skuIndex < b.skuIndex }
            if a.warehouseIndex != b.warehouseIndex { return a.warehouseIndex < b.warehouseIndex }
            return lhs.sequence < rhs.sequence
        }
        return rows.map(\.order)
    }

    /// One warehouse's order need on one day: `needed` up to s + Q, of which `essential` restores s.
    struct Request {
        var position: Int
        var needed: Int
        var essential: Int
        var supplied = 0
        /// The day's order lines, one per supplier and reason: both passes' units from one supplier are one
        /// purchase order. The stock-out is the one projected when the line was first placed.
        var lines: [(line: Line, stockout: Int?)] = []

        mutating func add(_ line: Line, stockout: Int?) {
            if line.candidate != nil,
                let existing = lines.firstIndex(where: {
                    $0.line.candidate == line.candidate && $0.line.reason == line.reason
                })
            {
                lines[existing].line.quantity += line.quantity
            } else {
                lines.append((line, stockout))
            }
        }
    }

    /// Each warehouse's share of the SKU's forecast demand over the horizon; equal shares when it is zero.
    static func demandShares(_ demand: [[Double]]) -> [Double] {
        let totals = demand.map { $0.reduce(0, +) }
        let sum = totals.reduce(0, +)
        guard sum > 0 else { return totals.map { _ in 1 / Double(max(totals.count, 1)) } }
        return totals.map { $0 / sum }
    }

    /// Order up to s + Q: ceil(s + Q - IP), at least 1. A margin of 1e-9 keeps float noise in
    /// fractional forecasts from adding a unit (100.0000000001 orders 100).
    static func unitsToOrder(reorderPoint: Double, orderQuantity: Double, inventoryPosition: Double) -> Int {
        max(1, Int((reorderPoint + orderQuantity - inventoryPosition - 1e-9).rounded(.up)))
    }

    /// Units without which the inventory position stays below the reorder point: ceil(s - IP), at least 1
    /// (the same 1e-9 margin as `unitsToOrder`).
    static func essentialUnits(reorderPoint: Double, inventoryPosition: Double) -> Int {
        max(1, Int((reorderPoint - inventoryPosition - 1e-9).rounded(.up)))
    }

    /// Order trigger: IP <= s, except that a reorder point <= 0 triggers only on a negative IP.
    static func needsOrder(inventoryPosition: Double, reorderPoint: Double) -> Bool {
        inventoryPosition <= reorderPoint && (reorderPoint > 0 || inventoryPosition < 0)
    }

    /// One line of an order event: units from a candidate (nil: nobody could supply them).
    struct Line: Equatable {
        var candidate: Int?
        var quantity: Int
        var arrivalOffset: Int?
        var reason: SourcingReason
    }

    /// Splits `needed` units over the suppliers' options on the order day.
    ///
    /// Candidates are asked in preference order. One is passed over when it is disrupted (capacity
    /// factor 0), when its remaining weekly capacity cannot take an MOQ- and pack-rounded quantity, or
    /// when it would arrive after the projected stock-out while a later usable candidate arrives by it.
    /// A candidate takes min(remaining capacity, units still needed), rounded up to max(supplier MOQ,
    /// SKU MOQ) and to the pack size, but never above its capacity. If no usable candidate arrives by
    /// the stock-out, candidates are asked in order of arrival instead (ties: preference order). Late
    /// candidates passed over are asked again, in the same order, if units are still missing. If what the
    /// suppliers take falls short of `essential`, the difference is one line without a supplier:
    /// `no_supplier` if the SKU has no offer, else `no_supplier_capacity`; a shortfall of the lot-size part
    /// above `essential` is not reported. The preferred candidate's lines are `reorder_point`; any other's carry the
    /// reason the preferred one was passed over for those units.
    static func allocate(
        needed: Int,
        essential: Int,
        options: [SupplierOption],
        stockout: Int?,
        offers: [SupplierOffer],
        sku: SKU
    ) -> [Line] {
        func rounded(_ option: SupplierOption, wanted: Int) -> Int? {
            guard option.isAvailable else { return nil }
            let offer = offers[option.candidate]
            let want = option.remainingCapacity.map { min($0, wanted) } ?? wanted
            return OrderRounding.quantity(
                wanted: want,
                moq: max(offer.moq, sku.moq),
                packSize: sku.packSize,
                remainingCapacity: option.remainingCapacity
            )
        }
        func onTime(_ option: SupplierOption) -> Bool {
            stockout.map { option.arrivalOffset <= $0 } ?? true
        }
        let usable = options.map { rounded($0, wanted: needed) != nil }
        let anyOnTime = options.indices.contains { usable[$0] && onTime(options[$0]) }
        let sequence =
            anyOnTime
            ? Array(options.indices)
            : options.indices.sorted { lhs, rhs in
                options[lhs].arrivalOffset != options[rhs].arrivalOffset
                    ? options[lhs].arrivalOffset < options[rhs].arrivalOffset : lhs < rhs
            }

        var primaryTookUnits = false
        func reason(for candidate: Int) -> SourcingReason {
            if candidate == 0 { return .reorderPoint }
            guard let primary = options.first else { return .primaryCapacity }
            if !primary.isAvailable { return .primaryDisrupted }
            if !usable[0] || primaryTookUnits { return .primaryCapacity }
            return .primaryLate
        }

        var lines: [Line] = []
        var missing = needed
        var passedAsLate: [Int] = []
        func take(_ candidate: Int) {
            let option = options[candidate]
            guard missing > 0, let quantity = rounded(option, wanted: missing) else { return }
            lines.append(
                Line(
                    candidate: candidate,
                    quantity: quantity,
                    arrivalOffset: option.arrivalOffset,
                    reason: reason(for: candidate)
                )
            )
            if candidate == 0 { primaryTookUnits = true }
            missing -= quantity
        }
        for (position, candidate) in sequence.enumerated() where missing > 0 && usable[candidate] {
            let option = options[candidate]
            if !onTime(option),
                sequence[(position + 1)...].contains(where: { usable[$0] && onTime(options[$0]) })
            {
                passedAsLate.append(candidate)
                continue
            }
            take(candidate)
        }
        for candidate in passedAsLate where missing > 0 {
            take(candidate)
        }
        let shortfall = min(essential, needed) - (needed - missing)
        if shortfall > 0 {
            lines.append(
                Line(
                    candidate: nil,
                    quantity: shortfall,
                    arrivalOffset: nil,
                    reason: offers.isEmpty ? .noSupplier : .noSupplierCapacity
                )
            )
        }
        return lines
    }
}
