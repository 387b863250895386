import Foundation
import InventoryPolicy
import Logging
import PlannerCore
import PlannerInput
import Sourcing
import Testing

@testable import PlannerPipeline

/// A small network whose forecast is known exactly: HERO sells 20 a day in R01 and 10 in R02 (class A), SIDE 5 a
/// day in R02 (class B), TAIL one a week in R02 (class C), NEW has never sold. W1 holds 100 HERO, W2 300. W1 serves R01 next day at 1.0 a unit,
/// W2 serves R01 at 2.0 and R02 at 1.0, the cloud warehouse C1 both at 3.0 in two days.
enum EventFixture {
    static let planDate = Day(iso: "2026-11-16")!

    /// Writes the data and a scenario with `events` (YAML list items) and `more` top-level lines; returns its path.
    static func scenario(_ name: String, events: String = "", more: String = "") throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("planner-events-\(getpid())-\(name)").path
        let start = planDate.adding(days: -400)
        var demand = "date,sku,region,qty\n"
        for offset in 0..<400 {
            let day = start.adding(days: offset)
            demand += "\(day),HERO,R01,20\n\(day),HERO,R02,10\n\(day),SIDE,R02,5\n"
            if offset % 7 == 0 { demand += "\(day),TAIL,R02,1\n" }
        }
        let files = [
            "skus.csv": """
            sku,name,category,unit_cost,unit_price,holding_cost_rate,order_cost,pack_size,moq
            HERO,Hero,kitchen,10,50,0.25,50,1,1
            SIDE,Side,kitchen,24,60,0.25,50,1,1
            TAIL,Tail,garden,2,5,0.25,50,1,1
            NEW,New,kitchen,10,50,0.25,50,1,1
            """,
            "regions.csv": "region,name\nR01,Berlin\nR02,Hamburg",
            "warehouses.csv": """
            warehouse,name,kind,daily_capacity_units
            W1,Leipzig,regional,100
            W2,Hamburg,regional,100
            C1,Cloud,cloud,
            """,
            "lanes.csv": """
            warehouse,region,transit_days,cost_per_unit,carrier
            W1,R01,1,1.0,UPS
            W2,R01,1,2.0,DHL
            W2,R02,1,1.0,DHL
            C1,R01,2,3.0,GLS
            C1,R02,2,3.0,GLS
            """,
            "stock.csv": "warehouse,sku,on_hand,on_order\nW1,HERO,100,0\nW2,HERO,300,0\nW2,SIDE,100,0\nC1,TAIL,50,0",
            "orders.csv": """
            order_id,order_date,sku,region,qty,priority
            O1,2026-11-16,HERO,R01,40,1
            O2,2026-11-16,HERO,R02,20,2
            O3,2026-11-16,SIDE,R02,5,2
            """,
            "suppliers.csv": """
            supplier,sku,role,rank,lead_time_days,lead_time_sd_days,unit_cost,weekly_capacity_units,moq
            P,HERO,primary,1,3,1,10,,1
            B,HERO,backup,1,4,1,11,,1
            P,SIDE,primary,1,5,1,24,,1
            P,TAIL,primary,1,3,0,2,,1
            P,NEW,primary,1,5,1,10,,1
            """,
            "demand.csv": demand,
        ]
        return try ScenarioFolder.write(
            files,
            into: directory,
            name: name,
            planDate: "\(planDate)",
            events: events,
            more: more
        )
    }

    static func plan(_ name: String, events: String = "", more: String = "") async throws -> PlanResult {
        let input = try PlanningInputLoader.load(
            scenarioPath: try scenario(name, events: events, more: more),
            configPath: nil
        )
        return try await Pipeline.plan(input, logger: Logger(label: "test"))
    }
}

extension PlanResult {
    func index(sku: String) -> Int { input.dataSet.skuIndexByID[sku]! }
    func warehouse(_ id: String) -> Int { input.dataSet.warehouseIndexByID[id]! }

    /// Units of order line `orderID` shipped from each warehouse id.
    func shipped(_ orderID: String) -> [String: Int] {
        var units: [String: Int] = [:]
        for line in allocation.allocated where input.dataSet.orders[line.orderIndex].orderId == orderID {
            units[input.dataSet.warehouses[line.warehouseIndex].id, default: 0] += line.quantity
        }
        return units
    }

    func policy(_ sku: String, _ warehouse: String) -> InventoryPolicyRecord? {
        policies.first { $0.skuIndex == index(sku: sku) && $0.warehouseIndex == self.warehouse(warehouse) }
    }

    func forecastUnits(_ sku: String, region: Int) -> [Double] {
        forecast?.series(skuIndex: index(sku: sku), regionIndex: region)?.unitsPerDay ?? []
    }
}

