import Foundation
import PlannerCore
import Testing

@testable import PlannerPipeline

/// The stress test and the operating KPIs on the event fixture, whose numbers are known by hand.
@Suite struct InventoryHealthTests {
    @Test func theStressTestFindsTheHandBuiltOverCapacityDays() async throws {
        // HERO's 20 a day in R01 ship from W1 (capacity 100): x10 on 11-20 to 11-22 is 200 a day, 100 over.
        // W2 carries HERO's 10 and SIDE's 5 in R02; cut to 10 on 11-25 and 11-26 it is 5 over.
        let result = try await EventFixture.plan(
            "stress",
            events: """
                  - {kind: demand_uplift, from: 2026-11-20, to: 2026-11-22, factor: 10, skus: HERO, regions: R01}
                  - {kind: warehouse_capacity, warehouse: W2, from: 2026-11-25, to: 2026-11-26, capacity_factor: 0.1}
                """,
            more: "overrides: {allocation: {next_day_share: {default: 0.9}}}\n"
        )
        let health = try #require(result.health)
        let over = health.loads.filter { $0.overUnits > 1e-6 }.map {
            "\(result.input.dataSet.warehouses[$0.warehouseIndex].id) \($0.day) \(Int($0.overUnits.rounded()))"
        }
        #expect(
            over == [
                "W1 2026-11-20 100", "W1 2026-11-21 100", "W1 2026-11-22 100", "W2 2026-11-25 5", "W2 2026-11-26 5",
            ]
        )
        let w1 = health.loads.filter { $0.warehouseIndex == result.warehouse("W1") }
        #expect(w1.count == 28 && w1.allSatisfy { $0.capacityUnits == 100 })
        #expect(abs(w1[4].forecastUnits - 200) < 1e-6 && abs(w1[3].forecastUnits - 20) < 1e-6)
        #expect(
            health.loads.first { $0.warehouseIndex == result.warehouse("W2") && $0.day == Day(iso: "2026-11-25")! }?
                .capacityUnits == 10
        )
        #expect(health.value(.overCapacityDays) == 5)
        #expect(abs((health.value(.overCapacityUnits) ?? 0) - 310) < 1e-6)
        // R01 is served by W1 only: on the three days W1 ships half its load next day, 100 of 200.
        let r01 = health.regionService.filter { $0.regionIndex == 0 }
        #expect(
            r01.map { ($0.share * 1000).rounded() / 1000 } == Array(repeating: 1, count: 4) + [0.5, 0.5, 0.5]
                + Array(repeating: 1, count: 21)
        )
        #expect(health.firstDayBelowTarget[0] == Day(iso: "2026-11-20"))
        #expect(r01.allSatisfy { $0.target == 0.9 })
    }

    @Test func theOperatingKPIsAgreeWithTheirDefinitionsByHand() async throws {
        let result = try await EventFixture.plan("kpis")
        let health = try #require(result.health)
        func kpi(_ name: OperatingKPI, _ abcClass: ABCClass? = nil) -> Double {
            health.value(name, abcClass: abcClass) ?? .nan
        }
        func near(_ value: Double, _ expected: Double, _ tolerance: Double = 1e-6) -> Bool {
            abs(value - expected) <= tolerance * max(1, abs(expected))
        }
        // On hand after today's shipments: W1 HERO 100 - 40, W2 HERO 300 - 20, W2 SIDE 100 - 5, C1 TAIL 50.
        #expect(kpi(.onHandUnits) == 485 && kpi(.onHandUnits, .A) == 340 && kpi(.onHandUnits, .B) == 95)
        #expect(near(kpi(.inventoryValue), 340 * 10 + 95 * 24 + 50 * 2) && near(kpi(.inventoryValue, .A), 3_400))
        // HERO: 30 a day for 28 days at price 50, cost 10.
        #expect(near(kpi(.forecastUnits, .A), 840))
        #expect(near(kpi(.forecastRevenue, .A), 42_000) && near(kpi(.forecastGrossMargin, .A), 33_600))
        #expect(near(kpi(.grossMarginRate, .A), 0.8) && near(kpi(.grossMarginRate, .B), 0.6))
        #expect(near(kpi(.daysOfCover, .A), 340.0 / 30))
        #expect(near(kpi(.daysOfCover, .B), 95.0 / 5))
        // Three SKUs hold stock, all sold in the last 30 days; TAIL's 50 cover about 350 days of its one a week.
        #expect(kpi(.stockedSKUs) == 3 && kpi(.sellThroughRate) == 1)
        #expect(near(kpi(.slowMoverRate), 1.0 / 3) && near(kpi(.slowMoverValue), 100) && kpi(.slowMoverRate, .A) == 0)
        #expect(kpi(.allocatedUnits) == 65 && kpi(.unfilledUnits) == 0 && kpi(.fillRate) == 1)
        #expect(kpi(.nextDayShare) == 1 && near(kpi(.shippingCost), 40 * 1.0 + 20 * 1.0 + 5 * 1.0))
        #expect(kpi(.overCapacityDays) == 0 && kpi(.overCapacityUnits) == 0)
        // Safety stock value and purchase spend, summed here from the policies and orders.
        let safety = result.policies.filter { $0.abcClass == .A && $0.stocking != .dropShip }
            .reduce(0.0) { $0 + max(0, $1.safetyStock) * 10 }
        #expect(safety > 0 && near(kpi(.safetyStockValue, .A), safety))
        let spend = result.supplyOrders.filter { $0.role == .primary }.reduce(0.0) {
            $0 + Double($1.quantity) * ($1.unitCost ?? 0)
        }
        #expect(spend > 0 && near(kpi(.purchaseSpendPrimary), spend) && kpi(.purchaseSpendBackup) == 0)
        // Turnover of class A: 840 x 10 at cost a horizon, a year's worth over the mean projected stock at cost.
        let projections = health.classAProjections
        let meanStock = projections.reduce(0.0) { total, projection in
            total + projection.netUnitsPerDay.reduce(0.0) { $0 + max(0, $1) } / 28 * 10
        }
        #expect(projections.count == 2 && near(kpi(.turnover, .A), 8_400 * 365 / 28 / meanStock))
        // Excess at the end: net stock above ROP + Q of each HERO policy.
        let excess = projections.reduce(0.0) { total, projection in
            let policy = result.policies.first {
                $0.skuIndex == projection.skuIndex && $0.warehouseIndex == projection.warehouseIndex
            }!
            return total + max(0, projection.netUnitsPerDay.last! - policy.orderUpTo!)
        }
        #expect(near(kpi(.excessUnitsEnd, .A), excess))
        // Every KPI of every scope is stored, with its unit.
        let rows = result.outputTables.first { $0.name == "operating_kpis" }!
        #expect(rows.rowCount == 4 * 20 + 7)
    }
}
