import PlannerCore
import Sourcing
import Testing

@Suite struct SupplyPlannerTests {
    /// Stock 60, demand 10 a day, s = 35, Q = 50, primary lead time 3 days, 14-day horizon.
    /// End-of-day stock: day0 50, day1 40, day2 30 <= 35: order ceil(35 + 50 - 30) = 55, arriving day 5;
    /// without it stock would be 20, 10, 0 (day 5), -10 on day 6: stock-out day 6.
    /// Day 5 receives 55: 55; day 6 45; day 7 35 (IP 35 <= 35): order 50, arriving day 10; stock-out
    /// day 11 (25, 15, 5, -5). Day 10 receives 50: 55; day 11 45; day 12 35: order 50, arriving day 15
    /// (after the horizon); stock 25 on day 13, no stock-out within the horizon.
    @Test func handComputedSingleWarehouseProjection() {
        let orders = SourcingCase(suppliers: [supplier("P", .primary, leadTimeDays: 3)]).run()
        let expected = [
            PlannedSupplyOrder(
                skuIndex: 0,
                warehouseIndex: 0,
                supplier: "P",
                role: .primary,
                rank: 1,
                orderDate: d(2),
                arrivalDate: d(5),
                quantity: 55,
                unitCost: 5,
                reason: .reorderPoint,
                projectedStockoutDate: d(6)
            ),
            PlannedSupplyOrder(
                skuIndex: 0,
                warehouseIndex: 0,
                supplier: "P",
                role: .primary,
                rank: 1,
                orderDate: d(7),
                arrivalDate: d(10),
                quantity: 50,
                unitCost: 5,
                reason: .reorderPoint,
                projectedStockoutDate: d(11)
            ),
            PlannedSupplyOrder(
                skuIndex: 0,
                warehouseIndex: 0,
                supplier: "P",
                role: .primary,
                rank: 1,
                orderDate: d(12),
                arrivalDate: d(15),
                quantity: 50,
                unitCost: 5,
                reason: .reorderPoint,
                projectedStockoutDate: nil
            ),
        ]
        #expect(orders == expected)
    }

    @Test func onOrderArrivesAfterThePrimaryLeadTimeAndShipmentsReduceStock() {
        // 10 shipped today: stock 50 then 40 (day 0), 30 on day 1 <= 35: order 55 on day 1, not day 2.
        var shipped = SourcingCase(suppliers: [supplier("P", .primary, leadTimeDays: 3)])
        shipped.shipped = [[10]]
        #expect(shipped.run().first?.orderDate == d(1))
        #expect(shipped.run().first?.quantity == 55)
        // Stock 20 and 40 on order (arriving day ceil(2.5) = 3): IP = 10 + 40 = 50 at day 0, 40 day 1,
        // 30 day 2 <= 35: order 35 + 50 - 30 = 55, arriving day 2 + 3 = 5. Stock without it: 0 (day 1),
        // -10 (day 2): stock-out on the order day itself.
        var pipeline = SourcingCase(suppliers: [supplier("P", .primary, leadTimeDays: 2.5)])
        pipeline.onHand = 20
        pipeline.onOrder = 40
        let first = pipeline.run().first
        #expect(first?.orderDate == d(2))
        #expect(first?.quantity == 55)
        #expect(first?.arrivalDate == d(5))
        #expect(first?.projectedStockoutDate == d(2))
    }

    @Test func disruptedPrimarySendsOrdersToTheBackup() {
        var scenario = SourcingCase(suppliers: [
            supplier("P", .primary, leadTimeDays: 3), supplier("B", .backup, leadTimeDays: 2),
        ])
        scenario.disruptions = [
            SupplierDisruption(supplier: "P", from: d(0), to: d(8), capacityFactor: 0, extraLeadTimeDays: 0)
        ]
        let orders = scenario.run()
        // Day 2: 55 from B, arriving day 4 (lead time 2).
        #expect(orders.first?.supplier == "B")
        #expect(orders.first?.role == .backup)
        #expect(orders.first?.quantity == 55)
        #expect(orders.first?.arrivalDate == d(4))
        #expect(orders.first?.reason == .primaryDisrupted)
        #expect(orders.first?.unitCost == 6)
        // Orders placed after the disruption ends (day 9 on) go back to the primary.
        for order in orders {
            #expect(order.orderDate <= d(8) ? order.supplier == "B" : order.supplier == "P")
            #expect(order.reason == (order.orderDate <= d(8) ? .primaryDisrupted : .reorderPoint))
        }
        #expect(orders.contains { $0.supplier == "P" })
    }

