import Foundation
import PlannerCore
import Testing

@testable import PlannerInput

/// `extends`: a scenario that states only its differences from a base, and the located errors of the new events.
@Suite struct ScenarioExtendsTests {
    /// Writes `text` beside the fixture's scenario (in `folder`, created when missing) and returns its path.
    static func write(_ text: String, _ name: String, in fixture: Fixture, folder: String = "") throws -> String {
        let directory = fixture.directory + (folder.isEmpty ? "" : "/" + folder)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aChildStatesOnlyItsDifferencesAndWinsOverItsBase() throws {
        let fixture = try Fixture()
        // The base lives in a folder of its own: its `data` is relative to it.
        _ = try Self.write(
            """
            name: base
            data: ../data
            plan_date: 2026-11-03
            horizon_days: 21
            overrides: {service_levels: {C: 0.8}, allocation: {unfilled_penalty_per_unit: 70}}
            events:
              - {kind: demand_uplift, from: 2026-11-05, to: 2026-11-06, factor: 2}
              - {kind: lane_change, warehouses: C1, from: 2026-11-04, to: 2026-11-05, transit_days: 4}
            """,
            "base.yaml",
            in: fixture,
            folder: "bases"
        )
        let child = try Self.write(
            """
            extends: bases/base.yaml
            name: child
            horizon_days: 14
            overrides: {service_levels: {A: 0.97}, allocation: {unfilled_penalty_per_unit: 90}}
            events:
              - {kind: service_level, abc_class: B, level: 0.91}
              - {kind: demand_uplift, from: 2026-11-07, to: 2026-11-08, factor: 3}
            """,
            "child.yaml",
            in: fixture
        )
        let input = try PlanningInputLoader.load(scenarioPath: child, configPath: nil)
        #expect(input.scenario.name == "child" && input.scenario.horizonDays == 14)
        #expect(input.scenario.planDate == Day(iso: "2026-11-03"), "from the base")
        #expect(input.scenario.dataDirectory == fixture.dataDirectory, "relative to the base's folder")
        #expect(input.configuration.serviceLevels == [.A: 0.97, .B: 0.95, .C: 0.8])
        #expect(input.configuration.allocation.unfilledPenaltyPerUnit == 90, "the child's override wins")
        #expect(input.scenario.demandUplifts.map(\.factor) == [2, 3], "the base's events first")
        #expect(input.scenario.laneChanges.first?.transitDays == 4)
        #expect(input.scenario.serviceLevel(for: .B) == 0.91 && input.scenario.serviceLevel(for: .A) == nil)
        #expect(
            input.scenario.eventSequence == ["demand_uplift", "lane_change", "service_level", "demand_uplift"]
        )
    }

    @Test func everyProblemOfAChainIsLocatedInTheFileItStandsIn() throws {
        let fixture = try Fixture()
        let base = try Self.write(
            """
            name: base
            data: data
            plan_date: 2026-11-03
            horizon_days: 14
            events:
              - {kind: service_level, abc_class: A, level: 0.99}
              - {kind: lead_time_change, suppliers: SUP1, from: 2026-12-20, to: 2026-12-21, days: 2}
            """,
            "base.yaml",
            in: fixture
        )
        let child = try Self.write(
            """
            extends: base.yaml
            events:
              - {kind: service_level, abc_class: [B, A], level: 0.9}
              - {kind: new_sku_launch, sku: S1, like_sku: S1, from: 2026-11-05, expected_daily_units: 2}
            """,
            "child.yaml",
            in: fixture
        )
        #expect {
            try PlanningInputLoader.load(scenarioPath: child, configPath: nil)
        } throws: { error in
            let issues = (error as? InputError)?.issues ?? []
            return issues.contains {
                $0.file == child && $0.line == 4 && $0.column == 47
                    && $0.message == "events[2]: like_sku must be another SKU than the one launched"
            }
        }
        let fixed = try Self.write(
            "extends: base.yaml\nevents:\n  - {kind: service_level, abc_class: [B, A], level: 0.9}\n",
            "fixed.yaml",
            in: fixture
        )
        var issues: [InputIssue] = []
        do {
            _ = try PlanningInputLoader.load(scenarioPath: fixed, configPath: nil)
        } catch let error as InputError {
            issues = error.issues
        }
        #expect(
            issues.contains(
                InputIssue(
                    file: base,
                    line: 7,
                    column: 53,
                    message:
                        "events[2] of base.yaml (lead_time_change): window 2026-12-20 to 2026-12-21 is outside the "
                        + "horizon (2026-11-03 to 2026-11-16)"
                )
            )
        )
        #expect(
            issues.contains {
                $0.file == fixed && $0.line == 3 && $0.column == 5
                    && $0.message.hasPrefix("events[1] contradicts events[1] of base.yaml (line 6)")
            }
        )
    }
}
