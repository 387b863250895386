import InventoryPolicy
import PlannerCore

extension SupplyPlanner {
    /// The day-by-day plan of one stocked SKU (see the type's documentation), then its stock-out scan.
    static func planStocked(
        _ context: inout SKUPlanContext,
        ledger: inout SupplierLedger,
        stock: StartingStock
    )
        -> SupplyPlan
    {
        let policies = context.policies
        let demand = context.demand
        let planDate = context.planDate
        let onOrderArrival = Int((context.offers.first?.leadTimeDays ?? 0).rounded(.up))
        let starting = policies.map { stock.units(for: $0) }
        var projections = policies.indices.map { position in
            var projection = StockProjection(
                onHand: Double(starting[position].onHand),
                horizonDays: context.horizonDays
            )
            projection.addIncoming(Double(starting[position].onOrder), arrivingAt: onOrderArrival)
            return projection
        }
        var receipts = policies.indices.map { position in
            starting[position].onOrder > 0 ? [onOrderArrival: Double(starting[position].onOrder)] : [:]
        }
        // Resellable returns are scheduled receipts: in the inventory position from today, on hand when graded.
        for position in policies.indices where position < context.returnArrivals.count {
            for (offset, units) in context.returnArrivals[position].enumerated() where units > 0 {
                projections[position].addIncoming(units, arrivingAt: offset)
                receipts[position][offset, default: 0] += units
            }
        }
        // Scenario stock adjustments after the plan date: scheduled receipts too, negative ones taking stock away.
        for position in policies.indices where position < context.stockChanges.count {
            for (offset, units) in context.stockChanges[position].sorted(by: { $0.key < $1.key }) {
                projections[position].addIncoming(units, arrivingAt: offset)
                receipts[position][offset, default: 0] += units
            }
        }
        var unsuppliedOffsets = policies.map { _ in [Int]() }
        let levels = policies.indices.map { ReorderLevels(policy: policies[$0], demand: demand[$0]) }
        let shares = demandShares(demand)
        var orders: [PlannedSupplyOrder] = []
        for offset in 0..<context.horizonDays {
            // Every warehouse moves to today first, so that all of today's needs are known.
            var requests: [Request] = []
            for position in policies.indices {
                projections[position].advance(to: offset, demand: demand[position][offset])
                if let request = levels[position].request(
                    position: position,
                    offset: offset,
                    inventoryPosition: projections[position].inventoryPosition
                ) {
                    requests.append(request)
                }
            }
            // Pass 1 restores every warehouse's reorder level; pass 2 tops lots up, each warehouse to at most its
            // demand share of the capacity left, so one warehouse's lot never starves the others this week.
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
                        offers: context.offers,
                        sku: context.sku
                    )
                    for line in lines {
                        if let candidate = line.candidate {
                            ledger.record(line.quantity, candidate: candidate, offset: offset)
                            if let arrival = line.arrivalOffset {
                                receipts[position][arrival, default: 0] += Double(line.quantity)
                            }
                        }
                        if line.candidate == nil { unsuppliedOffsets[position].append(offset) }
                        requests[index].supplied += line.quantity
                        projections[position].addIncoming(Double(line.quantity), arrivingAt: line.arrivalOffset)
                        requests[index].add(line, stockout: stockout)
                    }
                }
            }
            for request in requests {
                let policy = policies[request.position]
                for (line, stockout) in request.lines {
                    guard let candidate = line.candidate else { continue }
                    let offer = context.offers[candidate]
                    orders.append(
                        PlannedSupplyOrder(
                            skuIndex: context.skuIndex,
                            warehouseIndex: policy.warehouseIndex,
                            supplier: offer.supplier,
                            role: offer.role,
                            rank: offer.rank,
                            orderDate: planDate.adding(days: offset),
                            arrivalDate: line.arrivalOffset.map { planDate.adding(days: $0) },
                            quantity: line.quantity,
                            unitCost: offer.unitCost,
                            reason: line.reason == .reorderPoint && policy.reviewPeriodDays != nil
                                ? .periodicReview : line.reason,
                            projectedStockoutDate: stockout.map { planDate.adding(days: $0) }
                        )
                    )
                }
            }
        }
        var shortfalls: [SupplyShortfall] = []
        var projected: [ProjectedStock] = []
        for position in policies.indices {
            var net = Double(starting[position].onHand)
            projected.append(
                ProjectedStock(
                    skuIndex: context.skuIndex,
                    warehouseIndex: policies[position].warehouseIndex,
                    netUnitsPerDay: demand[position].indices.map { offset in
                        net += (receipts[position][offset] ?? 0) - demand[position][offset]
                        return net
                    },
                    startingUnits: Double(starting[position].onHand)
                )
            )
            let episodes = ShortfallScan.episodes(
                startingStock: Double(starting[position].onHand),
                demand: demand[position],
                receipts: receipts[position]
            )
            for episode in episodes {
                if let shortfall = shortfall(
                    episode,
                    policy: policies[position],
                    cause: cause(
                        of: episode,
                        offers: context.offers,
                        ledger: ledger,
                        planDate: planDate,
                        unsuppliedOffsets: unsuppliedOffsets[position]
                    ),
                    planDate: planDate
                ) {
                    shortfalls.append(shortfall)
                }
            }
        }
        return SupplyPlan(orders: orders, shortfalls: shortfalls, projections: projected)
    }

    /// In this order: `no_supplier` without an offer; `lead_time` when no supplier available on any day up to
    /// the stock-out would have arrived by it; `supplier_capacity` when units asked for on or before that day
    /// found no supplier; `late_order` otherwise.
    static func cause(
        of episode: ShortfallScan.Episode,
        offers: [SupplierOffer],
        ledger: SupplierLedger,
        planDate: Day,
        unsuppliedOffsets: [Int]
    ) -> ShortfallCause {
        guard !offers.isEmpty else { return .noSupplier }
        let start = episode.startOffset
        let reachable = (0...start).contains { offset in
            ledger.options(planDate: planDate, offset: offset).contains {
                $0.isAvailable && $0.arrivalOffset <= start
            }
        }
        guard reachable else { return .leadTime }
        return unsuppliedOffsets.contains { $0 <= start } ? .supplierCapacity : .lateOrder
    }

    /// The reported form of an episode; nil when its units short round to zero. Presale (when the policy allows
    /// it): the short units that known receipts serve, promised for the receipt that serves the last of them.
    static func shortfall(
        _ episode: ShortfallScan.Episode,
        policy: InventoryPolicyRecord,
        cause: ShortfallCause,
        planDate: Day
    ) -> SupplyShortfall? {
        let units = Int(episode.shortUnits.rounded())
        guard units > 0 else { return nil }
        let unserved = Int((episode.unservedUnits - 1e-9).rounded(.up))
        let presale = policy.presaleAllowed && episode.servingOffset != nil ? max(0, units - unserved) : 0
        return SupplyShortfall(
            skuIndex: policy.skuIndex,
            warehouseIndex: policy.warehouseIndex,
            abcClass: policy.abcClass,
            cause: cause,
            stockoutDate: planDate.adding(days: episode.startOffset),
            lastShortDate: planDate.adding(days: episode.lastShortOffset),
            recoveryDate: episode.recoveryOffset.map { planDate.adding(days: $0) },
            shortfallDays: episode.days,
            shortfallUnits: units,
            presaleUnits: presale,
            promisedDate: presale > 0 ? episode.servingOffset.map { planDate.adding(days: $0) } : nil
        )
    }
}

