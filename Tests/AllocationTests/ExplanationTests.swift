import Allocation
import PlannerCore
import Testing

/// Explanations on hand-solved cases: the runner-up, what switching to it costs, and what binds.
@Suite("Allocation: explanations")
struct ExplanationTests {
    static func explanation(_ result: AllocationResult, order: Int, warehouse: Int?) throws -> LineExplanation {
        try #require(result.explanations.first { $0.orderIndex == order && $0.warehouseIndex == warehouse })
    }

    /// HandSolvedAllocationTests' instance: W0's capacity of 10 binds with price 99 (a B-R0 unit left
    /// unfilled loses 100 - 1). O2 (A to R0) ships from W1 at 5 a unit though W0 costs 1 and still holds
    /// A: capacity binds at W0. O1 is in O2's bucket and ships from W0, so an O2 unit moves to W0 for
    /// free by swapping with an O1 unit: the marginal cost is 0, not 1 + 99 - 5.
    @Test(arguments: [AllocationSolver.linearProgram, .decomposition])
    func capacityBindsAtTheCheaperWarehouse(solver: AllocationSolver) throws {
        var settings = HandSolvedAllocationTests.settings
        settings.solver = solver
        let data = HandSolvedAllocationTests.dataSet()
        let result = try Allocator.allocate(
            dataSet: data,
            openOrderIndices: Array(data.orders.indices),
            settings: settings
        )
        #expect(abs(result.capacityPriceByWarehouse[0] - 99) < 1e-9)
        #expect(result.capacityPriceByWarehouse[1] == 0)

        let o2 = try Self.explanation(result, order: 1, warehouse: 1)
        #expect(o2.outcome == .allocated)
        #expect(o2.quantity == 4)
        #expect(o2.laneCostPerUnit == 5)
        #expect(o2.runnerUpWarehouseIndex == 0)
        #expect(o2.runnerUpLaneCostPerUnit == 1)
        #expect(abs(try #require(o2.marginalCostPerUnit)) < 1e-9)
        #expect(o2.binding == .capacity)
        #expect(o2.bindingWarehouseIndex == 0)

        // O1 is in O2's bucket: swapping a unit between them is free, and W0 is its cheapest lane.
        let o1 = try Self.explanation(result, order: 0, warehouse: 0)
        #expect(o1.binding == BindingConstraint.none)
        #expect(o1.bindingWarehouseIndex == nil)
        #expect(o1.runnerUpWarehouseIndex == 1)
        #expect(abs(try #require(o1.marginalCostPerUnit)) < 1e-9)

        // O3 (B): only W0 holds B, so there is no runner-up.
        let o3 = try Self.explanation(result, order: 2, warehouse: 0)
        #expect(o3.runnerUpWarehouseIndex == nil)
        #expect(o3.marginalCostPerUnit == nil)

        let o6 = try Self.explanation(result, order: 5, warehouse: nil)
        #expect(o6.outcome == .unfilled)
        #expect(o6.unfilledReason == .noLane)
        #expect(result.explanations.count == result.allocated.count + result.unfilled.count)
    }

