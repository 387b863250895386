import Allocation
import Logging
import PlannerCore
import PlannerInput
import Testing

@testable import PlannerPipeline

/// The allocation stage's paths on the sample: an outage day, several days, and the decomposition.
@Suite struct AllocationStageTests {
    let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    /// A warehouse_capacity event with factor 0 on the plan date: nothing ships from that warehouse, and
    /// the plan costs at least as much as without the outage.
    @Test func anOutageDayShipsNothingFromTheWarehouse() throws {
        var input = try SampleScenario.input()
        let baseline = try Pipeline.allocateOnly(input, date: nil, logger: logger)
        let busiest = try #require(
            (0..<input.dataSet.warehouses.count).max { lhs, rhs in
                baseline.allocation.allocated.filter { $0.warehouseIndex == lhs }.count
                    < baseline.allocation.allocated.filter { $0.warehouseIndex == rhs }.count
            }
        )
        #expect(input.dataSet.warehouses[busiest].dailyCapacityUnits != nil)
        let planDate = input.scenario.planDate
        input.scenario.warehouseCapacityChanges = [
            WarehouseCapacityChange(
                warehouse: input.dataSet.warehouses[busiest].id,
                from: planDate,
                to: planDate,
                capacityFactor: 0
            )
        ]
        let outage = try Pipeline.allocateOnly(input, date: nil, logger: logger)
        #expect(baseline.allocation.allocated.contains { $0.warehouseIndex == busiest })
        #expect(!outage.allocation.allocated.contains { $0.warehouseIndex == busiest })
        #expect(outage.allocation.objective >= baseline.allocation.objective - 1e-9)
    }

    /// Three days: lines ship on day 0..2, each day within each warehouse's capacity; ship dates reach the
    /// dispatch plan; the decomposition and the full LP agree.
    @Test func threeDaysByDecompositionAndByLP() throws {
        var input = try SampleScenario.input()
        input.configuration.allocation.solver = .decomposition
        let decomposed = try Pipeline.allocateOnly(input, date: nil, days: 3, logger: logger)
        input.configuration.allocation.solver = .linearProgram
        let lp = try Pipeline.allocateOnly(input, date: nil, days: 3, logger: logger)
        #expect(decomposed.allocation.solverPath == .decomposition)
        #expect(lp.allocation.solverPath == .linearProgram)
        #expect(decomposed.allocation.horizonDays == 3 && lp.allocation.horizonDays == 3)
        #expect(abs(decomposed.allocation.objective - lp.allocation.objective) <= 1e-6 * lp.allocation.objective)
        let data = input.dataSet
        for day in 0..<3 {
            for (index, warehouse) in data.warehouses.enumerated() {
                let units = decomposed.allocation.allocated.filter {
                    $0.shipDayOffset == day && $0.warehouseIndex == index
                }
                .reduce(0) { $0 + $1.quantity }
                if let capacity = warehouse.dailyCapacityUnits { #expect(units <= capacity) }
            }
        }
        #expect(decomposed.allocation.allocated.allSatisfy { (0..<3).contains($0.shipDayOffset) && $0.daysLate != nil })
        let shipDates = Set(decomposed.dispatch.map(\.shipDate))
        #expect(shipDates.isSubset(of: Set((0..<3).map { input.scenario.planDate.adding(days: $0) })))
        #expect(
            decomposed.dispatch.reduce(0) { $0 + $1.units } == decomposed.allocation.allocatedUnits
        )
    }

    /// The one-day sample by decomposition equals the LP's objective, and every line is explained.
    @Test func oneDayDecompositionMatchesTheLP() throws {
        var input = try SampleScenario.input()
        input.configuration.allocation.solver = .decomposition
        let decomposed = try Pipeline.allocateOnly(input, date: nil, logger: logger)
        input.configuration.allocation.solver = .linearProgram
        let lp = try Pipeline.allocateOnly(input, date: nil, logger: logger)
        #expect(abs(decomposed.allocation.objective - lp.allocation.objective) <= 1e-6 * lp.allocation.objective)
        #expect(
            decomposed.allocation.explanations.count
                == decomposed.allocation.allocated.count + decomposed.allocation.unfilled.count
        )
        let overall = try #require(decomposed.serviceKPIs.last)
        #expect(overall.regionIndex == nil)
        #expect(overall.unitsTotal == decomposed.allocation.allocatedUnits + decomposed.allocation.unfilledUnits)
    }
}
