import PlannerCore

/// Open order lines that the model cannot tell apart: the same (sku, region, priority, release day), and
/// over several days the same promise date.
///
/// Exact reduction: a line's ship arcs are the days from its release day on, from the warehouses with a
/// lane to its region, and an arc's cost depends only on the lane (warehouse, region), the ship day and,
/// when lateness is priced (days > 1), the promise date; its unfilled penalty depends only on its
/// priority; and lines of one SKU draw on the same stock nodes and capacity rows. So within a bucket
/// every line has the same arcs at the same costs. Summing a per-line flow over a bucket gives a bucket
/// flow of equal cost on the same stock and capacity rows; conversely a bucket flow splits into
/// per-line flows of equal cost (hand each line whole units of the bucket's shipments until its
/// quantity is met, the rest unfilled). Both models therefore have the same optimal objective.
struct Bucket {
    var skuIndex: Int
    var regionIndex: Int
    var priority: Int
    /// First day offset the lines may ship: max(0, order date - start day).
    var releaseDayOffset: Int
    /// The lines' promise date when lateness is priced (days > 1); nil for a one-day run.
    var promiseDate: Day?
    /// Indices into `dataSet.orders`, sorted by (order date, order id, index): the fill order.
    var orderIndices: [Int]
    /// Sum of the lines' quantities.
    var quantity: Int
    /// unfilled_penalty_per_unit * priority_weight[priority].
    var unfilledPenaltyPerUnit: Double

    /// Groups the open lines into buckets sorted by (sku index, region index, priority, release day,
    /// promise date). Throws on an index out of range, a line listed twice, a non-positive quantity, a
    /// SKU or region index out of range, a line dated after the horizon, or a non-finite priority weight.
    static func buckets(
        dataSet: DataSet,
        openOrderIndices: [Int],
        startDay: Day,
        days: Int,
        settings: AllocationSettings
    ) throws -> [Bucket] {
        let orders = dataSet.orders
        var isOpen = [Bool](repeating: false, count: orders.count)
        for orderIndex in openOrderIndices {
            guard orders.indices.contains(orderIndex) else {
                throw AllocationError("open order index \(orderIndex) is out of range 0..<\(orders.count)")
            }
            guard !isOpen[orderIndex] else {
                throw AllocationError("order line \(orders[orderIndex].orderId) is listed twice as open")
            }
            isOpen[orderIndex] = true
            let line = orders[orderIndex]
            guard line.quantity > 0 else {
                throw AllocationError("order \(line.orderId): quantity \(line.quantity) is not positive")
            }
            guard dataSet.skus.indices.contains(line.skuIndex), dataSet.regions.indices.contains(line.regionIndex)
            else {
                throw AllocationError("order \(line.orderId) refers to a SKU or region that does not exist")
            }
            guard startDay.days(to: line.orderDate) < days else {
                throw AllocationError(
                    "order \(line.orderId) is dated \(line.orderDate), after the horizon's last day "
                        + "\(startDay.adding(days: days - 1))"
                )
            }
            guard settings.priorityWeight(line.priority).isFinite else {
                throw AllocationError("priority weight of priority \(line.priority) is not finite")
            }
        }

        let pricesLateness = days > 1
        func release(_ line: OrderLine) -> Int { max(0, startDay.days(to: line.orderDate)) }
        func promise(_ line: OrderLine) -> Day? { pricesLateness ? line.effectivePromiseDate : nil }
        let sorted = openOrderIndices.sorted { lhsIndex, rhsIndex in
            let lhs = orders[lhsIndex]
            let rhs = orders[rhsIndex]
            if lhs.skuIndex != rhs.skuIndex { return lhs.skuIndex < rhs.skuIndex }
            if lhs.regionIndex != rhs.regionIndex { return lhs.regionIndex < rhs.regionIndex }
            if lhs.priority != rhs.priority { return lhs.priority < rhs.priority }
            if release(lhs) != release(rhs) { return release(lhs) < release(rhs) }
            if let lhsPromise = promise(lhs), let rhsPromise = promise(rhs), lhsPromise != rhsPromise {
                return lhsPromise < rhsPromise
            }
            if lhs.orderDate != rhs.orderDate { return lhs.orderDate < rhs.orderDate }
            if lhs.orderId != rhs.orderId { return lhs.orderId < rhs.orderId }
            return lhsIndex < rhsIndex
        }

        var buckets: [Bucket] = []
        for orderIndex in sorted {
            let line = orders[orderIndex]
            if let last = buckets.last, last.skuIndex == line.skuIndex, last.regionIndex == line.regionIndex,
                last.priority == line.priority, last.releaseDayOffset == release(line),
                last.promiseDate == promise(line)
            {
                buckets[buckets.count - 1].orderIndices.append(orderIndex)
                buckets[buckets.count - 1].quantity += line.quantity
            } else {
                buckets.append(
                    Bucket(
                        skuIndex: line.skuIndex,
                        regionIndex: line.regionIndex,
                        priority: line.priority,
                        releaseDayOffset: release(line),
                        promiseDate: promise(line),
                        orderIndices: [orderIndex],
                        quantity: line.quantity,
                        unfilledPenaltyPerUnit: settings.unfilledPenaltyPerUnit
                            * settings.priorityWeight(line.priority)
                    )
                )
            }
        }
        return buckets
    }
}