    @Test func partialDisruptionCutsCapacityAndAddsLeadTime() {
        // Weekly 60 at factor 0.5 = 30 from P, arriving day 2 + ceil(3 + 0.5) = 6 (the stock-out day, still
        // in time); the other 25 from B.
        var scenario = SourcingCase(suppliers: [
            supplier("P", .primary, leadTimeDays: 3, weeklyCapacity: 60), supplier("B", .backup, leadTimeDays: 2),
        ])
        scenario.horizonDays = 7
        scenario.disruptions = [
            SupplierDisruption(supplier: "P", from: d(0), to: d(6), capacityFactor: 0.5, extraLeadTimeDays: 0.5)
        ]
        let orders = scenario.run()
        #expect(orders.map(\.supplier) == ["P", "B"])
        #expect(orders.map(\.quantity) == [30, 25])
        #expect(orders.map(\.arrivalDate) == [d(6), d(4)])
        #expect(orders.map(\.reason) == [.reorderPoint, .primaryCapacity])
        // One more day of delay makes P late (day 7 > stock-out day 6): B, in time, takes all 55.
        scenario.disruptions[0].extraLeadTimeDays = 1.5
        let late = scenario.run()
        #expect(late.map(\.supplier) == ["B"])
        #expect(late.map(\.quantity) == [55])
        #expect(late.map(\.reason) == [.primaryLate])
    }

    @Test func capacityCutSplitsOneOrderBetweenPrimaryAndBackup() {
        // Need 55 on day 2; the primary can ship 30 this week: 30 from P, 25 from B.
        var scenario = SourcingCase(suppliers: [
            supplier("B", .backup, leadTimeDays: 2),
            supplier("P", .primary, leadTimeDays: 3, weeklyCapacity: 30),
        ])
        scenario.horizonDays = 7
        let orders = scenario.run()
        #expect(orders.map(\.supplier) == ["P", "B"])
        #expect(orders.map(\.quantity) == [30, 25])
        #expect(orders.map(\.reason) == [.reorderPoint, .primaryCapacity])
        #expect(orders.map(\.orderDate) == [d(2), d(2)])
        #expect(orders.map(\.arrivalDate) == [d(5), d(4)])
    }

    @Test func latePrimaryIsPassedOverForABackupThatArrivesInTime() {
        // Stock-out on day 6: P (10 days) would arrive day 12, B (2 days) day 4.
        var scenario = SourcingCase(suppliers: [
            supplier("P", .primary, leadTimeDays: 10), supplier("B", .backup, leadTimeDays: 2),
        ])
        scenario.horizonDays = 7
        let orders = scenario.run()
        #expect(orders.count == 1)
        #expect(orders.first?.supplier == "B")
        #expect(orders.first?.quantity == 55)
        #expect(orders.first?.reason == .primaryLate)
        #expect(orders.first?.projectedStockoutDate == d(6))
    }

    @Test func latePrimaryStillTakesWhatTheInTimeBackupCannot() {
        // Stock-out day 6; B arrives day 4 but ships only 30 a week: B 30 (primary_late), then the late
        // primary is asked again for the other 25 rather than leaving them unsupplied.
        var scenario = SourcingCase(suppliers: [
            supplier("P", .primary, leadTimeDays: 10), supplier("B", .backup, leadTimeDays: 2, weeklyCapacity: 30),
        ])
        scenario.horizonDays = 7
        let orders = scenario.run()
        #expect(orders.map(\.supplier) == ["B", "P"])
        #expect(orders.map(\.quantity) == [30, 25])
        #expect(orders.map(\.reason) == [.primaryLate, .reorderPoint])
        #expect(orders.map(\.arrivalDate) == [d(4), d(12)])
    }

    @Test func whenNobodyIsInTimeTheEarliestArrivalIsUsed() {
        // Stock-out day 6. P arrives day 12, B day 10: neither in time, B is earlier (still primary_late).
        var backupEarlier = SourcingCase(suppliers: [
            supplier("P", .primary, leadTimeDays: 10), supplier("B", .backup, leadTimeDays: 8),
        ])
        backupEarlier.horizonDays = 7
        #expect(backupEarlier.run().map(\.supplier) == ["B"])
        #expect(backupEarlier.run().map(\.reason) == [.primaryLate])
        // P arrives day 10, B day 12: P, the earliest, keeps reorder_point.
        var primaryEarlier = SourcingCase(suppliers: [
            supplier("P", .primary, leadTimeDays: 8), supplier("B", .backup, leadTimeDays: 10),
        ])
        primaryEarlier.horizonDays = 7
        #expect(primaryEarlier.run().map(\.supplier) == ["P"])
        #expect(primaryEarlier.run().map(\.reason) == [.reorderPoint])
        // Equal arrivals: the primary first.
        var tie = SourcingCase(suppliers: [
            supplier("P", .primary, leadTimeDays: 9), supplier("B", .backup, leadTimeDays: 9),
        ])
        tie.horizonDays = 7
        #expect(tie.run().map(\.supplier) == ["P"])
    }

