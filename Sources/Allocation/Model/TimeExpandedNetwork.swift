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
/// With enforced next-day targets (`NextDayTargets`) each bucket of a region with a target gets a node of its
/// own, placed after the bucket nodes and before the slack node: its unfilled arc and its ship arcs that are not
/// next day (not day 0, or more than a day in transit) end there, and one arc, cost 0, takes their units on to
/// the bucket, counted against the region's elastic row. Every arc keeps at most one coupling row.
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
    /// A ship arc: a bucket served from `warehouseIndex` on `dayOffset` over the lane in slot `laneSlot` of
    /// `network.lanesByRegion[region]`, or by a drop-ship supplier.
    struct ShipArc {
        var arc: Int
        /// A warehouse, or (from `Horizon.warehouseCount` on) a drop-ship source (`Horizon.dropShipSource`).
        var warehouseIndex: Int
        /// The lane's slot; nil for a drop-ship source.
        var laneSlot: Int?
        var dayOffset: Int
        var daysLate: Int
        /// The arc's cost in the model: `effectiveCostPerUnit` plus the late penalty.
        var costPerUnit: Double
        /// Days from shipping to delivery: the lane's transit days, or the supplier's delivery days.
        var transitDays: Int
        /// The lane's cost_per_unit or the supplier's drop-ship cost, without penalties.
        var baseCostPerUnit: Double
        /// `baseCostPerUnit` plus the next-day miss penalty when `transitDays` > 1.
        var effectiveCostPerUnit: Double

        /// Whether a drop-ship supplier serves the bucket over this arc.
        var isDropShip: Bool { laneSlot == nil }

        /// Delivered next day: leaves on day offset 0 and spends at most one day in transit (`ServiceKPI`).
        var isNextDay: Bool { dayOffset == 0 && transitDays <= 1 }
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
    /// Elastic next-day row of each region with an enforced target (after the capacity rows), else nil.
    var shareRowByRegion: [Int?] = []
    /// Per bucket of a region with a row: the arc from its node of units not delivered next day to the bucket.
    var shareArcByBucket: [Int?] = []
    /// Penalty per unit short of a next-day target; 0 without targets.
    var nextDayPenaltyPerUnit = 0.0

    /// Days of the horizon.
    var days: Int

    var arcCount: Int { problem.components.reduce(0) { $0 + $1.arcs.count } }
    var nodeCount: Int { problem.components.reduce(0) { $0 + $1.supply.count } }

    /// - Parameters:
    ///   - nextDay: enforced next-day targets; nil: none.
    ///   - penaltyFactor: the next-day penalty is `NextDayTargets.startingPenalty` times this.
    init(buckets: [Bucket], horizon: Horizon, nextDay: NextDayTargets? = nil, penaltyFactor: Double = 1) {
        let days = horizon.days
        self.days = days
        var couplingCapacity: [Int] = []
        couplingRowByWarehouseDay = horizon.capacityUnits.map { capacities in
            capacities.map { capacity in
                guard let capacity else { return nil }
                couplingCapacity.append(capacity)
                return couplingCapacity.count - 1
            }
        }
        // Drop-ship sources have no capacity row: their limit is their own stock chain.
        couplingRowByWarehouseDay += horizon.dropShipSources.map { _ in [Int?](repeating: nil, count: days) }
        let capacityRowCount = couplingCapacity.count
        shareRowByRegion = [Int?](repeating: nil, count: horizon.network.lanesByRegion.count)
        if let nextDay {
            for regionIndex in nextDay.regions {
                shareRowByRegion[regionIndex] = couplingCapacity.count
                couplingCapacity.append(
                    nextDay.openUnitsByRegion[regionIndex] - nextDay.targetUnitsByRegion[regionIndex]
                )
            }
        }
        var largestUnitCost = 0.0

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
            var openUnits = 0
            for bucket in buckets[bucketStart..<bucketEnd] {
                for lane in horizon.network.lanesByRegion[bucket.regionIndex] { reachable.insert(lane.warehouseIndex) }
                openUnits += bucket.quantity
            }
            for index in horizon.dropShipSourcesBySku[skuIndex] { reachable.insert(horizon.warehouseCount + index) }
            for (warehouseIndex, unitsByDay) in horizon.supplyByWarehouse(skuIndex: skuIndex, openUnits: openUnits)
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
            // Nodes of the units not delivered next day, one per bucket of a region with a row, in bucket order.
            var shareNodeByBucket: [Int?] = []
            var nextShareNode = firstBucketNode + (bucketEnd - bucketStart)
            for bucket in buckets[bucketStart..<bucketEnd] {
                if shareRowByRegion[bucket.regionIndex] != nil {
                    shareNodeByBucket.append(nextShareNode)
                    nextShareNode += 1
                } else {
                    shareNodeByBucket.append(nil)
                }
            }
            let slackNode = nextShareNode
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
                let shareNode = shareNodeByBucket[bucketIndex - bucketStart]
                supply.append(-bucket.quantity)
                var shipArcs: [ShipArc] = []
                // The region's lanes (ascending warehouse), then the SKU's drop-ship sources, which reach every region.
                let lanes = horizon.network.lanesByRegion[bucket.regionIndex]
                let routes =
                    lanes.enumerated().map { (source: $1.warehouseIndex, laneSlot: Optional($0)) }
                    + horizon.dropShipSourcesBySku[skuIndex].map {
                        (source: horizon.warehouseCount + $0, laneSlot: Int?.none)
                    }
                for route in routes {
                    guard let chainIndex = chainByWarehouse[route.source] else { continue }
                    let chain = chains[chainIndex]
                    for day in max(bucket.releaseDayOffset, chain.firstDay)..<days {
                        let transitDays: Int
                        let baseCost: Double
                        if let slot = route.laneSlot {
                            (transitDays, baseCost) = (lanes[slot].transitDays, lanes[slot].costPerUnit)
                        } else {
                            let source = horizon.dropShipSource(route.source)!
                            // No arc on a day the supplier cannot ship.
                            guard let delivery = source.deliveryDaysByDay[day] else { continue }
                            (transitDays, baseCost) = (delivery, source.costPerUnit)
                        }
                        let effectiveCost = baseCost + (transitDays > 1 ? horizon.nextDayMissPenaltyPerUnit : 0)
                        let daysLate =
                            bucket.promiseDate.map {
                                horizon.daysLate(dayOffset: day, transitDays: transitDays, promiseDate: $0)
                            } ?? 0
                        let cost = effectiveCost + horizon.latePenaltyPerUnitPerDay * Double(daysLate)
                        let shipArc = ShipArc(
                            arc: arcs.count,
                            warehouseIndex: route.source,
                            laneSlot: route.laneSlot,
                            dayOffset: day,
                            daysLate: daysLate,
                            costPerUnit: cost,
                            transitDays: transitDays,
                            baseCostPerUnit: baseCost,
                            effectiveCostPerUnit: effectiveCost
                        )
                        shipArcs.append(shipArc)
                        largestUnitCost = max(largestUnitCost, abs(cost))
                        arcs.append(
                            FlowArc(
                                tail: chain.firstNode + day - chain.firstDay,
                                head: shipArc.isNextDay ? bucketNode : shareNode ?? bucketNode,
                                costPerUnit: cost,
                                couplingRow: couplingRowByWarehouseDay[route.source][day]
                            )
                        )
                    }
                }
                shipArcsByBucket.append(shipArcs)
                componentByBucket.append(components.count)
                unfilledArcByBucket.append(arcs.count)
                largestUnitCost = max(largestUnitCost, bucket.unfilledPenaltyPerUnit)
                arcs.append(
                    FlowArc(tail: slackNode, head: shareNode ?? bucketNode, costPerUnit: bucket.unfilledPenaltyPerUnit)
                )
                if let shareNode {
                    shareArcByBucket.append(arcs.count)
                    arcs.append(
                        FlowArc(
                            tail: shareNode,
                            head: bucketNode,
                            costPerUnit: 0,
                            couplingRow: shareRowByRegion[bucket.regionIndex]
                        )
                    )
                } else {
                    shareArcByBucket.append(nil)
                }
            }
            for index in chains.indices {
                chains[index].leftoverArc = arcs.count
                let lastNode = chains[index].firstNode + days - 1 - chains[index].firstDay
                arcs.append(FlowArc(tail: lastNode, head: slackNode, costPerUnit: 0))
            }
            supply.append(contentsOf: [Int](repeating: 0, count: slackNode - supply.count))
            supply.append(-supply.reduce(0, +))

            components.append(FlowComponent(supply: supply, arcs: arcs))
            skuIndexByComponent.append(skuIndex)
            chainsByComponent.append(chains)
            bucketRangeByComponent.append(bucketStart..<bucketEnd)
            bucketStart = bucketEnd
        }
        var penalties: [Double?] = []
        if nextDay != nil {
            let penalty =
                NextDayTargets.startingPenalty(largestUnitCost: largestUnitCost, capacityRows: capacityRowCount)
                * penaltyFactor
            nextDayPenaltyPerUnit = penalty
            penalties = couplingCapacity.indices.map { $0 < capacityRowCount ? nil : penalty }
        }
        problem = CoupledFlowProblem(
            components: components,
            couplingCapacityUnits: couplingCapacity,
            overflowPenaltyPerUnit: penalties
        )
    }

    /// Completes a plan of which only the ship arcs are set: each bucket's other units unfilled (and, in a region
    /// with a next-day row, its units not delivered next day on its share arc), each chain's stock carried from
    /// day to day and left over on the last.
    /// - Throws: `AllocationError` when a bucket ships more than it ordered or a chain more than it has by a day.
    func complete(_ flows: inout [[Int]], buckets: [Bucket]) throws {
        for (bucketIndex, bucket) in buckets.enumerated() {
            let component = componentByBucket[bucketIndex]
            var shipped = 0
            var otherwise = 0
            for shipArc in shipArcsByBucket[bucketIndex] {
                let units = flows[component][shipArc.arc]
                shipped += units
                if !shipArc.isNextDay { otherwise += units }
            }
            guard shipped <= bucket.quantity else {
                throw AllocationError("bucket \(bucketIndex) ships \(shipped) units of \(bucket.quantity)")
            }
            flows[component][unfilledArcByBucket[bucketIndex]] = bucket.quantity - shipped
            if let shareArc = shareArcByBucket[bucketIndex] {
                flows[component][shareArc] = otherwise + bucket.quantity - shipped
            }
        }
        for (component, chains) in chainsByComponent.enumerated() {
            var shippedByChainDay = chains.map { _ in [Int](repeating: 0, count: days) }
            for bucketIndex in bucketRangeByComponent[component] {
                for shipArc in shipArcsByBucket[bucketIndex] {
                    let chain = chains.firstIndex { $0.warehouseIndex == shipArc.warehouseIndex }!
                    shippedByChainDay[chain][shipArc.dayOffset] += flows[component][shipArc.arc]
                }
            }
            for (index, chain) in chains.enumerated() {
                var carried = 0
                for day in chain.firstDay..<days {
                    carried += chain.unitsByDay[day] - shippedByChainDay[index][day]
                    guard carried >= 0 else {
                        throw AllocationError("the plan ships more than is available by day offset \(day)")
                    }
                    if day < days - 1 {
                        flows[component][chain.carryArcs[day - chain.firstDay]] = carried
                    } else {
                        flows[component][chain.leftoverArc] = carried
                    }
                }
            }
        }
    }
}
