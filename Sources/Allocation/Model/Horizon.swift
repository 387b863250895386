import PlannerCore

/// The validated, index-shaped inputs of an allocation over `days` days (1 for the daily run): the network
/// (lanes with effective costs, stock on hand), plus the horizon's days, stock arrivals and daily
/// capacities.
///
/// Everything GLPK would choke on or the model cannot mean (days < 1, an arrival outside the horizon or
/// of no units, a negative capacity, a non-finite penalty) is rejected here with a message naming it.
///
/// Lateness is priced only over several days: a one-day run has no ship day to choose, and its lanes are
/// told apart by the next-day miss penalty alone (so `latePenaltyPerUnitPerDay` is 0 when days = 1).
struct Horizon {
    var startDay: Day
    var days: Int
    /// Lanes by region with effective costs, and stock on hand (negative counted as 0).
    var network: AllocationNetwork
    /// `capacityUnits[warehouseIndex][dayOffset]`; nil means no limit, 0 an outage day.
    var capacityUnits: [[Int?]]
    /// Arrivals per SKU, sorted by (warehouse index, day offset), unmerged.
    var arrivalsBySku: [[StockArrival]]
    var latePenaltyPerUnitPerDay: Double

    init(
        dataSet: DataSet,
        startDay: Day,
        days: Int,
        capacityUnits: (_ warehouseIndex: Int, _ dayOffset: Int) -> Int?,
        arrivals: [StockArrival],
        settings: AllocationSettings
    ) throws {
        guard days >= 1 else { throw AllocationError("days \(days) must be at least 1") }
        let penalty = days > 1 ? settings.latePenaltyPerUnitPerDay : 0
        guard penalty.isFinite, penalty >= 0 else {
            throw AllocationError("late_penalty_per_unit_per_day \(penalty) is not a finite, non-negative number")
        }
        self.startDay = startDay
        self.days = days
        self.latePenaltyPerUnitPerDay = penalty
        self.network = try AllocationNetwork(dataSet: dataSet, settings: settings)

        var capacities: [[Int?]] = []
        for (warehouseIndex, warehouse) in dataSet.warehouses.enumerated() {
            var row: [Int?] = []
            for dayOffset in 0..<days {
                let capacity = capacityUnits(warehouseIndex, dayOffset)
                if let capacity, capacity < 0 {
                    throw AllocationError(
                        "warehouse \(warehouse.id): capacity \(capacity) on \(startDay.adding(days: dayOffset)) "
                            + "is negative"
                    )
                }
                row.append(capacity)
            }
            capacities.append(row)
        }
        self.capacityUnits = capacities

        var bySku = Array(repeating: [StockArrival](), count: dataSet.skus.count)
        for (arrivalIndex, arrival) in arrivals.enumerated() {
            guard dataSet.warehouses.indices.contains(arrival.warehouseIndex),
                dataSet.skus.indices.contains(arrival.skuIndex)
            else {
                throw AllocationError("stock arrival \(arrivalIndex) refers to a warehouse or SKU that does not exist")
            }
            let what =
                "stock arrival \(arrivalIndex) (\(dataSet.skus[arrival.skuIndex].id) at "
                + "\(dataSet.warehouses[arrival.warehouseIndex].id))"
            guard (0..<days).contains(arrival.dayOffset) else {
                throw AllocationError("\(what): day offset \(arrival.dayOffset) is outside the horizon 0..<\(days)")
            }
            guard arrival.units > 0 else { throw AllocationError("\(what): units \(arrival.units) is not positive") }
            bySku[arrival.skuIndex].append(arrival)
        }
        for skuIndex in bySku.indices where bySku[skuIndex].count > 1 {
            bySku[skuIndex].sort { lhs, rhs in
                lhs.warehouseIndex != rhs.warehouseIndex
                    ? lhs.warehouseIndex < rhs.warehouseIndex : lhs.dayOffset < rhs.dayOffset
            }
        }
        self.arrivalsBySku = bySku
    }

    /// Units of `skuIndex` that become available per warehouse and day: on hand on day 0 plus arrivals,
    /// for the warehouses (ascending index) that hold or receive any of it within the horizon.
    func supplyByWarehouse(skuIndex: Int) -> [(warehouseIndex: Int, unitsByDay: [Int])] {
        var result: [(warehouseIndex: Int, unitsByDay: [Int])] = []
        var arrivals = arrivalsBySku[skuIndex][...]
        for warehouseIndex in network.availableUnits.indices {
            var unitsByDay = [Int](repeating: 0, count: days)
            unitsByDay[0] = network.availableUnits[warehouseIndex][skuIndex]
            while let arrival = arrivals.first, arrival.warehouseIndex == warehouseIndex {
                unitsByDay[arrival.dayOffset] += arrival.units
                arrivals = arrivals.dropFirst()
            }
            if unitsByDay.contains(where: { $0 > 0 }) {
                result.append((warehouseIndex, unitsByDay))
            }
        }
        return result
    }

    /// Whole days a unit shipped on `dayOffset` over a lane of `transitDays` arrives after `promiseDate`;
    /// 0 when on time.
    func daysLate(dayOffset: Int, transitDays: Int, promiseDate: Day) -> Int {
        max(0, promiseDate.days(to: startDay.adding(days: dayOffset + transitDays)))
    }
}
