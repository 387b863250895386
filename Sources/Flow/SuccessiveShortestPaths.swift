/// Min-cost flow of one small network by successive shortest paths with node potentials, in the
/// primal-dual form (Ahuja, Magnanti and Orlin, "Network Flows", 1993, sections 9.7 and 9.8).
///
/// Invariant: every residual arc has reduced cost `cost + potential[tail] - potential[head] >= 0`
/// (up to rounding). Start: every arc of negative cost is saturated, so all residual costs are
/// non-negative with zero potentials. A phase runs Dijkstra from every node with excess at once until
/// every deficit node is settled, adds the distances to the potentials (nodes not settled get the
/// largest settled distance, which keeps every reduced cost non-negative), and then pushes flow from
/// the excess nodes (in index order) to deficit nodes along admissible arcs: residual arcs of reduced
/// cost 0 (within `tolerance`) between settled nodes that do not lead back to a smaller distance
/// (a depth-first search with Dinic's current-arc and dead-node rules). Such pushes keep the
/// invariant, the shortest-path tree guarantees at least one per phase, and a pseudoflow with no
/// excess left that satisfies the invariant is optimal. Integral supplies and capacities give
/// integral pushes.
///
/// An uncapacitated arc gets the finite capacity `U` = sum of positive supplies + sum of finite
/// capacities + 1. This is exact when no cycle of uncapacitated arcs has negative cost (checked
/// first): drop every cycle of non-negative cost from an optimal flow; what remains is paths
/// (at most the positive supplies) and negative cycles, each through a capacitated arc (at most the
/// finite capacities), so some optimal flow fits within `U`.
///
/// Ties: Dijkstra replaces a label only when it improves by more than `tolerance` (1e-10 of the
/// largest cost), and pops equal distances in node order, so of two equally cheap paths the one found
/// first (from the lower-indexed node, over the lower-indexed arc) wins, and the same input always
/// gives the same flow.
///
/// The work arrays are raw buffers reused from call to call (one engine per thread): the pricing
/// rounds solve tens of thousands of components of a dozen nodes, where memory allocation and copy-on-write
/// checks would cost more than the algorithm.
final class SuccessiveShortestPaths {
    enum Failure: Error {
        case infeasible
        case negativeUncapacitatedCycle
        case capacityOverflow
    }

    private(set) var nodeCount = 0
    private(set) var arcCount = 0
    // Per arc.
    private var tails = Buffer<Int>()
    private var heads = Buffer<Int>()
    private var costs = Buffer<Double>()
    private var capacities = Buffer<Int>()
    private var flows = Buffer<Int>()
    // Residual adjacency in CSR form: edge 2a is arc a forward, 2a + 1 is arc a backward.
    private var edgeStart = Buffer<Int>()
    private var edges = Buffer<Int>()
    // Per node.
    private var excess = Buffer<Int>()
    private var potentials = Buffer<Double>()
    private var distances = Buffer<Double>()
    private var parentEdge = Buffer<Int>()
    private var settled = Buffer<Bool>()
    private var dead = Buffer<Bool>()
    private var onPath = Buffer<Bool>()
    private var cursor = Buffer<Int>()
    private var path = Buffer<Int>()
    private var heapDistances = Buffer<Double>()
    private var heapNodes = Buffer<Int>()
    private var tolerance = 0.0

    /// Flow on each arc after `run`.
    var flowUnits: [Int] { Array(UnsafeBufferPointer(start: flows.pointer, count: arcCount)) }

    /// Node potentials after `run`: cost + p[tail] - p[head] >= -tolerance on residual arcs.
    var nodePotentials: [Double] { Array(UnsafeBufferPointer(start: potentials.pointer, count: nodeCount)) }

