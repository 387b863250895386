import Flow
import PlannerCore

/// The allocation model as a time-expanded network (days = 1 is the daily run): one `FlowComponent` per
/// SKU with open lines, coupled by one capacity row per (warehouse, day) with a finite capacity.
///
/// Nodes of a component, in this order: stock nodes (w, d) for each warehouse w holding or receiving
/// the SKU with a lane to one of the component's regions (ascending w; the others could ship nothing),
/// for the days d from its first stock on (earlier nodes could hold no flow);
/// one node per bucket; one slack node. Supplies: (w, d) gets the units available that day (on hand on
/// day 0, plus arrivals), a bucket -quantity, the slack node sum(quantity) - sum(stock).
/// Arcs, in this order: carry (w, d) -> (w, d + 1), cost 0, uncapacitated (stock kept for a later day);
/// ship (w, d) -> bucket for d >= the bucket's release day, per lane, cost = effective lane cost +
/// late_penalty_per_unit_per_day * days late, counted against row (w, d) when its capacity is finite;
/// unfilled slack -> bucket, cost = unfilled penalty * priority weight; leftover (w, last day) -> slack,
/// cost 0. Every unit of stock can reach the slack node and every demand can be met from it, so each
/// component has a feasible flow that uses no coupled arc, as `FlowComponent` requires.
///
/// Integrality: with days = 1 the coupled LP is totally unimodular (see `CompactProgram`). Over several
/// days each component alone is still a network (integral), but the coupled LP is not totally unimodular. On the ship arcs, the rows "units of s from w by day D"
/// (carries) and "units from w on day d" (capacity) cross rather than nest, and five arcs can close an
/// odd cycle: (b1, w, 0) and (b3, w, 0) in capacity (w, 0); (b1, w, 0) and (b1, w', 1) in bucket b1;
/// (b1, w', 1) and (b2, w', 0) in the stock of s at w' by day 1; (b2, w', 0) and (b3, w', 0) in
/// capacity (w', 0); (b3, w', 0) and (b3, w, 0) in bucket b3. Such an LP can have a half-integral
/// optimum strictly below the integer one (`MultiDayIntegralityTests`: 86 against 87), so the solver
/// must branch when its vertex is fractional.
struct TimeExpandedNetwork {
    /// A ship arc: bucket `bucketIndex` served from `warehouseIndex` on `dayOffset` over the lane in slot
    /// `laneSlot` of `network.lanesByRegion[region]`.
    struct ShipArc {
        var arc: Int
        var warehouseIndex: Int
        var laneSlot: Int
        var dayOffset: Int
        var daysLate: Int
        var costPerUnit: Double
    }

    /// The stock nodes of one warehouse in one component.
    struct StockChain {
        var warehouseIndex: Int
        /// Day offset of the chain's first node.
        var firstDay: Int
        /// Node index of (w, firstDay); node of day d is `firstNode + d - firstDay`.
        var firstNode: Int
        /// Units becoming available per day offset (all `days` of them; zero before `firstDay`).
        var unitsByDay: [Int]
        /// Arc index of the carry arc leaving (w, d), per d in firstDay..<days - 1 (index d - firstDay).
        var carryArcs: [Int]
        /// Arc index of (w, last day) -> slack.
        var leftoverArc: Int
    }

    var problem: CoupledFlowProblem
    /// SKU of each component; ascending.
    var skuIndexByComponent: [Int]
    /// Component of each bucket.
    var componentByBucket: [Int]
    /// Buckets of each component (they are contiguous: buckets are sorted by SKU first).
    var bucketRangeByComponent: [Range<Int>] = []
    /// Ship arcs of each bucket, sorted by (warehouse index, day offset).
    var shipArcsByBucket: [[ShipArc]]
    /// Arc index of each bucket's unfilled arc (slack -> bucket).
    var unfilledArcByBucket: [Int]
    /// Stock chains of each component, ascending warehouse index.
    var chainsByComponent: [[StockChain]]
    /// Coupling row of (warehouse, day offset), nil where the capacity is unlimited.
    var couplingRowByWarehouseDay: [[Int?]]

    var arcCount: Int { problem.components.reduce(0) { $0 + $1.arcs.count } }
    var nodeCount: Int { problem.components.reduce(0) { $0 + $1.supply.count } }

