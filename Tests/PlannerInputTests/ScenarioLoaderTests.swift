import Foundation
import PlannerCore
import Testing

@testable import PlannerInput

@Suite struct ScenarioLoaderTests {
    @Test func readsScenarioEventsAndOverrides() throws {
        let fixture = try Fixture(
            scenario: """
                name: peak
                data: data
                plan_date: 2026-11-03
                horizon_days: 21
                overrides:
                  service_levels: {A: 0.99}
                  allocation: {unfilled_penalty_per_unit: 80}
                events:
                  - kind: demand_uplift
                    from: 2026-11-20
                    to: 2026-11-30
                    factor: 2.5
                    abc_class: [A]
                    regions: R1
                  - kind: supplier_disruption
                    supplier: SUP1
                    from: 2026-11-03
                    to: 2026-11-17
                    capacity_factor: 0.25
                    extra_lead_time_days: 4
                """
        )
        let input = try PlanningInputLoader.load(scenarioPath: fixture.scenarioPath, configPath: nil)
        #expect(input.scenario.name == "peak")
        #expect(input.scenario.dataDirectory == fixture.dataDirectory)
        #expect(input.scenario.planDate == Day(iso: "2026-11-03"))
        #expect(input.scenario.horizonDays == 21)
        #expect(input.configuration.serviceLevels == [.A: 0.99, .B: 0.95, .C: 0.90])
        #expect(input.configuration.allocation.unfilledPenaltyPerUnit == 80)
        #expect(
            input.scenario.demandUplifts == [
                DemandUplift(
                    from: Day(iso: "2026-11-20")!,
                    to: Day(iso: "2026-11-30")!,
                    factor: 2.5,
                    abcClasses: [.A],
                    regions: ["R1"]
                )
            ]
        )
        #expect(
            input.scenario.supplierDisruptions == [
                SupplierDisruption(
                    supplier: "SUP1",
                    from: Day(iso: "2026-11-03")!,
                    to: Day(iso: "2026-11-17")!,
                    capacityFactor: 0.25,
                    extraLeadTimeDays: 4
                )
            ]
        )
    }

    @Test func unknownKeysKindsAndBadValuesAreLocated() throws {
        let fixture = try Fixture(
            scenario: """
                name: broken
                data: data
                plan_date: 2026-11-31
                horizon_days: 0
                overrides:
                  service_levels: {A: 1.0}
                  allocaton: {}
                events:
                  - kind: demand_uplift
                    from: 2026-11-20
                    to: 2026-11-10
                    factor: 2
                    skuz: [S1]
                  - kind: price_war
                """
        )
        let found = issues { _ = try PlanningInputLoader.load(scenarioPath: fixture.scenarioPath, configPath: nil) }
        let file = fixture.scenarioPath
        #expect(
            found.contains(
                InputIssue(
                    file: file,
                    line: 3,
                    column: 12,
                    message: "plan_date must be a date YYYY-MM-DD that exists, found '2026-11-31'"
                )
            )
        )
        #expect(
            found.contains(
                InputIssue(
                    file: file,
                    line: 4,
                    column: 15,
                    message: "horizon_days must be between 1 and 366, found 0"
                )
            )
        )
        #expect(
            found.contains(
                InputIssue(
                    file: file,
                    line: 6,
                    column: 23,
                    message: "service_levels.A must be in (0.0, 1.0), found 1.0"
                )
            )
        )
        #expect(
            found.contains {
                $0.line == 7 && $0.column == 3 && $0.message.hasPrefix("configuration: unknown key 'allocaton'")
            }
        )
        #expect(
            found.contains { $0.line == 13 && $0.column == 5 && $0.message.hasPrefix("events[1]: unknown key 'skuz'") }
        )
        #expect(
            found.contains(
                InputIssue(
                    file: file,
                    line: 14,
                    column: 11,
                    message:
                        "events[2]: unknown event kind 'price_war'; expected demand_uplift, supplier_disruption, "
                        + "warehouse_capacity, lead_time_change, service_level, stock_adjustment, lane_change, "
                        + "new_sku_launch"
                )
            )
        )
    }

    @Test func eventReferencesAreCheckedAgainstTheData() throws {
        let fixture = try Fixture(
            scenario: """
                name: refs
                data: data
                plan_date: 2026-11-03
                horizon_days: 7
                events:
                  - {kind: demand_uplift, from: 2026-11-03, to: 2026-11-04, factor: 2, skus: [S1, S404], categories: toys}
                  - {kind: supplier_disruption, supplier: ACME, from: 2026-11-03, to: 2026-11-05}
                """
        )
        let found = issues { _ = try PlanningInputLoader.load(scenarioPath: fixture.scenarioPath, configPath: nil) }
        let data = fixture.dataDirectory
        #expect(
            found.map(\.description) == [
                "\(fixture.scenarioPath):6:83: error: unknown sku 'S404' (not in the data set \(data))",
                "\(fixture.scenarioPath):6:102: error: unknown category 'toys' (not in the data set \(data))",
                "\(fixture.scenarioPath):7:43: error: unknown supplier 'ACME' (not in the data set \(data))",
            ]
        )
    }

    @Test func dataProblemsAndScenarioReferencesAreListedTogether() throws {
        let fixture = try Fixture(
            replacing: ["regions.csv": "region,name\nR1,North\nR2,\n"],
            scenario: Fixture.validScenario
        )
        let found = issues { _ = try PlanningInputLoader.load(scenarioPath: fixture.scenarioPath, configPath: nil) }
        #expect(found.first?.line == 3)
        #expect(found.first?.message == "name: must not be empty")
    }

    @Test func malformedYAMLIsLocated() throws {
        let fixture = try Fixture(scenario: "name: x\ndata: [unclosed\n")
        let found = issues { _ = try PlanningInputLoader.load(scenarioPath: fixture.scenarioPath, configPath: nil) }
        #expect(found.count == 1)
        #expect(found.first?.line == 3)
        #expect(found.first?.message.hasPrefix("not valid YAML") == true)
    }
}