    /// Loads a component with priced costs: cost of arc a = costPerUnit + prices[row] for a coupled arc
    /// (a row beyond `prices` counts as price 0); coupled arcs get capacity 0 when `forbidCoupledArcs`.
    func load(_ component: FlowComponent, prices: [Double], forbidCoupledArcs: Bool) throws(Failure) {
        nodeCount = component.supply.count
        arcCount = component.arcs.count
        tails.reserve(arcCount)
        heads.reserve(arcCount)
        costs.reserve(arcCount)
        capacities.reserve(arcCount)
        flows.reserve(arcCount)
        edges.reserve(2 * arcCount)
        excess.reserve(nodeCount)
        edgeStart.reserve(nodeCount + 1)
        parentEdge.reserve(nodeCount)
        potentials.reserve(nodeCount)
        distances.reserve(nodeCount)
        settled.reserve(nodeCount)
        dead.reserve(nodeCount)
        onPath.reserve(nodeCount)
        cursor.reserve(nodeCount)
        path.reserve(nodeCount)
        heapDistances.reserve(2 * arcCount + nodeCount + 1)
        heapNodes.reserve(2 * arcCount + nodeCount + 1)

        let tail = tails.pointer
        let head = heads.pointer
        let cost = costs.pointer
        let capacity = capacities.pointer
        var bound = 1
        var overflow = false
        var largestCost = 1.0
        var hasNegativeUncapacitated = false
        component.supply.withUnsafeBufferPointer { supply in
            for node in 0..<nodeCount {
                excess.pointer[node] = supply[node]
                potentials.pointer[node] = 0
                edgeStart.pointer[node] = 0
                if supply[node] > 0 && !overflow { (bound, overflow) = bound.addingReportingOverflow(supply[node]) }
            }
        }
        edgeStart.pointer[nodeCount] = 0
        component.arcs.withUnsafeBufferPointer { arcs in
            for arc in 0..<arcCount {
                let data = arcs[arc]
                tail[arc] = data.tail
                head[arc] = data.head
                var arcCost = data.costPerUnit
                var arcCapacity = data.capacityUnits ?? -1
                if let row = data.couplingRow {
                    if row < prices.count { arcCost += prices[row] }
                    if forbidCoupledArcs { arcCapacity = 0 }
                }
                cost[arc] = arcCost
                capacity[arc] = arcCapacity
                largestCost = max(largestCost, abs(arcCost))
                if arcCapacity > 0 && !overflow { (bound, overflow) = bound.addingReportingOverflow(arcCapacity) }
                if arcCapacity < 0 && arcCost < 0 { hasNegativeUncapacitated = true }
                edgeStart.pointer[data.tail + 1] += 1
                edgeStart.pointer[data.head + 1] += 1
            }
        }
        if overflow { throw .capacityOverflow }
        tolerance = 1e-10 * largestCost
        if hasNegativeUncapacitated && hasNegativeUncapacitatedCycle() { throw .negativeUncapacitatedCycle }

        let start = edgeStart.pointer
        for node in 0..<nodeCount { start[node + 1] += start[node] }
        // Fill with a moving cursor per node (parentEdge is free until `run`).
        let cursor = parentEdge.pointer
        for node in 0..<nodeCount { cursor[node] = start[node] }
        let edge = edges.pointer
        let flow = flows.pointer
        for arc in 0..<arcCount {
            if capacity[arc] < 0 { capacity[arc] = bound }
            flow[arc] = 0
            edge[cursor[tail[arc]]] = 2 * arc
            cursor[tail[arc]] += 1
            edge[cursor[head[arc]]] = 2 * arc + 1
            cursor[head[arc]] += 1
            if cost[arc] < 0 && capacity[arc] > 0 {
                flow[arc] = capacity[arc]
                excess.pointer[tail[arc]] -= capacity[arc]
                excess.pointer[head[arc]] += capacity[arc]
            }
        }
    }

    /// Bellman-Ford over the uncapacitated arcs (capacity still -1) from a virtual root.
    private func hasNegativeUncapacitatedCycle() -> Bool {
        var label = [Double](repeating: 0, count: nodeCount)
        for _ in 0...nodeCount {
            var changed = false
            for arc in 0..<arcCount where capacities.pointer[arc] < 0 {
                let candidate = label[tails.pointer[arc]] + costs.pointer[arc]
                if candidate < label[heads.pointer[arc]] - tolerance {
                    label[heads.pointer[arc]] = candidate
                    changed = true
                }
            }
            if !changed { return false }
        }
        return true
    }

