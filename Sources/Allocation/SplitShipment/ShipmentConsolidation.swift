import PlannerCore

/// A local search that removes extra shipments from a plan: the seed GLPK's search starts from.
///
/// Orders are visited in the model's order (ascending order_id). For an order shipped from two or more
/// warehouses, with its own units released first, two kinds of move are priced:
/// - single source: every shipped unit of the order from one warehouse t, which needs a lane and room
///   (stock of each SKU, daily capacity, M) for all of them;
/// - drop a warehouse v: v's units of each line move to the order's other warehouses, cheapest effective
///   cost first (then lower warehouse index), within their stock, capacity and M.
/// The move saving most (lane cost change plus F per shipment removed) is applied when it saves more
/// than 1e-9; ties go to the move priced first (single sources by ascending warehouse, then drops by
/// ascending warehouse). Unfilled units stay unfilled. Every move keeps the plan feasible and lowers its
/// cost, so passes repeat until one changes nothing (at most `maximumPasses`). This is a heuristic: it
/// proposes a plan and proves nothing; the bound comes from the LP and GLPK.
enum ShipmentConsolidation {
    static let maximumPasses = 10

    /// Units per shipment after the moves; `shipmentUnits` must be a feasible plan of `program`.
    static func improve(
        shipmentUnits: [Int],
        program: SplitShipmentProgram,
        dataSet: DataSet,
        network: AllocationNetwork,
        fixedCost: Double
    ) -> [Int] {
        var state = State(shipmentUnits: shipmentUnits, program: program, dataSet: dataSet, network: network)
        for _ in 0..<maximumPasses {
            var changed = false
            for order in program.orders {
                while let move = state.bestMove(order: order, fixedCost: fixedCost) {
                    state.apply(move)
                    changed = true
                }
            }
            if !changed { break }
        }
        return state.units
    }

    /// New units for some shipments, and what that saves.
    struct Move {
        var saving: Double
        var changes: [(shipment: Int, units: Int)]
    }

    struct State {
        let program: SplitShipmentProgram
        let skuCount: Int
        var units: [Int]
        /// Effective cost per unit of each shipment.
        let costByShipment: [Double]
        let skuBySlot: [Int]
        /// Stock not yet shipped: `residualStock[warehouse * skuCount + sku]`.
        var residualStock: [Int]
        /// Capacity not yet used; unlimited warehouses start at Int.max / 4.
        var residualCapacity: [Int]

        init(shipmentUnits: [Int], program: SplitShipmentProgram, dataSet: DataSet, network: AllocationNetwork) {
            self.program = program
            skuCount = dataSet.skus.count
            units = shipmentUnits
            skuBySlot = program.lines.map { dataSet.orders[$0.orderIndex].skuIndex }
            costByShipment = program.shipments.map { shipment in
                let regionIndex = dataSet.orders[program.lines[shipment.lineSlot].orderIndex].regionIndex
                return network.lanesByRegion[regionIndex][shipment.laneSlot].effectiveCostPerUnit
            }
            residualStock = network.availableUnits.flatMap { $0 }
            residualCapacity = network.capacityUnits.map { $0 ?? Int.max / 4 }
            for (index, shipment) in program.shipments.enumerated() where shipmentUnits[index] > 0 {
                residualStock[shipment.warehouseIndex * skuCount + skuBySlot[shipment.lineSlot]] -= shipmentUnits[index]
                residualCapacity[shipment.warehouseIndex] -= shipmentUnits[index]
            }
        }

        mutating func apply(_ move: Move) {
            for change in move.changes {
                let shipment = program.shipments[change.shipment]
                let delta = change.units - units[change.shipment]
                residualStock[shipment.warehouseIndex * skuCount + skuBySlot[shipment.lineSlot]] -= delta
                residualCapacity[shipment.warehouseIndex] -= delta
                units[change.shipment] = change.units
            }
        }

        /// The best saving move for `order`, or nil when none saves more than 1e-9.
        func bestMove(order: SplitShipmentProgram.Order, fixedCost: Double) -> Move? {
            let shipmentIndices = order.lines.flatMap { program.lines[$0].shipments }
            var usesWarehouse: [Int] = []
            for index in shipmentIndices where units[index] > 0 {
                let warehouseIndex = program.shipments[index].warehouseIndex
                if !usesWarehouse.contains(warehouseIndex) { usesWarehouse.append(warehouseIndex) }
            }
            guard usesWarehouse.count >= 2 else { return nil }
            usesWarehouse.sort()

            var best: Move?
            func consider(_ move: Move?) {
                guard let move, move.saving > 1e-9, move.saving > (best?.saving ?? -Double.infinity) else { return }
                best = move
            }
            for use in order.useColumns {
                consider(
                    singleSource(
                        order: order,
                        target: use.warehouseIndex,
                        warehouseCount: usesWarehouse.count,
                        fixedCost: fixedCost
                    )
                )
            }
            for warehouseIndex in usesWarehouse {
                consider(drop(order: order, warehouse: warehouseIndex, uses: usesWarehouse, fixedCost: fixedCost))
            }
            return best
        }

