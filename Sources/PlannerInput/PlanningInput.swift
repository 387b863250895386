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
    /// Throws one ``InputError`` listing every problem found in any of them. `rows` selects the demand and returns
    /// rows read (a shard's, or none for the merge of a sharded plan).
    public static func load(
        scenarioPath: String,
        configPath: String?,
        rows: RowSelection = .all
    ) throws -> PlanningInput {
        let (base, baseReferences, source) = try loadLocatedConfiguration(configPath)
        let scenarioFile = try ScenarioLoader.load(
            path: scenarioPath,
            configuration: base,
            baseReferences: baseReferences
        )
        var issues = scenarioFile.eventWindowIssues
        var dataSet: DataSet?
        do {
            dataSet = try DataSetLoader.load(
                directory: scenarioFile.scenario.dataDirectory,
                options: DataSetLoader.Options(rows: rows)
            )
        } catch let error as InputError {
            issues += error.issues
        }
        if let dataSet {
            issues += scenarioFile.referenceIssues(in: dataSet, checksSuppliers: rows.readsSupplyFiles)
            if issues.isEmpty {
                // Events against lanes and stock are the merge's to check: a shard holds no supply files.
                issues +=
                    scenarioFile.limitIssues(in: dataSet)
                    + (rows.readsSupplyFiles ? scenarioFile.eventIssues(in: dataSet) : [])
            }
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
        let (configuration, _, source) = try loadLocatedConfiguration(configPath)
        return (configuration, source)
    }

    /// The configuration, the names it refers to, and where it came from.
    static func loadLocatedConfiguration(
        _ configPath: String?
    ) throws -> (PlannerConfiguration, [InputReference], String) {
        let path =
            configPath
            ?? (FileManager.default.fileExists(atPath: ConfigurationLoader.defaultPath)
                ? ConfigurationLoader.defaultPath : nil)
        guard let path else { return (PlannerConfiguration(), [], "built-in defaults") }
        let (configuration, references) = try ConfigurationLoader.loadWithReferences(path: path)
        return (configuration, references, path)
    }
}
