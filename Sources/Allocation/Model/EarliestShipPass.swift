/// Ties between ship days, broken towards the earliest day.
///
/// When a bucket can be served from one warehouse on day d or on a later day k at the same cost (both
/// on time, so no late penalty tells them apart), the LP is indifferent and which day a solver returns
/// is an accident of its pivoting. This pass makes the plan ship as early as the model allows among the
/// optimal plans it can reach by such moves: day by day from the first, for every component, bucket
/// and warehouse in index order, it moves units from a later ship arc k to the arc of day d when both
/// cost exactly the same, as far as the stock kept from d to k (the carry arcs d..<k) and the spare
/// capacity of (w, d) allow. A move keeps every node balanced (the carries d..<k shrink by what (w, d)
/// now ships), uses capacity on d only where there is room and frees it on k, and keeps the cost, so
/// the plan stays feasible and optimal. Same solver output in, same plan out.
enum EarliestShipPass {
    static func apply(flowUnits: inout [[Int]], network: TimeExpandedNetwork, days: Int) {
        var usedUnits = [Int](repeating: 0, count: network.problem.couplingCapacityUnits.count)
        for (component, flowComponent) in network.problem.components.enumerated() {
            for (arc, flowArc) in flowComponent.arcs.enumerated() {
                if let row = flowArc.couplingRow { usedUnits[row] += flowUnits[component][arc] }
            }
        }
        let capacities = network.problem.couplingCapacityUnits
        func spareUnits(warehouseIndex: Int, dayOffset: Int) -> Int {
            guard let row = network.couplingRowByWarehouseDay[warehouseIndex][dayOffset] else { return Int.max }
            return capacities[row] - usedUnits[row]
        }

        // Only buckets with units leaving after day 0 can move any; moves never add such units.
        let candidates = network.shipArcsByBucket.indices.filter { bucketIndex in
            let component = network.componentByBucket[bucketIndex]
            return network.shipArcsByBucket[bucketIndex].contains {
                $0.dayOffset > 0 && flowUnits[component][$0.arc] > 0
            }
        }
        for day in 0..<max(0, days - 1) {
            for bucketIndex in candidates {
                let shipArcs = network.shipArcsByBucket[bucketIndex]
                let component = network.componentByBucket[bucketIndex]
                let chains = network.chainsByComponent[component]
                var chainIndex = 0
                for (slot, early) in shipArcs.enumerated() where early.dayOffset == day {
                    while chains[chainIndex].warehouseIndex != early.warehouseIndex { chainIndex += 1 }
                    let chain = chains[chainIndex]
                    // The arcs of one warehouse are contiguous and sorted by day.
                    var laterSlot = slot + 1
                    while laterSlot < shipArcs.count, shipArcs[laterSlot].warehouseIndex == early.warehouseIndex {
                        let late = shipArcs[laterSlot]
                        laterSlot += 1
                        guard late.costPerUnit == early.costPerUnit, flowUnits[component][late.arc] > 0 else {
                            continue
                        }
                        let carries = chain.carryArcs[(day - chain.firstDay)..<(late.dayOffset - chain.firstDay)]
                        var units = min(
                            flowUnits[component][late.arc],
                            spareUnits(warehouseIndex: early.warehouseIndex, dayOffset: day)
                        )
                        for carry in carries { units = min(units, flowUnits[component][carry]) }
                        guard units > 0 else { continue }
                        flowUnits[component][late.arc] -= units
                        flowUnits[component][early.arc] += units
                        for carry in carries { flowUnits[component][carry] -= units }
                        if let row = network.couplingRowByWarehouseDay[early.warehouseIndex][day] {
                            usedUnits[row] += units
                        }
                        if let row = network.couplingRowByWarehouseDay[early.warehouseIndex][late.dayOffset] {
                            usedUnits[row] -= units
                        }
                    }
                }
            }
        }
    }
}
