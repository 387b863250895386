import PlannerCore

@testable import Allocation

/// Builders shared by the multi-day tests.
enum MultiDayFixtures {
    static let start = Fixtures.day0

    /// Unfilled penalty 50 (x2 at priority 2), next-day miss 2, late penalty 5 a unit a day.
    static let settings = AllocationSettings(
        unfilledPenaltyPerUnit: 50,
        nextDayMissPenaltyPerUnit: 2,
        priorityWeights: [1: 4, 2: 2, 3: 1],
        latePenaltyPerUnitPerDay: 5
    )

    /// An order line dated `dayOffset` days after the start, promised `promiseOffset` days after the start.
    static func order(
        _ id: String,
        sku skuIndex: Int = 0,
        region regionIndex: Int = 0,
        qty: Int,
        priority: Int = 2,
        dayOffset: Int = 0,
        promiseOffset: Int? = nil
    ) -> OrderLine {
        OrderLine(
            orderId: id,
            orderDate: start.adding(days: dayOffset),
            skuIndex: skuIndex,
            regionIndex: regionIndex,
            quantity: qty,
            priority: priority,
            promiseDate: promiseOffset.map { start.adding(days: $0) }
        )
    }

    /// Capacities from a table `[warehouseIndex][dayOffset]`.
    static func capacities(_ table: [[Int?]]) -> (Int, Int) -> Int? {
        { warehouseIndex, dayOffset in table[warehouseIndex][dayOffset] }
    }

    static func allocate(
        _ data: DataSet,
        days: Int,
        capacity: @escaping (Int, Int) -> Int?,
        arrivals: [StockArrival] = [],
        settings: AllocationSettings = settings
    ) throws -> AllocationResult {
        try Allocator.allocate(
            dataSet: data,
            startDay: start,
            days: days,
            capacityUnits: capacity,
            arrivals: arrivals,
            settings: settings,
            solveFlow: { try ReferenceFlowLP.solve($0) }
        )
    }

    /// (order id, warehouse index, ship day offset, quantity, days late) of each allocated line.
    static func summary(_ result: AllocationResult, _ data: DataSet) -> [String] {
        result.allocated.map { line in
            "\(data.orders[line.orderIndex].orderId) W\(line.warehouseIndex) d\(line.shipDayOffset) "
                + "q\(line.quantity) late\(line.daysLate.map(String.init) ?? "-")"
        }
    }
}
