import Allocation
import PlannerCore
import Testing

/// Next-day KPIs of HandSolvedAllocationTests' optimum, counted by hand.
/// R0: O1 7 units from W0 (1 day), O2 4 from W1 (2 days), O3 3 from W0 + 1 unfilled: 10 of 15 units,
/// 1 of 3 orders next day. R1: O4, O5 unfilled (5 units). R2: O6 unfilled (1). R3: O7 unfilled (2),
/// O8 1 unit from W1 (2 days). Overall 10 of 24 units, 1 of 8 orders; 4 shipments, no split order.
@Suite("Allocation: service KPIs")
struct ServiceKPITests {
    @Test func handSolvedInstance() throws {
        let data = HandSolvedAllocationTests.dataSet()
        let result = try HandSolvedAllocationTests.allocate()
        let target = NextDayShareTarget(defaultShare: 0.5, shareByRegion: ["R3": 0])
        let rows = ServiceKPIs.compute(allocation: result, dataSet: data, target: target)
        #expect(rows.map(\.regionIndex) == [0, 1, 2, 3, nil])
        #expect(rows.map(\.unitsTotal) == [15, 5, 1, 3, 24])
        #expect(rows.map(\.unitsNextDay) == [10, 0, 0, 0, 10])
        #expect(rows.map(\.ordersTotal) == [3, 2, 1, 2, 8])
        #expect(rows.map(\.ordersNextDay) == [1, 0, 0, 0, 1])
        #expect(rows.map(\.shipments) == [3, 0, 0, 1, 4])
        #expect(rows.map(\.splitOrders) == [0, 0, 0, 0, 0])
        #expect(abs(rows[0].unitShareNextDay - 10.0 / 15) < 1e-12)
        #expect(rows.map(\.targetMet) == [true, false, false, true, false])
        #expect(rows[3].minimumNextDayShare == 0)
    }

    /// One order with two lines shipped from two warehouses is split; a line split over two warehouses too.
    @Test func splitOrders() throws {
        let data = Fixtures.dataSet(
            skus: 2,
            regions: 1,
            warehouses: [
                Fixtures.warehouse("W1", .regional, capacity: nil), Fixtures.warehouse("W2", .cloud, capacity: nil),
            ],
            lanes: [Fixtures.lane(0, 0, days: 1, cost: 1, "A"), Fixtures.lane(1, 0, days: 2, cost: 2, "B")],
            stock: [Fixtures.stock(0, 0, 2), Fixtures.stock(1, 0, 9), Fixtures.stock(1, 1, 9)],
            orders: [
                Fixtures.order("O1", sku: 0, region: 0, qty: 3, priority: 2),
                Fixtures.order("O1", sku: 1, region: 0, qty: 1, priority: 2),
                Fixtures.order("O2", sku: 1, region: 0, qty: 1, priority: 2),
            ]
        )
        let result = try Allocator.allocate(
            dataSet: data,
            openOrderIndices: [0, 1, 2],
            settings: HandSolvedAllocationTests.settings
        )
        let overall = try #require(ServiceKPIs.compute(allocation: result, dataSet: data, target: nil).last)
        #expect(overall.ordersTotal == 2)
        #expect(overall.splitOrders == 1)
        // O1: W1 and W2; O2: W2.
        #expect(overall.shipments == 3)
        #expect(overall.unitsNextDay == 2)
        #expect(overall.targetMet == nil)
    }
}
