// The scenario and configuration loaders (YAML, with their limits): the first byte picks the scenario or the
// configuration, the rest is the file. Loading must give a planning input or located problems.

import Foundation
import FuzzSupport
import PlannerCore
import PlannerInput

let folder = BaseData.makeFolder()
let scenarioPath = folder + "/scenario.yaml"
let configurationPath = folder + "/planner.yaml"

/// The scenario names its data folder, and a problem with that folder (or a file in it) names the path as the
/// scenario wrote it, wherever that is: so every problem must name some file and say something. (First found by
/// `make fuzz` in CI: a scenario whose `data` named another folder, reported where it stands, which the stricter
/// check of fuzz-csv took for a problem naming no input file.)
func requireLocatedAnywhere(_ error: InputError) {
    guard !error.issues.isEmpty else { fatalError("an InputError without problems") }
    for issue in error.issues where issue.file.isEmpty || issue.message.isEmpty {
        fatalError("a problem without a file or a message: \(issue)")
    }
}

runFuzzer { input in
    guard !input.isEmpty else { return }
    let fuzzesScenario = input[0] & 1 == 0
    let path = fuzzesScenario ? scenarioPath : configurationPath
    BaseData.write(Array(input[1...]), to: path)
    defer { BaseData.write(fuzzesScenario ? BaseData.scenario : BaseData.configuration, to: path) }
    do {
        let input = try PlanningInputLoader.load(scenarioPath: scenarioPath, configPath: configurationPath)
        guard input.scenario.horizonDays > 0, !input.scenario.name.isEmpty else {
            fatalError("a loaded scenario without a name or a horizon")
        }
    } catch let error as InputError {
        requireLocatedAnywhere(error)
    } catch {
        fatalError("loading threw something other than InputError: \(error)")
    }
}
