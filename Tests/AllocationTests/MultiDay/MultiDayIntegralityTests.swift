import Flow
import PlannerCore
import Testing

@testable import Allocation

/// The time-expanded model is not totally unimodular: unlike the single-day model, whose capacity rows
/// nest the stock rows (`CompactProgram` with days = 1), a (warehouse, day) capacity row and a (warehouse, sku, by day)
/// stock row cross, and an odd cycle of such rows can make the LP optimum half-integral. This instance
/// (found by a random search, then shrunk) has LP optimum 86 and integer optimum 87. A solver handed to
/// `Allocator` must return an integral optimum; the allocator takes any integral flow, checks
/// it, and reports its cost.
@Suite("Allocation: multi-day, integrality")
struct MultiDayIntegralityTests {
    typealias F = MultiDayFixtures

    /// 3 warehouses, 2 SKUs, 3 regions, 4 days; unfilled penalties 40, 20, 10 by priority, late
    /// penalty 3 a unit a day, no next-day miss penalty.
    static let settings = AllocationSettings(
        unfilledPenaltyPerUnit: 1,
        nextDayMissPenaltyPerUnit: 0,
        priorityWeights: [1: 40, 2: 20, 3: 10],
        latePenaltyPerUnitPerDay: 3
    )
    static let capacityUnits: [[Int?]] = [[nil, nil, 1, 1], [1, 1, 2, nil], [nil, nil, nil, nil]]
    static let arrivals = [
        StockArrival(warehouseIndex: 0, skuIndex: 0, dayOffset: 1, units: 1),
        StockArrival(warehouseIndex: 0, skuIndex: 0, dayOffset: 2, units: 2),
        StockArrival(warehouseIndex: 1, skuIndex: 0, dayOffset: 1, units: 2),
        StockArrival(warehouseIndex: 2, skuIndex: 0, dayOffset: 2, units: 1),
    ]
    static let data = Fixtures.dataSet(
        skus: 2,
        regions: 3,
        warehouses: (0..<3).map { Fixtures.warehouse("W\($0)", .regional, capacity: nil) },
        lanes: [
            Fixtures.lane(0, 0, days: 2, cost: 1, "C"), Fixtures.lane(0, 2, days: 2, cost: 9, "C"),
            Fixtures.lane(1, 0, days: 2, cost: 9, "C"), Fixtures.lane(1, 2, days: 1, cost: 1, "C"),
            Fixtures.lane(2, 0, days: 2, cost: 1, "C"),
        ],
        stock: [Fixtures.stock(0, 1, 1), Fixtures.stock(1, 0, 1), Fixtures.stock(1, 1, 2)],
        orders: [
            F.order("A", sku: 1, region: 2, qty: 2, priority: 2, dayOffset: 0, promiseOffset: 3),
            F.order("B", sku: 0, region: 0, qty: 3, priority: 1, dayOffset: 0, promiseOffset: 1),
            F.order("C", sku: 1, region: 0, qty: 1, priority: 1, dayOffset: 3, promiseOffset: 5),
            F.order("D", sku: 0, region: 2, qty: 1, priority: 3, dayOffset: 2, promiseOffset: 5),
            F.order("E", sku: 0, region: 0, qty: 3, priority: 1, dayOffset: 1, promiseOffset: 1),
        ]
    )

    static func allocate(_ solve: (CoupledFlowProblem) throws -> CoupledFlowSolution) throws -> AllocationResult {
        try Allocator.allocate(
            dataSet: data,
            startDay: F.start,
            days: 4,
            capacityUnits: F.capacities(capacityUnits),
            arrivals: arrivals,
            settings: settings,
            solveFlow: solve
        )
    }

    @Test func lpOptimumIsFractionalAndBelowTheIntegerOptimum() throws {
        let problem = try CoupledFlowProblemProbe.capture { try Self.allocate($0) }
        #expect(abs(try ReferenceFlowLP.relaxationObjective(problem) - 86) < 1e-9)
        #expect(throws: ReferenceFlowLP.FractionalSolution.self) { try Self.allocate { try ReferenceFlowLP.solve($0) } }
        let result = try Self.allocate { try ReferenceFlowLP.solve($0, integer: true) }
        #expect(abs(result.objective - 87) < 1e-9)
        #expect(result.allocatedUnits + result.unfilledUnits == 10)
    }
}