        private func singleSource(
            order: SplitShipmentProgram.Order,
            target: Int,
            warehouseCount: Int,
            fixedCost: Double
        ) -> Move? {
            var changes: [(shipment: Int, units: Int)] = []
            var saving = fixedCost * Double(warehouseCount - 1)
            for slot in order.lines {
                let line = program.lines[slot]
                let shipped = line.shipments.reduce(0) { $0 + units[$1] }
                guard shipped > 0 else { continue }
                guard let into = line.shipments.first(where: { program.shipments[$0].warehouseIndex == target }),
                    shipped <= program.shipments[into].maxUnits
                else { return nil }
                for index in line.shipments {
                    let newUnits = index == into ? shipped : 0
                    guard newUnits != units[index] else { continue }
                    saving += costByShipment[index] * Double(units[index] - newUnits)
                    changes.append((index, newUnits))
                }
            }
            return isFeasible(changes) ? Move(saving: saving, changes: changes) : nil
        }

        private func drop(order: SplitShipmentProgram.Order, warehouse: Int, uses: [Int], fixedCost: Double) -> Move? {
            var changes: [(shipment: Int, units: Int)] = []
            var saving = fixedCost
            // Room taken by this move so far, per stock key and per warehouse (few entries: a list).
            var takenStock: [(key: Int, units: Int)] = []
            var takenCapacity: [(warehouse: Int, units: Int)] = []
            for slot in order.lines {
                let line = program.lines[slot]
                guard let from = line.shipments.first(where: { program.shipments[$0].warehouseIndex == warehouse }),
                    units[from] > 0
                else { continue }
                var remaining = units[from]
                saving += costByShipment[from] * Double(remaining)
                changes.append((from, 0))
                let targets = line.shipments.filter { index in
                    let target = program.shipments[index].warehouseIndex
                    return target != warehouse && uses.contains(target)
                }
                .sorted { lhs, rhs in
                    costByShipment[lhs] != costByShipment[rhs]
                        ? costByShipment[lhs] < costByShipment[rhs]
                        : program.shipments[lhs].warehouseIndex < program.shipments[rhs].warehouseIndex
                }
                for index in targets where remaining > 0 {
                    let target = program.shipments[index].warehouseIndex
                    let key = target * skuCount + skuBySlot[slot]
                    let stockTaken = takenStock.first { $0.key == key }?.units ?? 0
                    let capacityTaken = takenCapacity.first { $0.warehouse == target }?.units ?? 0
                    let room = min(
                        program.shipments[index].maxUnits - units[index],
                        residualStock[key] - stockTaken,
                        residualCapacity[target] - capacityTaken
                    )
                    let take = min(remaining, room)
                    guard take > 0 else { continue }
                    remaining -= take
                    saving -= costByShipment[index] * Double(take)
                    changes.append((index, units[index] + take))
                    if let position = takenStock.firstIndex(where: { $0.key == key }) {
                        takenStock[position].units += take
                    } else {
                        takenStock.append((key, take))
                    }
                    if let position = takenCapacity.firstIndex(where: { $0.warehouse == target }) {
                        takenCapacity[position].units += take
                    } else {
                        takenCapacity.append((target, take))
                    }
                }
                guard remaining == 0 else { return nil }
            }
            return changes.isEmpty ? nil : Move(saving: saving, changes: changes)
        }

        /// Whether applying `changes` keeps every stock and capacity limit (releases count first).
        private func isFeasible(_ changes: [(shipment: Int, units: Int)]) -> Bool {
            var stockDelta: [(key: Int, units: Int)] = []
            var capacityDelta: [(warehouse: Int, units: Int)] = []
            for change in changes {
                let shipment = program.shipments[change.shipment]
                let delta = change.units - units[change.shipment]
                let key = shipment.warehouseIndex * skuCount + skuBySlot[shipment.lineSlot]
                if let position = stockDelta.firstIndex(where: { $0.key == key }) {
                    stockDelta[position].units += delta
                } else {
                    stockDelta.append((key, delta))
                }
                if let position = capacityDelta.firstIndex(where: { $0.warehouse == shipment.warehouseIndex }) {
                    capacityDelta[position].units += delta
                } else {
                    capacityDelta.append((shipment.warehouseIndex, delta))
                }
            }
            return stockDelta.allSatisfy { $0.units <= residualStock[$0.key] }
                && capacityDelta.allSatisfy { $0.units <= residualCapacity[$0.warehouse] }
        }
    }
}
