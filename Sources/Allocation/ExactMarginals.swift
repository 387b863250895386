import Flow

/// Exact marginal costs of a one-day plan: what moving one unit of an allocated line from its warehouse w
/// to another warehouse w' adds to the optimum, with every other line re-optimised, whatever optimal
/// capacity prices the solver happened to return.
///
/// Why not the solver's prices alone: with capacity prices lambda, the move costs at least
/// c' + lambda' - c - lambda + (cheapest residual path w -> w' of the SKU). When a full warehouse's price is
/// degenerate (several optimal duals) that figure can be too low (0 where the move really costs 0.21), and
/// a warehouse with no capacity at all still gets a number. The move's real cost is the cheapest way to
/// make room, which may take units of other SKUs out of full warehouses.
///
/// The argument, for days = 1 (the model is then totally unimodular, so the optimum is linear in the
/// forced amount between whole units, and one unit costs the derivative). A feasible move is a direction d
/// of the LP with d = +1 on the line's (w', b) arc and -1 on (w, b); it decomposes into simple residual
/// cycles of SKUs (Ahuja, Magnanti and Orlin, "Network Flows", 1993, ch. 3), and in these networks a
/// simple cycle changes the use of at most one capacity row up (+1) and one down (-1): stock nodes only
/// have outgoing arcs and the slack node is passed once. The moved SKU's cycle thus leaves at most one row
/// j with a unit too many and one row k with a unit spare; rows that are not full, or have no capacity
/// limit, absorb a unit freely ("free"). The excess at a full row j must be pushed on by other cycles, and
/// the spare unit at k may be put to use by others: each such cycle moves one unit of some SKU from row x
/// to row y, where "free" as x means a unit that was unfilled and as y a unit left unfilled: a hop x -> y
/// of true cost h(x, y), the cheapest such cycle over all SKUs. The rows' balance then asks for a chain of
/// hops from j to k, through "free" or not, or from j to "free" with the spare unit left unused, so the
/// move costs
///
///     c(w', b) - c(w, b) + min over the SKU's own cycles of [its true cost + min(D(j, k), D(j, free))],
///
/// with D the shortest hop chains over the full rows and "free" (Floyd-Warshall; no negative cycle at an
/// optimum, and D(x, x) = 0). D(free, k) <= 0 is what a spare unit at k is worth; with k = j nothing moves.
/// The SKU's own cycles, after w' -> b -> w, go back from w to w' along a path avoiding the slack node (no
/// row left over), or through the slack node, reached by w -> slack (w keeps the unit), w -> ... -> w_k ->
/// slack (a unit taken off w_k) or w -> ... -> b2 -> slack (bucket b2 gets a unit it left unfilled), and left
/// by slack -> w' (w' keeps stock over), slack -> w_m -> ... -> w' (w_m does) or slack -> b3 -> ... -> w'
/// (a unit of bucket b3 left unfilled instead). Paths
/// avoiding the slack node change rows only at their ends, so every case's rows are known from its ends.
/// A move with no finite case is impossible (for instance to a warehouse of capacity 0 that nothing uses).
///
/// Costs are true costs: paths are found on the solver's priced residual network (reduced costs >= 0 with
/// the node potentials) and the prices of the rows at their ends are taken off again.
struct ExactMarginals {
    let network: TimeExpandedNetwork
    let flowUnits: [[Int]]
    let couplingPrices: [Double]
    /// Index into the full rows of each coupling row; nil when the row is not full (it absorbs units).
    let fullIndexByRow: [Int?]
    /// D[x][y] over full rows, the last index being "free".
    private(set) var chain: [[Double]] = []
    /// Per hop (x, y): the cheapest one's cost and component, and the cheapest of any other component (a
    /// line's own SKU may not use its own units to make room for itself).
    private(set) var bestHop: [[(cost: Double, component: Int)]] = []
    private(set) var otherHop: [[Double]] = []
    private(set) var bestHopPath: [[HopPath?]] = []
    /// Components that give some cheapest hop.
    private(set) var hopComponents = Set<Int>()
    /// The paths of the components searched for hops, kept for their lines' marginals.
    private(set) var pathsByComponent: [Int: ComponentPaths] = [:]  // looked up only