    /// Whether `flowUnits` (a feasible flow of the loaded component, typically optimal at earlier
    /// prices) is optimal at the loaded costs. Label-correcting shortest paths (FIFO Bellman-Ford) on its
    /// residual graph, starting from `potentials` (typically that flow's potentials at the earlier
    /// prices) and lowering p[head] to p[tail] + cost wherever a residual arc has reduced cost below
    /// -tolerance. No negative residual cycle means optimal (Ahuja, Magnanti and Orlin, theorem 9.1),
    /// and the corrected labels are its potentials (`nodePotentials`). The start labels act as arcs from
    /// a virtual root, so a label whose walk has `nodeCount` arcs repeats a node on a negative cycle.
    /// Near the old prices few labels move; a negative cycle, or more relabels than nodes + 2 x arcs in
    /// all, returns false, and the caller solves from scratch.
    func isOptimal(flowUnits: [Int], potentials startPotentials: [Double]) -> Bool {
        let tail = tails.pointer
        let head = heads.pointer
        let cost = costs.pointer
        let capacity = capacities.pointer
        let flow = flows.pointer
        let start = edgeStart.pointer
        let edge = edges.pointer
        let potential = potentials.pointer
        let queued = settled.pointer
        let walkLength = parentEdge.pointer
        let queue = heapNodes.pointer
        let tolerance = 10 * self.tolerance
        for arc in 0..<arcCount { flow[arc] = flowUnits[arc] }
        for node in 0..<nodeCount {
            potential[node] = startPotentials[node]
            queued[node] = true
            walkLength[node] = 0
            queue[node] = node
        }
        // A ring of nodeCount + 1 slots holds every node at most once.
        let ringSize = nodeCount + 1
        var first = 0
        var end = nodeCount
        var budget = nodeCount + 2 * arcCount
        while first != end {
            let node = queue[first]
            first = first + 1 == ringSize ? 0 : first + 1
            queued[node] = false
            for slot in start[node]..<start[node + 1] {
                let residualEdge = edge[slot]
                let arc = residualEdge >> 1
                let other: Int
                let arcCost: Double
                if residualEdge & 1 == 0 {
                    if flow[arc] >= capacity[arc] { continue }
                    other = head[arc]
                    arcCost = cost[arc]
                } else {
                    if flow[arc] <= 0 { continue }
                    other = tail[arc]
                    arcCost = -cost[arc]
                }
                let label = potential[node] + arcCost
                guard label < potential[other] - tolerance else { continue }
                potential[other] = label
                walkLength[other] = walkLength[node] + 1
                budget -= 1
                if walkLength[other] >= nodeCount || budget < 0 { return false }
                if !queued[other] {
                    queued[other] = true
                    queue[end] = other
                    end = end + 1 == ringSize ? 0 : end + 1
                }
            }
        }
        return true
    }

    /// Runs phases until no excess is left; throws `infeasible` when an excess cannot reach a deficit.
    func run() throws(Failure) {
        let excess = self.excess.pointer
        let potential = potentials.pointer
        let distance = distances.pointer
        let parent = parentEdge.pointer
        let isSettled = settled.pointer
        while true {
            var deficitCount = 0
            var heapCount = 0
            for node in 0..<nodeCount {
                distance[node] = .infinity
                parent[node] = -1
                isSettled[node] = false
                if excess[node] > 0 {
                    distance[node] = 0
                    // Sources enter in node order with distance 0: already a valid heap.
                    heapDistances.pointer[heapCount] = 0
                    heapNodes.pointer[heapCount] = node
                    heapCount += 1
                } else if excess[node] < 0 {
                    deficitCount += 1
                }
            }
            guard heapCount > 0 else { return }
            let largestSettled = dijkstra(heapCount: heapCount, deficitCount: deficitCount)
            var reachedDeficit = false
            for node in 0..<nodeCount {
                if isSettled[node] {
                    potential[node] += distance[node]
                    if excess[node] < 0 { reachedDeficit = true }
                } else {
                    potential[node] += largestSettled
                }
            }
            guard reachedDeficit else { throw .infeasible }
            pushAlongAdmissibleArcs()
        }
    }

