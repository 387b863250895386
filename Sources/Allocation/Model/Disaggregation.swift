import PlannerCore

/// Splits a bucket flow back to order lines, in whole units, and labels unfilled units.
///
/// Within a bucket, lines are filled in (order date, order id) order; each takes the bucket's
/// shipments in ascending (ship day, cost per unit of the arc, warehouse index) order, so earlier
/// orders get the earliest and then cheapest units; what is left of the bucket is unfilled.
struct Disaggregation {
    var allocated: [AllocatedLine] = []
    var unfilled: [UnfilledLine] = []

    init(
        dataSet: DataSet,
        buckets: [Bucket],
        network: TimeExpandedNetwork,
        horizon: Horizon,
        flowUnits: [[Int]]
    ) {
        var pendingUnfilled: [(bucketIndex: Int, orderIndex: Int, quantity: Int)] = []
        for (bucketIndex, bucket) in buckets.enumerated() {
            let component = network.componentByBucket[bucketIndex]
            let lanes = horizon.network.lanesByRegion[bucket.regionIndex]
            var sources = network.shipArcsByBucket[bucketIndex]
                .map { (arc: $0, remaining: flowUnits[component][$0.arc]) }
                .filter { $0.remaining > 0 }
            sources.sort { lhs, rhs in
                if lhs.arc.dayOffset != rhs.arc.dayOffset { return lhs.arc.dayOffset < rhs.arc.dayOffset }
                if lhs.arc.costPerUnit != rhs.arc.costPerUnit { return lhs.arc.costPerUnit < rhs.arc.costPerUnit }
                return lhs.arc.warehouseIndex < rhs.arc.warehouseIndex
            }
            var next = 0
            for orderIndex in bucket.orderIndices {
                var open = dataSet.orders[orderIndex].quantity
                while open > 0, next < sources.count {
                    let take = min(open, sources[next].remaining)
                    let shipArc = sources[next].arc
                    let lane = lanes[shipArc.laneSlot]
                    allocated.append(
                        AllocatedLine(
                            orderIndex: orderIndex,
                            skuIndex: bucket.skuIndex,
                            regionIndex: bucket.regionIndex,
                            warehouseIndex: lane.warehouseIndex,
                            quantity: take,
                            transitDays: lane.transitDays,
                            costPerUnit: lane.costPerUnit,
                            carrier: lane.carrier,
                            shipDayOffset: shipArc.dayOffset,
                            daysLate: horizon.days > 1 ? shipArc.daysLate : nil
                        )
                    )
                    open -= take
                    sources[next].remaining -= take
                    if sources[next].remaining == 0 { next += 1 }
                }
                if open > 0 { pendingUnfilled.append((bucketIndex, orderIndex, open)) }
            }
            // Every shipped unit found a line: the allocator checked the bucket node's balance.
            assert(next == sources.count, "bucket \(bucketIndex) shipped more than its lines ordered")
        }

        let judge = UnfilledJudge(network: network, horizon: horizon, flowUnits: flowUnits)
        for pending in pendingUnfilled {
            let bucket = buckets[pending.bucketIndex]
            unfilled.append(
                UnfilledLine(
                    orderIndex: pending.orderIndex,
                    skuIndex: bucket.skuIndex,
                    regionIndex: bucket.regionIndex,
                    quantity: pending.quantity,
                    reason: judge.reason(bucket: bucket, component: network.componentByBucket[pending.bucketIndex])
                )
            )
        }
        allocated.sort { lhs, rhs in
            if lhs.orderIndex != rhs.orderIndex { return lhs.orderIndex < rhs.orderIndex }
            if lhs.shipDayOffset != rhs.shipDayOffset { return lhs.shipDayOffset < rhs.shipDayOffset }
            return lhs.warehouseIndex < rhs.warehouseIndex
        }
        unfilled.sort { $0.orderIndex < $1.orderIndex }
    }
}

/// Why units of a bucket stay unfilled, judged over the whole horizon. Checked in this order: no lane reaches the region; no reachable
/// warehouse holds or receives the SKU within the horizon; a reachable warehouse has, on some day from
/// the bucket's release on, stock that nobody ships then or later and spare capacity (so shipping cost
/// at least the penalty: `uneconomic`); a reachable warehouse keeps stock to the end but has no spare
/// capacity on the days it could ship it (`capacity`); else every reachable unit ships
/// (`stock_exhausted`).
struct UnfilledJudge {
    let network: TimeExpandedNetwork
    let horizon: Horizon
    /// Units used of each coupling row.
    let usedUnits: [Int]
    /// Per component, per chain, per day offset: stock at (w, d) that no later ship arc uses, that is
    /// min over j >= d of the carry out of (w, j) (the leftover arc on the last day); 0 before the chain.
    let freeUnitsByChain: [[[Int]]]

    init(network: TimeExpandedNetwork, horizon: Horizon, flowUnits: [[Int]]) {
        self.network = network
        self.horizon = horizon
        var used = [Int](repeating: 0, count: network.problem.couplingCapacityUnits.count)
        for (component, flowComponent) in network.problem.components.enumerated() {
            for (arc, flowArc) in flowComponent.arcs.enumerated() {
                if let row = flowArc.couplingRow { used[row] += flowUnits[component][arc] }
            }
        }
        usedUnits = used
        freeUnitsByChain = network.chainsByComponent.enumerated().map { component, chains in
            chains.map { chain in
                var free = [Int](repeating: 0, count: horizon.days)
                var running = flowUnits[component][chain.leftoverArc]
                for day in stride(from: horizon.days - 1, through: chain.firstDay, by: -1) {
                    if day < horizon.days - 1 {
                        running = min(running, flowUnits[component][chain.carryArcs[day - chain.firstDay]])
                    }
                    free[day] = running
                }
                return free
            }
        }
    }

    func reason(bucket: Bucket, component: Int) -> UnfilledReason {
        let lanes = horizon.network.lanesByRegion[bucket.regionIndex]
        guard !lanes.isEmpty else { return .noLane }
        let chains = network.chainsByComponent[component]
        let reachable = chains.indices.filter { chainIndex in
            lanes.contains { $0.warehouseIndex == chains[chainIndex].warehouseIndex }
        }
        guard !reachable.isEmpty else { return .noStock }
        let lastDay = horizon.days - 1
        let withStockLeft = reachable.filter { freeUnitsByChain[component][$0][lastDay] > 0 }
        for chainIndex in withStockLeft {
            let warehouseIndex = chains[chainIndex].warehouseIndex
            for day in bucket.releaseDayOffset...lastDay where freeUnitsByChain[component][chainIndex][day] > 0 {
                guard let row = network.couplingRowByWarehouseDay[warehouseIndex][day] else { return .uneconomic }
                if usedUnits[row] < network.problem.couplingCapacityUnits[row] { return .uneconomic }
            }
        }
        return withStockLeft.isEmpty ? .stockExhausted : .capacity
    }
}