    /// Full rows, hops and chains for the whole plan. `potentials(c)` gives component c's node potentials
    /// at `couplingPrices` (nil when no prices support its flow, which cannot happen in a one-day optimum).
    init(
        network: TimeExpandedNetwork,
        flowUnits: [[Int]],
        couplingPrices: [Double],
        usedUnits: [Int],
        potentials: (Int) throws -> FlowPotentials?
    ) rethrows {
        self.network = network
        self.flowUnits = flowUnits
        self.couplingPrices = couplingPrices
        var fullIndexByRow = [Int?](repeating: nil, count: usedUnits.count)
        var fullCount = 0
        for (row, used) in usedUnits.enumerated() where used >= network.problem.couplingCapacityUnits[row] {
            fullIndexByRow[row] = fullCount
            fullCount += 1
        }
        self.fullIndexByRow = fullIndexByRow
        let size = fullCount + 1
        bestHop = [[(cost: Double, component: Int)]](
            repeating: [(cost: Double, component: Int)](repeating: (.infinity, -1), count: size),
            count: size
        )
        otherHop = [[Double]](repeating: [Double](repeating: .infinity, count: size), count: size)
        bestHopPath = [[HopPath?]](repeating: [HopPath?](repeating: nil, count: size), count: size)
        if fullCount > 0 {
            for component in network.problem.components.indices {
                guard mayHop(component), let potential = try potentials(component) else { continue }
                let componentPaths = paths(component: component, potentials: potential)
                pathsByComponent[component] = componentPaths
                let (own, ownPaths) = hopsWithPaths(component: component, paths: componentPaths)
                for from in 0..<size {
                    for to in 0..<size where own[from][to] < .infinity {
                        let cost = own[from][to]
                        if cost < bestHop[from][to].cost {
                            otherHop[from][to] = bestHop[from][to].cost
                            bestHop[from][to] = (cost, component)
                            bestHopPath[from][to] = ownPaths[from][to]
                        } else if cost < otherHop[from][to] {
                            otherHop[from][to] = cost
                        }
                    }
                }
            }
        }
        for from in 0..<size {
            for to in 0..<size where bestHop[from][to].component >= 0 {
                hopComponents.insert(bestHop[from][to].component)
            }
        }
        chain = Self.chains(bestHop.map { $0.map(\.cost) })
    }

    /// Whether a component can hop at all: ship from a full row (and make room there), or fill a full row
    /// from its unfilled units and the stock it has left there.
    private func mayHop(_ component: Int) -> Bool {
        let chains = network.chainsByComponent[component]
        let fullChains = chains.filter { fullIndex($0.warehouseIndex) != nil }
        guard !fullChains.isEmpty else { return false }
        if fullChains.contains(where: { shipped(component: component, warehouseIndex: $0.warehouseIndex) > 0 }) {
            return true
        }
        let leavesUnfilled = bucketRange(component).contains {
            flowUnits[component][network.unfilledArcByBucket[$0]] > 0
        }
        return leavesUnfilled && fullChains.contains { flowUnits[component][$0.leftoverArc] > 0 }
    }

    /// The component's cheapest hop of each kind: hop[x][y] moves one of its units off full row x to row y
    /// (the last index: to no row, left unfilled), as a simple cycle through its slack node.
    private func hops(component: Int, paths: ComponentPaths, withheld: [Int: Int] = [:]) -> [[Double]] {
        hopsWithPaths(component: component, paths: paths, withheld: withheld).costs
    }

    /// Where a hop's path runs: a tree of `ComponentPaths` (towards or from a stock node, by chain index),
    /// the node it starts from, and the bucket whose unfilled units it uses, if any.
    struct HopPath {
        var reversed: Bool
        var chainIndex: Int
        var start: Int
        var unfilledBucket: Int? = nil
    }

