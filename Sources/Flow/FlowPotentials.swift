/// Node potentials of an optimal flow of one component, and exact costs of rerouting it.
///
/// Residual graph of a flow x: arc a forward (cost c_a + price) while x_a < capacity, backward (cost
/// -(c_a + price)) while x_a > 0. A flow is optimal iff its residual graph has no negative cycle
/// (Ahuja, Magnanti and Orlin, "Network Flows", 1993, theorem 9.1); then shortest-path distances p from
/// a virtual root joined to every node at cost 0 satisfy reduced cost c + price + p[tail] - p[head]
/// >= 0 on every residual arc (theorem 9.3, complementary slackness). They are found by a FIFO
/// Bellman-Ford (SPFA) that only accepts improvements larger than a tolerance of 1e-9 of the largest
/// arc cost, so cycles of cost 0 do not make it loop and every reduced cost is >= -tolerance.
///
/// The cost of the cheapest residual path from s to t is the price of pushing one more unit from s to
/// t with everything else rerouted optimally: e.g. `costOfForcingUnit(onArc:)` prices "ship one unit of
/// this demand node from that supply node instead" (the arc's cost plus the cheapest way back from its head
/// to its tail). Dijkstra on the non-negative reduced costs gives it: path cost = sum of reduced costs
/// - p[s] + p[t].
public struct FlowPotentials: Sendable {
    public let component: FlowComponent
    public let flowUnits: [Int]
    /// Money per unit of each coupling row added to the cost of its arcs; a row beyond the list is 0.
    public let couplingPrices: [Double]
    /// p[node]: c + price + p[tail] - p[head] >= -tolerance on every residual arc.
    public let potentials: [Double]
    /// Comparisons of money amounts use this slack (1e-9 of the largest priced arc cost, at least 1e-9).
    public let tolerance: Double
    /// Residual edges per node (see `adjacency(_:)`), built once.
    private let adjacency: [[Int]]

    /// - Throws: `FlowError` when the component or flow is invalid (wrong length, out of bounds,
    ///   unbalanced node) or the flow is not optimal at these prices (a negative residual cycle).
    public init(component: FlowComponent, flowUnits: [Int], couplingPrices: [Double] = []) throws {
        try FlowValidation.validatePrices(couplingPrices)
        try FlowValidation.validate(component, index: 0, couplingRowCount: Int.max)
        guard flowUnits.count == component.arcs.count else {
            throw FlowError("\(flowUnits.count) flows for \(component.arcs.count) arcs")
        }
        var balance = component.supply
        for (index, (arc, units)) in zip(component.arcs, flowUnits).enumerated() {
            guard units >= 0, units <= (arc.capacityUnits ?? Int.max) else {
                throw FlowError("arc \(index): flow \(units) is outside 0...\(arc.capacityUnits ?? Int.max)")
            }
            balance[arc.tail] -= units
            balance[arc.head] += units
        }
        if let node = balance.firstIndex(where: { $0 != 0 }) {
            throw FlowError("node \(node): supply minus net outflow is \(balance[node]), not 0")
        }
        self.component = component
        self.flowUnits = flowUnits
        self.couplingPrices = couplingPrices
        let costs = component.arcs.map { Self.pricedCost($0, couplingPrices) }
        tolerance = 1e-9 * costs.reduce(1) { max($0, abs($1)) }
        potentials = try Self.shortestDistances(component, flowUnits, costs, tolerance)
        adjacency = Self.adjacency(component)
    }

    /// c + price of `arc`: its cost in the priced problem.
    public func pricedCost(ofArc arc: Int) -> Double {
        Self.pricedCost(component.arcs[arc], couplingPrices)
    }

    /// c + price + p[tail] - p[head] of `arc` (>= -tolerance if it can carry more flow, <= tolerance if
    /// it carries flow).
    public func reducedCost(ofArc arc: Int) -> Double {
        let data = component.arcs[arc]
        return pricedCost(ofArc: arc) + potentials[data.tail] - potentials[data.head]
    }

    /// Cheapest residual path cost from `source` to every node (+infinity when unreachable), optionally
    /// without residual use of `excludedArc` in either direction and without passing `excludedNode`.
    public func pathCosts(
        from source: Int,
        excludingArc excludedArc: Int? = nil,
        excludingNode excludedNode: Int? = nil
    )
        -> [Double]
    {
        shortestPaths(source, excludedArc: excludedArc, excludedNode: excludedNode, reversed: false)
    }

