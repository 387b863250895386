import ArgumentParser
import PlannerCore
import PlannerInput

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a scenario, its configuration and its data; list every problem found.",
        discussion: "Exit code 0 when everything is valid, 65 with every problem as file:line:column otherwise."
    )

    @OptionGroup var scenario: ScenarioOptions

    func run() throws {
        do {
            let input = try PlanningInputLoader.load(scenarioPath: scenario.scenario, configPath: scenario.config)
            let data = input.dataSet
            print(
                "\(scenario.scenario): valid. \(data.skus.count) SKUs, \(data.regions.count) regions, "
                    + "\(data.warehouses.count) warehouses, \(data.lanes.count) lanes, "
                    + "\(data.demand.count) demand rows, "
                    + "\(data.orders.count) order lines (\(data.openOrders(on: input.scenario.planDate).count) open on "
                    + "\(input.scenario.planDate)), \(data.suppliers.count) supplier offers; configuration: "
                    + "\(input.configurationSource)."
            )
        } catch let error as InputError {
            printError(error.description)
            throw ExitStatus.dataError
        }
    }
}