    /// W1 reaches R0 and R1 at 1 a unit and holds 5; W2 reaches R0 at 3 and R1 at 10 with plenty.
    /// O1 wants 3 in R0, O2 5 in R1. W1's 5 go to R1 (saving 9 a unit there against 2 in R0), so O1 ships
    /// from W2 with stock binding at W1. Moving one O1 unit to W1 pushes an O2 unit to W2:
    /// 1 - 3 + (10 - 1) = 7.
    @Test(arguments: [AllocationSolver.linearProgram, .decomposition])
    func stockBindsAndTheMarginalCostCountsTheDisplacedLine(solver: AllocationSolver) throws {
        let data = Fixtures.dataSet(
            skus: 1,
            regions: 2,
            warehouses: [
                Fixtures.warehouse("W1", .regional, capacity: nil), Fixtures.warehouse("W2", .cloud, capacity: nil),
            ],
            lanes: [
                Fixtures.lane(0, 0, days: 1, cost: 1, "A"), Fixtures.lane(0, 1, days: 1, cost: 1, "A"),
                Fixtures.lane(1, 0, days: 1, cost: 3, "B"), Fixtures.lane(1, 1, days: 1, cost: 10, "B"),
            ],
            stock: [Fixtures.stock(0, 0, 5), Fixtures.stock(1, 0, 100)],
            orders: [
                Fixtures.order("O1", sku: 0, region: 0, qty: 3, priority: 2),
                Fixtures.order("O2", sku: 0, region: 1, qty: 5, priority: 2),
            ]
        )
        var settings = HandSolvedAllocationTests.settings
        settings.solver = solver
        let result = try Allocator.allocate(dataSet: data, openOrderIndices: [0, 1], settings: settings)
        #expect(abs(result.objective - (5 * 1 + 3 * 3)) < 1e-9)
        let o1 = try Self.explanation(result, order: 0, warehouse: 1)
        #expect(o1.binding == .stock)
        #expect(o1.bindingWarehouseIndex == 0)
        #expect(o1.runnerUpWarehouseIndex == 0)
        #expect(abs(try #require(o1.marginalCostPerUnit) - 7) < 1e-9)
        let o2 = try Self.explanation(result, order: 1, warehouse: 0)
        #expect(o2.binding == BindingConstraint.none)
        #expect(o2.runnerUpWarehouseIndex == 1)
        // One O2 unit to W2 (10 instead of 1) frees a W1 unit for O1 (1 instead of 3): 9 - 2.
        #expect(abs(try #require(o2.marginalCostPerUnit) - 7) < 1e-9)
    }

    /// As above, but W1 holds 100 with a capacity of 5 and O2 wants 7: W1's 5 go to R1, which also takes
    /// 2 from W2, so W1's capacity price is 10 - 1 = 9 (unique: R1 is served by both). O1 ships from W2
    /// with capacity binding at W1; one more W1 unit for O1 costs 1 + 9 - 3 = 7 (W1 has stock left over).
    @Test(arguments: [AllocationSolver.linearProgram, .decomposition])
    func capacityPriceEntersTheMarginalCost(solver: AllocationSolver) throws {
        let data = Fixtures.dataSet(
            skus: 1,
            regions: 2,
            warehouses: [
                Fixtures.warehouse("W1", .regional, capacity: 5), Fixtures.warehouse("W2", .cloud, capacity: nil),
            ],
            lanes: [
                Fixtures.lane(0, 0, days: 1, cost: 1, "A"), Fixtures.lane(0, 1, days: 1, cost: 1, "A"),
                Fixtures.lane(1, 0, days: 1, cost: 3, "B"), Fixtures.lane(1, 1, days: 1, cost: 10, "B"),
            ],
            stock: [Fixtures.stock(0, 0, 100), Fixtures.stock(1, 0, 100)],
            orders: [
                Fixtures.order("O1", sku: 0, region: 0, qty: 3, priority: 2),
                Fixtures.order("O2", sku: 0, region: 1, qty: 7, priority: 2),
            ]
        )
        var settings = HandSolvedAllocationTests.settings
        settings.solver = solver
        let result = try Allocator.allocate(dataSet: data, openOrderIndices: [0, 1], settings: settings)
        #expect(abs(result.objective - (5 * 1 + 2 * 10 + 3 * 3)) < 1e-9)
        #expect(abs(result.capacityPriceByWarehouse[0] - 9) < 1e-9)
        let o1 = try Self.explanation(result, order: 0, warehouse: 1)
        #expect(o1.binding == .capacity)
        #expect(o1.bindingWarehouseIndex == 0)
        #expect(o1.runnerUpWarehouseIndex == 0)
        #expect(abs(try #require(o1.marginalCostPerUnit) - 7) < 1e-9)
    }
}
