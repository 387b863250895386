import PlannerCore
import Testing

@testable import Allocation

/// Small multi-day instances solved by hand. Settings: unfilled 50 x priority weight (2 at priority 2,
/// so 100 a unit), next-day miss 2, late 5 a unit a day.
@Suite("Allocation: multi-day, hand-solved")
struct MultiDayHandSolvedTests {
    typealias F = MultiDayFixtures

    /// One warehouse shipping 5 a day, 8 units promised for day 1 over a 1-day lane at 1.00:
    /// day 0 ships 5, arriving on day 1 (on time, 5 x 1 = 5); day 1 ships 3, arriving a day late
    /// (3 x (1 + 5) = 18); objective 23 (leaving them unfilled costs 100 each). A (dated the day before)
    /// fills first: 5 on day 0 and 1 on day 1; B gets the other 2 on day 1.
    @Test func capacityPushesUnitsToTheNextDayLate() throws {
        let data = Fixtures.dataSet(
            skus: 1,
            regions: 1,
            warehouses: [Fixtures.warehouse("W0", .regional, capacity: 5)],
            lanes: [Fixtures.lane(0, 0, days: 1, cost: 1, "C")],
            stock: [Fixtures.stock(0, 0, 10)],
            orders: [F.order("B", qty: 2, promiseOffset: 1), F.order("A", qty: 6, dayOffset: -1, promiseOffset: 1)]
        )
        let result = try F.allocate(data, days: 2, capacity: F.capacities([[5, 5]]))
        #expect(F.summary(result, data) == ["B W0 d1 q2 late1", "A W0 d0 q5 late0", "A W0 d1 q1 late1"])
        #expect(abs(result.objective - 23) < 1e-9)
        #expect(result.unfilled.isEmpty)
        #expect(result.allocated.map(\.carrier) == ["C", "C", "C"])
    }

    /// Nothing on hand; 4 units arrive at W0 on day 1. The 6-unit order (promised day 1) gets those 4
    /// on day 1, a day late at 2 + 5 = 7 each (28); the other 2 stay unfilled, stock exhausted
    /// (2 x 100); objective 228. Nothing ships on day 0.
    @Test func arrivalServesTheOrderFromItsDayOn() throws {
        let data = Fixtures.dataSet(
            skus: 1,
            regions: 1,
            warehouses: [Fixtures.warehouse("W0", .regional, capacity: nil)],
            lanes: [Fixtures.lane(0, 0, days: 1, cost: 2, "C")],
            stock: [],
            orders: [F.order("A", qty: 6, promiseOffset: 1)]
        )
        let arrivals = [StockArrival(warehouseIndex: 0, skuIndex: 0, dayOffset: 1, units: 4)]
        let result = try F.allocate(data, days: 2, capacity: F.capacities([[nil, nil]]), arrivals: arrivals)
        #expect(F.summary(result, data) == ["A W0 d1 q4 late1"])
        #expect(
            result.unfilled == [
                UnfilledLine(orderIndex: 0, skuIndex: 0, regionIndex: 0, quantity: 2, reason: .stockExhausted)
            ]
        )
        #expect(abs(result.objective - 228) < 1e-9)

