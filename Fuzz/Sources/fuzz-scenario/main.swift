import Foundation
// The scenario and configuration loaders (YAML, with their limits): the first byte picks the scenario or the
// configuration, the rest is the file. Loading must give a planning input or located problems.
import FuzzSupport
import PlannerCore
import PlannerInput

let folder = BaseData.makeFolder()
let scenarioPath = folder + "/scenario.yaml"
let configurationPath = folder + "/planner.yaml"
let files: Set<String> = [scenarioPath, configurationPath, folder + "/data"]

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
        // `extends` may name any file; a problem of that base is located in it.
        let bases = Set(error.issues.map(\.file).filter { FileManager.default.fileExists(atPath: $0) })
        requireLocated(error, files: files.union(bases))
    } catch {
        fatalError("loading threw something other than InputError: \(error)")
    }
}
