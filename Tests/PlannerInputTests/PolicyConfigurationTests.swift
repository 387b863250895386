import Foundation
import PlannerCore
import Testing

@testable import PlannerInput

/// The `policy` key of the configuration (docs/configuration.md), in a file and in scenario overrides.
@Suite struct PolicyConfigurationTests {
    /// Loads `text` as a configuration file; returns the configuration or the located issues.
    private func load(_ text: String) throws -> (PlannerConfiguration?, [InputIssue], String) {
        let fixture = try Fixture()
        let path = fixture.directory + "/config.yaml"
        try fixture.write("config.yaml", text)
        var configuration: PlannerConfiguration?
        let found = issues { configuration = try ConfigurationLoader.load(path: path) }
        return (configuration, found, path)
    }

    @Test func theDefaultsAreThoseOfTheIssue() {
        let policy = PlannerConfiguration().policy
        #expect(policy.floorSafetyStock == false)
        #expect(policy.slowMoverUnits == 10)
        #expect(policy.xyzThresholds == XYZThresholds(x: 0.5, y: 1.0))
        #expect(policy.strategy(for: .A) == ClassStrategy(stocking: .regional, presale: true))
        #expect(policy.strategy(for: .B) == ClassStrategy(stocking: .regional))
        #expect(policy.strategy(for: .C) == ClassStrategy(stocking: .cloudPool, dropShip: true))
    }