/// A policy's time-phased reorder level: its reorder point (or order-up-to level) with the mean demand over the
/// protection interval replaced by the forecast of the days ahead; beyond the horizon the mean d is assumed.
struct ReorderLevels {
    let policy: InventoryPolicyRecord
    /// cumulative[t] = forecast units of days 0 ..< t.
    let cumulative: [Double]

    init(policy: InventoryPolicyRecord, demand: [Double]) {
        self.policy = policy
        var sums = [0.0]
        sums.reserveCapacity(demand.count + 1)
        for units in demand { sums.append(sums[sums.count - 1] + units) }
        cumulative = sums
    }

    /// Forecast units over `days` (fractional) from day offset `start` on.
    func demand(from start: Int, days: Double) -> Double {
        let whole = Int(days.rounded(.down))
        let fraction = days - Double(whole)
        func units(_ from: Int, _ to: Int) -> Double {
            let horizon = cumulative.count - 1
            let inside = cumulative[min(max(to, 0), horizon)] - cumulative[min(max(from, 0), horizon)]
            return inside + Double(max(0, to - max(from, horizon))) * policy.meanDailyDemand
        }
        return units(start, start + whole) + fraction * units(start + whole, start + whole + 1)
    }

    /// The order need after day `offset`'s demand has shipped, protecting days offset + 1 on; nil for none.
    func request(position: Int, offset: Int, inventoryPosition: Double) -> SupplyPlanner.Request? {
        let d = policy.meanDailyDemand
        if let review = policy.reviewPeriodDays {
            guard offset % max(1, review) == 0 else { return nil }
            let protection = Double(review) + policy.leadTimeDays
            let level = policy.reorderPoint - d * protection + demand(from: offset + 1, days: protection)
            guard inventoryPosition < level - 1e-9 else { return nil }
            let units = Int((level - inventoryPosition - 1e-9).rounded(.up))
            return SupplyPlanner.Request(position: position, needed: units, essential: units)
        }
        let level =
            policy.reorderPoint - d * policy.leadTimeDays + demand(from: offset + 1, days: policy.leadTimeDays)
        guard SupplyPlanner.needsOrder(inventoryPosition: inventoryPosition, reorderPoint: level) else { return nil }
        return SupplyPlanner.Request(
            position: position,
            needed: SupplyPlanner.unitsToOrder(
                reorderPoint: level,
                orderQuantity: Double(policy.lotSize),
                inventoryPosition: inventoryPosition
            ),
            essential: SupplyPlanner.essentialUnits(reorderPoint: level, inventoryPosition: inventoryPosition)
        )
    }
}
