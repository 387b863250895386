import Allocation
import PlannerCore
import Testing

/// A hand-solved instance in which every unfilled reason appears.
///
/// Warehouses: W0 regional, capacity 10; W1 cloud, no limit. SKUs A=0, B=1, C=2. Regions R0..R3.
/// Lanes (effective cost = cost + 2 when transit > 1): W0->R0 1 day 1.0 FastCo (1); W1->R0 2 days 3.0
/// SlowCo (5); W1->R1 3 days 4.0 SlowCo (6); W1->R3 2 days 60.0 SlowCo (62). R2 has no lane.
/// Stock: W0 A 8, B 5; W1 A 4, C 10 (no B at W1).
/// Penalties 50 x weight {1: 4, 2: 2, 3: 1}: 200, 100, 50.
/// Orders: 0 O1 A R0 7 p1; 1 O2 A R0 4 p1 (a day later); 2 O3 B R0 4 p2; 3 O4 A R1 3 p3;
/// 4 O5 B R1 2 p2; 5 O6 A R2 1 p1; 6 O7 C R3 2 p3; 7 O8 C R3 1 p1.
///
/// Fixed: O6 has no lane (200); O5 reaches only W1, which has no B (2 x 100); C to R3 costs 62, so the
/// p1 unit ships (62 < 200) and the p3 units do not (62 > 50, 2 x 50).
/// The rest: W0's 10 units of capacity serve A-R0 (x1, saves 199 a unit while A-R0 would otherwise go
/// unfilled) and B-R0 (y, saves 99); W1's 4 A serve A-R0 (x2 at 5) or A-R1 (z at 6, saves only 44).
/// Optimum x1 = 7, y = 3, x2 = 4, z = 0: A-R0 fully served, B-R0 1 unfilled, A-R1 3 unfilled.
/// Dual check: u(B-R0) basic gives its row price 100, y basic gives capacity price 99, x1 basic (A stock
/// at W0 slack) gives A-R0 price 100, x2 basic gives W1-A price 95; reduced costs of z 6 + 95 - 50 = 51,
/// u(A-R0) 200 - 100 = 100 are positive, so this optimum is the unique one.
/// Objective: shipping 7x1 + 4x5 + 3x1 + 1x62 = 92; unfilled 100 + 150 + 200 + 200 + 100 = 750; 842.
@Suite("Allocation: hand-solved instance")
struct HandSolvedAllocationTests {
    static let settings = AllocationSettings(
        unfilledPenaltyPerUnit: 50,
        nextDayMissPenaltyPerUnit: 2,
        priorityWeights: [1: 4, 2: 2, 3: 1]
    )

    static func dataSet() -> DataSet {
        Fixtures.dataSet(
            skus: 3,
            regions: 4,
            warehouses: [
                Fixtures.warehouse("W0", .regional, capacity: 10), Fixtures.warehouse("W1", .cloud, capacity: nil),
            ],
            lanes: [
                Fixtures.lane(1, 0, days: 2, cost: 3, "SlowCo"),
                Fixtures.lane(0, 0, days: 1, cost: 1, "FastCo"),
                Fixtures.lane(1, 1, days: 3, cost: 4, "SlowCo"),
                Fixtures.lane(1, 3, days: 2, cost: 60, "SlowCo"),
            ],
            stock: [
                Fixtures.stock(0, 0, 8), Fixtures.stock(0, 1, 5), Fixtures.stock(1, 0, 4), Fixtures.stock(1, 2, 10),
            ],
            orders: [
                Fixtures.order("O1", sku: 0, region: 0, qty: 7, priority: 1),
                Fixtures.order("O2", sku: 0, region: 0, qty: 4, priority: 1, dayOffset: 1),
                Fixtures.order("O3", sku: 1, region: 0, qty: 4, priority: 2),
                Fixtures.order("O4", sku: 0, region: 1, qty: 3, priority: 3),
                Fixtures.order("O5", sku: 1, region: 1, qty: 2, priority: 2),
                Fixtures.order("O6", sku: 0, region: 2, qty: 1, priority: 1),
                Fixtures.order("O7", sku: 2, region: 3, qty: 2, priority: 3),
                Fixtures.order("O8", sku: 2, region: 3, qty: 1, priority: 1),
            ]
        )
    }

    static func allocate() throws -> AllocationResult {
        let data = dataSet()
        return try Allocator.allocate(
            dataSet: data,
            openOrderIndices: Array(data.orders.indices),
            settings: settings
        )
    }

    @Test func objectiveAndCounts() throws {
        let result = try Self.allocate()
        #expect(abs(result.objective - 842) < 1e-9)
        #expect(result.solverStatus == .optimal)
        // Buckets A-R0-1, A-R1-3, A-R2-1, B-R0-2, B-R1-2, C-R3-1, C-R3-3.
        #expect(result.bucketCount == 7)
        // 7 unfilled columns + x: A-R0 (W0, W1), A-R1 (W1), B-R0 (W0), C-R3-1 (W1), C-R3-3 (W1).
        #expect(result.variableCount == 13)
        // 7 bucket rows + stock rows (W0,A) (W0,B) (W1,A) (W1,C) + capacity row W0.
        #expect(result.constraintCount == 12)
        #expect(result.allocatedUnits == 15)
        #expect(result.unfilledUnits == 9)
        #expect(result.nextDayUnits == 10)
    }