    /// Cheapest residual path cost from every node to `target` (+infinity when none), without passing
    /// `excludedNode`: Dijkstra on the reversed residual graph with the same reduced costs.
    public func pathCosts(to target: Int, excludingNode excludedNode: Int? = nil) -> [Double] {
        shortestPaths(target, excludedArc: nil, excludedNode: excludedNode, reversed: true)
    }

    /// Cheapest residual paths as a tree: `costs` as `pathCosts`, and per node the residual edge it is
    /// reached by (from `root`) or leaves by (towards `root` when `reversed`): 2a for arc a forwards,
    /// 2a + 1 backwards, -1 for the root and unreached nodes. `unavailableUnits` takes units of an arc's
    /// flow out of the residual network's backward edges (units that may not be moved back).
    public func shortestPathTree(
        _ root: Int,
        reversed: Bool,
        excludingNode excludedNode: Int?,
        unavailableUnits: [Int: Int] = [:]
    ) -> (costs: [Double], edges: [Int]) {
        var edges = [Int](repeating: -1, count: component.supply.count)
        let costs = shortestPaths(
            root,
            excludedArc: nil,
            excludedNode: excludedNode,
            reversed: reversed,
            unavailableUnits: unavailableUnits,
            treeEdges: &edges
        )
        return (costs, edges)
    }

    /// Dijkstra on reduced costs (>= 0 up to the tolerance, clamped) from `root`, along residual edges or
    /// against them; path cost = sum of reduced costs - p[start] + p[end].
    private func shortestPaths(_ root: Int, excludedArc: Int?, excludedNode: Int?, reversed: Bool) -> [Double] {
        var unused: [Int] = []
        return shortestPaths(
            root,
            excludedArc: excludedArc,
            excludedNode: excludedNode,
            reversed: reversed,
            unavailableUnits: [:],
            treeEdges: &unused
        )
    }

    private func shortestPaths(
        _ root: Int,
        excludedArc: Int?,
        excludedNode: Int?,
        reversed: Bool,
        unavailableUnits: [Int: Int],
        treeEdges: inout [Int]
    ) -> [Double] {
        let nodeCount = component.supply.count
        let recordsTree = !treeEdges.isEmpty
        var distances = [Double](repeating: .infinity, count: nodeCount)
        var settled = [Bool](repeating: false, count: nodeCount)
        var heap = DistanceHeap()
        distances[root] = 0
        heap.push(0, root)
        while !heap.isEmpty {
            let (distance, node) = heap.pop()
            if settled[node] || distance > distances[node] { continue }
            settled[node] = true
            for edge in adjacency[node] {
                let arc = edge >> 1
                // Reversed: the residual edge leaving the other end of this arc towards `node`.
                guard arc != excludedArc, let step = reversed ? residualInto(node, edge) : residual(edge) else {
                    continue
                }
                guard step.node != excludedNode else { continue }
                // The residual edge's id: forwards when it runs tail -> head.
                let residualEdge = reversed ? (edge & 1 == 1 ? 2 * arc : 2 * arc + 1) : edge
                if residualEdge & 1 == 1, let withheld = unavailableUnits[arc], flowUnits[arc] - withheld <= 0 {
                    continue
                }
                let reduced =
                    reversed
                    ? max(0, step.cost + potentials[step.node] - potentials[node])
                    : max(0, step.cost + potentials[node] - potentials[step.node])
                if distance + reduced < distances[step.node] {
                    distances[step.node] = distance + reduced
                    heap.push(distance + reduced, step.node)
                    if recordsTree { treeEdges[step.node] = residualEdge }
                }
            }
        }
        return (0..<nodeCount).map { node in
            guard distances[node] != .infinity else { return .infinity }
            return reversed
                ? distances[node] - potentials[node] + potentials[root]
                : distances[node] - potentials[root] + potentials[node]
        }
    }

    /// Cheapest residual path cost from `source` to `target`; nil when there is no residual path.
    public func pathCost(from source: Int, to target: Int, excludingArc excludedArc: Int? = nil) -> Double? {
        let cost = pathCosts(from: source, excludingArc: excludedArc)[target]
        return cost.isFinite ? cost : nil
    }

