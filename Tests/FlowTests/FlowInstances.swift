@testable import Flow

/// Seeded flow instances for the flow-solver tests.
enum FlowInstances {
    /// A random small network: 2-8 nodes, random arcs (some capacitated, some with negative cost, but
    /// every negative arc capacitated) and a hub (the last node) joined both ways to every other node at
    /// cost 100 without capacity, so every supply vector summing to zero is feasible and no uncapacitated
    /// cycle is negative. Arcs are tagged with coupling rows 0..<rowCount at random.
    static func randomComponent(_ random: inout SplitMix64, rowCount: Int = 0) -> FlowComponent {
        let nodeCount = random.int(2...8)
        let hub = nodeCount - 1
        var supply = [Int](repeating: 0, count: nodeCount)
        for node in 0..<hub {
            supply[node] = random.int(-12...12)
        }
        supply[hub] = -supply.reduce(0, +)
        var arcs: [FlowArc] = []
        for _ in 0..<random.int(0...(3 * nodeCount)) {
            let tail = random.int(0...hub)
            var head = random.int(0...hub)
            if head == tail { head = (head + 1) % nodeCount }
            let capacitated = random.int(0...2) == 0
            let cost = Double(random.int((capacitated ? -8 : 0)...20)) / 2
            let row = rowCount > 0 && random.int(0...1) == 0 ? random.int(0...(rowCount - 1)) : nil
            arcs.append(
                FlowArc(
                    tail: tail,
                    head: head,
                    costPerUnit: cost,
                    capacityUnits: capacitated ? random.int(0...10) : nil,
                    couplingRow: row
                )
            )
        }
        for node in 0..<hub {
            arcs.append(FlowArc(tail: node, head: hub, costPerUnit: 100))
            arcs.append(FlowArc(tail: hub, head: node, costPerUnit: 100))
        }
        return FlowComponent(supply: supply, arcs: arcs)
    }

    /// Shape of an allocation-like coupled problem (one component per SKU, single day).
    struct AllocationShape {
        var componentCount: Int
        var warehouseCount = 12
        var regionCount = 100
        var bucketsPerComponent: ClosedRange<Int> = 2...12
        var stockNodesPerComponent: ClosedRange<Int> = 1...6
        /// Components (the first ones) with 300 buckets and stock in every warehouse.
        var largeComponentCount = 0
        /// Capacity as a fraction of the units each warehouse ships at prices 0, for warehouses 0, 1, ...
        /// (a warehouse beyond the list has no capacity and no coupling row). 0 gives a zero capacity.
        var capacityFractions: [Double] = [0.5, 0.6, 0.7, 0.8, 0.5, 0.0, 0.9, 1.5]
    }

    /// An allocation-shaped instance: per SKU, stock nodes (one per warehouse holding it), bucket nodes
    /// ((region, priority) with open lines), one slack node. Arcs: stock -> bucket at the lane cost (in
    /// steps of 0.25, so ties occur), tagged with the warehouse's row; slack -> bucket at 50 x priority
    /// weight (1...4); stock -> slack at 0. Region 0 is reached only from the last (cloud) warehouse; about
    /// one SKU in 40 has no stock at all. Capacities: `capacityFractions` of the units each warehouse
    /// ships when every SKU is solved alone at prices 0 (so they bind at those below 1).
    static func allocation(_ shape: AllocationShape, seed: UInt64) -> CoupledFlowProblem {
        var random = SplitMix64(state: seed)
        let cloud = shape.warehouseCount - 1
        // Lane cost per (warehouse, region); nil = no lane.
        var lanes = [[Double?]](repeating: [], count: shape.warehouseCount)
        for warehouse in 0..<shape.warehouseCount {
            lanes[warehouse] = (0..<shape.regionCount).map { region in
                if warehouse == cloud { return Double(random.int(24...40)) * 0.25 }
                if region == 0 || random.int(0...9) < 4 { return nil }
                return Double(random.int(4...32)) * 0.25
            }
        }
        let rowCount = min(shape.capacityFractions.count, shape.warehouseCount)
        var components: [FlowComponent] = []
        for index in 0..<shape.componentCount {
            let large = index < shape.largeComponentCount
            var stockWarehouses: [Int] = []
            if large {
                stockWarehouses = Array(0..<shape.warehouseCount)
            } else if random.int(0...39) > 0 {
                var pool = Array(0..<shape.warehouseCount)
                for _ in 0..<min(random.int(shape.stockNodesPerComponent), pool.count) {
                    stockWarehouses.append(pool.remove(at: random.int(0...(pool.count - 1))))
                }
                stockWarehouses.sort()
            }
            let bucketCount = large ? 300 : random.int(shape.bucketsPerComponent)
            var keys = Set<Int>()
            var buckets: [(region: Int, priority: Int, units: Int)] = []
            while buckets.count < min(bucketCount, shape.regionCount * 4) {
                let region = random.int(0...(shape.regionCount - 1))
                let priority = random.int(1...4)
                guard keys.insert(region * 4 + priority).inserted else { continue }
                buckets.append((region, priority, random.int(1...20)))
            }
            let stockUnits = stockWarehouses.map { _ in random.int(0...(large ? 900 : 40)) }
            let slack = stockWarehouses.count + buckets.count
            var supply = stockUnits + buckets.map { -$0.units } + [0]
            supply[slack] = -supply.reduce(0, +)
            var arcs: [FlowArc] = []
            for (bucketSlot, bucket) in buckets.enumerated() {
                let node = stockWarehouses.count + bucketSlot
                for (stockSlot, warehouse) in stockWarehouses.enumerated() {
                    guard let cost = lanes[warehouse][bucket.region] else { continue }
                    let row = warehouse < rowCount ? warehouse : nil
                    arcs.append(FlowArc(tail: stockSlot, head: node, costPerUnit: cost, couplingRow: row))
                }
                arcs.append(FlowArc(tail: slack, head: node, costPerUnit: 50 * Double(5 - bucket.priority)))
            }
            for stockSlot in stockWarehouses.indices {
                arcs.append(FlowArc(tail: stockSlot, head: slack, costPerUnit: 0))
            }
            components.append(FlowComponent(supply: supply, arcs: arcs))
        }

        // Capacities from the units shipped at prices 0.
        var shipped = [Int](repeating: 0, count: rowCount)
        let solver = ComponentFlowSolver()
        for component in components {
            let flow = try! solver.solve(component)
            for (arc, units) in zip(component.arcs, flow.flowUnits) {
                if let row = arc.couplingRow { shipped[row] += units }
            }
        }
        let capacities = (0..<rowCount).map { Int((Double(shipped[$0]) * shape.capacityFractions[$0]).rounded(.down)) }
        return CoupledFlowProblem(components: components, couplingCapacityUnits: capacities)
    }
}
