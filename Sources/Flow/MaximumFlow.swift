/// A network for a maximum flow: arcs with whole-unit capacities between numbered nodes.
public struct MaximumFlowNetwork: Sendable {
    public private(set) var nodeCount: Int
    private(set) var tails: [Int] = []
    private(set) var heads: [Int] = []
    /// Capacity per arc; `Int.max` stands for none.
    private(set) var capacities: [Int] = []

    public init(nodeCount: Int) {
        self.nodeCount = max(0, nodeCount)
    }

    public var arcCount: Int { tails.count }

    /// Adds a node and returns its index.
    public mutating func addNode() -> Int {
        nodeCount += 1
        return nodeCount - 1
    }

    /// Adds the arc `tail -> head` and returns its index; `capacityUnits` nil means no limit.
    /// - Precondition: both nodes exist, they differ, and the capacity is not negative.
    @discardableResult
    public mutating func addArc(from tail: Int, to head: Int, capacityUnits: Int?) -> Int {
        precondition((0..<nodeCount).contains(tail) && (0..<nodeCount).contains(head) && tail != head)
        precondition((capacityUnits ?? 0) >= 0)
        tails.append(tail)
        heads.append(head)
        capacities.append(capacityUnits ?? Int.max)
        return tails.count - 1
    }
}

/// A maximum flow and its value.
public struct MaximumFlow: Sendable, Equatable {
    public var valueUnits: Int
    /// Units on each arc, in arc order.
    public var flowUnits: [Int]
}

extension MaximumFlowNetwork {
    /// A maximum flow from `source` to `sink` by Dinic's algorithm (Dinic 1970; Ahuja, Magnanti and Orlin,
    /// "Network Flows", 1993, section 7.5): breadth-first distance labels from the source on the residual
    /// network, then a blocking flow along arcs that go one label up, found by depth-first search with a current
    /// arc per node, until the sink is unreachable. Capacities are whole units, so the flow is integral; an arc
    /// without a limit carries at most the total capacity leaving the source. Every search visits nodes and arcs
    /// in index order, so the same network always gives the same flow.
    public func maximumFlow(from source: Int, to sink: Int) -> MaximumFlow {
        precondition((0..<nodeCount).contains(source) && (0..<nodeCount).contains(sink) && source != sink)
        var sourceCapacity = 0
        for arc in tails.indices where tails[arc] == source {
            sourceCapacity = sourceCapacity &+ min(capacities[arc], Int.max / 4)
            sourceCapacity = min(sourceCapacity, Int.max / 4)
        }
        let limit = tails.indices.map { min(capacities[$0], max(sourceCapacity, 0)) }
        // Residual edges: 2a forward (capacity limit[a] - flow), 2a + 1 backward (flow), in CSR by node.
        var start = [Int](repeating: 0, count: nodeCount + 1)
        for arc in tails.indices {
            start[tails[arc] + 1] += 1
            start[heads[arc] + 1] += 1
        }
        for node in 0..<nodeCount { start[node + 1] += start[node] }
        var edges = [Int](repeating: 0, count: 2 * tails.count)
        var fill = start
        for arc in tails.indices {
            edges[fill[tails[arc]]] = 2 * arc
            fill[tails[arc]] += 1
            edges[fill[heads[arc]]] = 2 * arc + 1
            fill[heads[arc]] += 1
        }
        var flow = [Int](repeating: 0, count: tails.count)
        func residual(_ edge: Int) -> Int { edge & 1 == 0 ? limit[edge >> 1] - flow[edge >> 1] : flow[edge >> 1] }
        func target(_ edge: Int) -> Int { edge & 1 == 0 ? heads[edge >> 1] : tails[edge >> 1] }

        var level = [Int](repeating: -1, count: nodeCount)
        var current = [Int](repeating: 0, count: nodeCount)
        var queue = [Int]()
        queue.reserveCapacity(nodeCount)
        var pathEdges = [Int]()
        var value = 0
        while true {
            for node in 0..<nodeCount { level[node] = -1 }
            level[source] = 0
            queue.removeAll(keepingCapacity: true)
            queue.append(source)
            var head = 0
            while head < queue.count {
                let node = queue[head]
                head += 1
                for slot in start[node]..<start[node + 1] {
                    let edge = edges[slot]
                    let next = target(edge)
                    if level[next] < 0 && residual(edge) > 0 {
                        level[next] = level[node] + 1
                        queue.append(next)
                    }
                }
            }
            guard level[sink] >= 0 else { break }
            for node in 0..<nodeCount { current[node] = start[node] }
            // Depth-first search for augmenting paths along level arcs; a node whose arcs are used up is passed.
            pathEdges.removeAll(keepingCapacity: true)
            var node = source
            while true {
                if node == sink {
                    var amount = Int.max
                    for edge in pathEdges { amount = min(amount, residual(edge)) }
                    for edge in pathEdges {
                        if edge & 1 == 0 { flow[edge >> 1] += amount } else { flow[edge >> 1] -= amount }
                    }
                    value += amount
                    // Back to the tail of the first edge that is now saturated.
                    var keep = 0
                    while keep < pathEdges.count && residual(pathEdges[keep]) > 0 { keep += 1 }
                    pathEdges.removeSubrange(keep...)
                    node = pathEdges.last.map(target) ?? source
                    continue
                }
                var advanced = false
                while current[node] < start[node + 1] {
                    let edge = edges[current[node]]
                    let next = target(edge)
                    if residual(edge) > 0 && level[next] == level[node] + 1 {
                        pathEdges.append(edge)
                        node = next
                        advanced = true
                        break
                    }
                    current[node] += 1
                }
                if advanced { continue }
                // Dead end: no level arc left from `node`.
                guard let last = pathEdges.popLast() else { break }
                level[node] = -1
                node = last & 1 == 0 ? tails[last >> 1] : heads[last >> 1]
                current[node] += 1
            }
        }
        return MaximumFlow(valueUnits: value, flowUnits: flow)
    }
}