    /// Change in the priced optimum when one more unit must use `arc` (>= -tolerance for an optimal
    /// flow): the arc's cost plus the cheapest residual path from its head back to its tail, not using
    /// the arc itself. Nil when the arc is full or nothing can make room.
    public func costOfForcingUnit(onArc arc: Int) -> Double? {
        let data = component.arcs[arc]
        guard flowUnits[arc] < (data.capacityUnits ?? Int.max) else { return nil }
        guard let back = pathCost(from: data.head, to: data.tail, excludingArc: arc) else { return nil }
        return pricedCost(ofArc: arc) + back
    }

    // MARK: Private

    private static func pricedCost(_ arc: FlowArc, _ prices: [Double]) -> Double {
        guard let row = arc.couplingRow, row < prices.count else { return arc.costPerUnit }
        return arc.costPerUnit + prices[row]
    }

    /// Residual edges per node: edge 2a is arc a forward, 2a + 1 backward, in edge order.
    private static func adjacency(_ component: FlowComponent) -> [[Int]] {
        var adjacency = [[Int]](repeating: [], count: component.supply.count)
        for (arc, data) in component.arcs.enumerated() {
            adjacency[data.tail].append(2 * arc)
            adjacency[data.head].append(2 * arc + 1)
        }
        return adjacency
    }

    /// For a residual edge of the arc behind `edge` that ends at `node`: its start and priced cost, or nil
    /// when that direction has no room. (Edge 2a lists arc a at its tail, 2a + 1 at its head.)
    private func residualInto(_ node: Int, _ edge: Int) -> (node: Int, cost: Double)? {
        let arc = edge >> 1
        let data = component.arcs[arc]
        if edge & 1 == 1 {
            // `node` is the head: the forward edge tail -> head ends here.
            guard flowUnits[arc] < (data.capacityUnits ?? Int.max) else { return nil }
            return (data.tail, pricedCost(ofArc: arc))
        }
        // `node` is the tail: the backward edge head -> tail ends here.
        guard flowUnits[arc] > 0 else { return nil }
        return (data.head, -pricedCost(ofArc: arc))
    }

    /// The other end and the priced cost of residual edge `edge`, or nil when it has no room.
    private func residual(_ edge: Int) -> (node: Int, cost: Double)? {
        let arc = edge >> 1
        let data = component.arcs[arc]
        if edge & 1 == 0 {
            guard flowUnits[arc] < (data.capacityUnits ?? Int.max) else { return nil }
            return (data.head, pricedCost(ofArc: arc))
        }
        guard flowUnits[arc] > 0 else { return nil }
        return (data.tail, -pricedCost(ofArc: arc))
    }

    /// FIFO Bellman-Ford from a virtual root; throws on a negative residual cycle (a label whose walk
    /// has `nodeCount` arcs).
    private static func shortestDistances(
        _ component: FlowComponent,
        _ flows: [Int],
        _ costs: [Double],
        _ tolerance: Double
    ) throws -> [Double] {
        let nodeCount = component.supply.count
        let adjacency = adjacency(component)
        var distances = [Double](repeating: 0, count: nodeCount)
        var queued = [Bool](repeating: true, count: nodeCount)
        // Arcs on the walk behind each label: nodeCount or more means the walk repeats a node, and as
        // every relabel lowers a label by more than the tolerance, that cycle is negative.
        var walkLength = [Int](repeating: 0, count: nodeCount)
        var queue = Array(0..<nodeCount)
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            queued[node] = false
            for edge in adjacency[node] {
                let arc = edge >> 1
                let data = component.arcs[arc]
                let forward = edge & 1 == 0
                if forward ? flows[arc] >= (data.capacityUnits ?? Int.max) : flows[arc] <= 0 { continue }
                let other = forward ? data.head : data.tail
                let candidate = distances[node] + (forward ? costs[arc] : -costs[arc])
                guard candidate < distances[other] - tolerance else { continue }
                distances[other] = candidate
                walkLength[other] = walkLength[node] + 1
                guard walkLength[other] < nodeCount else {
                    throw FlowError("the flow is not optimal: its residual graph has a negative cycle")
                }
                if !queued[other] {
                    queued[other] = true
                    queue.append(other)
                }
            }
        }
        return distances
    }
}