    @Test func moqAndPackRounding() {
        // Need 55; MOQ 100 and packs of 12: 108 from P.
        var rounded = SourcingCase(suppliers: [supplier("P", .primary, leadTimeDays: 3, moq: 100)])
        rounded.packSize = 12
        rounded.horizonDays = 7
        #expect(rounded.run().map(\.quantity) == [108])
        // Capacity 100 cannot hold MOQ 100 in packs of 12 (96): the backup takes the order, rounded to 60.
        var capped = SourcingCase(suppliers: [
            supplier("P", .primary, leadTimeDays: 3, weeklyCapacity: 100, moq: 100),
            supplier("B", .backup, leadTimeDays: 3),
        ])
        capped.packSize = 12
        capped.horizonDays = 7
        let orders = capped.run()
        #expect(orders.map(\.supplier) == ["B"])
        #expect(orders.map(\.quantity) == [60])
        #expect(orders.map(\.reason) == [.primaryCapacity])
    }

    @Test func skuWithoutSupplierIsOneShortfallEpisode() throws {
        // 60 on hand, 10 a day, no supplier: net stock is 0 after day 5 and -10, -20, ... from day 6 to day 13.
        // One episode: 8 days, 10 units short each day, no recovery; class A, but nothing arrives to presell.
        let plan = SourcingCase(suppliers: []).plan()
        #expect(plan.orders.isEmpty)
        #expect(plan.shortfalls.count == 1)
        let shortfall = try #require(plan.shortfalls.first)
        #expect(shortfall.cause == .noSupplier && shortfall.abcClass == .A)
        #expect(shortfall.stockoutDate == d(6) && shortfall.lastShortDate == d(13) && shortfall.recoveryDate == nil)
        #expect(shortfall.shortfallDays == 8 && shortfall.shortfallUnits == 80)
        #expect(shortfall.presaleUnits == 0 && shortfall.promisedDate == nil)
    }

    @Test func weeklyCapacityIsSharedBetweenWarehouses() {
        // Two identical warehouses (demand shares 1/2), s = 35, Q = 50, 10 a day each; the only supplier
        // ships 60 a week. Day 2, both at IP 30: pass 1 restores s (5 each, 50 left); pass 2 tops lots up
        // to half of what is left: W0 25 (25 left), W1 12 (13 left): orders W0 30, W1 17.
        // Day 4: W1 IP 27: 8 to restore s, plus a top-up of half of the 5 left (2): 10.
        // Day 5: W0 IP 30 needs 5 and gets the last 3; W1 needs 8 and gets nothing (capacity spent).
        var scenario = SourcingCase(suppliers: [supplier("P", .primary, leadTimeDays: 3, weeklyCapacity: 60)])
        scenario.warehouseCount = 2
        scenario.horizonDays = 7
        let plan = scenario.plan()
        #expect(plan.orders.map(\.warehouseIndex) == [0, 1, 1, 0])
        #expect(plan.orders.map(\.quantity) == [30, 17, 10, 3])
        #expect(plan.orders.map(\.orderDate) == [d(2), d(2), d(4), d(5)])
        #expect(plan.orders.reduce(0) { $0 + $1.quantity } == 60, "the week's capacity")
        // W0 receives 30 on day 5 (net 10 + 30 - 10 = 30), W1 17 (net 17): no stock-out within 7 days.
        #expect(plan.shortfalls.isEmpty)
        // The next week has fresh capacity: with a 14-day horizon, W1 orders again on day 7.
        scenario.horizonDays = 14
        let longer = scenario.plan()
        #expect(longer.orders.contains { $0.orderDate == d(7) && $0.warehouseIndex == 1 })
        func withoutStockout(_ orders: [PlannedSupplyOrder]) -> [PlannedSupplyOrder] {
            orders.map {
                var order = $0
                order.projectedStockoutDate = nil
                return order
            }
        }
        #expect(withoutStockout(longer.orders.filter { $0.orderDate < d(7) }) == withoutStockout(plan.orders))
        // Every week's orders stay within capacity, and each episode's units match a projection of the orders.
        for week in 0..<2 {
            let units = longer.orders.filter { d(7 * week) <= $0.orderDate && $0.orderDate < d(7 * week + 7) }
            #expect(units.reduce(0) { $0 + $1.quantity } <= 60)
        }
        for warehouse in 0..<2 {
            var net = 60.0
            var short = 0.0
            for offset in 0..<14 {
                net += Double(
                    longer.orders.filter { $0.warehouseIndex == warehouse && $0.arrivalDate == d(offset) }
                        .reduce(0) { $0 + $1.quantity }
                )
                net -= 10
                short += min(10, max(0, -net))
            }
            let reported = longer.shortfalls.filter { $0.warehouseIndex == warehouse }
            #expect(reported.reduce(0) { $0 + $1.shortfallUnits } == Int(short.rounded()))
            #expect(reported.allSatisfy { $0.cause == .supplierCapacity })
        }
    }

