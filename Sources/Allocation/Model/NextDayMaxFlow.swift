import Flow

/// The most next-day units the targets can get, and so the fewest units by which any plan falls short of them.
///
/// Only next-day shipments count towards a target, and every other shipment may be left unfilled instead (that
/// uses no stock and no capacity), so the next-day shipments of any plan are a flow of this network and any flow
/// of it, with every other unit unfilled, is a plan:
///
///     source -> region r (capacity T_r) -> bucket b of r (q_b) -> stock node (w, day 0) of b's SKU over each
///     next-day ship arc (no limit) -> (w, day 0)'s capacity node (the units available on day 0) -> sink (the
///     warehouse's capacity that day; a warehouse without a limit goes to the sink directly).
///
/// A maximum flow F (`MaximumFlowNetwork`) gives the fewest units short in all, sum_r T_r - F, exactly: for the
/// LP relaxation too, since this network's maximum flow is integral and a fractional plan's next-day shipments are
/// a fractional flow of it. The flow itself is a plan with that shortfall (`flowUnits`).
struct NextDayMaxFlow {
    /// sum over regions with a row of T_r minus the maximum flow.
    var fewestUnitsShort: Int
    /// The plan of the maximum flow, as whole units per arc of each component: its next-day shipments, every
    /// other unit unfilled, stock kept to the last day.
    var flowUnits: [[Int]]

    init(network: TimeExpandedNetwork, buckets: [Bucket], targets: NextDayTargets) throws {
        var graph = MaximumFlowNetwork(nodeCount: 2)
        let source = 0
        let sink = 1
        var regionNode = [Int?](repeating: nil, count: targets.targetUnitsByRegion.count)
        for regionIndex in targets.regions {
            let node = graph.addNode()
            regionNode[regionIndex] = node
            graph.addArc(from: source, to: node, capacityUnits: targets.targetUnitsByRegion[regionIndex])
        }
        var capacityNodeByRow: [Int: Int] = [:]  // looked up only
        var shipEdges: [(component: Int, arc: Int, edge: Int)] = []
        for (component, chains) in network.chainsByComponent.enumerated() {
            var stockNode = [Int?](repeating: nil, count: chains.count)
            func node(ofChain index: Int) -> Int {
                if let known = stockNode[index] { return known }
                let chain = chains[index]
                let created = graph.addNode()
                stockNode[index] = created
                var to = sink
                if let row = network.couplingRowByWarehouseDay[chain.warehouseIndex][0] {
                    if let known = capacityNodeByRow[row] {
                        to = known
                    } else {
                        to = graph.addNode()
                        capacityNodeByRow[row] = to
                        graph.addArc(from: to, to: sink, capacityUnits: network.problem.couplingCapacityUnits[row])
                    }
                }
                graph.addArc(from: created, to: to, capacityUnits: chain.unitsByDay[0])
                return created
            }
            for bucketIndex in network.bucketRangeByComponent[component] {
                let bucket = buckets[bucketIndex]
                guard let region = regionNode[bucket.regionIndex] else { continue }
                let nextDayArcs = network.shipArcsByBucket[bucketIndex].filter(\.isNextDay)
                guard !nextDayArcs.isEmpty else { continue }
                let bucketNode = graph.addNode()
                graph.addArc(from: region, to: bucketNode, capacityUnits: bucket.quantity)
                for shipArc in nextDayArcs {
                    // A next-day arc leaves on day 0, so its chain starts on day 0.
                    guard let chainIndex = chains.firstIndex(where: { $0.warehouseIndex == shipArc.warehouseIndex })
                    else { continue }
                    let edge = graph.addArc(from: bucketNode, to: node(ofChain: chainIndex), capacityUnits: nil)
                    shipEdges.append((component, shipArc.arc, edge))
                }
            }
        }
        let maximum = graph.maximumFlow(from: source, to: sink)
        fewestUnitsShort = targets.regions.reduce(0) { $0 + targets.targetUnitsByRegion[$1] } - maximum.valueUnits

        var flows = network.problem.components.map { [Int](repeating: 0, count: $0.arcs.count) }
        for (component, arc, edge) in shipEdges { flows[component][arc] = maximum.flowUnits[edge] }
        try network.complete(&flows, buckets: buckets)
        flowUnits = flows
    }
}
