import Allocation
import PlannerCore
import Testing

/// Invariants of a multi-day plan on seeded instances, recomputed here from the data and the lines,
/// independently of the module.
@Suite("Allocation: multi-day, invariants")
struct MultiDayInvariantTests {
    typealias F = MultiDayFixtures

    /// Unfilled penalty 50 a unit (x4, x2, x1 by priority) leaves units unfilled for lack of stock or capacity;
    /// 6 a unit also makes long, late lanes uneconomic.
    @Test(arguments: [(UInt64(5), 50.0), (8, 50), (13, 50), (5, 6), (21, 6)])
    func planKeepsStockCapacityReleaseAndReasons(seed: UInt64, unfilledPenalty: Double) throws {
        let instance = MultiDayInstance(seed: seed, days: 4)
        let data = instance.data
        let days = instance.days
        var settings = F.settings
        settings.unfilledPenaltyPerUnit = unfilledPenalty
        let result = try F.allocate(
            data,
            days: days,
            capacity: instance.capacity,
            arrivals: instance.arrivals,
            settings: settings
        )
        let warehouseCount = MultiDayInstance.warehouseCount
        let skuCount = MultiDayInstance.skuCount

        // supply[w][s][d]: units becoming available; shipped[w][s][d]: units leaving.
        let onHand = data.onHandMatrix()
        var supply = (0..<warehouseCount).map { warehouse in
            (0..<skuCount).map { sku in [max(0, onHand[warehouse][sku])] + [Int](repeating: 0, count: days - 1) }
        }
        for arrival in instance.arrivals {
            supply[arrival.warehouseIndex][arrival.skuIndex][arrival.dayOffset] += arrival.units
        }
        var shipped = Array(
            repeating: Array(repeating: [Int](repeating: 0, count: days), count: skuCount),
            count: warehouseCount
        )
        var accounted = [Int](repeating: 0, count: data.orders.count)
        var objective = 0.0
        for line in result.allocated {
            let order = data.orders[line.orderIndex]
            let lane = try #require(
                data.lanes.first { $0.warehouseIndex == line.warehouseIndex && $0.regionIndex == order.regionIndex }
            )
            #expect(line.costPerUnit == lane.costPerUnit && line.transitDays == lane.transitDays)
            #expect(line.shipDayOffset >= max(0, F.start.days(to: order.orderDate)) && line.shipDayOffset < days)
            let arrival = F.start.adding(days: line.shipDayOffset + lane.transitDays)
            let late = max(0, order.effectivePromiseDate.days(to: arrival))
            #expect(line.daysLate == late)
            let miss = lane.transitDays > 1 ? F.settings.nextDayMissPenaltyPerUnit : 0
            objective += Double(line.quantity) * (lane.costPerUnit + miss + 5 * Double(late))
            shipped[line.warehouseIndex][line.skuIndex][line.shipDayOffset] += line.quantity
            accounted[line.orderIndex] += line.quantity
        }
        for line in result.unfilled {
            objective +=
                Double(line.quantity) * unfilledPenalty
                * F.settings.priorityWeight(data.orders[line.orderIndex].priority)
            accounted[line.orderIndex] += line.quantity
        }
        #expect(abs(objective - result.objective) < 1e-6)
        for (index, order) in data.orders.enumerated() {
            let isOpen = order.orderDate <= F.start.adding(days: days - 1)
            #expect(accounted[index] == (isOpen ? order.quantity : 0))
        }
        // Capacity per (warehouse, day) and stock per (warehouse, sku) by every day.
        func used(_ warehouse: Int, _ day: Int) -> Int { (0..<skuCount).reduce(0) { $0 + shipped[warehouse][$1][day] } }
        for warehouse in 0..<warehouseCount {
            for day in 0..<days {
                if let capacity = instance.capacityUnits[warehouse][day] { #expect(used(warehouse, day) <= capacity) }
            }
        }
        // free[w][s][d]: stock available on day d that nobody ships then or later.
        var free = shipped
        for warehouse in 0..<warehouseCount {
            for sku in 0..<skuCount {
                var balance: [Int] = []
                var running = 0
                for day in 0..<days {
                    running += supply[warehouse][sku][day] - shipped[warehouse][sku][day]
                    #expect(running >= 0)
                    balance.append(running)
                }
                for day in 0..<days { free[warehouse][sku][day] = balance[day...].min()! }
            }
        }
        // Each reason as defined; `uneconomic` also checks optimality: wherever a unit could still ship,
        // shipping it costs at least the penalty.
        for line in result.unfilled {
            let order = data.orders[line.orderIndex]
            let release = max(0, F.start.days(to: order.orderDate))
            let lanes = data.lanes.filter { $0.regionIndex == order.regionIndex }
            let stocked = lanes.filter { supply[$0.warehouseIndex][order.skuIndex].reduce(0, +) > 0 }
            let stockLeft = stocked.filter { free[$0.warehouseIndex][order.skuIndex][days - 1] > 0 }
            let openings = stockLeft.flatMap { lane in
                (release..<days).filter { day in
                    free[lane.warehouseIndex][order.skuIndex][day] > 0
                        && instance.capacityUnits[lane.warehouseIndex][day].map { used(lane.warehouseIndex, day) < $0 }
                            ?? true
                }
                .map { (lane, $0) }
            }
            switch line.reason {
            case .noLane: #expect(lanes.isEmpty)
            case .noStock: #expect(!lanes.isEmpty && stocked.isEmpty)
            case .stockExhausted: #expect(!stocked.isEmpty && stockLeft.isEmpty)
            case .capacity: #expect(!stockLeft.isEmpty && openings.isEmpty)
            case .uneconomic:
                #expect(!openings.isEmpty)
                for (lane, day) in openings {
                    let late = max(0, order.effectivePromiseDate.days(to: F.start.adding(days: day + lane.transitDays)))
                    let miss = lane.transitDays > 1 ? F.settings.nextDayMissPenaltyPerUnit : 0
                    let cost = lane.costPerUnit + miss + 5 * Double(late)
                    #expect(cost >= unfilledPenalty * F.settings.priorityWeight(order.priority) - 1e-9)
                }
            }
        }
        // The instance exercises what it was built for.
        let reasons = Set(result.unfilled.map(\.reason))
        #expect(
            reasons.isSuperset(
                of: unfilledPenalty == 6 ? [.noLane, .uneconomic] : [.noLane, .capacity, .stockExhausted]
            )
        )
        // An uneconomic line next to a capacity-limited warehouse with room left on some day.
        #expect(
            unfilledPenalty != 6
                || result.unfilled.contains { line in
                    line.reason == .uneconomic
                        && data.lanes.contains {
                            $0.regionIndex == line.regionIndex
                                && data.warehouses[$0.warehouseIndex].dailyCapacityUnits != nil
                                && supply[$0.warehouseIndex][line.skuIndex].reduce(0, +) > 0
                        }
                }
        )
        #expect(result.allocated.contains { $0.shipDayOffset > 0 && $0.daysLate == 0 })
        #expect(result.allocated.contains { ($0.daysLate ?? 0) > 0 })
        #expect(result.allocated.contains { $0.warehouseIndex == 3 && data.orders[$0.orderIndex].regionIndex == 4 })
        #expect(!result.allocated.contains { $0.warehouseIndex == 2 && $0.shipDayOffset == 1 })
    }
}
