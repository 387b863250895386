import PlannerCore

/// A lane as the model sees it: the lane plus its effective cost per unit.
struct ModelLane: Sendable {
    var warehouseIndex: Int
    var transitDays: Int
    var costPerUnit: Double
    var carrier: String
    /// cost_per_unit[w,r] + (transit_days[w,r] > 1 ? next_day_miss_penalty_per_unit : 0).
    var effectiveCostPerUnit: Double
}

/// The validated, index-shaped inputs of the allocation model.
///
/// Everything GLPK would choke on (non-finite costs, duplicate lanes, indices out of range, negative
/// capacities) is rejected here with a message naming the culprit.
struct AllocationNetwork {
    /// Lanes reaching each region, sorted by warehouse index.
    var lanesByRegion: [[ModelLane]]
    /// Units on hand that can ship: `availableUnits[warehouseIndex][skuIndex]`, negative stock counted as 0.
    var availableUnits: [[Int]]
    /// Daily outbound capacity per warehouse; nil means no limit.
    var capacityUnits: [Int?]

    init(dataSet: DataSet, settings: AllocationSettings) throws {
        let warehouseCount = dataSet.warehouses.count
        let regionCount = dataSet.regions.count
        let skuCount = dataSet.skus.count
        guard settings.nextDayMissPenaltyPerUnit.isFinite else {
            throw AllocationError("next_day_miss_penalty_per_unit \(settings.nextDayMissPenaltyPerUnit) is not finite")
        }
        guard settings.unfilledPenaltyPerUnit.isFinite else {
            throw AllocationError("unfilled_penalty_per_unit \(settings.unfilledPenaltyPerUnit) is not finite")
        }

        var lanesByRegion = Array(repeating: [ModelLane](), count: regionCount)
        for (laneIndex, lane) in dataSet.lanes.enumerated() {
            guard (0..<warehouseCount).contains(lane.warehouseIndex), (0..<regionCount).contains(lane.regionIndex)
            else {
                throw AllocationError("lane \(laneIndex) refers to a warehouse or region that does not exist")
            }
            let where_ = "lane \(dataSet.warehouses[lane.warehouseIndex].id) -> \(dataSet.regions[lane.regionIndex].id)"
            guard lane.costPerUnit.isFinite else { throw AllocationError("\(where_): cost_per_unit is not finite") }
            guard lane.transitDays >= 0 else { throw AllocationError("\(where_): transit_days is negative") }
            let missPenalty = lane.transitDays > 1 ? settings.nextDayMissPenaltyPerUnit : 0
            lanesByRegion[lane.regionIndex].append(
                ModelLane(
                    warehouseIndex: lane.warehouseIndex,
                    transitDays: lane.transitDays,
                    costPerUnit: lane.costPerUnit,
                    carrier: lane.carrier,
                    effectiveCostPerUnit: lane.costPerUnit + missPenalty
                )
            )
        }
        for regionIndex in 0..<regionCount {
            lanesByRegion[regionIndex].sort { $0.warehouseIndex < $1.warehouseIndex }
            let lanes = lanesByRegion[regionIndex]
            for slot in lanes.indices.dropFirst() where lanes[slot].warehouseIndex == lanes[slot - 1].warehouseIndex {
                throw AllocationError(
                    "two lanes from warehouse \(dataSet.warehouses[lanes[slot].warehouseIndex].id) "
                        + "to region \(dataSet.regions[regionIndex].id)"
                )
            }
        }
        self.lanesByRegion = lanesByRegion

        var availableUnits = Array(repeating: Array(repeating: 0, count: skuCount), count: warehouseCount)
        for (recordIndex, record) in dataSet.stock.enumerated() {
            guard (0..<warehouseCount).contains(record.warehouseIndex), (0..<skuCount).contains(record.skuIndex)
            else {
                throw AllocationError("stock record \(recordIndex) refers to a warehouse or SKU that does not exist")
            }
            availableUnits[record.warehouseIndex][record.skuIndex] += record.onHand
        }
        for warehouseIndex in 0..<warehouseCount {
            for skuIndex in 0..<skuCount where availableUnits[warehouseIndex][skuIndex] < 0 {
                availableUnits[warehouseIndex][skuIndex] = 0
            }
        }
        self.availableUnits = availableUnits

        for warehouse in dataSet.warehouses {
            if let capacity = warehouse.dailyCapacityUnits, capacity < 0 {
                throw AllocationError("warehouse \(warehouse.id): daily_capacity_units \(capacity) is negative")
            }
        }
        self.capacityUnits = dataSet.warehouses.map(\.dailyCapacityUnits)
    }
}
