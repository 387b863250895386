import Allocation
import PlannerCore
import Testing

/// Bad input must come back as an `AllocationError` naming the problem, never reach GLPK.
@Suite("Allocation: input validation")
struct AllocationValidationTests {
    static func base(lanes: [Lane]? = nil, orders: [OrderLine]? = nil, capacity: Int? = nil) -> DataSet {
        Fixtures.dataSet(
            skus: 1,
            regions: 1,
            warehouses: [Fixtures.warehouse("W0", .regional, capacity: capacity)],
            lanes: lanes ?? [Fixtures.lane(0, 0, days: 1, cost: 1, "C")],
            stock: [Fixtures.stock(0, 0, 5)],
            orders: orders ?? [Fixtures.order("O1", sku: 0, region: 0, qty: 2, priority: 1)]
        )
    }

    static func expectError(
        _ data: DataSet,
        open: [Int] = [0],
        settings: AllocationSettings = AllocationSettings(),
        _ text: String
    ) {
        #expect {
            try Allocator.allocate(dataSet: data, openOrderIndices: open, settings: settings)
        } throws: { error in
            (error as? AllocationError)?.message.contains(text) ?? false
        }
    }

    @Test func duplicateLaneThrows() {
        let lanes = [Fixtures.lane(0, 0, days: 1, cost: 1, "C"), Fixtures.lane(0, 0, days: 2, cost: 2, "D")]
        Self.expectError(Self.base(lanes: lanes), "two lanes from warehouse W0 to region R0")
    }

    @Test func nonFiniteLaneCostThrows() {
        Self.expectError(
            Self.base(lanes: [Fixtures.lane(0, 0, days: 1, cost: .nan, "C")]),
            "cost_per_unit is not finite"
        )
    }

    @Test func nonPositiveQuantityThrows() {
        Self.expectError(
            Self.base(orders: [Fixtures.order("O1", sku: 0, region: 0, qty: 0, priority: 1)]),
            "quantity 0 is not positive"
        )
    }

    @Test func badOpenIndicesThrow() {
        Self.expectError(Self.base(), open: [1], "open order index 1 is out of range")
        Self.expectError(Self.base(), open: [0, 0], "listed twice")
    }

    @Test func nonFiniteSettingsThrow() {
        Self.expectError(Self.base(), settings: AllocationSettings(unfilledPenaltyPerUnit: .infinity), "not finite")
        Self.expectError(Self.base(), settings: AllocationSettings(priorityWeights: [1: .nan]), "priority weight")
    }

    @Test func negativeCapacityThrows() {
        Self.expectError(Self.base(capacity: -1), "daily_capacity_units -1 is negative")
    }

    /// Capacity 0 is valid: nothing ships and the reason is capacity.
    @Test func zeroCapacityLeavesLinesUnfilledForCapacity() throws {
        let result = try Allocator.allocate(
            dataSet: Self.base(capacity: 0),
            openOrderIndices: [0],
            settings: AllocationSettings()
        )
        #expect(result.allocated.isEmpty)
        #expect(
            result.unfilled == [
                UnfilledLine(orderIndex: 0, skuIndex: 0, regionIndex: 0, quantity: 2, reason: .capacity)
            ]
        )
        #expect(abs(result.objective - 2 * 50 * 4) < 1e-9)
    }
}
