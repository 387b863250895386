import Flow
import PlannerCore
import Testing

@testable import Allocation

/// Bad input is rejected in Swift, before any solver sees it, with a message naming the culprit; a
/// solver answer that breaks the model is rejected too.
@Suite("Allocation: multi-day, validation")
struct MultiDayValidationTests {
    typealias F = MultiDayFixtures

    static let data = Fixtures.dataSet(
        skus: 1,
        regions: 1,
        warehouses: [Fixtures.warehouse("W0", .regional, capacity: 5)],
        lanes: [Fixtures.lane(0, 0, days: 1, cost: 1, "C")],
        stock: [Fixtures.stock(0, 0, 10)],
        orders: [F.order("A", qty: 3)]
    )

    static func message(
        days: Int = 2,
        capacity: @escaping (Int, Int) -> Int? = { _, _ in 5 },
        arrivals: [StockArrival] = [],
        settings: AllocationSettings = F.settings,
        data: DataSet = data
    ) -> String? {
        do {
            _ = try F.allocate(data, days: days, capacity: capacity, arrivals: arrivals, settings: settings)
            return nil
        } catch let error as AllocationError {
            return error.message
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func rejectsBadHorizonArrivalsAndCapacities() {
        #expect(Self.message(days: 0) == "days 0 must be at least 1")
        #expect(
            Self.message(arrivals: [StockArrival(warehouseIndex: 0, skuIndex: 0, dayOffset: 2, units: 1)])
                == "stock arrival 0 (S0 at W0): day offset 2 is outside the horizon 0..<2"
        )
        #expect(
            Self.message(arrivals: [StockArrival(warehouseIndex: 0, skuIndex: 0, dayOffset: 1, units: 0)])
                == "stock arrival 0 (S0 at W0): units 0 is not positive"
        )
        #expect(
            Self.message(arrivals: [StockArrival(warehouseIndex: 0, skuIndex: 3, dayOffset: 1, units: 1)])
                == "stock arrival 0 refers to a warehouse or SKU that does not exist"
        )
        #expect(
            Self.message(capacity: { _, day in day == 1 ? -1 : 5 })
                == "warehouse W0: capacity -1 on 2025-03-04 is negative"
        )
        var settings = F.settings
        settings.latePenaltyPerUnitPerDay = .infinity
        #expect(
            Self.message(settings: settings) == "late_penalty_per_unit_per_day inf is not a finite, non-negative number"
        )
        var badOrder = Self.data
        badOrder.orders[0].quantity = 0
        #expect(Self.message(data: badOrder) == "order A: quantity 0 is not positive")
        #expect(Self.message() == nil)
    }

    /// A solver that ships nothing leaves the nodes unbalanced; one that overfills a day breaks its
    /// coupling row: both are caught before any line is written.
    @Test func rejectsASolverAnswerThatBreaksTheModel() throws {
        let empty: (CoupledFlowProblem) throws -> CoupledFlowSolution = { problem in
            CoupledFlowSolution(
                flowUnits: problem.components.map { [Int](repeating: 0, count: $0.arcs.count) },
                objective: 0,
                couplingPrices: [],
                statistics: CoupledFlowStatistics()
            )
        }
        #expect(throws: AllocationError.self) {
            try Allocator.allocate(
                dataSet: Self.data,
                startDay: F.start,
                days: 2,
                capacityUnits: { _, _ in 5 },
                arrivals: [],
                settings: F.settings,
                solveFlow: empty
            )
        }
        // Capacity 1 a day; the answer for capacity 5 ships all 3 units on day 0.
        let generous = try ReferenceFlowLP.solve(
            CoupledFlowProblemProbe.problem(data: Self.data, capacity: 5)
        )
        do {
            _ = try Allocator.allocate(
                dataSet: Self.data,
                startDay: F.start,
                days: 2,
                capacityUnits: { _, _ in 1 },
                arrivals: [],
                settings: F.settings,
                solveFlow: { _ in generous }
            )
            Issue.record("an over-capacity answer was accepted")
        } catch let error as AllocationError {
            #expect(error.message == "coupling row 0: 3 units exceed the capacity 1")
        }
    }
}

/// Captures the problem the allocator hands to its solver.
enum CoupledFlowProblemProbe {
    static func problem(data: DataSet, capacity: Int) throws -> CoupledFlowProblem {
        try capture { solve in
            try Allocator.allocate(
                dataSet: data,
                startDay: MultiDayFixtures.start,
                days: 2,
                capacityUnits: { _, _ in capacity },
                arrivals: [],
                settings: MultiDayFixtures.settings,
                solveFlow: solve
            )
        }
    }

    /// Runs `allocate` with a solver that records its problem and answers with the reference MIP.
    static func capture(
        _ allocate: ((CoupledFlowProblem) throws -> CoupledFlowSolution) throws -> AllocationResult
    ) throws -> CoupledFlowProblem {
        var captured: CoupledFlowProblem?
        _ = try allocate { problem in
            captured = problem
            return try ReferenceFlowLP.solve(problem, integer: true)
        }
        return try #require(captured)
    }
}