    @Test func presaleSellsAheadTheUnitsARecoveryServes() throws {
        // 20 on hand, 10 a day, s = 35, Q = 50, only supplier 5 days away. Day 0: IP 10, order 75 (day 5).
        // Net: 10, 0, -10, -20, -30, then day 5: -30 + 75 - 10 = 35 (IP 35 orders 50 for day 10): 25, 15, 5,
        // -5 on day 9, and day 10: -5 + 50 - 10 = 35, where IP 35 orders 50 more (day 15, after the horizon).
        var scenario = SourcingCase(suppliers: [supplier("P", .primary, leadTimeDays: 5)])
        scenario.onHand = 20
        scenario.horizonDays = 12
        let plan = scenario.plan()
        #expect(plan.orders.map(\.quantity) == [75, 50, 50])
        #expect(plan.orders.map(\.arrivalDate) == [d(5), d(10), d(15)])
        #expect(plan.shortfalls.count == 2)
        let first = plan.shortfalls[0]
        // Days 2-4 short 10 each; no supplier ordered on day 0-2 arrives by day 2: lead time.
        #expect(first.cause == .leadTime && first.stockoutDate == d(2) && first.lastShortDate == d(4))
        #expect(first.shortfallDays == 3 && first.shortfallUnits == 30 && first.recoveryDate == d(5))
        #expect(first.presaleUnits == 30 && first.promisedDate == d(5))
        // Day 9 short 5; an order on day 4 would have arrived by day 9, so the order came too late.
        let second = plan.shortfalls[1]
        #expect(second.cause == .lateOrder && second.stockoutDate == d(9) && second.shortfallUnits == 5)
        #expect(second.presaleUnits == 5 && second.promisedDate == d(10))
        // Class B holds the same stock-outs but may not presell.
        scenario.abcClass = .B
        #expect(scenario.plan().shortfalls.map(\.presaleUnits) == [0, 0])
    }

    @Test func periodicReviewOrdersUpToSOnReviewDaysOnly() {
        // R = 7, S = 100 (policy reorder point = order-up-to for periodic review), 10 a day, 60 on hand, L 3.
        // Day 0 is a review day: IP 50 < 100, order 50 (S_t = 100 with flat demand). Day 7: IP 100 - 70 = 30,
        // order 70. No order between reviews.
        var scenario = SourcingCase(suppliers: [supplier("P", .primary, leadTimeDays: 3)])
        scenario.reviewPeriodDays = 7
        scenario.reorderPoint = 100
        let orders = scenario.run()
        #expect(orders.map(\.orderDate) == [d(0), d(7)])
        #expect(orders.map(\.quantity) == [50, 70])
        #expect(orders.allSatisfy { $0.reason == .periodicReview })
    }

    @Test func zeroReorderPointWithoutDemandOrdersNothing() {
        var idle = SourcingCase(suppliers: [supplier("P", .primary, leadTimeDays: 3)])
        idle.onHand = 0
        idle.unitsPerDay = 0
        idle.reorderPoint = 0
        idle.orderQuantity = 0
        #expect(idle.run().isEmpty)
    }

    @Test func planIsDeterministicAndSorted() {
        var scenario = SourcingCase(suppliers: [
            supplier("P", .primary, leadTimeDays: 3, weeklyCapacity: 70), supplier("B", .backup, leadTimeDays: 2),
            supplier("C", .backup, rank: 2, leadTimeDays: 1),
        ])
        scenario.warehouseCount = 3
        scenario.horizonDays = 28
        let first = scenario.run()
        #expect(first == scenario.run())
        #expect(!first.isEmpty)
        let keys = first.map { [$0.orderDate.daysSinceEpoch, $0.skuIndex, $0.warehouseIndex] }
        #expect(keys == keys.sorted { $0.lexicographicallyPrecedes($1) })
        // Capacity is never exceeded in any week counted from the plan date.
        for week in 0..<4 {
            let fromP = first.filter { $0.supplier == "P" && planDate.days(to: $0.orderDate) / 7 == week }
            #expect(fromP.reduce(0) { $0 + $1.quantity } <= 70)
        }
    }
}
