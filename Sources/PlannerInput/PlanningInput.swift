import Foundation
import PlannerCore

/// Everything a run needs, loaded and validated together: scenario, configuration and data.
public struct PlanningInput: Sendable {
    public var scenario: Scenario
    public var configuration: PlannerConfiguration
    public var dataSet: DataSet
    /// Where the configuration came from: a file path, or "built-in defaults".
    public var configurationSource: String
}

public enum PlanningInputLoader {
    /// Loads the configuration (`configPath`, else `Config/planner.yaml` in the working directory if
    /// present, else the built-in defaults), the scenario with its overrides, and the data set.
    /// Throws one ``InputError`` listing every problem found in any of them.
    public static func load(scenarioPath: String, configPath: String?) throws -> PlanningInput {
        let (base, source) = try loadConfiguration(configPath)
        let scenarioFile = try ScenarioLoader.load(path: scenarioPath, configuration: base)
        var issues: [InputIssue] = []
        var dataSet: DataSet?
        do {
            dataSet = try DataSetLoader.load(directory: scenarioFile.scenario.dataDirectory)
        } catch let error as InputError {
            issues = error.issues
        }
        if let dataSet {
            issues += scenarioFile.referenceIssues(in: dataSet)
        }
        guard issues.isEmpty, let dataSet else { throw InputError(issues: issues) }
        return PlanningInput(
            scenario: scenarioFile.scenario,
            configuration: scenarioFile.configuration,
            dataSet: dataSet,
            configurationSource: source
        )
    }

    public static func loadConfiguration(_ configPath: String?) throws -> (PlannerConfiguration, String) {
        if let configPath {
            return (try ConfigurationLoader.load(path: configPath), configPath)
        }
        if FileManager.default.fileExists(atPath: ConfigurationLoader.defaultPath) {
            return (
                try ConfigurationLoader.load(path: ConfigurationLoader.defaultPath), ConfigurationLoader.defaultPath
            )
        }
        return (PlannerConfiguration(), "built-in defaults")
    }
}
