import Allocation
import PlannerCore
import Testing

/// Explanations over several days: a ship arc is (warehouse, day), so a line's runner-up can be the same
/// warehouse on another day, and the marginal cost counts the late penalty.
@Suite("Allocation: multi-day explanations")
struct MultiDayExplanationTests {
    typealias F = MultiDayFixtures

    /// W0 ships 1 unit on day 0 and 5 on day 1, next-day lane at 1 a unit, holds 5; W1 (cloud) ships on
    /// any day over a 1-day lane at 3 a unit but holds only 1. Lines A and B (1 unit each, priority 2, same
    /// bucket) and C (1 unit, priority 1), all promised for day 1. W0's day-0 unit, W1's unit (3) and W0 on
    /// day 1 (1 + 5 late = 6, rather than unfilled at 100 or more) serve them. The line shipping on day 1
    /// has W0 on day 0 as runner-up: its unit moves there and W0's day-0 unit moves to day 1 in its place,
    /// on arcs of equal cost whoever owns it (1 on day 0, 6 on day 1, the same promise), so the move costs 0.
    @Test(arguments: [AllocationSolver.linearProgram, .decomposition])
    func theRunnerUpCanBeAnotherDayOfTheSameWarehouse(solver: AllocationSolver) throws {
        let data = Fixtures.dataSet(
            skus: 1,
            regions: 1,
            warehouses: [
                Fixtures.warehouse("W0", .regional, capacity: nil), Fixtures.warehouse("W1", .cloud, capacity: nil),
            ],
            lanes: [Fixtures.lane(0, 0, days: 1, cost: 1, "A"), Fixtures.lane(1, 0, days: 1, cost: 3, "B")],
            stock: [Fixtures.stock(0, 0, 5), Fixtures.stock(1, 0, 1)],
            orders: [
                F.order("A", qty: 1, priority: 2, promiseOffset: 1),
                F.order("B", qty: 1, priority: 2, promiseOffset: 1),
                F.order("C", qty: 1, priority: 1, promiseOffset: 1),
            ]
        )
        var settings = F.settings
        settings.solver = solver
        let result = try Allocator.allocate(
            dataSet: data,
            startDay: F.start,
            days: 2,
            capacityUnits: F.capacities([[1, 5], [nil, nil]]),
            settings: settings
        )
        // 1 (W0 day 0) + 3 (W1 day 0) + 6 (W0 day 1, a day late).
        #expect(abs(result.objective - 10) < 1e-9)
        #expect(result.explanations.count == 3)
        let late = try #require(result.explanations.first { $0.shipDayOffset == 1 })
        #expect(late.warehouseIndex == 0)
        #expect(late.laneCostPerUnit == 1)
        #expect(late.runnerUpWarehouseIndex == 0 && late.runnerUpShipDayOffset == 0)
        #expect(abs(try #require(late.marginalCostPerUnit)) < 1e-9)
        for explanation in result.explanations {
            #expect(explanation.outcome == .allocated)
            #expect((explanation.marginalCostPerUnit ?? 0) >= 0)
            if explanation.shipDayOffset == 0 {
                #expect(explanation.runnerUpWarehouseIndex != nil)
            }
        }
    }
}
