import Foundation
import PlannerCore
import Testing

@testable import PlannerInput

/// Issue 5's inputs: orders.csv promise_date, the warehouse_capacity event and the allocation keys.
@Suite struct AllocationInputTests {
    static let ordersHeader = "order_id,order_date,sku,region,qty,priority"

    @Test func promiseDateIsOptionalAndMayNotPrecedeTheOrder() throws {
        let fixture = try Fixture(replacing: [
            "orders.csv": """
            \(Self.ordersHeader),promise_date
            O1,2026-11-02,S1,R1,2,1,2026-11-04
            O2,2026-11-02,S2,R1,1,,

            """
        ])
        let data = try DataSetLoader.load(directory: fixture.dataDirectory)
        #expect(data.orders.map(\.promiseDate) == [Day(iso: "2026-11-04"), nil])
        #expect(data.orders[1].effectivePromiseDate == Day(iso: "2026-11-03"))

        let bad = try Fixture(replacing: [
            "orders.csv": "\(Self.ordersHeader),promise_date\nO1,2026-11-02,S1,R1,2,1,2026-11-01\n"
        ])
        let found = issues { _ = try DataSetLoader.load(directory: bad.dataDirectory) }
        #expect(
            found == [
                InputIssue(
                    file: bad.dataDirectory + "/orders.csv",
                    line: 2,
                    column: 7,
                    message: "promise_date: promise_date 2026-11-01 is before order_date 2026-11-02"
                )
            ]
        )
    }

    @Test func warehouseCapacityEventsScaleTheDaysTheyCover() throws {
        let fixture = try Fixture(
            scenario: Fixture.validScenario + """

                events:
                  - {kind: warehouse_capacity, warehouse: W1, from: 2026-11-03, to: 2026-11-04}
                  - {kind: warehouse_capacity, warehouse: W1, from: 2026-11-04, to: 2026-11-05, capacity_factor: 0.55}
                """
        )
        let input = try PlanningInputLoader.load(scenarioPath: fixture.scenarioPath, configPath: nil)
        let scenario = input.scenario
        #expect(scenario.warehouseCapacityChanges.count == 2)
        let w1 = input.dataSet.warehouses[0]
        #expect(w1.dailyCapacityUnits == 100)
        #expect(scenario.capacityUnits(of: w1, on: Day(iso: "2026-11-02")!) == 100)
        #expect(scenario.capacityUnits(of: w1, on: Day(iso: "2026-11-03")!) == 0)
        #expect(scenario.capacityUnits(of: w1, on: Day(iso: "2026-11-05")!) == 55)
        // An unlimited warehouse stays unlimited.
        #expect(scenario.capacityUnits(of: input.dataSet.warehouses[1], on: Day(iso: "2026-11-03")!) == nil)
    }

    @Test func anUnknownWarehouseInAnEventIsLocated() throws {
        let fixture = try Fixture(
            scenario: Fixture.validScenario + """

                events:
                  - {kind: warehouse_capacity, warehouse: W9, from: 2026-11-03, to: 2026-11-04}
                """
        )
        let found = issues { _ = try PlanningInputLoader.load(scenarioPath: fixture.scenarioPath, configPath: nil) }
        #expect(found.count == 1)
        #expect(found.first?.line == 6)
        #expect(found.first?.message.hasPrefix("unknown warehouse 'W9'") == true)
    }

    @Test func readsTheAllocationKeysAndLocatesBadValues() throws {
        let fixture = try Fixture(
            scenario: Fixture.validScenario + """

                overrides:
                  allocation:
                    solver: lp
                    late_penalty_per_unit_per_day: 7.5
                    next_day_share: {default: 0.8, regions: {R1: 0.95}}
                    split_shipments: {fixed_cost_per_extra_shipment: 4, time_limit_seconds: 10}
                """
        )
        let allocation = try PlanningInputLoader.load(scenarioPath: fixture.scenarioPath, configPath: nil)
            .configuration.allocation
        #expect(allocation.solver == .linearProgram)
        #expect(allocation.latePenaltyPerUnitPerDay == 7.5)
        #expect(allocation.nextDayShareTarget == NextDayShareTarget(defaultShare: 0.8, shareByRegion: ["R1": 0.95]))
        #expect(
            allocation.splitShipments
                == SplitShipmentSettings(fixedCostPerExtraShipment: 4, timeLimitSeconds: 10, maxLines: 5_000)
        )

        let bad = try Fixture(
            scenario: Fixture.validScenario + """

                overrides:
                  allocation:
                    solver: glpk
                    next_day_share: {default: 1.5}
                    split_shipments: {time_limit_seconds: 10}
                """
        )
        let found = issues { _ = try PlanningInputLoader.load(scenarioPath: bad.scenarioPath, configPath: nil) }
        #expect(found.map(\.line) == [7, 8, 9])
        #expect(found[0].message == "allocation.solver: expected one of auto, decomposition, lp, found 'glpk'")
        #expect(found[1].message.hasPrefix("allocation.next_day_share.default must be"))
        #expect(found[2].message.contains("fixed_cost_per_extra_shipment"))
    }

    /// `enforce` makes the share a constraint; it must be a boolean, and it is false when absent.
    @Test func readsTheNextDayEnforcement() throws {
        let fixture = try Fixture(
            scenario: Fixture.validScenario + """

                overrides:
                  allocation:
                    next_day_share: {default: 0.8, regions: {R1: 0.9}, enforce: true}
                """
        )
        let allocation = try PlanningInputLoader.load(scenarioPath: fixture.scenarioPath, configPath: nil)
            .configuration.allocation
        #expect(
            allocation.nextDayShareTarget
                == NextDayShareTarget(defaultShare: 0.8, shareByRegion: ["R1": 0.9], enforce: true)
        )
        let bad = try Fixture(
            scenario: Fixture.validScenario + """

                overrides:
                  allocation:
                    next_day_share: {default: 0.8, enforce: yes}
                """
        )
        let found = issues { _ = try PlanningInputLoader.load(scenarioPath: bad.scenarioPath, configPath: nil) }
        #expect(found.map(\.line) == [7])
        #expect(found.first?.message.contains("allocation.next_day_share.enforce") == true)
    }
}
