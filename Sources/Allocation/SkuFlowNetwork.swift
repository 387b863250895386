import Flow
import PlannerCore

/// Units of one bucket shipped from one warehouse, as a solver path reports them.
struct BucketShipment: Sendable, Equatable {
    /// Index into `network.lanesByRegion[bucket.regionIndex]`.
    var laneSlot: Int
    var warehouseIndex: Int
    var units: Int
}

/// The single-day allocation LP written as one min-cost flow component per SKU, joined only by the
/// warehouses' daily capacity rows: the shape `CoupledFlowSolver` decomposes.
///
/// Component of SKU s, nodes in this order: one stock node per warehouse that holds s and has a lane to
/// one of the component's regions (supply = on hand, ascending warehouse index); one node per bucket of s
/// (supply = -quantity, bucket order); a slack node (supply = sum ordered - sum stock). Arcs: stock(w) ->
/// bucket(b) at the lane's effective cost, tagged with w's capacity row when w has a capacity; slack ->
/// bucket(b) at b's unfilled penalty (units left unfilled); stock(w) -> slack at cost 0 (stock left over).
///
/// Exact: a flow's ship arcs are the LP's x[b,w], its unfilled arcs u[b]; node balance at a bucket is the
/// bucket row, at a stock node it is "shipped + left over = on hand", which with left over >= 0 is the
/// stock row; the capacity rows are the coupling rows. Warehouses left out hold no stock of s or reach
/// none of its buckets, so the LP has no column for them either (see `BucketProgram`).
struct SkuFlowNetwork {
    /// What an arc of a component stands for.
    enum ArcRole: Equatable {
        case ship(bucketIndex: Int, laneSlot: Int, warehouseIndex: Int)
        case unfilled(bucketIndex: Int)
        case leftover
    }

    var problem: CoupledFlowProblem
    /// `arcRoles[component][arc]`.
    var arcRoles: [[ArcRole]]
    /// SKU index of each component.
    var skuIndexByComponent: [Int]
    /// Warehouse index of each coupling row.
    var warehouseIndexByRow: [Int]
    /// Coupling row of each warehouse, nil when it has no capacity limit.
    var rowByWarehouse: [Int?]

    /// - Parameter buckets: sorted by SKU index first, as `Bucket.buckets` returns them.
    init(buckets: [Bucket], network: AllocationNetwork) {
        var rowByWarehouse = [Int?](repeating: nil, count: network.capacityUnits.count)
        var warehouseIndexByRow: [Int] = []
        var capacities: [Int] = []
        for (warehouseIndex, capacity) in network.capacityUnits.enumerated() {
            guard let capacity else { continue }
            rowByWarehouse[warehouseIndex] = warehouseIndexByRow.count
            warehouseIndexByRow.append(warehouseIndex)
            capacities.append(capacity)
        }

        var components: [FlowComponent] = []
        var arcRoles: [[ArcRole]] = []
        var skuIndexByComponent: [Int] = []
        var start = 0
        var stockNodeByWarehouse = [Int](repeating: -1, count: network.capacityUnits.count)
        while start < buckets.count {
            let skuIndex = buckets[start].skuIndex
            var end = start + 1
            while end < buckets.count, buckets[end].skuIndex == skuIndex { end += 1 }

            var stockedWarehouses: [Int] = []
            for bucket in buckets[start..<end] {
                for lane in network.lanesByRegion[bucket.regionIndex]
                where network.availableUnits[lane.warehouseIndex][skuIndex] > 0
                    && stockNodeByWarehouse[lane.warehouseIndex] < 0
                {
                    stockNodeByWarehouse[lane.warehouseIndex] = 0
                    stockedWarehouses.append(lane.warehouseIndex)
                }
            }
            stockedWarehouses.sort()
            var supply: [Int] = []
            for warehouseIndex in stockedWarehouses {
                stockNodeByWarehouse[warehouseIndex] = supply.count
                supply.append(network.availableUnits[warehouseIndex][skuIndex])
            }
            let stockTotal = supply.reduce(0, +)
            let firstBucketNode = supply.count
            var orderedTotal = 0
            for bucket in buckets[start..<end] {
                supply.append(-bucket.quantity)
                orderedTotal += bucket.quantity
            }
            let slackNode = supply.count
            supply.append(orderedTotal - stockTotal)

            var arcs: [FlowArc] = []
            var roles: [ArcRole] = []
            for bucketIndex in start..<end {
                let bucket = buckets[bucketIndex]
                let bucketNode = firstBucketNode + bucketIndex - start
                for (slot, lane) in network.lanesByRegion[bucket.regionIndex].enumerated()
                where network.availableUnits[lane.warehouseIndex][skuIndex] > 0 {
                    arcs.append(
                        FlowArc(
                            tail: stockNodeByWarehouse[lane.warehouseIndex],
                            head: bucketNode,
                            costPerUnit: lane.effectiveCostPerUnit,
                            couplingRow: rowByWarehouse[lane.warehouseIndex]
                        )
                    )
                    roles.append(.ship(bucketIndex: bucketIndex, laneSlot: slot, warehouseIndex: lane.warehouseIndex))
                }
                arcs.append(FlowArc(tail: slackNode, head: bucketNode, costPerUnit: bucket.unfilledPenaltyPerUnit))
                roles.append(.unfilled(bucketIndex: bucketIndex))
            }
            for (node, warehouseIndex) in stockedWarehouses.enumerated() {
                arcs.append(FlowArc(tail: node, head: slackNode, costPerUnit: 0))
                roles.append(.leftover)
                stockNodeByWarehouse[warehouseIndex] = -1
            }
            components.append(FlowComponent(supply: supply, arcs: arcs))
            arcRoles.append(roles)
            skuIndexByComponent.append(skuIndex)
            start = end
        }
        self.problem = CoupledFlowProblem(components: components, couplingCapacityUnits: capacities)
        self.arcRoles = arcRoles
        self.skuIndexByComponent = skuIndexByComponent
        self.warehouseIndexByRow = warehouseIndexByRow
        self.rowByWarehouse = rowByWarehouse
    }