    private func hopsWithPaths(
        component: Int,
        paths: ComponentPaths,
        withheld: [Int: Int] = [:]
    )
        -> (costs: [[Double]], paths: [[HopPath?]])
    {
        func spare(_ arc: Int) -> Int { flowUnits[component][arc] - (withheld[arc] ?? 0) }
        let size = chain.isEmpty ? bestHop.count : chain.count
        let free = size - 1
        var hop = [[Double]](repeating: [Double](repeating: .infinity, count: size), count: size)
        var where_ = [[HopPath?]](repeating: [HopPath?](repeating: nil, count: size), count: size)
        let chains = network.chainsByComponent[component]
        for (index, chainK) in chains.enumerated() {
            guard let k = fullIndex(chainK.warehouseIndex),
                shipped(component: component, warehouseIndex: chainK.warehouseIndex) > 0
            else { continue }
            let toK = paths.toStock[index].costs
            let priceK = price(chainK.warehouseIndex)
            // slack -> w_u (stock left over at u) -> ... -> w_k -> slack: a unit moves from k to u.
            for chainU in chains where chainU.warehouseIndex != chainK.warehouseIndex {
                guard spare(chainU.leftoverArc) > 0, toK[chainU.firstNode].isFinite else { continue }
                let cost = toK[chainU.firstNode] - price(chainU.warehouseIndex) + priceK
                let u = fullIndex(chainU.warehouseIndex) ?? free
                if cost < hop[k][u] {
                    hop[k][u] = cost
                    where_[k][u] = HopPath(
                        reversed: true,
                        chainIndex: index,
                        start: chainU.firstNode,
                        unfilledBucket: nil
                    )
                }
            }
            // slack -> b (one more unit unfilled) -> ... -> w_k -> slack: a unit leaves k for nowhere.
            let unfilled = paths.unfilledToStock[index]
            if unfilled.cost + priceK < hop[k][free] {
                hop[k][free] = unfilled.cost + priceK
                where_[k][free] = HopPath(reversed: true, chainIndex: index, start: unfilled.bucketNode)
            }
        }
        // slack -> w_u (stock left over) -> ... -> b -> slack (one unit fewer unfilled): a unit fills full row u
        // from nowhere, the use of a spare unit there (`paths` withheld the same units as `withheld`).
        for (index, chainU) in chains.enumerated() {
            guard let u = fullIndex(chainU.warehouseIndex), spare(chainU.leftoverArc) > 0,
                let served = paths.servedFromStock[index].first
            else { continue }
            hop[free][u] = served.cost - price(chainU.warehouseIndex)
            where_[free][u] = HopPath(
                reversed: false,
                chainIndex: index,
                start: bucketNode(served.bucket),
                unfilledBucket: served.bucket
            )
        }
        return (hop, where_)
    }

    /// Shortest hop chains (Floyd-Warshall); an optimum has no negative cycle, so a diagonal below 0 is
    /// rounding noise.
    private static func chains(_ hop: [[Double]]) -> [[Double]] {
        var distance = hop
        let size = hop.count
        for index in 0..<size { distance[index][index] = min(0, distance[index][index]) }
        for via in 0..<size {
            for from in 0..<size where distance[from][via].isFinite {
                for to in 0..<size where distance[via][to].isFinite {
                    let candidate = distance[from][via] + distance[via][to]
                    if candidate < distance[from][to] { distance[from][to] = candidate }
                }
            }
        }
        for index in 0..<size { distance[index][index] = min(0, distance[index][index]) }
        return distance
    }

    /// The chains a line of `component` may use: its own SKU's hops with the line's units withheld.
    func chains(forLineOf component: Int, withheld: ComponentPaths?, lineUnits: [Int: Int]) -> [[Double]] {
        guard hopComponents.contains(component), let withheld else { return chain }
        let size = chain.count
        var hop = [[Double]](repeating: [Double](repeating: .infinity, count: size), count: size)
        for from in 0..<size {
            for to in 0..<size {
                hop[from][to] = bestHop[from][to].component == component ? otherHop[from][to] : bestHop[from][to].cost
            }
        }
        let own = hops(component: component, paths: withheld, withheld: lineUnits)
        for from in 0..<size {
            for to in 0..<size { hop[from][to] = min(hop[from][to], own[from][to]) }
        }
        return Self.chains(hop)
    }

    /// A component's cheapest residual paths avoiding its slack node: towards each stock node and from each
    /// stock node, as trees, optionally with a line's own units withheld from the backward edges.
    struct ComponentPaths {
        /// By chain index: costs and tree edges of the paths to that stock node.
        var toStock: [(costs: [Double], edges: [Int])]
        /// By chain index: from that stock node.
        var fromStock: [(costs: [Double], edges: [Int])]
        /// By chain index k: the cheapest bucket b3 and penalty(b3) + cost(b3 -> w_k) (one more unit of b3
        /// left unfilled makes room for a unit from w_k).
        var unfilledToStock: [(cost: Double, bucketNode: Int)]
        /// By chain index w: the two cheapest buckets b2 (in different buckets) with units left unfilled and
        /// cost(w -> b2) - penalty(b2) (b2 served one more unit from w).
        var servedFromStock: [[(cost: Double, bucket: Int)]]
    }