    @Test func readsEveryKey() throws {
        let (configuration, found, _) = try load(
            """
            policy:
              floor_safety_stock: true
              slow_mover_units: 4.5
              xyz_thresholds: {X: 0.25, Y: 0.75}
              classes:
                A: {stocking: cloud_pool, presale: false, drop_ship: true, service_type: fill_rate}
                B: {review_period_days: 7, presale_days: 14}
                C: {stocking: regional, drop_ship: false, review_period_days: null}
            """
        )
        #expect(found == [])
        let policy = try #require(configuration?.policy)
        #expect(policy.floorSafetyStock == true)
        #expect(policy.slowMoverUnits == 4.5)
        #expect(policy.xyzThresholds == XYZThresholds(x: 0.25, y: 0.75))
        #expect(
            policy.strategy(for: .A)
                == ClassStrategy(stocking: .cloudPool, dropShip: true, presale: false, serviceType: .fillRate)
        )
        #expect(policy.strategy(for: .B) == ClassStrategy(stocking: .regional, presaleDays: 14, reviewPeriodDays: 7))
        #expect(PlannerConfiguration().policy.strategy(for: .A).presaleDays == 30)
        #expect(policy.strategy(for: .C) == ClassStrategy(stocking: .regional, dropShip: false))
    }

    @Test func anOverrideChangesOneKeyAndKeepsTheRest() throws {
        let fixture = try Fixture(
            scenario: Fixture.validScenario + "\noverrides: {policy: {classes: {C: {drop_ship: false}}}}\n"
        )
        try fixture.write(
            "custom.yaml",
            "policy:\n  slow_mover_units: 20\n  classes:\n    C: {review_period_days: 14}\n    A: {presale: false}\n"
        )
        let input = try PlanningInputLoader.load(
            scenarioPath: fixture.scenarioPath,
            configPath: fixture.directory + "/custom.yaml"
        )
        let policy = input.configuration.policy
        #expect(policy.slowMoverUnits == 20)
        #expect(policy.floorSafetyStock == false)
        #expect(policy.xyzThresholds == XYZThresholds())
        #expect(policy.strategy(for: .A) == ClassStrategy(stocking: .regional, presale: false))
        #expect(policy.strategy(for: .B) == ClassStrategy(stocking: .regional))
        #expect(
            policy.strategy(for: .C) == ClassStrategy(stocking: .cloudPool, dropShip: false, reviewPeriodDays: 14),
            "the override turns drop-ship off and keeps the file's review period and the default stocking"
        )
    }

    @Test func aNullReviewPeriodTurnsAnEarlierOneBackIntoContinuousReview() throws {
        let fixture = try Fixture(
            scenario: Fixture.validScenario + "\noverrides: {policy: {classes: {B: {review_period_days: ~}}}}\n"
        )
        try fixture.write("custom.yaml", "policy: {classes: {B: {review_period_days: 7}}}\n")
        let input = try PlanningInputLoader.load(
            scenarioPath: fixture.scenarioPath,
            configPath: fixture.directory + "/custom.yaml"
        )
        #expect(input.configuration.policy.strategy(for: .B).reviewPeriodDays == nil)
    }

    @Test func unknownKeysWrongTypesAndOutOfRangeValuesAreLocated() throws {
        let (configuration, found, path) = try load(
            """
            policy:
              floor_safety_stock: yes
              slow_mover_units: 0
              xyz_tresholds: {X: 0.5}
              classes:
                A: {stocking: warehouse, presale: 1, drop_ship: [true]}
                B: {service_type: alpha, review_period_days: 0, lead_time: 3}
                C: {review_period_days: 1.5}
                D: {stocking: regional}
            """
        )
        #expect(configuration == nil)
        #expect(
            found.map(\.description) == [
                "\(path):4:3: error: policy: unknown key 'xyz_tresholds'; expected one of floor_safety_stock, "
                    + "slow_mover_units, xyz_thresholds, classes",
                "\(path):2:23: error: policy.floor_safety_stock must be true or false, found 'yes'",
                "\(path):3:21: error: policy.slow_mover_units must be in (0.0, 1000.0], found 0",
                "\(path):9:5: error: policy.classes: unknown key 'D'; expected one of A, B, C",
                "\(path):6:19: error: policy.classes.A.stocking must be one of regional, cloud_pool, found 'warehouse'",
                "\(path):6:39: error: policy.classes.A.presale must be true or false, found '1'",
                "\(path):6:53: error: policy.classes.A.drop_ship must be true or false, found a list or mapping",
                "\(path):7:53: error: policy.classes.B: unknown key 'lead_time'; expected one of stocking, presale, "
                    + "presale_days, drop_ship, service_type, review_period_days",
                "\(path):7:23: error: policy.classes.B.service_type must be one of cycle, fill_rate, found 'alpha'",
                "\(path):7:50: error: policy.classes.B.review_period_days must be between 1 and 365, found 0",
                "\(path):8:29: error: policy.classes.C.review_period_days must be a whole number, found '1.5'",
            ]
        )
    }

    @Test func xMustBeBelowYEvenWhenTheyComeFromDifferentFiles() throws {
        let (_, found, path) = try load("policy:\n  xyz_thresholds: {X: 1.0, Y: 1.0}\n")
        #expect(
            found == [
                InputIssue(
                    file: path,
                    line: 2,
                    column: 31,
                    message: "policy.xyz_thresholds: X (1.0) must be below Y (1.0)"
                )
            ]
        )
        // The default Y is 1.0, so an override raising X alone to 1.5 breaks the order; located in the scenario.
        let fixture = try Fixture(
            scenario: Fixture.validScenario + "\noverrides: {policy: {xyz_thresholds: {X: 1.5}}}\n"
        )
        let overridden = issues {
            _ = try PlanningInputLoader.load(scenarioPath: fixture.scenarioPath, configPath: nil)
        }
        #expect(
            overridden == [
                InputIssue(
                    file: fixture.scenarioPath,
                    line: 5,
                    column: 42,
                    message: "policy.xyz_thresholds: X (1.5) must be below Y (1.0)"
                )
            ]
        )
    }

    @Test func aPeriodicReviewWithAFillRateIsAnErrorNotASilentCycleLevel() throws {
        let (_, found, path) = try load(
            "policy:\n  classes:\n    B: {service_type: fill_rate, review_period_days: 7}\n"
        )
        #expect(
            found.map(\.description) == [
                "\(path):3:54: error: policy.classes.B: a periodic review (review_period_days) takes the cycle "
                    + "service level; use service_type cycle, or review_period_days null for continuous review"
            ]
        )
    }

    @Test func aServiceLevelOfExactlyZeroOrOneIsALocatedError() throws {
        let (_, found, path) = try load("service_levels: {A: 1, B: 0.95, C: 0}\n")
        #expect(
            found.map(\.description) == [
                "\(path):1:21: error: service_levels.A must be in (0.0, 1.0), found 1",
                "\(path):1:36: error: service_levels.C must be in (0.0, 1.0), found 0",
            ]
        )
    }
}
