import InventoryPolicy
import PlannerCore
import Sourcing
import Testing

/// Supply plans of drop-shipped and pooled SKUs.
@Suite struct StockingStrategyPlanTests {
    static func dropShipper(
        _ name: String,
        _ role: SupplierRole,
        weeklyCapacity: Int?,
        allows: Bool = true
    )
        -> SupplierOffer
    {
        var offer = supplier(name, role, leadTimeDays: 2, weeklyCapacity: weeklyCapacity)
        offer.allowsDropShip = allows
        return offer
    }

    @Test func dropShipOrdersEachWeeksForecastFromDropShipSuppliers() {
        // 10 a day: 70 a week. The primary ships 50 a week, the backup the other 20 (primary_capacity).
        var scenario = SourcingCase(
            suppliers: [
                Self.dropShipper("P", .primary, weeklyCapacity: 50),
                Self.dropShipper("B", .backup, weeklyCapacity: nil),
            ]
        )
        scenario.dropShip = true
        let plan = scenario.plan()
        #expect(plan.orders.map(\.orderDate) == [d(0), d(0), d(7), d(7)])
        #expect(plan.orders.map(\.supplier) == ["P", "B", "P", "B"])
        #expect(plan.orders.map(\.quantity) == [50, 20, 50, 20])
        #expect(plan.orders.map(\.reason) == [.dropShip, .primaryCapacity, .dropShip, .primaryCapacity])
        #expect(plan.orders.map(\.arrivalDate) == [d(2), d(2), d(9), d(9)])
        #expect(plan.shortfalls.isEmpty)
    }

    /// Customer orders the allocation drop-shipped today use the first week's capacity: with 30 of the primary's
    /// 50 gone, it takes 20 of week 1's forecast and the backup the other 50; week 2 is untouched.
    @Test func unitsDropShippedTodayUseTheFirstWeeksCapacity() {
        var scenario = SourcingCase(
            suppliers: [
                Self.dropShipper("P", .primary, weeklyCapacity: 50),
                Self.dropShipper("B", .backup, weeklyCapacity: nil),
            ]
        )
        scenario.dropShip = true
        scenario.dropShipped = [0: 30]
        let plan = scenario.plan()
        #expect(plan.orders.map(\.orderDate) == [d(0), d(0), d(7), d(7)])
        #expect(plan.orders.map(\.supplier) == ["P", "B", "P", "B"])
        #expect(plan.orders.map(\.quantity) == [20, 50, 50, 20])
    }

    @Test func dropShipVolumeNoSupplierTakesIsAWeeksShortfall() throws {
        // The backup does not drop-ship: 20 units a week are left, a supplier_capacity shortfall over the week.
        var scenario = SourcingCase(
            suppliers: [
                Self.dropShipper("P", .primary, weeklyCapacity: 50),
                Self.dropShipper("B", .backup, weeklyCapacity: nil, allows: false),
            ]
        )
        scenario.dropShip = true
        scenario.horizonDays = 10
        let plan = scenario.plan()
        // Week 2 has 3 days: 30 units, within the primary's 50.
        #expect(plan.orders.map(\.quantity) == [50, 30])
        #expect(plan.orders.allSatisfy { $0.supplier == "P" && $0.reason == .dropShip })
        let shortfall = try #require(plan.shortfalls.first)
        #expect(plan.shortfalls.count == 1)
        #expect(shortfall.cause == .supplierCapacity && shortfall.shortfallUnits == 20)
        #expect(shortfall.stockoutDate == d(0) && shortfall.lastShortDate == d(6) && shortfall.shortfallDays == 7)
        #expect(shortfall.presaleUnits == 0)
    }

    @Test func dropShipRoundsTheCumulativeForecastSoSmallWeeksDoNotInflateIt() {
        // 0.2 a day: 1.4, 2.8, 4.2, 5.6 units by the end of each week; ceil of those minus what is ordered:
        // 2, 1, 2, 1 (6 units in all, ceil(5.6)), where rounding each week up would order 2 every week.
        var scenario = SourcingCase(suppliers: [Self.dropShipper("P", .primary, weeklyCapacity: nil)])
        scenario.dropShip = true
        scenario.unitsPerDay = 0.2
        scenario.horizonDays = 28
        #expect(scenario.run().map(\.quantity) == [2, 1, 2, 1])
    }

    @Test func pooledPolicyProjectsTheNetworksStockAtItsWarehouse() {
        // Two warehouses of 60 each, pooled at W1: 120 on hand against 20 a day; s = 70, Q = 100, L 3.
        // Day 2: net 60 <= 70, order ceil(70 + 100 - 60) = 110 for day 5.
        var scenario = SourcingCase(suppliers: [supplier("P", .primary, leadTimeDays: 3)])
        scenario.warehouseCount = 2
        scenario.pooledAt = 1
        scenario.reorderPoint = 70
        scenario.orderQuantity = 100
        scenario.horizonDays = 5
        let plan = scenario.plan()
        #expect(plan.orders.map(\.warehouseIndex) == [1])
        #expect(plan.orders.map(\.orderDate) == [d(2)])
        #expect(plan.orders.map(\.quantity) == [110])
        #expect(plan.shortfalls.isEmpty)
    }
}