    /// Per bucket: the units shipped per warehouse (ascending lane slot) and the units left unfilled.
    func shipments(
        from solution: CoupledFlowSolution,
        bucketCount: Int
    ) -> (
        shipped: [[BucketShipment]], unfilled: [Int]
    ) {
        var shipped = Array(repeating: [BucketShipment](), count: bucketCount)
        var unfilled = [Int](repeating: 0, count: bucketCount)
        for (component, roles) in arcRoles.enumerated() {
            for (arc, role) in roles.enumerated() {
                let units = solution.flowUnits[component][arc]
                switch role {
                case .ship(let bucketIndex, let laneSlot, let warehouseIndex):
                    if units > 0 {
                        shipped[bucketIndex].append(
                            BucketShipment(laneSlot: laneSlot, warehouseIndex: warehouseIndex, units: units)
                        )
                    }
                case .unfilled(let bucketIndex):
                    unfilled[bucketIndex] += units
                case .leftover:
                    break
                }
            }
        }
        return (shipped, unfilled)
    }

    /// The flow of every component that carries per-bucket shipments and unfilled units (the inverse of
    /// `shipments(from:bucketCount:)`): stock not shipped flows to the slack node.
    func flowUnits(shipped: [[BucketShipment]], unfilled: [Int]) -> [[Int]] {
        var flows: [[Int]] = []
        flows.reserveCapacity(arcRoles.count)
        for (component, roles) in arcRoles.enumerated() {
            let arcs = problem.components[component].arcs
            var leftoverByNode = problem.components[component].supply
            var flow = [Int](repeating: 0, count: roles.count)
            for (arc, role) in roles.enumerated() {
                switch role {
                case .ship(let bucketIndex, let laneSlot, _):
                    let units = shipped[bucketIndex].first { $0.laneSlot == laneSlot }?.units ?? 0
                    flow[arc] = units
                    leftoverByNode[arcs[arc].tail] -= units
                case .unfilled(let bucketIndex):
                    flow[arc] = unfilled[bucketIndex]
                case .leftover:
                    flow[arc] = leftoverByNode[arcs[arc].tail]
                }
            }
            flows.append(flow)
        }
        return flows
    }
}