@Suite struct ConfigurationLoaderTests {
    @Test func theShippedDefaultsFileEqualsTheBuiltInDefaults() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../Config/planner.yaml"
        ).standardized.path
        #expect(try ConfigurationLoader.load(path: path) == PlannerConfiguration())
    }

    @Test func aConfigFileReplacesDefaultsAndOverridesWinOverIt() throws {
        let fixture = try Fixture(scenario: Fixture.validScenario + "\noverrides: {abc_thresholds: {A: 0.7}}\n")
        try fixture.write("custom.yaml", "abc_thresholds: {A: 0.5, B: 0.9}\nallocation: {priority_weights: {1: 10}}\n")
        let input = try PlanningInputLoader.load(
            scenarioPath: fixture.scenarioPath,
            configPath: fixture.directory + "/custom.yaml"
        )
        #expect(input.configuration.abcThresholds == ABCThresholds(a: 0.7, b: 0.9))
        #expect(input.configuration.allocation.priorityWeights == [1: 10, 2: 2, 3: 1])
    }

    @Test func crossKeyRulesAreChecked() throws {
        let fixture = try Fixture()
        try fixture.write("bad.yaml", "abc_thresholds: {A: 0.9, B: 0.8}\nforecast: {history_days: 100}\n")
        let found = issues { _ = try ConfigurationLoader.load(path: fixture.directory + "/bad.yaml") }
        #expect(
            found == [
                InputIssue(
                    file: fixture.directory + "/bad.yaml",
                    line: 1,
                    column: 21,
                    message: "abc_thresholds: A (0.9) must be below B (0.8)"
                ),
                InputIssue(
                    file: fixture.directory + "/bad.yaml",
                    line: 2,
                    column: 26,
                    message: "forecast.history_days (100) must cover fit_days + backtest_days (420)"
                ),
            ]
        )
    }
}