    /// O1 (earlier) fills first from the cheapest warehouse, W0; O2 takes W1's 4 units.
    @Test func everyAllocatedLine() throws {
        let result = try Self.allocate()
        #expect(
            result.allocated == [
                AllocatedLine(
                    orderIndex: 0,
                    skuIndex: 0,
                    regionIndex: 0,
                    warehouseIndex: 0,
                    quantity: 7,
                    transitDays: 1,
                    costPerUnit: 1,
                    carrier: "FastCo"
                ),
                AllocatedLine(
                    orderIndex: 1,
                    skuIndex: 0,
                    regionIndex: 0,
                    warehouseIndex: 1,
                    quantity: 4,
                    transitDays: 2,
                    costPerUnit: 3,
                    carrier: "SlowCo"
                ),
                AllocatedLine(
                    orderIndex: 2,
                    skuIndex: 1,
                    regionIndex: 0,
                    warehouseIndex: 0,
                    quantity: 3,
                    transitDays: 1,
                    costPerUnit: 1,
                    carrier: "FastCo"
                ),
                AllocatedLine(
                    orderIndex: 7,
                    skuIndex: 2,
                    regionIndex: 3,
                    warehouseIndex: 1,
                    quantity: 1,
                    transitDays: 2,
                    costPerUnit: 60,
                    carrier: "SlowCo"
                ),
            ]
        )
        #expect(result.shippedUnits(warehouseCount: 2, skuCount: 3) == [[7, 3, 0], [4, 0, 1]])
    }

    /// Each reason once: capacity (W0 still has 2 B but shipped 10 = capacity), stock_exhausted (W1's 4 A
    /// all went to R0), no_stock, no_lane, uneconomic (62 > 50 with W1 holding 9 C and no limit).
    @Test func everyUnfilledLineWithItsReason() throws {
        let result = try Self.allocate()
        #expect(
            result.unfilled == [
                UnfilledLine(orderIndex: 2, skuIndex: 1, regionIndex: 0, quantity: 1, reason: .capacity),
                UnfilledLine(orderIndex: 3, skuIndex: 0, regionIndex: 1, quantity: 3, reason: .stockExhausted),
                UnfilledLine(orderIndex: 4, skuIndex: 1, regionIndex: 1, quantity: 2, reason: .noStock),
                UnfilledLine(orderIndex: 5, skuIndex: 0, regionIndex: 2, quantity: 1, reason: .noLane),
                UnfilledLine(orderIndex: 6, skuIndex: 2, regionIndex: 3, quantity: 2, reason: .uneconomic),
            ]
        )
        #expect(
            Set(result.unfilled.map(\.reason.rawValue)) == [
                "capacity", "stock_exhausted", "no_stock", "no_lane", "uneconomic",
            ]
        )
    }

    /// Only the open subset is allocated; without O1 and O2 W0's capacity goes to B (4 units) and W1's A to R1.
    @Test func onlyOpenLinesAreAllocated() throws {
        let data = Self.dataSet()
        let result = try Allocator.allocate(dataSet: data, openOrderIndices: [2, 3], settings: Self.settings)
        #expect(
            result.allocated.map { [$0.orderIndex, $0.warehouseIndex, $0.quantity] } == [[2, 0, 4], [3, 1, 3]]
        )
        #expect(result.unfilled.isEmpty)
        #expect(abs(result.objective - (4 * 1 + 3 * 6)) < 1e-9)
    }

    @Test func dispatchPlanGroupsByCarrierWarehouseAndRegion() throws {
        let data = Self.dataSet()
        let result = try Self.allocate()
        let shipDate = Fixtures.day0.adding(days: 2)
        let plan = DispatchPlanner.plan(allocation: result, shipDate: shipDate)
        #expect(
            plan == [
                DispatchPlanRow(
                    carrier: "FastCo",
                    warehouseIndex: 0,
                    shipDate: shipDate,
                    regionIndex: 0,
                    orderLines: 2,
                    units: 10
                ),
                DispatchPlanRow(
                    carrier: "SlowCo",
                    warehouseIndex: 1,
                    shipDate: shipDate,
                    regionIndex: 0,
                    orderLines: 1,
                    units: 4
                ),
                DispatchPlanRow(
                    carrier: "SlowCo",
                    warehouseIndex: 1,
                    shipDate: shipDate,
                    regionIndex: 3,
                    orderLines: 1,
                    units: 1
                ),
            ]
        )
    }

    @Test func noOpenLinesGiveAnEmptyResult() throws {
        let result = try Allocator.allocate(dataSet: Self.dataSet(), openOrderIndices: [], settings: Self.settings)
        #expect(result.allocated.isEmpty && result.unfilled.isEmpty)
        #expect(result.objective == 0)
        #expect(result.bucketCount == 0 && result.variableCount == 0 && result.constraintCount == 0)
    }
}
