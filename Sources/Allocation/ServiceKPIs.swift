import PlannerCore

/// Next-day service of one region (or of all regions) in an allocation.
///
/// A unit is delivered next day when it ships on a lane with transit_days <= 1 (or from a drop-ship supplier
/// delivering within a day) and leaves on the allocation day; an order (order_id) is delivered next day when
/// every unit of its lines in the region is. Shares are over units and orders ordered, so unfilled units count
/// against them. A drop-ship supplier counts as a source of its own for split orders and shipments.
public struct ServiceKPI: Sendable, Equatable {
    /// Index into `dataSet.regions`; nil for the row over all regions.
    public var regionIndex: Int?
    public var unitsTotal: Int
    public var unitsNextDay: Int
    public var ordersTotal: Int
    public var ordersNextDay: Int
    /// Orders shipped from two or more warehouses.
    public var splitOrders: Int
    /// Distinct (order, warehouse, ship day) pickups.
    public var shipments: Int
    /// The configured minimum unit share; nil when none is configured.
    public var minimumNextDayShare: Double?
    /// The next-day units the minimum asks for, ceil(share x unitsTotal) (on the all-regions row the sum of the
    /// regions'); nil when none is configured.
    public var targetUnits: Int?
    /// Units by which the next-day units fall short of `targetUnits`, 0 when met (on the all-regions row the sum
    /// of the regions'); nil when no minimum is configured.
    public var shortfallUnits: Int?
    /// Whether the minimum was a constraint of the allocation (`enforce: true`) rather than only reported.
    public var targetEnforced: Bool

    public init(
        regionIndex: Int?,
        unitsTotal: Int,
        unitsNextDay: Int,
        ordersTotal: Int,
        ordersNextDay: Int,
        splitOrders: Int,
        shipments: Int,
        minimumNextDayShare: Double?,
        targetUnits: Int? = nil,
        shortfallUnits: Int? = nil,
        targetEnforced: Bool = false
    ) {
        self.regionIndex = regionIndex
        self.unitsTotal = unitsTotal
        self.unitsNextDay = unitsNextDay
        self.ordersTotal = ordersTotal
        self.ordersNextDay = ordersNextDay
        self.splitOrders = splitOrders
        self.shipments = shipments
        self.minimumNextDayShare = minimumNextDayShare
        self.targetUnits = targetUnits
        self.shortfallUnits = shortfallUnits
        self.targetEnforced = targetEnforced
    }

    /// unitsNextDay / unitsTotal; 1 when nothing was ordered.
    public var unitShareNextDay: Double { unitsTotal == 0 ? 1 : Double(unitsNextDay) / Double(unitsTotal) }
    /// ordersNextDay / ordersTotal; 1 when nothing was ordered.
    public var orderShareNextDay: Double { ordersTotal == 0 ? 1 : Double(ordersNextDay) / Double(ordersTotal) }
    /// Whether the unit share reaches the configured minimum; nil when none is configured.
    public var targetMet: Bool? { minimumNextDayShare.map { unitShareNextDay >= $0 - 1e-12 } }
}

