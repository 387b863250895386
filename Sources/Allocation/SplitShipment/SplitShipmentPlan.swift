import PlannerCore

/// A split-shipment plan as lines, with its cost including fixed shipment costs.
struct SplitShipmentPlan {
    /// Units per shipment (index into `SplitShipmentProgram.shipments`).
    var shipmentUnits: [Int]
    /// Sorted by order index, then warehouse index.
    var allocated: [AllocatedLine]
    /// Sorted by order index; reasons as in the LP path (`Disaggregation.reason`).
    var unfilled: [UnfilledLine]
    var counts: ShipmentCounts
    /// Lane costs, miss penalties and unfilled penalties (`Allocator.modelObjective`) plus
    /// fixed cost x extra shipments.
    var objective: Double

    /// Lines from units per shipment, checked in integers against every line quantity, stock and
    /// capacity limit before use.
    init(
        shipmentUnits: [Int],
        program: SplitShipmentProgram,
        dataSet: DataSet,
        network: AllocationNetwork,
        settings: AllocationSettings,
        fixedCost: Double
    ) throws {
        let warehouseCount = network.capacityUnits.count
        var shippedBySku = Array(repeating: [Int: Int](), count: warehouseCount)
        var shippedTotal = [Int](repeating: 0, count: warehouseCount)
        var allocated: [AllocatedLine] = []
        var pendingUnfilled: [(orderIndex: Int, quantity: Int)] = []
        for line in program.lines {
            let order = dataSet.orders[line.orderIndex]
            var open = order.quantity
            for index in line.shipments where shipmentUnits[index] > 0 {
                let units = shipmentUnits[index]
                let lane = network.lanesByRegion[order.regionIndex][program.shipments[index].laneSlot]
                allocated.append(
                    AllocatedLine(
                        orderIndex: line.orderIndex,
                        skuIndex: order.skuIndex,
                        regionIndex: order.regionIndex,
                        warehouseIndex: lane.warehouseIndex,
                        quantity: units,
                        transitDays: lane.transitDays,
                        costPerUnit: lane.costPerUnit,
                        carrier: lane.carrier
                    )
                )
                open -= units
                shippedBySku[lane.warehouseIndex][order.skuIndex, default: 0] += units
                shippedTotal[lane.warehouseIndex] += units
            }
            guard open >= 0 else {
                throw AllocationError("order \(order.orderId): the split-shipment plan ships more than its quantity")
            }
            if open > 0 { pendingUnfilled.append((line.orderIndex, open)) }
        }
        for warehouseIndex in 0..<warehouseCount {
            for (skuIndex, units) in shippedBySku[warehouseIndex]
            where units > network.availableUnits[warehouseIndex][skuIndex] {
                throw AllocationError(
                    "the split-shipment plan ships \(units) of SKU \(dataSet.skus[skuIndex].id) from warehouse "
                        + "\(dataSet.warehouses[warehouseIndex].id), which holds fewer"
                )
            }
            if let capacity = network.capacityUnits[warehouseIndex], shippedTotal[warehouseIndex] > capacity {
                throw AllocationError(
                    "the split-shipment plan exceeds the daily capacity of warehouse "
                        + dataSet.warehouses[warehouseIndex].id
                )
            }
        }
        let unfilled = pendingUnfilled.map { pending in
            let order = dataSet.orders[pending.orderIndex]
            return UnfilledLine(
                orderIndex: pending.orderIndex,
                skuIndex: order.skuIndex,
                regionIndex: order.regionIndex,
                quantity: pending.quantity,
                reason: Self.reason(
                    skuIndex: order.skuIndex,
                    lanes: network.lanesByRegion[order.regionIndex],
                    network: network,
                    shippedBySku: shippedBySku,
                    shippedTotal: shippedTotal
                )
            )
        }
        self.shipmentUnits = shipmentUnits
        self.allocated = allocated.sorted { lhs, rhs in
            lhs.orderIndex != rhs.orderIndex ? lhs.orderIndex < rhs.orderIndex : lhs.warehouseIndex < rhs.warehouseIndex
        }
        self.unfilled = unfilled.sorted { $0.orderIndex < $1.orderIndex }
        self.counts = ShipmentCounts(allocated: self.allocated, dataSet: dataSet)
        self.objective =
            Allocator.modelObjective(
                allocated: self.allocated,
                unfilled: self.unfilled,
                dataSet: dataSet,
                settings: settings
            ) + fixedCost * Double(counts.extraShipments)
    }

    /// Why units of `skuIndex` bound for a region served by `lanes` stay unfilled, given what ships.
    /// Checked in this order: no lane; no stock on any lane; a lane with stock and capacity left
    /// (so shipping was dearer than the penalty); a lane with stock left but capacity used; else all
    /// reachable stock shipped.
    static func reason(
        skuIndex: Int,
        lanes: [ModelLane],
        network: AllocationNetwork,
        shippedBySku: [[Int: Int]],
        shippedTotal: [Int]
    ) -> UnfilledReason {
        guard !lanes.isEmpty else { return .noLane }
        let stocked = lanes.map(\.warehouseIndex).filter { network.availableUnits[$0][skuIndex] > 0 }
        guard !stocked.isEmpty else { return .noStock }
        let withStockLeft = stocked.filter { warehouseIndex in
            network.availableUnits[warehouseIndex][skuIndex] > shippedBySku[warehouseIndex][skuIndex, default: 0]
        }
        let withCapacityLeft = withStockLeft.filter { warehouseIndex in
            network.capacityUnits[warehouseIndex].map { shippedTotal[warehouseIndex] < $0 } ?? true
        }
        if !withCapacityLeft.isEmpty { return .uneconomic }
        if !withStockLeft.isEmpty { return .capacity }
        return .stockExhausted
    }
}