    /// Settles nodes until every deficit node is settled or the heap is empty; returns the largest
    /// settled distance. Heap entries are (distance, node), ordered by distance then node.
    private func dijkstra(heapCount initialCount: Int, deficitCount: Int) -> Double {
        let tail = tails.pointer
        let head = heads.pointer
        let cost = costs.pointer
        let capacity = capacities.pointer
        let flow = flows.pointer
        let start = edgeStart.pointer
        let edge = edges.pointer
        let excess = self.excess.pointer
        let potential = potentials.pointer
        let distance = distances.pointer
        let parent = parentEdge.pointer
        let isSettled = settled.pointer
        let keys = heapDistances.pointer
        let nodes = heapNodes.pointer
        let tolerance = self.tolerance
        var count = initialCount
        var remaining = deficitCount
        var largest = 0.0
        while count > 0 {
            let nodeDistance = keys[0]
            let node = nodes[0]
            count -= 1
            if count > 0 { Self.siftDown(keys, nodes, count: count, key: keys[count], node: nodes[count]) }
            if isSettled[node] || nodeDistance > distance[node] { continue }
            isSettled[node] = true
            largest = nodeDistance
            if excess[node] < 0 {
                remaining -= 1
                if remaining == 0 { break }
            }
            let nodePotential = potential[node]
            for slot in start[node]..<start[node + 1] {
                let residualEdge = edge[slot]
                let arc = residualEdge >> 1
                let other: Int
                var reduced: Double
                if residualEdge & 1 == 0 {
                    if flow[arc] >= capacity[arc] { continue }
                    other = head[arc]
                    reduced = cost[arc]
                } else {
                    if flow[arc] <= 0 { continue }
                    other = tail[arc]
                    reduced = -cost[arc]
                }
                if isSettled[other] { continue }
                reduced += nodePotential - potential[other]
                let candidate = reduced > 0 ? nodeDistance + reduced : nodeDistance
                if candidate < distance[other] - tolerance {
                    distance[other] = candidate
                    parent[other] = residualEdge
                    Self.siftUp(keys, nodes, count: count, key: candidate, node: other)
                    count += 1
                }
            }
        }
        return largest
    }

    @inline(__always)
    private static func precedes(_ key: Double, _ node: Int, _ otherKey: Double, _ otherNode: Int) -> Bool {
        key < otherKey || (key == otherKey && node < otherNode)
    }

    /// Inserts (key, node) into a heap of `count` entries.
    @inline(__always)
    private static func siftUp(
        _ keys: UnsafeMutablePointer<Double>,
        _ nodes: UnsafeMutablePointer<Int>,
        count: Int,
        key: Double,
        node: Int
    ) {
        var child = count
        while child > 0 {
            let parent = (child - 1) >> 1
            guard precedes(key, node, keys[parent], nodes[parent]) else { break }
            keys[child] = keys[parent]
            nodes[child] = nodes[parent]
            child = parent
        }
        keys[child] = key
        nodes[child] = node
    }

    /// Places (key, node) from the root down into a heap of `count` entries (after removing the root).
    @inline(__always)
    private static func siftDown(
        _ keys: UnsafeMutablePointer<Double>,
        _ nodes: UnsafeMutablePointer<Int>,
        count: Int,
        key: Double,
        node: Int
    ) {
        var parent = 0
        while true {
            var child = 2 * parent + 1
            guard child < count else { break }
            if child + 1 < count && precedes(keys[child + 1], nodes[child + 1], keys[child], nodes[child]) {
                child += 1
            }
            guard precedes(keys[child], nodes[child], key, node) else { break }
            keys[parent] = keys[child]
            nodes[parent] = nodes[child]
            parent = child
        }
        keys[parent] = key
        nodes[parent] = node
    }