    func paths(component: Int, potentials: FlowPotentials, withheld: [Int: Int] = [:]) -> ComponentPaths {
        let slack = network.problem.components[component].supply.count - 1
        let chains = network.chainsByComponent[component]
        let arcs = network.problem.components[component].arcs
        let toStock = chains.map {
            potentials.shortestPathTree($0.firstNode, reversed: true, excludingNode: slack, unavailableUnits: withheld)
        }
        let fromStock = chains.map {
            potentials.shortestPathTree($0.firstNode, reversed: false, excludingNode: slack, unavailableUnits: withheld)
        }
        let unfilledToStock = toStock.map { tree in
            var best: (cost: Double, bucketNode: Int) = (.infinity, -1)
            for bucketIndex in bucketRange(component) {
                let node = bucketNode(bucketIndex)
                let cost = arcs[network.unfilledArcByBucket[bucketIndex]].costPerUnit + tree.costs[node]
                if cost < best.cost { best = (cost, node) }
            }
            return best
        }
        let servedFromStock = fromStock.map { tree in
            var best: [(cost: Double, bucket: Int)] = []
            for bucketIndex in bucketRange(component) {
                let unfilledArc = network.unfilledArcByBucket[bucketIndex]
                guard flowUnits[component][unfilledArc] - (withheld[unfilledArc] ?? 0) > 0 else { continue }
                let cost = tree.costs[bucketNode(bucketIndex)] - arcs[unfilledArc].costPerUnit
                guard cost.isFinite else { continue }
                best.append((cost, bucketIndex))
                best.sort { $0.cost < $1.cost }
                if best.count > 2 { best.removeLast() }
            }
            return best
        }
        return ComponentPaths(
            toStock: toStock,
            fromStock: fromStock,
            unfilledToStock: unfilledToStock,
            servedFromStock: servedFromStock
        )
    }

    /// Per ship arc of the bucket (in `network.shipArcsByBucket[bucket]` order; nil for the chosen warehouse):
    /// the cost of moving one unit of the line from `chosen` to it, or nil when the move is impossible.
    /// `lineUnits` are the line's own units per arc (its ship arcs and unfilled arc): the move may not hand
    /// them back and forth, so a cheapest path that would is searched again with them withheld.
    func marginals(
        bucket: Int,
        chosen: TimeExpandedNetwork.ShipArc,
        lineUnits: [Int: Int],
        paths shared: ComponentPaths,
        potentials: FlowPotentials
    ) -> [Double?] {
        let component = network.componentByBucket[bucket]
        let node = bucketNode(bucket)
        let arcs = network.problem.components[component].arcs
        // Whether a tree path leaves the line's bucket node over a backward edge whose units are the line's.
        func usesLineUnits(_ edges: [Int], from start: Int, reversed: Bool) -> Bool {
            var current = start
            var steps = 0
            while edges[current] >= 0 && steps <= edges.count {
                let edge = edges[current]
                let arc = arcs[edge >> 1]
                let forwardEdge = edge & 1 == 0
                let previous = forwardEdge ? arc.tail : arc.head
                let next = forwardEdge ? arc.head : arc.tail
                // Reversed trees record the edge leaving `current`; forward trees the edge entering it.
                let leaving = reversed ? current : previous
                if leaving == node && !forwardEdge, let units = lineUnits[edge >> 1],
                    flowUnits[component][edge >> 1] - units <= 0
                {
                    return true
                }
                current = reversed ? next : previous
                steps += 1
            }
            return false
        }
        // Withholding the line's units changes the residual network only where they are all the bucket has
        // on an arc (a bucket of one line, typically); otherwise every path stays as it is.
        let critical = lineUnits.contains { arc, units in units > 0 && flowUnits[component][arc] - units <= 0 }
        guard critical else {
            return evaluate(
                bucket: bucket,
                chosen: chosen,
                paths: shared,
                chain: chain,
                lineUnits: lineUnits,
                check: nil
            )
            .marginals
        }
        // The SKU's own hops may have made room with the line's own units: recount them without.
        var own: ComponentPaths?
        var lineChain = chain
        // The global chains stand when none of the SKU's cheapest hops uses the line's units (withholding only
        // takes options away).
        let ownHopsUseLine =
            hopComponents.contains(component)
            && bestHop.indices.contains { from in
                bestHop[from].indices.contains { to in
                    guard bestHop[from][to].component == component, let hop = bestHopPath[from][to] else {
                        return false
                    }
                    if let bucket = hop.unfilledBucket {
                        let arc = network.unfilledArcByBucket[bucket]
                        if flowUnits[component][arc] - (lineUnits[arc] ?? 0) <= 0 { return true }
                    }
                    let tree = hop.reversed ? shared.toStock[hop.chainIndex] : shared.fromStock[hop.chainIndex]
                    return usesLineUnits(tree.edges, from: hop.start, reversed: hop.reversed)
                }
            }
        if ownHopsUseLine {
            own = paths(component: component, potentials: potentials, withheld: lineUnits)
            lineChain = chains(forLineOf: component, withheld: own, lineUnits: lineUnits)
        }
        let (result, valid) = evaluate(
            bucket: bucket,
            chosen: chosen,
            paths: shared,
            chain: lineChain,
            lineUnits: lineUnits,
            check: usesLineUnits
        )
        if valid { return result }
        let withheld = own ?? paths(component: component, potentials: potentials, withheld: lineUnits)
        return evaluate(
            bucket: bucket,
            chosen: chosen,
            paths: withheld,
            chain: lineChain,
            lineUnits: lineUnits,
            check: nil
        ).marginals
    }