/// Service KPIs of an allocation: one row per region with open lines (ascending region index), then the
/// row over all regions (regionIndex nil). The overall row's target is the default share.
public enum ServiceKPIs {
    public static func compute(
        allocation: AllocationResult,
        dataSet: DataSet,
        target: NextDayShareTarget?
    ) -> [ServiceKPI] {
        struct OrderTally {
            var regionIndex: Int
            var units = 0
            var nextDayUnits = 0
            var pickups: Set<Int> = []
            var warehouses: Set<Int> = []
        }
        // Keyed by (order id, region); looked up only, and read back in sorted key order.
        var tallies: [String: [Int: OrderTally]] = [:]
        var unitsByRegion = [Int](repeating: 0, count: dataSet.regions.count)
        var nextDayByRegion = [Int](repeating: 0, count: dataSet.regions.count)
        // Sources: a warehouse by its index, a drop-ship supplier's offer by -1 - its index; a pickup is a source
        // on a ship day.
        let shipped =
            allocation.allocated.map {
                (
                    line: $0.orderIndex, region: $0.regionIndex, units: $0.quantity, source: $0.warehouseIndex,
                    day: $0.shipDayOffset, nextDay: $0.transitDays <= 1 && $0.shipDayOffset == 0
                )
            }
            + allocation.dropShipped.map {
                (
                    line: $0.orderIndex, region: $0.regionIndex, units: $0.quantity, source: -1 - $0.offerIndex,
                    day: $0.shipDayOffset, nextDay: $0.isNextDay
                )
            }
        for line in shipped {
            let order = dataSet.orders[line.line]
            unitsByRegion[line.region] += line.units
            if line.nextDay { nextDayByRegion[line.region] += line.units }
            var tally = tallies[order.orderId, default: [:]][line.region] ?? OrderTally(regionIndex: line.region)
            tally.units += line.units
            if line.nextDay { tally.nextDayUnits += line.units }
            tally.pickups.insert(line.source * 10_000 + line.day)
            tally.warehouses.insert(line.source)
            tallies[order.orderId, default: [:]][line.region] = tally
        }
        for line in allocation.unfilled {
            let order = dataSet.orders[line.orderIndex]
            unitsByRegion[line.regionIndex] += line.quantity
            var tally =
                tallies[order.orderId, default: [:]][line.regionIndex] ?? OrderTally(regionIndex: line.regionIndex)
            tally.units += line.quantity
            tallies[order.orderId, default: [:]][line.regionIndex] = tally
        }

        let regionCount = dataSet.regions.count
        var orders = [Int](repeating: 0, count: regionCount)
        var ordersNextDay = [Int](repeating: 0, count: regionCount)
        var split = [Int](repeating: 0, count: regionCount)
        var shipments = [Int](repeating: 0, count: regionCount)
        var overall = (orders: 0, nextDay: 0, split: 0, shipments: 0)
        for orderId in tallies.keys.sorted() {
            let byRegion = tallies[orderId]!
            var allNextDay = true
            var warehouses: Set<Int> = []
            var pickups: Set<Int> = []
            for regionIndex in byRegion.keys.sorted() {
                let tally = byRegion[regionIndex]!
                orders[regionIndex] += 1
                let regionNextDay = tally.nextDayUnits == tally.units
                if regionNextDay { ordersNextDay[regionIndex] += 1 }
                if tally.warehouses.count > 1 { split[regionIndex] += 1 }
                shipments[regionIndex] += tally.pickups.count
                allNextDay = allNextDay && regionNextDay
                warehouses.formUnion(tally.warehouses)
                pickups.formUnion(tally.pickups)
            }
            overall.orders += 1
            if allNextDay { overall.nextDay += 1 }
            if warehouses.count > 1 { overall.split += 1 }
            overall.shipments += pickups.count
        }

        var rows: [ServiceKPI] = []
        let enforced = target?.enforce ?? false
        var targetTotal = 0
        var shortfallTotal = 0
        for regionIndex in 0..<regionCount where orders[regionIndex] > 0 {
            let share = target?.share(forRegion: dataSet.regions[regionIndex].id)
            let targetUnits = share.map { NextDayTargets.targetUnits(share: $0, openUnits: unitsByRegion[regionIndex]) }
            let shortfall = targetUnits.map { max(0, $0 - nextDayByRegion[regionIndex]) }
            targetTotal += targetUnits ?? 0
            shortfallTotal += shortfall ?? 0
            rows.append(
                ServiceKPI(
                    regionIndex: regionIndex,
                    unitsTotal: unitsByRegion[regionIndex],
                    unitsNextDay: nextDayByRegion[regionIndex],
                    ordersTotal: orders[regionIndex],
                    ordersNextDay: ordersNextDay[regionIndex],
                    splitOrders: split[regionIndex],
                    shipments: shipments[regionIndex],
                    minimumNextDayShare: share,
                    targetUnits: targetUnits,
                    shortfallUnits: shortfall,
                    targetEnforced: enforced
                )
            )
        }
        rows.append(
            ServiceKPI(
                regionIndex: nil,
                unitsTotal: unitsByRegion.reduce(0, +),
                unitsNextDay: nextDayByRegion.reduce(0, +),
                ordersTotal: overall.orders,
                ordersNextDay: overall.nextDay,
                splitOrders: overall.split,
                shipments: overall.shipments,
                minimumNextDayShare: target?.defaultShare,
                targetUnits: target.map { _ in targetTotal },
                shortfallUnits: target.map { _ in shortfallTotal },
                targetEnforced: enforced
            )
        )
        return rows
    }
}
