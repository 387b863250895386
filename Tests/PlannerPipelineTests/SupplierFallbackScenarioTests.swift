import Foundation
import Logging
import PlannerCore
import PlannerInput
import Sourcing
import Testing

@testable import PlannerPipeline

/// Issue 4's scenario test, through the loader and the whole pipeline: one A-class SKU (HERO, 20 a day) whose
/// primary P (3 days, 1,000 a week) has a backup B (4 days, unlimited); a slow C-class SKU (TAIL) beside it.
@Suite struct SupplierFallbackScenarioTests {
    static let planDate = "2026-11-16"

    /// Writes the data once per scenario variant and returns the scenario's path.
    static func scenario(named name: String, events: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("planner-fallback-\(getpid())-\(name)").path
        let start = Day(iso: planDate)!.adding(days: -400)
        var demand = "date,sku,region,qty\n"
        for offset in 0..<400 {
            demand += "\(start.adding(days: offset)),HERO,R01,20\n"
            if offset % 7 == 0 { demand += "\(start.adding(days: offset)),TAIL,R01,1\n" }
        }
        let files = [
            "skus.csv": """
            sku,name,category,unit_cost,unit_price,holding_cost_rate,order_cost,pack_size,moq
            HERO,Hero,c,10,50,0.25,50,1,1
            TAIL,Tail,c,10,50,0.25,50,1,1
            """,
            "regions.csv": "region,name\nR01,Berlin",
            "warehouses.csv": "warehouse,name,kind,daily_capacity_units\nWH01,Leipzig,regional,",
            "lanes.csv": "warehouse,region,transit_days,cost_per_unit,carrier\nWH01,R01,1,2.5,UPS",
            "stock.csv": "warehouse,sku,on_hand,on_order\nWH01,HERO,100,0\nWH01,TAIL,5,0",
            "orders.csv": "order_id,order_date,sku,region,qty,priority",
            "suppliers.csv": """
            supplier,sku,role,rank,lead_time_days,lead_time_sd_days,unit_cost,weekly_capacity_units,moq
            P,HERO,primary,1,3,0,10,1000,1
            B,HERO,backup,1,4,0,11,,1
            P,TAIL,primary,1,3,0,10,1000,1
            """,
            "demand.csv": demand,
        ]
        return try ScenarioFolder.write(
            files,
            into: directory,
            name: name,
            planDate: "\(planDate)",
            events: events
        )
    }

    static func heroOrders(_ events: String, name: String) async throws -> (PlanResult, [PlannedSupplyOrder]) {
        let input = try PlanningInputLoader.load(
            scenarioPath: try scenario(named: name, events: events),
            configPath: nil
        )
        let result = try await Pipeline.plan(input, logger: Logger(label: "test"))
        #expect(result.classification?.classes == [.A, .C])
        return (result, result.supplyOrders.filter { $0.skuIndex == 0 })
    }

    @Test func disruptingTheAClassPrimaryMovesItsOrdersToTheBackup() async throws {
        let (_, baseline) = try await Self.heroOrders("", name: "baseline")
        #expect(!baseline.isEmpty)
        #expect(baseline.allSatisfy { $0.supplier == "P" && $0.reason == .reorderPoint })
        let outage = "  - {kind: supplier_disruption, supplier: P, from: \(Self.planDate), to: 2026-12-31}"
        let (_, disrupted) = try await Self.heroOrders(outage, name: "outage")
        #expect(!disrupted.isEmpty)
        #expect(disrupted.allSatisfy { $0.supplier == "B" && $0.role == .backup && $0.reason == .primaryDisrupted })
        // The first need is the same; only the supplier changes.
        #expect(disrupted.first?.orderDate == baseline.first?.orderDate)
        #expect(disrupted.first?.quantity == baseline.first?.quantity)
    }

    @Test func aCapacityCutSplitsAnOrderAcrossSuppliers() async throws {
        let (_, baseline) = try await Self.heroOrders("", name: "baseline-cut")
        let first = try #require(baseline.first)
        // The lot, sqrt(2 * 50 * 7300 / 2.5) = 540.4 -> 541 or so, is far above 200: the cut must split it.
        #expect(first.quantity > 200)
        let cut =
            "  - {kind: supplier_disruption, supplier: P, from: \(Self.planDate), to: 2026-12-31, capacity_factor: 0.2}"
        let (_, orders) = try await Self.heroOrders(cut, name: "cut")
        let sameDay = orders.filter { $0.orderDate == first.orderDate }
        #expect(Set(sameDay.compactMap(\.supplier)) == ["P", "B"])
        #expect(sameDay.reduce(0) { $0 + $1.quantity } == first.quantity)
        #expect(sameDay.first { $0.supplier == "P" }?.reason == .reorderPoint)
        #expect(sameDay.first { $0.supplier == "B" }?.reason == .primaryCapacity)
        // P never takes more than 1,000 * 0.2 = 200 units a week from the plan date.
        for week in 0..<4 {
            let from = Day(iso: Self.planDate)!.adding(days: 7 * week)
            let units = orders.filter {
                $0.supplier == "P" && $0.orderDate >= from && $0.orderDate < from.adding(days: 7)
            }
            #expect(units.reduce(0) { $0 + $1.quantity } <= 200)
        }
    }
}