    /// The marginals from `paths`; `valid` is false when `check` finds a chosen path using the line's units.
    private func evaluate(
        bucket: Int,
        chosen: TimeExpandedNetwork.ShipArc,
        paths: ComponentPaths,
        chain: [[Double]],
        lineUnits: [Int: Int],
        check: (([Int], Int, Bool) -> Bool)?
    ) -> (marginals: [Double?], valid: Bool) {
        let component = network.componentByBucket[bucket]
        // Units the move may take back: not the line's own.
        func spare(_ arc: Int) -> Int { flowUnits[component][arc] - (lineUnits[arc] ?? 0) }
        let chains = network.chainsByComponent[component]
        let free = chain.count - 1
        let fromIndex = chains.firstIndex { $0.warehouseIndex == chosen.warehouseIndex }!
        let from = chains[fromIndex]
        let fromRow = fullIndex(chosen.warehouseIndex) ?? free
        var valid = true
        func checked(_ edges: [Int], _ start: Int, reversed: Bool) {
            if let check, valid, check(edges, start, reversed) { valid = false }
        }
        // P1: w -> (leftover) slack, or w -> ... -> w_k -> slack, or w -> ... -> b2 -> slack (one more unit of a
        // bucket b2 served instead of left unfilled); the row freed (free: none), the true cost, the path.
        var firstLegs: [(freed: Int, cost: Double, path: HopPath?)] = [
            (fromRow, 0, nil)
        ]
        let fromW = paths.fromStock[fromIndex]
        // The cheapest bucket with spare unfilled units (the line's own bucket only with units of other lines).
        if let served = paths.servedFromStock[fromIndex].first(where: {
            spare(network.unfilledArcByBucket[$0.bucket]) > 0
        }) {
            firstLegs.append(
                (
                    free, served.cost - price(chosen.warehouseIndex),
                    HopPath(reversed: false, chainIndex: fromIndex, start: bucketNode(served.bucket))
                )
            )
        }
        for (index, chainK) in chains.enumerated() where chainK.warehouseIndex != chosen.warehouseIndex {
            let toK = paths.toStock[index]
            let cost = toK.costs[from.firstNode]
            guard cost.isFinite else { continue }
            let trueCost = cost - price(chosen.warehouseIndex) + price(chainK.warehouseIndex)
            firstLegs.append(
                (
                    fullIndex(chainK.warehouseIndex) ?? free, trueCost,
                    HopPath(reversed: true, chainIndex: index, start: from.firstNode)
                )
            )
        }

        var result: [Double?] = []
        for arc in network.shipArcsByBucket[bucket] {
            guard arc.warehouseIndex != chosen.warehouseIndex else {
                result.append(nil)
                continue
            }
            let targetIndex = chains.firstIndex { $0.warehouseIndex == arc.warehouseIndex }!
            let target = chains[targetIndex]
            let targetRow = fullIndex(arc.warehouseIndex) ?? free
            let toTarget = paths.toStock[targetIndex]
            let base = arc.costPerUnit - chosen.costPerUnit
            var best = Double.infinity
            var bestPaths: (HopPath?, HopPath?) = (nil, nil)
            // Avoiding the slack node: w -> ... -> w', rows unchanged in all.
            if toTarget.costs[from.firstNode].isFinite {
                best = toTarget.costs[from.firstNode] - price(chosen.warehouseIndex) + price(arc.warehouseIndex)
                bestPaths = (HopPath(reversed: true, chainIndex: targetIndex, start: from.firstNode), nil)
            }
            // P2: (the row left with a unit too many, true cost, path).
            var secondLegs: [(excess: Int, cost: Double, path: HopPath?)] = []
            if flowUnits[component][target.leftoverArc] > 0 { secondLegs.append((targetRow, 0, nil)) }
            for chainM in chains where chainM.warehouseIndex != arc.warehouseIndex {
                guard flowUnits[component][chainM.leftoverArc] > 0, toTarget.costs[chainM.firstNode].isFinite else {
                    continue
                }
                let cost = toTarget.costs[chainM.firstNode] - price(chainM.warehouseIndex) + price(arc.warehouseIndex)
                secondLegs.append(
                    (
                        fullIndex(chainM.warehouseIndex) ?? free, cost,
                        HopPath(reversed: true, chainIndex: targetIndex, start: chainM.firstNode)
                    )
                )
            }
            // A unit of some bucket b3 left unfilled cancels the excess at w': no row is left over.
            let unfilled = paths.unfilledToStock[targetIndex]
            if unfilled.cost.isFinite {
                secondLegs.append(
                    (
                        free, unfilled.cost + price(arc.warehouseIndex),
                        HopPath(reversed: true, chainIndex: targetIndex, start: unfilled.bucketNode)
                    )
                )
            }
            for first in firstLegs {
                for second in secondLegs {
                    let total =
                        first.cost + second.cost
                        + Self.chainCost(excess: second.excess, freed: first.freed, chain: chain)
                    if total < best - 1e-12 {
                        best = total
                        bestPaths = (first.path, second.path)
                    }
                }
            }
            for case let path? in [bestPaths.0, bestPaths.1] {
                let tree = path.reversed ? paths.toStock[path.chainIndex] : paths.fromStock[path.chainIndex]
                checked(tree.edges, path.start, reversed: path.reversed)
            }
            result.append(best.isFinite ? base + best : nil)
        }
        return (result, valid)
    }