        // Without the arrival nothing can ship: no stock within the horizon.
        let none = try F.allocate(data, days: 2, capacity: F.capacities([[nil, nil]]))
        #expect(none.allocated.isEmpty)
        #expect(none.unfilled.map(\.reason) == [.noStock])
        #expect(abs(none.objective - 600) < 1e-9)
    }

    /// W0 (1-day lane at 1.00) has an outage on day 0 (capacity 0); W1 (1-day lane at `w1Cost`) ships
    /// freely. 4 units promised on day 1: W0 on day 1 costs 1 + 5 (a day late) = 6 a unit, 24; W1 on
    /// day 0 costs 4 a unit (16) when w1Cost = 4, 8 (32) when w1Cost = 8.
    @Test(arguments: [(4.0, "A W1 d0 q4 late0", 16.0), (8.0, "A W0 d1 q4 late1", 24.0)])
    func outageDayGoesToTheCheaperAlternative(w1Cost: Double, expected: String, objective: Double) throws {
        let data = Fixtures.dataSet(
            skus: 1,
            regions: 1,
            warehouses: [
                Fixtures.warehouse("W0", .regional, capacity: 10), Fixtures.warehouse("W1", .regional, capacity: nil),
            ],
            lanes: [Fixtures.lane(0, 0, days: 1, cost: 1, "C0"), Fixtures.lane(1, 0, days: 1, cost: w1Cost, "C1")],
            stock: [Fixtures.stock(0, 0, 10), Fixtures.stock(1, 0, 10)],
            orders: [F.order("A", qty: 4, promiseOffset: 1)]
        )
        let result = try F.allocate(data, days: 2, capacity: F.capacities([[0, 10], [nil, nil]]))
        #expect(F.summary(result, data) == [expected])
        #expect(abs(result.objective - objective) < 1e-9)
    }

    /// A line dated day 1 ships from day 1 on even though day 0 would be on time and cheaper: 3 units
    /// promised for day 1 leave on day 1 and arrive a day late, 3 x (1 + 5) = 18. A line dated day 2
    /// is outside a 2-day horizon: neither allocated nor unfilled.
    @Test func lineReleasedOnDayOneDoesNotShipOnDayZero() throws {
        let data = Fixtures.dataSet(
            skus: 1,
            regions: 1,
            warehouses: [Fixtures.warehouse("W0", .regional, capacity: nil)],
            lanes: [Fixtures.lane(0, 0, days: 1, cost: 1, "C")],
            stock: [Fixtures.stock(0, 0, 10)],
            orders: [F.order("A", qty: 3, dayOffset: 1, promiseOffset: 1), F.order("B", qty: 2, dayOffset: 2)]
        )
        let result = try F.allocate(data, days: 2, capacity: F.capacities([[nil, nil]]))
        #expect(F.summary(result, data) == ["A W0 d1 q3 late1"])
        #expect(result.unfilled.isEmpty)
        #expect(abs(result.objective - 18) < 1e-9)
        #expect(Allocator.openOrderIndices(dataSet: data, startDay: F.start, days: 2) == [0])
    }

    /// Equal-cost ship days: 4 units promised for day 5 are on time whichever of 3 days they leave, so
    /// the solver may pick any; the plan ships them on day 0, and when day 0 can ship only 3, the 4th
    /// leaves on day 1. Objective 4 x 1 either way, whether the solver itself prefers early days or
    /// (`LatestShipSolver`) the last one.
    @Test(arguments: [(Int?.none, ["A W0 d0 q4 late0"]), (3, ["A W0 d0 q3 late0", "A W0 d1 q1 late0"])])
    func equalCostTiesShipOnTheEarliestDay(dayZeroCapacity: Int?, expected: [String]) throws {
        let data = Fixtures.dataSet(
            skus: 1,
            regions: 1,
            warehouses: [Fixtures.warehouse("W0", .regional, capacity: nil)],
            lanes: [Fixtures.lane(0, 0, days: 1, cost: 1, "C")],
            stock: [Fixtures.stock(0, 0, 10)],
            orders: [F.order("A", qty: 4, promiseOffset: 5)]
        )
        let capacity = F.capacities([[dayZeroCapacity, nil, nil]])
        let result = try F.allocate(data, days: 3, capacity: capacity)
        #expect(F.summary(result, data) == expected)
        #expect(abs(result.objective - 4) < 1e-9)
        let fromLatest = try Allocator.allocate(
            dataSet: data,
            startDay: F.start,
            days: 3,
            capacityUnits: capacity,
            arrivals: [],
            settings: F.settings,
            solveFlow: LatestShipSolver.solve
        )
        #expect(F.summary(fromLatest, data) == expected)
        #expect(abs(fromLatest.objective - 4) < 1e-9)
    }

    /// Unfilled reasons over the horizon, one SKU per case, 2 days, promise day 1, penalty 100 a unit.
    /// L: no lane to region 1. N: no stock of its SKU anywhere. C: W0 holds 5 but ships 2 a day, so
    /// 2 leave on day 0 (1 each) and 2 on day 1 (1 + 5 late), 1 stays for capacity. E: W1 holds 2 of
    /// the 3 ordered, shipped on day 0 at 1: stock exhausted. U: the only lane costs 120 > 100:
    /// uneconomic. Objective 2 + 12 + 2 + 5 x 100 = 516.
    @Test func unfilledReasonsAreJudgedOverTheHorizon() throws {
        let data = Fixtures.dataSet(
            skus: 5,
            regions: 4,
            warehouses: [
                Fixtures.warehouse("W0", .regional, capacity: 2), Fixtures.warehouse("W1", .cloud, capacity: nil),
            ],
            lanes: [
                Fixtures.lane(0, 0, days: 1, cost: 1, "C"), Fixtures.lane(1, 2, days: 1, cost: 120, "X"),
                Fixtures.lane(1, 3, days: 1, cost: 1, "X"),
            ],
            stock: [Fixtures.stock(0, 2, 5), Fixtures.stock(1, 3, 2), Fixtures.stock(1, 4, 9)],
            orders: [
                F.order("L", sku: 0, region: 1, qty: 1, promiseOffset: 1),
                F.order("N", sku: 1, region: 0, qty: 1, promiseOffset: 1),
                F.order("C", sku: 2, region: 0, qty: 5, promiseOffset: 1),
                F.order("E", sku: 3, region: 3, qty: 3, promiseOffset: 1),
                F.order("U", sku: 4, region: 2, qty: 1, promiseOffset: 1),
            ]
        )
        let result = try F.allocate(data, days: 2, capacity: F.capacities([[2, 2], [nil, nil]]))
        #expect(result.unfilled.map(\.reason) == [.noLane, .noStock, .capacity, .stockExhausted, .uneconomic])
        #expect(result.unfilled.map(\.quantity) == [1, 1, 1, 1, 1])
        #expect(F.summary(result, data) == ["C W0 d0 q2 late0", "C W0 d1 q2 late1", "E W1 d0 q2 late0"])
        #expect(abs(result.objective - 516) < 1e-9)
    }
}