@Suite struct ScenarioEventEffectsTests {
    static func base() async throws -> PlanResult {
        try await EventFixture.plan("baseline")
    }

    @Test func theFixtureForecastsItsConstantDemandExactly() async throws {
        let result = try await Self.base()
        #expect(result.classification?.classes == [.A, .B, .C, .C])
        #expect(result.forecastUnits("HERO", region: 0).allSatisfy { abs($0 - 20) < 1e-6 })
        #expect(result.forecastUnits("HERO", region: 1).allSatisfy { abs($0 - 10) < 1e-6 })
        #expect(result.shipped("O1") == ["W1": 40])
        #expect(result.shipped("O2") == ["W2": 20])
    }

    @Test func anOutageShiftsTheAllocation() async throws {
        let outage = try await EventFixture.plan(
            "outage",
            events:
                "  - {kind: warehouse_capacity, warehouse: W1, from: 2026-11-16, to: 2026-11-18, capacity_factor: 0}"
        )
        #expect(outage.shipped("O1") == ["W2": 40], "W1 ships nothing; W2 is the next cheapest next-day lane")
    }

    @Test func aClosedLaneIsNeverUsedAndACostFactorMovesTheLine() async throws {
        let closed = try await EventFixture.plan(
            "closed-lane",
            events:
                "  - {kind: lane_change, warehouses: W1, regions: R01, from: 2026-11-16, to: 2026-11-30, closed: true}"
        )
        let w1 = closed.warehouse("W1")
        #expect(!closed.allocation.allocated.contains { $0.warehouseIndex == w1 })
        #expect(!closed.dispatch.contains { $0.warehouseIndex == w1 })
        #expect(closed.shipped("O1") == ["W2": 40])
        #expect(closed.policy("HERO", "W1") == nil, "R01's home is now W2: W1 holds no HERO policy")
        #expect(abs((closed.policy("HERO", "W2")?.meanDailyDemand ?? 0) - 30) < 1e-6)
        let dearer = try await EventFixture.plan(
            "dear-lane",
            events:
                "  - {kind: lane_change, warehouses: W1, regions: R01, from: 2026-11-16, to: 2026-11-16, cost_factor: 3}"
        )
        #expect(dearer.shipped("O1") == ["W2": 40], "3.0 at W1 against 2.0 at W2")
        #expect(
            dearer.allocation.allocated.filter { $0.warehouseIndex == dearer.warehouse("W2") }.map(\.costPerUnit)
                .contains(2.0)
        )
    }

    @Test func longerLeadTimesRaiseReorderPointsAndBackupOrders() async throws {
        let base = try await Self.base()
        let slower = try await EventFixture.plan(
            "lead-time",
            events: "  - {kind: lead_time_change, suppliers: P, skus: HERO, from: 2026-11-16, to: 2026-12-13, days: 10}"
        )
        let before = try #require(base.policy("HERO", "W1"))
        let after = try #require(slower.policy("HERO", "W1"))
        #expect(before.leadTimeDays == 3 && after.leadTimeDays == 13)
        // d = 20 a day at W1: the mean lead-time demand grows by 20 x 10 = 200 units, and the safety stock with it.
        #expect(abs((after.reorderPoint - after.safetyStock) - (before.reorderPoint - before.safetyStock) - 200) < 1e-6)
        #expect(after.safetyStock > before.safetyStock)
        let backups = { (result: PlanResult) in
            result.supplyOrders.filter { $0.skuIndex == result.index(sku: "HERO") && $0.role == .backup }
        }
        #expect(backups(base).isEmpty)
        #expect(!backups(slower).isEmpty)
        #expect(backups(slower).allSatisfy { $0.reason == .primaryLate && $0.supplier == "B" })
        // P's orders arrive 13 days after they are placed.
        for order in slower.supplyOrders where order.supplier == "P" && order.skuIndex == slower.index(sku: "HERO") {
            #expect(order.orderDate.days(to: order.arrivalDate!) == 13)
        }
    }

    @Test func aHigherServiceLevelRaisesSafetyStockByTheFormulasAmount() async throws {
        let base = try await Self.base()
        let higher = try await EventFixture.plan(
            "service-level",
            events: "  - {kind: service_level, abc_class: [A], level: 0.99}"
        )
        let before = try #require(base.policy("HERO", "W1"))
        let after = try #require(higher.policy("HERO", "W1"))
        #expect(before.method == .normalCycle && after.method == .normalCycle)
        #expect(after.serviceLevel == 0.99 && before.serviceLevel == 0.98)
        // SS = z sigma(L) with the same sigma(L): it moves by (z(0.99) - z(0.98)) sigma(L).
        let z98 = 2.053748910631823
        let z99 = 2.326347874040841
        #expect(abs(after.sigmaLeadTime - before.sigmaLeadTime) < 1e-9)
        #expect(abs(after.safetyStock - before.safetyStock - (z99 - z98) * before.sigmaLeadTime) < 1e-6)
        #expect(before.sigmaLeadTime >= 20, "sd_L = 1 day at 20 a day")
        #expect(higher.policy("SIDE", "W2")?.serviceLevel == 0.95, "class B keeps its level")
    }

    @Test func stockAdjustmentsMoveTheAllocationAndTheSupplyPlan() async throws {
        let base = try await Self.base()
        let writeOff = try await EventFixture.plan(
            "write-off",
            events: "  - {kind: stock_adjustment, warehouses: W1, skus: HERO, from: 2026-11-16, delta: -100}"
        )
        #expect(writeOff.shipped("O1") == ["W2": 40], "W1 has no HERO left")
        let ordered = { (result: PlanResult) in
            result.supplyOrders.filter {
                $0.skuIndex == result.index(sku: "HERO") && $0.warehouseIndex == result.warehouse("W1")
            }.reduce(0) { $0 + $1.quantity }
        }
        // 500 units found at W1 on day 5 count in its inventory position from today: it orders 500 fewer, give or
        // take one lot (orders come in whole lots).
        let found = try await EventFixture.plan(
            "found-stock",
            events: "  - {kind: stock_adjustment, warehouses: W1, skus: HERO, from: 2026-11-21, delta: 500}"
        )
        let lot = try #require(base.policy("HERO", "W1")?.lotSize)
        #expect(ordered(base) > 500 && abs(ordered(base) - ordered(found) - 500) < lot)
        // 50 units lent out on days 5 to 9 and back on day 10: on hand is 50 lower on those days only, and the
        // inventory position never changes, so the orders do not.
        let lent = try await EventFixture.plan(
            "lent-stock",
            events:
                "  - {kind: stock_adjustment, warehouses: W1, skus: HERO, from: 2026-11-21, to: 2026-11-25, delta: -50}"
        )
        let net = { (result: PlanResult) in
            result.health!.classAProjections.first {
                $0.skuIndex == result.index(sku: "HERO") && $0.warehouseIndex == result.warehouse("W1")
            }!.netUnitsPerDay
        }
        let moved = zip(net(lent), net(base)).map { ($0 - $1).rounded() }
        #expect(
            moved == Array(repeating: 0, count: 5) + Array(repeating: -50, count: 5) + Array(repeating: 0, count: 18)
        )
        #expect(ordered(lent) == ordered(base))
    }

    @Test func aLaunchGetsAForecastShapedLikeItsLikeSKU() async throws {
        let launched = try await EventFixture.plan(
            "launch",
            events: "  - {kind: new_sku_launch, sku: NEW, like_sku: HERO, from: 2026-11-23, expected_daily_units: 9}"
        )
        let r01 = launched.forecastUnits("NEW", region: 0)
        let r02 = launched.forecastUnits("NEW", region: 1)
        #expect(r01.count == 28 && r02.count == 28)
        #expect(r01.prefix(7).allSatisfy { $0 == 0 } && r02.prefix(7).allSatisfy { $0 == 0 })
        // HERO is flat, so every day from the launch sells 9, split 2 : 1 as HERO's regions are.
        #expect(r01.dropFirst(7).allSatisfy { abs($0 - 6) < 1e-6 })
        #expect(r02.dropFirst(7).allSatisfy { abs($0 - 3) < 1e-6 })
        let index = launched.index(sku: "NEW")
        #expect(launched.classification?.classes[index] == .A, "the like SKU's class")
        #expect(launched.forecast?.skuForecast(skuIndex: index)?.model == .likeSKU)
        #expect(launched.supplyOrders.contains { $0.skuIndex == index }, "the supply plan stocks the launch")
    }

    @Test func anUpliftScopedByRegionAndCategoryMovesOnlyThoseSeries() async throws {
        let uplift = try await EventFixture.plan(
            "uplift",
            events:
                "  - {kind: demand_uplift, from: 2026-11-20, to: 2026-11-21, factor: 2, regions: R02, categories: kitchen}"
        )
        let r01 = uplift.forecastUnits("HERO", region: 0)
        let r02 = uplift.forecastUnits("HERO", region: 1)
        #expect(abs(r02[4] - 20) < 1e-6 && abs(r02[5] - 20) < 1e-6 && abs(r02[6] - 10) < 1e-6)
        #expect(r01.allSatisfy { abs($0 - 20) < 1e-6 })
        #expect(abs(uplift.forecastUnits("SIDE", region: 1)[4] - 10) < 1e-6)
    }
}
