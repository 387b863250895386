import PlannerCore

/// Open order lines with the same (sku, region, priority), which the model cannot tell apart.
///
/// Exact reduction: a line's shipping cost depends only on (warehouse, region) and its unfilled
/// penalty only on its priority, and lines of one SKU draw on the same stock rows and capacity rows.
/// Summing a per-line solution over a bucket gives a bucket solution of equal cost that meets the
/// same stock and capacity rows; conversely any bucket solution splits into a per-line solution of
/// equal cost (hand each line whole units of the bucket's shipments until its quantity is met, the
/// rest being unfilled; the totals match because the bucket's quantity is the sum of its lines').
/// So the bucketed LP and the per-line LP have the same optimal objective.
struct Bucket {
    var skuIndex: Int
    var regionIndex: Int
    var priority: Int
    /// Indices into `dataSet.orders`, sorted by (order date, order id, index): the fill order.
    var orderIndices: [Int]
    /// Sum of the lines' quantities.
    var quantity: Int
    /// unfilled_penalty_per_unit * priority_weight[priority].
    var unfilledPenaltyPerUnit: Double

    /// Groups the open lines into buckets sorted by (sku index, region index, priority).
    /// Throws on an index out of range, a repeated open index, a non-positive quantity or a
    /// non-finite priority weight.
    static func buckets(dataSet: DataSet, openOrderIndices: [Int], settings: AllocationSettings) throws -> [Bucket] {
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
            guard settings.priorityWeight(line.priority).isFinite else {
                throw AllocationError("priority weight of priority \(line.priority) is not finite")
            }
        }

        let sorted = openOrderIndices.sorted { lhsIndex, rhsIndex in
            let lhs = orders[lhsIndex]
            let rhs = orders[rhsIndex]
            if lhs.skuIndex != rhs.skuIndex { return lhs.skuIndex < rhs.skuIndex }
            if lhs.regionIndex != rhs.regionIndex { return lhs.regionIndex < rhs.regionIndex }
            if lhs.priority != rhs.priority { return lhs.priority < rhs.priority }
            if lhs.orderDate != rhs.orderDate { return lhs.orderDate < rhs.orderDate }
            if lhs.orderId != rhs.orderId { return lhs.orderId < rhs.orderId }
            return lhsIndex < rhsIndex
        }

        var buckets: [Bucket] = []
        for orderIndex in sorted {
            let line = orders[orderIndex]
            if let last = buckets.last, last.skuIndex == line.skuIndex, last.regionIndex == line.regionIndex,
                last.priority == line.priority
            {
                buckets[buckets.count - 1].orderIndices.append(orderIndex)
                buckets[buckets.count - 1].quantity += line.quantity
            } else {
                buckets.append(
                    Bucket(
                        skuIndex: line.skuIndex,
                        regionIndex: line.regionIndex,
                        priority: line.priority,
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