    /// The cheapest way to place one unit too many at `excess` given a spare unit at `freed`.
    /// The excess either ends at the spare unit's row, or goes to "free" and the spare unit stays unused.
    static func chainCost(excess: Int, freed: Int, chain: [[Double]]) -> Double {
        min(chain[excess][freed], chain[excess][chain.count - 1])
    }

    private func fullIndex(_ warehouseIndex: Int) -> Int? {
        network.couplingRowByWarehouseDay[warehouseIndex][0].flatMap { fullIndexByRow[$0] }
    }

    private func price(_ warehouseIndex: Int) -> Double {
        network.couplingRowByWarehouseDay[warehouseIndex][0].map { couplingPrices[$0] } ?? 0
    }

    private func shipped(component: Int, warehouseIndex: Int) -> Int {
        var total = 0
        for bucketIndex in bucketRange(component) {
            for arc in network.shipArcsByBucket[bucketIndex] where arc.warehouseIndex == warehouseIndex {
                total += flowUnits[component][arc.arc]
            }
        }
        return total
    }

    private func bucketRange(_ component: Int) -> Range<Int> {
        network.bucketRangeByComponent[component]
    }

    private func bucketNode(_ bucketIndex: Int) -> Int {
        let component = network.componentByBucket[bucketIndex]
        let arc = network.problem.components[component].arcs[network.unfilledArcByBucket[bucketIndex]]
        return arc.head
    }
}
