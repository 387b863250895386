import Flow
import PlannerCore

/// Builds a `LineExplanation` for every allocated and unfilled line of a single-day allocation from the
/// optimal flow of each SKU's component and the warehouses' capacity prices.
struct ExplanationBuilder {
    let dataSet: DataSet
    let buckets: [Bucket]
    let network: AllocationNetwork
    let flowNetwork: SkuFlowNetwork
    /// `flowUnits[component][arc]` of an optimal flow.
    let flowUnits: [[Int]]
    /// Per coupling row of `flowNetwork`: an optimal dual price, >= 0.
    let couplingPrices: [Double]

    /// - Throws: `AllocationError` when a component's flow is not optimal at the capacity prices (a negative
    ///   residual cycle), which would make every marginal cost meaningless.
    func explain(allocated: [AllocatedLine], unfilled: [UnfilledLine]) throws -> [LineExplanation] {
        let warehouseCount = dataSet.warehouses.count
        var bucketByOrder = [Int](repeating: -1, count: dataSet.orders.count)
        for (bucketIndex, bucket) in buckets.enumerated() {
            for orderIndex in bucket.orderIndices { bucketByOrder[orderIndex] = bucketIndex }
        }
        var componentBySku: [Int: Int] = [:]
        for (component, skuIndex) in flowNetwork.skuIndexByComponent.enumerated() {
            componentBySku[skuIndex] = component
        }
        var shippedBySku = Array(repeating: [Int: Int](), count: warehouseCount)
        var shippedTotal = [Int](repeating: 0, count: warehouseCount)
        for line in allocated {
            shippedBySku[line.warehouseIndex][line.skuIndex, default: 0] += line.quantity
            shippedTotal[line.warehouseIndex] += line.quantity
        }
        let priceByWarehouse: [Double] = (0..<warehouseCount).map { warehouseIndex in
            flowNetwork.rowByWarehouse[warehouseIndex].map { couplingPrices[$0] } ?? 0
        }

        var explanations: [LineExplanation] = []
        explanations.reserveCapacity(allocated.count + unfilled.count)
        var distanceCache: [Int: [Double]] = [:]
        var potentialsCache: [Int: FlowPotentials] = [:]
        var stockNodeCache: [Int: [Int: Int]] = [:]
        for line in allocated {
            let bucket = buckets[bucketByOrder[line.orderIndex]]
            let lanes = network.lanesByRegion[bucket.regionIndex]
            guard let chosen = lanes.first(where: { $0.warehouseIndex == line.warehouseIndex }),
                let component = componentBySku[bucket.skuIndex]
            else { continue }
            let stockNodes = stockNodeCache[component] ?? stockNodeByWarehouse(component: component)
            stockNodeCache[component] = stockNodes
            let sourceNode = stockNodes[line.warehouseIndex]!
            let cacheKey = component * warehouseCount + line.warehouseIndex
            let distances: [Double]
            if let cached = distanceCache[cacheKey] {
                distances = cached
            } else {
                let potentials: FlowPotentials
                do {
                    potentials =
                        try potentialsCache[component]
                        ?? FlowPotentials(
                            component: flowNetwork.problem.components[component],
                            flowUnits: flowUnits[component],
                            couplingPrices: couplingPrices
                        )
                } catch let error as FlowError {
                    throw AllocationError(error.message)
                }
                potentialsCache[component] = potentials
                distances = potentials.pathCosts(from: sourceNode)
                distanceCache[cacheKey] = distances
            }

            let chosenPriced = chosen.effectiveCostPerUnit + priceByWarehouse[chosen.warehouseIndex]
            var runnerUp: (lane: ModelLane, marginal: Double)?
            for lane in lanes where lane.warehouseIndex != line.warehouseIndex {
                guard let node = stockNodes[lane.warehouseIndex], distances[node].isFinite else { continue }
                let marginal = max(
                    0,
                    lane.effectiveCostPerUnit + priceByWarehouse[lane.warehouseIndex] - chosenPriced + distances[node]
                )
                if let best = runnerUp {
                    let better =
                        marginal < best.marginal - 1e-9
                        || (abs(marginal - best.marginal) <= 1e-9
                            && (lane.effectiveCostPerUnit, lane.warehouseIndex)
                                < (best.lane.effectiveCostPerUnit, best.lane.warehouseIndex))
                    if !better { continue }
                }
                runnerUp = (lane, marginal)
            }

            var binding = BindingConstraint.none
            var bindingWarehouse: Int?
            let cheaper = lanes.filter { lane in
                lane.effectiveCostPerUnit < chosen.effectiveCostPerUnit - 1e-12
                    && network.availableUnits[lane.warehouseIndex][bucket.skuIndex] > 0
            }.sorted { ($0.effectiveCostPerUnit, $0.warehouseIndex) < ($1.effectiveCostPerUnit, $1.warehouseIndex) }
            if let cheapest = cheaper.first {
                let warehouseIndex = cheapest.warehouseIndex
                let stockLeft =
                    network.availableUnits[warehouseIndex][bucket.skuIndex]
                    - shippedBySku[warehouseIndex][bucket.skuIndex, default: 0]
                let capacityFull =
                    network.capacityUnits[warehouseIndex].map { shippedTotal[warehouseIndex] >= $0 } ?? false
                if stockLeft <= 0 {
                    binding = .stock
                    bindingWarehouse = warehouseIndex
                } else if capacityFull || priceByWarehouse[warehouseIndex] > 0 {
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
                    laneCostPerUnit: chosen.effectiveCostPerUnit,
                    runnerUpWarehouseIndex: runnerUp?.lane.warehouseIndex,
                    runnerUpLaneCostPerUnit: runnerUp?.lane.effectiveCostPerUnit,
                    marginalCostPerUnit: runnerUp?.marginal,
                    binding: binding,
                    bindingWarehouseIndex: bindingWarehouse,
                    unfilledReason: nil
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
            return (lhs.warehouseIndex ?? Int.max) < (rhs.warehouseIndex ?? Int.max)
        }
        return explanations
    }

    /// Stock node of each warehouse in a component (the tail of its ship arcs).
    func stockNodeByWarehouse(component: Int) -> [Int: Int] {
        var nodes: [Int: Int] = [:]
        for (arc, role) in flowNetwork.arcRoles[component].enumerated() {
            if case .ship(_, _, let warehouseIndex) = role {
                nodes[warehouseIndex] = flowNetwork.problem.components[component].arcs[arc].tail
            }
        }
        return nodes
    }
}