    init(buckets: [Bucket], horizon: Horizon) {
        let days = horizon.days
        var couplingCapacity: [Int] = []
        couplingRowByWarehouseDay = horizon.capacityUnits.map { capacities in
            capacities.map { capacity in
                guard let capacity else { return nil }
                couplingCapacity.append(capacity)
                return couplingCapacity.count - 1
            }
        }

        var components: [FlowComponent] = []
        skuIndexByComponent = []
        componentByBucket = []
        shipArcsByBucket = []
        unfilledArcByBucket = []
        chainsByComponent = []
        var bucketStart = 0
        while bucketStart < buckets.count {
            let skuIndex = buckets[bucketStart].skuIndex
            var bucketEnd = bucketStart
            while bucketEnd < buckets.count, buckets[bucketEnd].skuIndex == skuIndex { bucketEnd += 1 }

            var supply: [Int] = []
            var arcs: [FlowArc] = []
            var chains: [StockChain] = []
            var chainByWarehouse: [Int: Int] = [:]  // looked up only, never iterated
            var reachable = Set<Int>()  // looked up only
            for bucket in buckets[bucketStart..<bucketEnd] {
                for lane in horizon.network.lanesByRegion[bucket.regionIndex] { reachable.insert(lane.warehouseIndex) }
            }
            for (warehouseIndex, unitsByDay) in horizon.supplyByWarehouse(skuIndex: skuIndex)
            where reachable.contains(warehouseIndex) {
                let firstDay = unitsByDay.firstIndex { $0 > 0 }!
                chainByWarehouse[warehouseIndex] = chains.count
                chains.append(
                    StockChain(
                        warehouseIndex: warehouseIndex,
                        firstDay: firstDay,
                        firstNode: supply.count,
                        unitsByDay: unitsByDay,
                        carryArcs: [],
                        leftoverArc: -1
                    )
                )
                supply.append(contentsOf: unitsByDay[firstDay...])
            }
            let firstBucketNode = supply.count
            let slackNode = firstBucketNode + (bucketEnd - bucketStart)
            for index in chains.indices {
                for day in chains[index].firstDay..<(days - 1) {
                    let node = chains[index].firstNode + day - chains[index].firstDay
                    chains[index].carryArcs.append(arcs.count)
                    arcs.append(FlowArc(tail: node, head: node + 1, costPerUnit: 0))
                }
            }
            for bucketIndex in bucketStart..<bucketEnd {
                let bucket = buckets[bucketIndex]
                let bucketNode = firstBucketNode + bucketIndex - bucketStart
                supply.append(-bucket.quantity)
                var shipArcs: [ShipArc] = []
                for (slot, lane) in horizon.network.lanesByRegion[bucket.regionIndex].enumerated() {
                    guard let chainIndex = chainByWarehouse[lane.warehouseIndex] else { continue }
                    let chain = chains[chainIndex]
                    for day in max(bucket.releaseDayOffset, chain.firstDay)..<days {
                        let daysLate =
                            bucket.promiseDate.map {
                                horizon.daysLate(dayOffset: day, transitDays: lane.transitDays, promiseDate: $0)
                            } ?? 0
                        let cost = lane.effectiveCostPerUnit + horizon.latePenaltyPerUnitPerDay * Double(daysLate)
                        shipArcs.append(
                            ShipArc(
                                arc: arcs.count,
                                warehouseIndex: lane.warehouseIndex,
                                laneSlot: slot,
                                dayOffset: day,
                                daysLate: daysLate,
                                costPerUnit: cost
                            )
                        )
                        arcs.append(
                            FlowArc(
                                tail: chain.firstNode + day - chain.firstDay,
                                head: bucketNode,
                                costPerUnit: cost,
                                couplingRow: couplingRowByWarehouseDay[lane.warehouseIndex][day]
                            )
                        )
                    }
                }
                shipArcsByBucket.append(shipArcs)
                componentByBucket.append(components.count)
                unfilledArcByBucket.append(arcs.count)
                arcs.append(FlowArc(tail: slackNode, head: bucketNode, costPerUnit: bucket.unfilledPenaltyPerUnit))
            }
            for index in chains.indices {
                chains[index].leftoverArc = arcs.count
                let lastNode = chains[index].firstNode + days - 1 - chains[index].firstDay
                arcs.append(FlowArc(tail: lastNode, head: slackNode, costPerUnit: 0))
            }
            supply.append(-supply.reduce(0, +))

            components.append(FlowComponent(supply: supply, arcs: arcs))
            skuIndexByComponent.append(skuIndex)
            chainsByComponent.append(chains)
            bucketRangeByComponent.append(bucketStart..<bucketEnd)
            bucketStart = bucketEnd
        }
        problem = CoupledFlowProblem(components: components, couplingCapacityUnits: couplingCapacity)
    }
}
