import PlannerCore

/// Open order lines with the same (sku, region, priority, release day, promise date).
///
/// Exact reduction, as for the single-day `Bucket`: a line's ship arcs are the days from its release
/// day on, from the warehouses with a lane to its region, and an arc's cost depends only on the lane
/// (warehouse, region), the ship day and the promise date; its unfilled penalty depends only on its
/// priority; and lines of one SKU draw on the same stock nodes and capacity rows. So within a bucket
/// every line has the same arcs at the same costs. Summing a per-line flow over a bucket gives a bucket
/// flow of equal cost on the same stock and capacity rows; conversely a bucket flow splits into
/// per-line flows of equal cost (hand each line whole units of the bucket's shipments until its
/// quantity is met, the rest unfilled). Both models therefore have the same optimal objective.
struct MultiDayBucket {
    var skuIndex: Int
    var regionIndex: Int
    var priority: Int
    /// First day offset the lines may ship: max(0, order date - start day).
    var releaseDayOffset: Int
    var promiseDate: Day
    /// Indices into `dataSet.orders`, sorted by (order date, order id, index): the fill order.
    var orderIndices: [Int]
    /// Sum of the lines' quantities.
    var quantity: Int
    /// unfilled_penalty_per_unit * priority_weight[priority].
    var unfilledPenaltyPerUnit: Double

    /// Groups the lines open within the horizon (order date <= start day + days - 1) into buckets sorted by
    /// (sku index, region index, priority, release day, promise date). Throws on a non-positive quantity,
    /// a SKU or region index out of range, or a non-finite priority weight.
    static func buckets(
        dataSet: DataSet,
        startDay: Day,
        days: Int,
        settings: AllocationSettings
    ) throws
        -> [MultiDayBucket]
    {
        let orders = dataSet.orders
        let openIndices = MultiDayAllocator.openOrderIndices(dataSet: dataSet, startDay: startDay, days: days)
        for orderIndex in openIndices {
            let line = orders[orderIndex]
            guard line.quantity > 0 else {
                throw AllocationError("order \(line.orderId): quantity \(line.quantity) is not positive")
            }
            guard dataSet.skus.indices.contains(line.skuIndex), dataSet.regions.indices.contains(line.regionIndex)
            else {
                throw AllocationError("order \(line.orderId) refers to a SKU or region that does not exist")
            }
            guard settings.priorityWeight(line.priority).isFinite else {
                throw AllocationError("priority weight of priority \(line.priority) is not finite")
            }
        }

        func release(_ line: OrderLine) -> Int { max(0, startDay.days(to: line.orderDate)) }
        let sorted = openIndices.sorted { lhsIndex, rhsIndex in
            let lhs = orders[lhsIndex]
            let rhs = orders[rhsIndex]
            if lhs.skuIndex != rhs.skuIndex { return lhs.skuIndex < rhs.skuIndex }
            if lhs.regionIndex != rhs.regionIndex { return lhs.regionIndex < rhs.regionIndex }
            if lhs.priority != rhs.priority { return lhs.priority < rhs.priority }
            if release(lhs) != release(rhs) { return release(lhs) < release(rhs) }
            if lhs.effectivePromiseDate != rhs.effectivePromiseDate {
                return lhs.effectivePromiseDate < rhs.effectivePromiseDate
            }
            if lhs.orderDate != rhs.orderDate { return lhs.orderDate < rhs.orderDate }
            if lhs.orderId != rhs.orderId { return lhs.orderId < rhs.orderId }
            return lhsIndex < rhsIndex
        }

        var buckets: [MultiDayBucket] = []
        for orderIndex in sorted {
            let line = orders[orderIndex]
            if let last = buckets.last, last.skuIndex == line.skuIndex, last.regionIndex == line.regionIndex,
                last.priority == line.priority, last.releaseDayOffset == release(line),
                last.promiseDate == line.effectivePromiseDate
            {
                buckets[buckets.count - 1].orderIndices.append(orderIndex)
                buckets[buckets.count - 1].quantity += line.quantity
            } else {
                buckets.append(
                    MultiDayBucket(
                        skuIndex: line.skuIndex,
                        regionIndex: line.regionIndex,
                        priority: line.priority,
                        releaseDayOffset: release(line),
                        promiseDate: line.effectivePromiseDate,
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