    /// One phase's pushes: from each excess node in index order, depth-first searches over admissible
    /// arcs to the first deficit node reached, pushing the bottleneck each time.
    private func pushAlongAdmissibleArcs() {
        let tail = tails.pointer
        let head = heads.pointer
        let cost = costs.pointer
        let capacity = capacities.pointer
        let flow = flows.pointer
        let start = edgeStart.pointer
        let edge = edges.pointer
        let excess = self.excess.pointer
        let potential = potentials.pointer
        let distance = distances.pointer
        let isSettled = settled.pointer
        let isDead = dead.pointer
        let isOnPath = onPath.pointer
        let next = cursor.pointer
        let pathEdges = path.pointer
        let tolerance = self.tolerance
        for node in 0..<nodeCount {
            isDead[node] = false
            isOnPath[node] = false
            next[node] = start[node]
        }
        for source in 0..<nodeCount where isSettled[source] {
            while excess[source] > 0 && !isDead[source] {
                // Depth-first search from `source` to a deficit node.
                var length = 0
                var node = source
                isOnPath[source] = true
                var found = false
                while true {
                    if node != source && excess[node] < 0 {
                        found = true
                        break
                    }
                    var advanced = false
                    while next[node] < start[node + 1] {
                        let residualEdge = edge[next[node]]
                        let arc = residualEdge >> 1
                        let other: Int
                        let arcCost: Double
                        if residualEdge & 1 == 0 {
                            other = head[arc]
                            arcCost = cost[arc]
                            if flow[arc] >= capacity[arc] {
                                next[node] += 1
                                continue
                            }
                        } else {
                            other = tail[arc]
                            arcCost = -cost[arc]
                            if flow[arc] <= 0 {
                                next[node] += 1
                                continue
                            }
                        }
                        if isSettled[other] && !isDead[other] && !isOnPath[other]
                            && distance[other] >= distance[node] - tolerance
                            && arcCost + potential[node] - potential[other] <= tolerance
                        {
                            pathEdges[length] = residualEdge
                            length += 1
                            isOnPath[other] = true
                            node = other
                            advanced = true
                            break
                        }
                        next[node] += 1
                    }
                    if advanced { continue }
                    // Dead end: retreat one arc.
                    isDead[node] = true
                    isOnPath[node] = false
                    if length == 0 { break }
                    length -= 1
                    let arc = pathEdges[length] >> 1
                    node = pathEdges[length] & 1 == 0 ? tail[arc] : head[arc]
                    next[node] += 1
                }
                guard found else { break }
                var amount = min(excess[source], -excess[node])
                for step in 0..<length {
                    let arc = pathEdges[step] >> 1
                    amount = min(amount, pathEdges[step] & 1 == 0 ? capacity[arc] - flow[arc] : flow[arc])
                }
                for step in 0..<length {
                    let arc = pathEdges[step] >> 1
                    if pathEdges[step] & 1 == 0 {
                        flow[arc] += amount
                        isOnPath[head[arc]] = false
                    } else {
                        flow[arc] -= amount
                        isOnPath[tail[arc]] = false
                    }
                }
                isOnPath[source] = false
                excess[source] -= amount
                excess[node] += amount
            }
        }
    }
}

/// A growable raw buffer owned by one engine; contents are not kept when it grows.
private final class Buffer<Element> {
    private(set) var pointer = UnsafeMutablePointer<Element>.allocate(capacity: 16)
    private var capacity = 16

    /// Makes room for `count` elements (uninitialised for trivial types, which is all this file uses).
    func reserve(_ count: Int) {
        guard count > capacity else { return }
        pointer.deallocate()
        capacity = max(count, 2 * capacity)
        pointer = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
    }

    deinit {
        pointer.deallocate()
    }
}
