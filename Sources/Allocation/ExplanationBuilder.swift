import Flow
import PlannerCore

/// Builds a `LineExplanation` for every allocated and unfilled line from the optimal flow of each SKU's
/// component of the time-expanded network and the capacity prices of its (warehouse, day) rows: the same
/// for one day and for several.
struct ExplanationBuilder {
    let dataSet: DataSet
    let buckets: [Bucket]
    let horizon: Horizon
    let network: TimeExpandedNetwork
    /// `flowUnits[component][arc]` of an optimal flow.
    let flowUnits: [[Int]]
    /// Per coupling row of `network`: an optimal dual price, >= 0.
    let couplingPrices: [Double]

    /// - Throws: `AllocationError` when, in a one-day run, a component's flow is not optimal at the capacity
    ///   prices (a negative residual cycle), which would make every marginal cost meaningless. Over several
    ///   days the LP is not totally unimodular, and a branched (whole-unit) plan may be one that no
    ///   capacity prices support: its lines are explained without a runner-up or marginal cost.
    func explain(allocated: [AllocatedLine], unfilled: [UnfilledLine]) throws -> [LineExplanation] {
        var bucketByOrder = [Int](repeating: -1, count: dataSet.orders.count)
        for (bucketIndex, bucket) in buckets.enumerated() {
            for orderIndex in bucket.orderIndices { bucketByOrder[orderIndex] = bucketIndex }
        }
        let judge = UnfilledJudge(network: network, horizon: horizon, flowUnits: flowUnits)
        func price(_ warehouseIndex: Int, _ day: Int) -> Double {
            network.couplingRowByWarehouseDay[warehouseIndex][day].map { couplingPrices[$0] } ?? 0
        }

        var explanations: [LineExplanation] = []
        explanations.reserveCapacity(allocated.count + unfilled.count)
        var distanceCache: [Int: [Double]] = [:]  // by (component, source node); looked up only
        var potentialsCache: [Int: FlowPotentials?] = [:]  // looked up only; nil: no prices support the flow
        func potentials(_ component: Int) throws -> FlowPotentials? {
            if let known = potentialsCache[component] { return known }
            do {
                potentialsCache[component] = try FlowPotentials(
                    component: network.problem.components[component],
                    flowUnits: flowUnits[component],
                    couplingPrices: couplingPrices
                )
            } catch let error as FlowError {
                guard horizon.days > 1 else { throw AllocationError(error.message) }
                potentialsCache[component] = .some(nil)
            }
            return potentialsCache[component]!
        }
        // One day: exact marginal costs whatever optimal prices the solver returned (see `ExactMarginals`).
        let exact =
            horizon.days == 1
            ? try ExactMarginals(
                network: network,
                flowUnits: flowUnits,
                couplingPrices: couplingPrices,
                usedUnits: judge.usedUnits,
                potentials: potentials
            ) : nil
        var pathsCache: [Int: ExactMarginals.ComponentPaths] = [:]  // by component; looked up only
        var unitsByOrder: [Int: [AllocatedLine]] = [:]  // looked up only
        for line in allocated { unitsByOrder[line.orderIndex, default: []].append(line) }
        var unfilledByOrder: [Int: Int] = [:]  // looked up only
        for line in unfilled { unfilledByOrder[line.orderIndex, default: 0] += line.quantity }
        for line in allocated {
            let bucketIndex = bucketByOrder[line.orderIndex]
            let bucket = buckets[bucketIndex]
            let component = network.componentByBucket[bucketIndex]
            let lanes = horizon.network.lanesByRegion[bucket.regionIndex]
            let arcs = network.shipArcsByBucket[bucketIndex]
            guard
                let chosen = arcs.first(where: {
                    $0.warehouseIndex == line.warehouseIndex && $0.dayOffset == line.shipDayOffset
                })
            else { continue }
            let chains = network.chainsByComponent[component]
            func node(_ arc: TimeExpandedNetwork.ShipArc) -> Int {
                let chain = chains.first { $0.warehouseIndex == arc.warehouseIndex }!
                return chain.firstNode + arc.dayOffset - chain.firstDay
            }
            let cacheKey = component * 1_000_003 + node(chosen)
            var marginalByArc: [Double?]
            if let exact {
                let componentPotentials = try potentials(component)!
                let paths =
                    pathsCache[component] ?? exact.pathsByComponent[component]
                    ?? exact.paths(component: component, potentials: componentPotentials)
                pathsCache[component] = paths
                // The line's own units: its ship arcs and its unfilled units in the bucket.
                var lineUnits: [Int: Int] = [:]
                for own in unitsByOrder[line.orderIndex] ?? [] {
                    if let arc = arcs.first(where: {
                        $0.warehouseIndex == own.warehouseIndex && $0.dayOffset == own.shipDayOffset
                    }) {
                        lineUnits[arc.arc, default: 0] += own.quantity
                    }
                }
                if let units = unfilledByOrder[line.orderIndex] {
                    lineUnits[network.unfilledArcByBucket[bucketIndex]] = units
                }
                marginalByArc = exact.marginals(
                    bucket: bucketIndex,
                    chosen: chosen,
                    lineUnits: lineUnits,
                    paths: paths,
                    potentials: componentPotentials
                )
            } else {
                let distances: [Double]
                if let cached = distanceCache[cacheKey] {
                    distances = cached
                } else {
                    distances =
                        try potentials(component)?.pathCosts(from: node(chosen))
                        ?? [Double](repeating: .infinity, count: network.problem.components[component].supply.count)
                    distanceCache[cacheKey] = distances
                }
                let chosenPriced = chosen.costPerUnit + price(chosen.warehouseIndex, chosen.dayOffset)
                marginalByArc = arcs.map { arc in
                    guard arc.warehouseIndex != chosen.warehouseIndex || arc.dayOffset != chosen.dayOffset,
                        distances[node(arc)].isFinite
                    else { return nil }
                    return arc.costPerUnit + price(arc.warehouseIndex, arc.dayOffset) - chosenPriced
                        + distances[node(arc)]
                }
            }

            var runnerUp: (arc: TimeExpandedNetwork.ShipArc, marginal: Double)?
            for (arc, found) in zip(arcs, marginalByArc) {
                guard let found else { continue }
                let marginal = max(0, found)
                if let best = runnerUp {
                    let better =
                        marginal < best.marginal - 1e-9
                        || (abs(marginal - best.marginal) <= 1e-9
                            && (arc.costPerUnit, arc.warehouseIndex, arc.dayOffset)
                                < (best.arc.costPerUnit, best.arc.warehouseIndex, best.arc.dayOffset))
                    if !better { continue }
                }
                runnerUp = (arc, marginal)
            }

            var binding = BindingConstraint.none
            var bindingWarehouse: Int?
            let chosenLane = lanes[chosen.laneSlot]
            let cheaper = lanes.filter { lane in
                lane.effectiveCostPerUnit < chosenLane.effectiveCostPerUnit - 1e-12
                    && chains.contains { $0.warehouseIndex == lane.warehouseIndex }
            }.sorted { ($0.effectiveCostPerUnit, $0.warehouseIndex) < ($1.effectiveCostPerUnit, $1.warehouseIndex) }
            if let cheapest = cheaper.first {
                let warehouseIndex = cheapest.warehouseIndex
                let day = chosen.dayOffset
                let chainIndex = chains.firstIndex { $0.warehouseIndex == warehouseIndex }!
                let stockLeft =
                    day >= chains[chainIndex].firstDay ? judge.freeUnitsByChain[component][chainIndex][day] : 0
                let capacityFull =
                    network.couplingRowByWarehouseDay[warehouseIndex][day].map {
                        judge.usedUnits[$0] >= network.problem.couplingCapacityUnits[$0]
                    } ?? false
                if stockLeft <= 0 {
                    binding = .stock
                    bindingWarehouse = warehouseIndex
                } else if capacityFull || price(warehouseIndex, day) > 0 {
                    binding = .capacity
                    bindingWarehouse = warehouseIndex
                }
            }
            explanations.append(
                LineExplanation(
                    orderIndex: line.orderIndex,
                    outcome: .allocated,
                    warehouseIndex: line.warehouseIndex,
                    quantity: line.quantity,
                    laneCostPerUnit: chosenLane.effectiveCostPerUnit,
                    runnerUpWarehouseIndex: runnerUp?.arc.warehouseIndex,
                    runnerUpLaneCostPerUnit: runnerUp.map { lanes[$0.arc.laneSlot].effectiveCostPerUnit },
                    marginalCostPerUnit: runnerUp?.marginal,
                    binding: binding,
                    bindingWarehouseIndex: bindingWarehouse,
                    unfilledReason: nil,
                    shipDayOffset: line.shipDayOffset,
                    runnerUpShipDayOffset: runnerUp?.arc.dayOffset
                )
            )
        }
        for line in unfilled {
            explanations.append(
                LineExplanation(
                    orderIndex: line.orderIndex,
                    outcome: .unfilled,
                    warehouseIndex: nil,
                    quantity: line.quantity,
                    laneCostPerUnit: nil,
                    runnerUpWarehouseIndex: nil,
                    runnerUpLaneCostPerUnit: nil,
                    marginalCostPerUnit: nil,
                    binding: nil,
                    bindingWarehouseIndex: nil,
                    unfilledReason: line.reason
                )
            )
        }
        explanations.sort { lhs, rhs in
            if lhs.orderIndex != rhs.orderIndex { return lhs.orderIndex < rhs.orderIndex }
            if lhs.warehouseIndex != rhs.warehouseIndex {
                return (lhs.warehouseIndex ?? Int.max) < (rhs.warehouseIndex ?? Int.max)
            }
            return (lhs.shipDayOffset ?? Int.max) < (rhs.shipDayOffset ?? Int.max)
        }
        return explanations
    }
}
