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

    /// Exact marginal costs (`ExactMarginals`) need a totally unimodular model: one day without next-day rows.
    var isExact: Bool { horizon.days == 1 && !network.shareRowByRegion.contains { $0 != nil } }

    /// - Throws: `AllocationError` when, in a one-day run without next-day rows, a component's flow is not
    ///   optimal at the capacity prices (a negative residual cycle), which would make every marginal cost
    ///   meaningless. Over several days, or with next-day rows, the LP is not totally unimodular, and a branched
    ///   (whole-unit) plan may be one that no prices support: its lines are explained without a runner-up or
    ///   marginal cost.
    func explain(
        allocated: [AllocatedLine],
        unfilled: [UnfilledLine],
        dropShipped: [DropShipLine] = []
    ) throws -> [LineExplanation] {
        var bucketByOrder = [Int](repeating: -1, count: dataSet.orders.count)
        for (bucketIndex, bucket) in buckets.enumerated() {
            for orderIndex in bucket.orderIndices { bucketByOrder[orderIndex] = bucketIndex }
        }
        let judge = UnfilledJudge(network: network, horizon: horizon, flowUnits: flowUnits)
        func price(_ warehouseIndex: Int, _ day: Int) -> Double {
            network.couplingRowByWarehouseDay[warehouseIndex][day].map { couplingPrices[$0] } ?? 0
        }
        // The price of a unit on a ship arc: its capacity row's, and its region's next-day row's when it is not
        // next day (the arc then ends at the bucket's share node, whose arc to the bucket is in that row).
        func arcPrice(_ arc: TimeExpandedNetwork.ShipArc, regionIndex: Int) -> Double {
            let share = arc.isNextDay ? nil : network.shareRowByRegion[regionIndex]
            return price(arc.warehouseIndex, arc.dayOffset) + (share.map { couplingPrices[$0] } ?? 0)
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
                guard !isExact else { throw AllocationError(error.message) }
                potentialsCache[component] = .some(nil)
            }
            return potentialsCache[component]!
        }
        // One day: exact marginal costs whatever optimal prices the solver returned (see `ExactMarginals`).
        let exact =
            isExact
            ? try ExactMarginals(
                network: network,
                flowUnits: flowUnits,
                couplingPrices: couplingPrices,
                usedUnits: judge.usedUnits,
                potentials: potentials
            ) : nil
        var pathsCache: [Int: ExactMarginals.ComponentPaths] = [:]  // by component; looked up only
        // Every shipped part of a line, from a warehouse or a drop-ship supplier, by its model source.
        var sourceByOffer: [Int: Int] = [:]  // looked up only
        for (index, source) in horizon.dropShipSources.enumerated() {
            sourceByOffer[source.offerIndex] = horizon.warehouseCount + index
        }
        let shipped: [Shipped] =
            allocated.map {
                Shipped(
                    orderIndex: $0.orderIndex,
                    source: $0.warehouseIndex,
                    day: $0.shipDayOffset,
                    quantity: $0.quantity
                )
            }
            + dropShipped.map {
                Shipped(
                    orderIndex: $0.orderIndex,
                    source: sourceByOffer[$0.offerIndex]!,
                    day: $0.shipDayOffset,
                    quantity: $0.quantity
                )
            }
        var unitsByOrder: [Int: [Shipped]] = [:]  // looked up only
        for line in shipped { unitsByOrder[line.orderIndex, default: []].append(line) }
        var unfilledByOrder: [Int: Int] = [:]  // looked up only
        for line in unfilled { unfilledByOrder[line.orderIndex, default: 0] += line.quantity }
        for line in shipped {
            let bucketIndex = bucketByOrder[line.orderIndex]
            let bucket = buckets[bucketIndex]
            let component = network.componentByBucket[bucketIndex]
            let lanes = horizon.network.lanesByRegion[bucket.regionIndex]
            let arcs = network.shipArcsByBucket[bucketIndex]
            guard
                let chosen = arcs.first(where: {
                    $0.warehouseIndex == line.source && $0.dayOffset == line.day
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
                    if let arc = arcs.first(where: { $0.warehouseIndex == own.source && $0.dayOffset == own.day }) {
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
                let chosenPriced = chosen.costPerUnit + arcPrice(chosen, regionIndex: bucket.regionIndex)
                marginalByArc = arcs.map { arc in
                    guard arc.warehouseIndex != chosen.warehouseIndex || arc.dayOffset != chosen.dayOffset,
                        distances[node(arc)].isFinite
                    else { return nil }
                    return arc.costPerUnit + arcPrice(arc, regionIndex: bucket.regionIndex) - chosenPriced
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
            let cheaper = lanes.filter { lane in
                lane.effectiveCostPerUnit < chosen.effectiveCostPerUnit - 1e-12
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
            let runnerUpSupplier = runnerUp.flatMap { horizon.dropShipSource($0.arc.warehouseIndex)?.offerIndex }
            explanations.append(
                LineExplanation(
                    orderIndex: line.orderIndex,
                    outcome: chosen.isDropShip ? .dropShip : .allocated,
                    warehouseIndex: chosen.isDropShip ? nil : line.source,
                    quantity: line.quantity,
                    laneCostPerUnit: chosen.effectiveCostPerUnit,
                    runnerUpWarehouseIndex: runnerUpSupplier == nil ? runnerUp?.arc.warehouseIndex : nil,
                    runnerUpLaneCostPerUnit: runnerUp?.arc.effectiveCostPerUnit,
                    marginalCostPerUnit: runnerUp?.marginal,
                    binding: binding,
                    bindingWarehouseIndex: bindingWarehouse,
                    unfilledReason: nil,
                    shipDayOffset: line.day,
                    runnerUpShipDayOffset: runnerUp?.arc.dayOffset,
                    supplierOfferIndex: horizon.dropShipSource(line.source)?.offerIndex,
                    runnerUpSupplierOfferIndex: runnerUpSupplier
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
        // Per order: warehouses, then drop-ship suppliers, then the unfilled part; by ship day within each.
        explanations.sort { lhs, rhs in
            if lhs.orderIndex != rhs.orderIndex { return lhs.orderIndex < rhs.orderIndex }
            if lhs.warehouseIndex != rhs.warehouseIndex {
                return (lhs.warehouseIndex ?? Int.max) < (rhs.warehouseIndex ?? Int.max)
            }
            if lhs.supplierOfferIndex != rhs.supplierOfferIndex {
                return (lhs.supplierOfferIndex ?? Int.max) < (rhs.supplierOfferIndex ?? Int.max)
            }
            return (lhs.shipDayOffset ?? Int.max) < (rhs.shipDayOffset ?? Int.max)
        }
        return explanations
    }

    /// Units of an order line shipped from one model source (a warehouse or a drop-ship supplier) on one day.
    struct Shipped {
        var orderIndex: Int
        var source: Int
        var day: Int
        var quantity: Int
    }
}
