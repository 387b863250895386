import Foundation
import PlannerCore
import Testing

@testable import PlannerInput

/// The `alerts` key of the configuration (docs/configuration.md, "Alerts"), in a file and in scenario overrides.
@Suite struct AlertConfigurationTests {
    /// Loads `text` as a configuration file; returns the configuration or the located issues.
    private func load(_ text: String) throws -> (PlannerConfiguration?, [String], String) {
        let fixture = try Fixture()
        let path = fixture.directory + "/config.yaml"
        try fixture.write("config.yaml", text)
        var configuration: PlannerConfiguration?
        let found = issues { configuration = try ConfigurationLoader.load(path: path) }
        return (configuration, found.map { "\($0.line):\($0.column): \($0.message)" }, path)
    }

    @Test func noAlertIsConfiguredByDefault() {
        let alerts = PlannerConfiguration().alerts
        #expect(alerts == AlertSettings())
        #expect(alerts.configuredKinds == [])
    }

    @Test func readsEveryKey() throws {
        let (configuration, found, _) = try load(
            """
            alerts:
              min_fill_rate: 0.95
              min_next_day_share: {default: 0.8, regions: {R1: 0.9, R2: 0}}
              max_unfilled_units: 250
              new_a_class_shortfall: true
              backup_supplier_order: false
            """
        )
        #expect(found == [])
        let alerts = try #require(configuration?.alerts)
        #expect(
            alerts
                == AlertSettings(
                    minimumFillRate: 0.95,
                    minimumNextDayShare: RegionShareThreshold(defaultShare: 0.8, shareByRegion: ["R1": 0.9, "R2": 0]),
                    maximumUnfilledUnits: 250,
                    newAClassShortfall: true,
                    backupSupplierOrder: false
                )
        )
        #expect(alerts.configuredKinds == [.fillRate, .nextDayShare, .unfilledUnits, .newAClassShortfall])
        #expect(alerts.minimumNextDayShare?.share(forRegion: "R1") == 0.9)
        #expect(alerts.minimumNextDayShare?.share(forRegion: "R9") == 0.8)
    }

    @Test func regionsWithoutADefaultCheckOnlyThoseRegions() throws {
        let (configuration, found, _) = try load("alerts:\n  min_next_day_share: {regions: {R2: 0.5}}\n")
        #expect(found == [])
        let threshold = try #require(configuration?.alerts.minimumNextDayShare)
        #expect(threshold.share(forRegion: "R2") == 0.5)
        #expect(threshold.share(forRegion: "R1") == nil)
    }

    @Test func everyBadValueIsLocatedInTheFile() throws {
        let (configuration, found, _) = try load(
            """
            alerts:
              min_fill_rate: 1.5
              min_next_day_share: {default: -0.1, regions: {R1: high}}
              max_unfilled_units: 2.5
              new_a_class_shortfall: yes
              backup_supplier_order: [true]
              max_fill_rate: 0.9
            """
        )
        #expect(configuration == nil)
        #expect(
            found == [
                "7:3: alerts: unknown key 'max_fill_rate'; expected one of min_fill_rate, min_next_day_share, "
                    + "max_unfilled_units, new_a_class_shortfall, backup_supplier_order",
                "2:18: alerts.min_fill_rate must be in [0.0, 1.0], found 1.5",
                "3:33: alerts.min_next_day_share.default must be in [0.0, 1.0], found -0.1",
                "3:53: alerts.min_next_day_share.regions.R1 must be a number, found 'high'",
                "4:23: alerts.max_unfilled_units must be a whole number, found '2.5'",
                "5:26: alerts.new_a_class_shortfall must be true or false, found 'yes'",
                "6:26: alerts.backup_supplier_order must be true or false, found a list or mapping",
            ]
        )
    }

    @Test func shapesThatSayNothingAreErrors() throws {
        let (_, found, _) = try load(
            """
            alerts:
              min_next_day_share: {}
              max_unfilled_units: -1
            """
        )
        #expect(
            found == [
                "2:23: alerts.min_next_day_share must give a default share, regions, or both (or be null to turn "
                    + "it off)",
                "3:23: alerts.max_unfilled_units must be between 0 and \(Int.max), found -1",
            ]
        )
        let (_, notAMapping, _) = try load("alerts: [min_fill_rate]\n")
        #expect(notAMapping == ["1:9: alerts must be a mapping (key: value)"])
        let (_, badRegions, _) = try load("alerts:\n  min_next_day_share: {regions: [R1]}\n")
        #expect(badRegions == ["2:33: alerts.min_next_day_share.regions must be a mapping of region id to share"])
    }

    @Test func aRegionTheDataDoesNotHoldIsAnErrorInTheScenario() throws {
        let fixture = try Fixture(
            scenario: Fixture.validScenario + "\noverrides: {alerts: {min_next_day_share: {regions: {R7: 0.5}}}}\n"
        )
        let found = issues {
            _ = try PlanningInputLoader.load(scenarioPath: fixture.scenarioPath, configPath: nil)
        }
        #expect(found.count == 1)
        #expect(found.first?.file == fixture.scenarioPath)
        #expect(found.first?.line == 5)
        #expect(found.first?.message.contains("R7") == true)
    }

    @Test func aScenarioOverridesOneThresholdAndNullTurnsOneOff() throws {
        let fixture = try Fixture(
            scenario: Fixture.validScenario
                + "\noverrides: {alerts: {min_fill_rate: null, max_unfilled_units: 10, "
                + "min_next_day_share: {regions: {R2: 0.7}}}}\n"
        )
        try fixture.write(
            "custom.yaml",
            """
            alerts:
              min_fill_rate: 0.9
              min_next_day_share: {default: 0.8, regions: {R1: 0.95}}
              backup_supplier_order: true
            """
        )
        let input = try PlanningInputLoader.load(
            scenarioPath: fixture.scenarioPath,
            configPath: fixture.directory + "/custom.yaml"
        )
        #expect(
            input.configuration.alerts
                == AlertSettings(
                    minimumFillRate: nil,
                    minimumNextDayShare: RegionShareThreshold(
                        defaultShare: 0.8,
                        shareByRegion: ["R1": 0.95, "R2": 0.7]
                    ),
                    maximumUnfilledUnits: 10,
                    backupSupplierOrder: true
                )
        )
        // `alerts: null` turns every threshold off.
        let off = try Fixture(scenario: Fixture.validScenario + "\noverrides: {alerts: null}\n")
        try off.write("custom.yaml", "alerts: {min_fill_rate: 0.9, new_a_class_shortfall: true}\n")
        let quiet = try PlanningInputLoader.load(
            scenarioPath: off.scenarioPath,
            configPath: off.directory + "/custom.yaml"
        )
        #expect(quiet.configuration.alerts == AlertSettings())
    }
}
