import InventoryPolicy
import PlannerCore

/// Why stock runs out despite the plan.
public enum ShortfallCause: String, Sendable, CaseIterable {
    /// The SKU has no supplier.
    case noSupplier = "no_supplier"
    /// No supplier able to supply could arrive before the stock-out, whenever it was ordered.
    case leadTime = "lead_time"
    /// Units the plan asked for by the stock-out found no supplier with capacity (or MOQ under it) left.
    case supplierCapacity = "supplier_capacity"
    /// A supplier could have delivered in time, but the order went out too late: the reorder level did not
    /// cover demand over the lead time actually obtained (a backup's longer lead time, a disruption's extra
    /// days, or a peak above the policy's mean).
    case lateOrder = "late_order"
}

/// One projected stock-out episode of a SKU at a warehouse (or a week of drop-ship volume no supplier takes).
///
/// Net stock is projected day by day with every known receipt and the forecast, backorders allowed: net(t) =
/// net(t - 1) + receipts(t) - demand(t). Units short on a day = the day's demand not served from stock,
/// min(demand(t), max(0, -net(t))) (backorders are served first in, first out). An episode is a run of days
/// with net < 0; it is reported when its units short round to at least one unit.
public struct SupplyShortfall: Sendable, Equatable {
    public var skuIndex: Int
    public var warehouseIndex: Int
    public var abcClass: ABCClass
    public var cause: ShortfallCause
    /// First day with net stock below zero.
    public var stockoutDate: Day
    /// Last day of the episode with net stock below zero.
    public var lastShortDate: Day
    /// Day a receipt brings net stock back to zero or above; nil when that is not within the horizon.
    public var recoveryDate: Day?
    public var shortfallDays: Int
    /// Forecast units not served from stock on the day they are demanded, rounded to whole units.
    public var shortfallUnits: Int
    /// A-class with presale: the part of the short units that known receipts will serve, to be sold ahead.
    public var presaleUnits: Int
    /// The day the last of the presale units can be delivered: the receipt that clears them.
    public var promisedDate: Day?

    public init(
        skuIndex: Int,
        warehouseIndex: Int,
        abcClass: ABCClass,
        cause: ShortfallCause,
        stockoutDate: Day,
        lastShortDate: Day,
        recoveryDate: Day?,
        shortfallDays: Int,
        shortfallUnits: Int,
        presaleUnits: Int,
        promisedDate: Day?
    ) {
        self.skuIndex = skuIndex
        self.warehouseIndex = warehouseIndex
        self.abcClass = abcClass
        self.cause = cause
        self.stockoutDate = stockoutDate
        self.lastShortDate = lastShortDate
        self.recoveryDate = recoveryDate
        self.shortfallDays = shortfallDays
        self.shortfallUnits = shortfallUnits
        self.presaleUnits = presaleUnits
        self.promisedDate = promisedDate
    }
}

/// The supplier plan of a run: purchase (and drop-ship) orders, and the stock-outs they cannot prevent.
public struct SupplyPlan: Sendable {
    public var orders: [PlannedSupplyOrder]
    public var shortfalls: [SupplyShortfall]
    /// The projected stock of every stocked (sku, warehouse) policy, in policy order within each SKU.
    public var projections: [ProjectedStock] = []

    public init(orders: [PlannedSupplyOrder], shortfalls: [SupplyShortfall], projections: [ProjectedStock] = []) {
        self.orders = orders
        self.shortfalls = shortfalls
        self.projections = projections
    }
}

/// Net stock of one stocked (sku, warehouse) policy at the end of each horizon day, with every receipt the plan
/// books (on order, supplier orders, resellable returns, stock adjustments): net(t) = net(t - 1) + receipts(t) -
/// forecast(t), net(-1) = on hand after today's shipments. Negative net is a backlog; on hand is max(0, net).
public struct ProjectedStock: Sendable, Equatable {
    public var skuIndex: Int
    public var warehouseIndex: Int
    public var netUnitsPerDay: [Double]
    /// Net stock before the first day: on hand after today's shipments.
    public var startingUnits: Double

    public init(skuIndex: Int, warehouseIndex: Int, netUnitsPerDay: [Double], startingUnits: Double) {
        self.skuIndex = skuIndex
        self.warehouseIndex = warehouseIndex
        self.netUnitsPerDay = netUnitsPerDay
        self.startingUnits = startingUnits
    }
}

/// Stock-out episodes of one projected series (see ``SupplyShortfall``). Day offsets count from the plan date.
struct ShortfallScan {
    struct Episode: Equatable {
        var startOffset: Int
        var lastShortOffset: Int
        /// Within the horizon; nil when the episode is still open at its end.
        var recoveryOffset: Int?
        var days: Int
        /// Units short, unrounded.
        var shortUnits: Double
        /// Backlog of the episode left after every known receipt, after the horizon too (receipts after the
        /// horizon are applied in date order, with no further demand since none is forecast).
        var unservedUnits: Double
        /// The receipt that served the episode's last served unit; nil when no receipt served any.
        var servingOffset: Int?
    }

    /// `receipts` maps a day offset (any, also beyond the horizon) to units received at its start.
    static func episodes(startingStock: Double, demand: [Double], receipts: [Int: Double]) -> [Episode] {
        var episodes: [Episode] = []
        var net = startingStock
        var open: Episode? = nil
        for offset in demand.indices {
            let received = receipts[offset] ?? 0
            net += received
            if var episode = open, received > 0 {
                episode.servingOffset = offset
                open = episode
            }
            net -= demand[offset]
            let short = min(demand[offset], max(0, -net))
            if net < -1e-9 {
                var episode =
                    open
                    ?? Episode(
                        startOffset: offset,
                        lastShortOffset: offset,
                        recoveryOffset: nil,
                        days: 0,
                        shortUnits: 0,
                        unservedUnits: 0,
                        servingOffset: nil
                    )
                episode.lastShortOffset = offset
                episode.days += 1
                episode.shortUnits += short
                open = episode
            } else if var episode = open {
                episode.recoveryOffset = offset
                episode.servingOffset = offset
                episodes.append(episode)
                open = nil
            }
        }
        if var episode = open {
            var backlog = -net
            for offset in receipts.keys.sorted() where offset >= demand.count && backlog > 1e-9 {
                backlog -= receipts[offset]!
                episode.servingOffset = offset
            }
            episode.unservedUnits = min(episode.shortUnits, max(0, backlog))
            episodes.append(episode)
        }
        return episodes
    }
}
