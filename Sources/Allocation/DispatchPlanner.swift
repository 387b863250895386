import PlannerCore

/// One row of a dispatch plan: what a carrier picks up at a warehouse on a day, for one region.
public struct DispatchPlanRow: Sendable, Equatable {
    public var carrier: String
    public var warehouseIndex: Int
    public var shipDate: Day
    public var regionIndex: Int
    /// Allocated order lines in the group (a line split over warehouses counts once per warehouse).
    public var orderLines: Int
    public var units: Int

    public init(carrier: String, warehouseIndex: Int, shipDate: Day, regionIndex: Int, orderLines: Int, units: Int) {
        self.carrier = carrier
        self.warehouseIndex = warehouseIndex
        self.shipDate = shipDate
        self.regionIndex = regionIndex
        self.orderLines = orderLines
        self.units = units
    }
}

/// Groups an allocation into the dispatch plan logistics partners read.
public enum DispatchPlanner {
    /// Allocated lines grouped by (carrier, warehouse, ship date, region), sorted by carrier, warehouse
    /// index, ship date, region index. A line ships on `shipDate` plus its `shipDayOffset`.
    public static func plan(allocation: AllocationResult, shipDate: Day) -> [DispatchPlanRow] {
        let lines = allocation.allocated.sorted { lhs, rhs in
            if lhs.carrier != rhs.carrier { return lhs.carrier < rhs.carrier }
            if lhs.warehouseIndex != rhs.warehouseIndex { return lhs.warehouseIndex < rhs.warehouseIndex }
            if lhs.shipDayOffset != rhs.shipDayOffset { return lhs.shipDayOffset < rhs.shipDayOffset }
            if lhs.regionIndex != rhs.regionIndex { return lhs.regionIndex < rhs.regionIndex }
            return lhs.orderIndex < rhs.orderIndex
        }
        var rows: [DispatchPlanRow] = []
        for line in lines {
            let lineShipDate = shipDate.adding(days: line.shipDayOffset)
            if let last = rows.last, last.carrier == line.carrier, last.warehouseIndex == line.warehouseIndex,
                last.shipDate == lineShipDate, last.regionIndex == line.regionIndex
            {
                rows[rows.count - 1].orderLines += 1
                rows[rows.count - 1].units += line.quantity
            } else {
                rows.append(
                    DispatchPlanRow(
                        carrier: line.carrier,
                        warehouseIndex: line.warehouseIndex,
                        shipDate: lineShipDate,
                        regionIndex: line.regionIndex,
                        orderLines: 1,
                        units: line.quantity
                    )
                )
            }
        }
        return rows
    }
}

extension DispatchPlanner {
    /// Each order line's number within its order (`order_id`): 1, 2, ... in the order the lines come (orders.csv
    /// order), by order index. What a carrier's order-level dispatch lines call `line`.
    public static func orderLineNumbers(_ orders: [OrderLine]) -> [Int] {
        var linesSoFar: [String: Int] = [:]
        linesSoFar.reserveCapacity(orders.count)
        return orders.map { order in
            let number = (linesSoFar[order.orderId] ?? 0) + 1
            linesSoFar[order.orderId] = number
            return number
        }
    }
}
