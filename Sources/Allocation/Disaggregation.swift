import PlannerCore

/// Splits the bucket solution back to order lines, in whole units, and labels unfilled units.
///
/// Within a bucket, lines are filled in (order date, order id) order, each taking warehouses in
/// ascending (effective cost, warehouse index) order; what is left of the bucket is unfilled.
struct Disaggregation {
    var allocated: [AllocatedLine] = []
    var unfilled: [UnfilledLine] = []

    init(
        dataSet: DataSet,
        buckets: [Bucket],
        network: AllocationNetwork,
        shipmentsByBucket: [[BucketShipment]]
    ) {
        let warehouseCount = dataSet.warehouses.count
        var shippedBySku = Array(repeating: [Int: Int](), count: warehouseCount)
        var shippedTotal = [Int](repeating: 0, count: warehouseCount)

        var pendingUnfilled: [(bucketIndex: Int, orderIndex: Int, quantity: Int)] = []
        for (bucketIndex, bucket) in buckets.enumerated() {
            let lanes = network.lanesByRegion[bucket.regionIndex]
            var sources = shipmentsByBucket[bucketIndex].filter { $0.units > 0 }.map { (arc: $0, remaining: $0.units) }
            sources.sort { lhs, rhs in
                let lhsCost = lanes[lhs.arc.laneSlot].effectiveCostPerUnit
                let rhsCost = lanes[rhs.arc.laneSlot].effectiveCostPerUnit
                return lhsCost != rhsCost ? lhsCost < rhsCost : lhs.arc.warehouseIndex < rhs.arc.warehouseIndex
            }
            for source in sources {
                shippedBySku[source.arc.warehouseIndex][bucket.skuIndex, default: 0] += source.remaining
                shippedTotal[source.arc.warehouseIndex] += source.remaining
            }
            var next = 0
            for orderIndex in bucket.orderIndices {
                var open = dataSet.orders[orderIndex].quantity
                while open > 0, next < sources.count {
                    let take = min(open, sources[next].remaining)
                    let lane = lanes[sources[next].arc.laneSlot]
                    allocated.append(
                        AllocatedLine(
                            orderIndex: orderIndex,
                            skuIndex: bucket.skuIndex,
                            regionIndex: bucket.regionIndex,
                            warehouseIndex: lane.warehouseIndex,
                            quantity: take,
                            transitDays: lane.transitDays,
                            costPerUnit: lane.costPerUnit,
                            carrier: lane.carrier
                        )
                    )
                    open -= take
                    sources[next].remaining -= take
                    if sources[next].remaining == 0 { next += 1 }
                }
                if open > 0 { pendingUnfilled.append((bucketIndex, orderIndex, open)) }
            }
            // Every shipped unit found a line: OrderAllocator checked shipped + unfilled = quantity.
            assert(next == sources.count, "bucket \(bucketIndex) shipped more than its lines ordered")
        }

        for pending in pendingUnfilled {
            let bucket = buckets[pending.bucketIndex]
            let reason = Self.reason(
                skuIndex: bucket.skuIndex,
                lanes: network.lanesByRegion[bucket.regionIndex],
                network: network,
                shippedBySku: shippedBySku,
                shippedTotal: shippedTotal
            )
            unfilled.append(
                UnfilledLine(
                    orderIndex: pending.orderIndex,
                    skuIndex: bucket.skuIndex,
                    regionIndex: bucket.regionIndex,
                    quantity: pending.quantity,
                    reason: reason
                )
            )
        }
        allocated.sort { lhs, rhs in
            lhs.orderIndex != rhs.orderIndex ? lhs.orderIndex < rhs.orderIndex : lhs.warehouseIndex < rhs.warehouseIndex
        }
        unfilled.sort { $0.orderIndex < $1.orderIndex }
    }

    /// Why units of `skuIndex` bound for a region served by `lanes` stay unfilled, given what ships.
    /// Checked in this order: no lane; no stock on any lane; a lane with stock and capacity left
    /// (so shipping was dearer than the penalty); a lane with stock left but capacity used; else all
    /// reachable stock shipped.
    static func reason(
        skuIndex: Int,
        lanes: [ModelLane],
        network: AllocationNetwork,
        shippedBySku: [[Int: Int]],
        shippedTotal: [Int]
    ) -> UnfilledReason {
        guard !lanes.isEmpty else { return .noLane }
        let stocked = lanes.map(\.warehouseIndex).filter { network.availableUnits[$0][skuIndex] > 0 }
        guard !stocked.isEmpty else { return .noStock }
        let withStockLeft = stocked.filter { warehouseIndex in
            network.availableUnits[warehouseIndex][skuIndex] > shippedBySku[warehouseIndex][skuIndex, default: 0]
        }
        let withCapacityLeft = withStockLeft.filter { warehouseIndex in
            network.capacityUnits[warehouseIndex].map { shippedTotal[warehouseIndex] < $0 } ?? true
        }
        if !withCapacityLeft.isEmpty { return .uneconomic }
        if !withStockLeft.isEmpty { return .capacity }
        return .stockExhausted
    }
}
