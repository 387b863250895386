import Allocation
import GLPK
import PlannerCore
import Testing

/// The multi-day allocator against other formulations of the same model, on seeded instances.
@Suite("Allocation: multi-day, agreement")
struct MultiDayAgreementTests {
    typealias F = MultiDayFixtures

    /// With one day and no late penalty the time-expanded model is the single-day LP: same objective and
    /// the same units per warehouse as `Allocator` (costs in thousandths, so the optimum is unique
    /// up to swaps between SKUs of one region, which keep the per-warehouse units).
    @Test(arguments: [UInt64(1), 7, 2025])
    func oneDayEqualsTheSingleDayAllocation(seed: UInt64) throws {
        let instance = MultiDayInstance(seed: seed, days: 1)
        var settings = F.settings
        settings.latePenaltyPerUnitPerDay = 0
        let data = instance.data
        let multiDay = try F.allocate(data, days: 1, capacity: instance.capacity, settings: settings)
        let open = data.orders.indices.filter { data.orders[$0].orderDate <= F.start }
        let single = try Allocator.allocate(dataSet: data, openOrderIndices: open, settings: settings)
        #expect(abs(multiDay.objective - single.objective) < 1e-6)
        #expect(
            multiDay.shippedUnits(warehouseCount: 4, skuCount: 12).map { $0.reduce(0, +) }
                == single.shippedUnits(warehouseCount: 4, skuCount: 12).map { $0.reduce(0, +) }
        )
        #expect(multiDay.allocatedUnits == single.allocatedUnits)
        #expect(multiDay.allocated.allSatisfy { $0.shipDayOffset == 0 })
        #expect(multiDay.allocatedUnits > 0 && multiDay.unfilledUnits > 0)
    }

    /// The bucketed flow optimum equals the optimum of the unaggregated per-line LP, written here from the
    /// model's definition: x[o,w,d] per open line, lane and day from its release, u[o] per line; rows
    /// sum x + u = q per line, cumulative stock per (w, s, day), capacity per (w, day).
    @Test(arguments: [UInt64(3), 11, 99])
    func bucketedFlowEqualsPerLineLP(seed: UInt64) throws {
        let instance = MultiDayInstance(seed: seed, days: 3)
        let result = try F.allocate(
            instance.data,
            days: 3,
            capacity: instance.capacity,
            arrivals: instance.arrivals
        )
        let perLine = try Self.perLineOptimum(instance)
        #expect(abs(perLine - result.objective) < 1e-6)
        #expect(result.bucketCount < result.allocated.count + result.unfilled.count)
    }

    /// Same input twice, same lines to the unit.
    @Test func sameInputGivesTheSamePlan() throws {
        let instance = MultiDayInstance(seed: 42, days: 4)
        let first = try F.allocate(instance.data, days: 4, capacity: instance.capacity, arrivals: instance.arrivals)
        let second = try F.allocate(instance.data, days: 4, capacity: instance.capacity, arrivals: instance.arrivals)
        #expect(first.allocated == second.allocated)
        #expect(first.unfilled == second.unfilled)
        #expect(first.objective == second.objective)
    }

    static func perLineOptimum(_ instance: MultiDayInstance) throws -> Double {
        let data = instance.data
        let days = instance.days
        let settings = F.settings
        let program = try LinearProgram(name: "per-line multi-day")
        var entries: [(row: Int, column: Int, value: Double)] = []
        // Rows keyed by (w, s, day) and (w, day); looked up only.
        var stockRows: [[Int]: Int] = [:]
        var capacityRows: [[Int]: Int] = [:]
        let onHand = data.onHandMatrix()
        for warehouse in 0..<MultiDayInstance.warehouseCount {
            for sku in 0..<MultiDayInstance.skuCount {
                var cumulative = max(0, onHand[warehouse][sku])
                for day in 0..<days {
                    cumulative += instance.arrivals
                        .filter { $0.warehouseIndex == warehouse && $0.skuIndex == sku && $0.dayOffset == day }
                        .reduce(0) { $0 + $1.units }
                    stockRows[[warehouse, sku, day]] = try program.addRow(.upper(Double(cumulative)))
                }
            }
            for day in 0..<days {
                if let capacity = instance.capacityUnits[warehouse][day] {
                    capacityRows[[warehouse, day]] = try program.addRow(.upper(Double(capacity)))
                }
            }
        }
        let lastDay = F.start.adding(days: days - 1)
        for order in data.orders where order.orderDate <= lastDay {
            let row = try program.addRow(.fixed(Double(order.quantity)))
            let penalty = settings.unfilledPenaltyPerUnit * settings.priorityWeight(order.priority)
            entries.append((row, try program.addColumn(objective: penalty), 1))
            let release = max(0, F.start.days(to: order.orderDate))
            let promise = order.promiseDate ?? order.orderDate.adding(days: 1)
            for lane in data.lanes where lane.regionIndex == order.regionIndex {
                for day in release..<days {
                    let arrival = F.start.adding(days: day + lane.transitDays)
                    let late = Double(max(0, promise.days(to: arrival)))
                    let miss = lane.transitDays > 1 ? settings.nextDayMissPenaltyPerUnit : 0
                    let column = try program.addColumn(
                        objective: lane.costPerUnit + miss + settings.latePenaltyPerUnitPerDay * late
                    )
                    entries.append((row, column, 1))
                    for stockDay in day..<days {
                        entries.append((stockRows[[lane.warehouseIndex, order.skuIndex, stockDay]]!, column, 1))
                    }
                    if let capacityRow = capacityRows[[lane.warehouseIndex, day]] {
                        entries.append((capacityRow, column, 1))
                    }
                }
            }
        }
        try program.setMatrix(entries: entries)
        let result = try program.solveSimplex()
        try #require(result.status == .optimal)
        return result.objective
    }
}
