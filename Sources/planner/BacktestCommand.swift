import ArgumentParser
import Forecasting
import Foundation
import PlannerCore
import PlannerInput

struct BacktestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Hold out the last days of demand, forecast them from the history before, and score every model.",
        discussion: """
            The forecaster sees only the history before the holdout (calendar events apply, scenario uplifts \
            do not). Prints, per demand class and overall, the mean over SKUs of MAE, RMSE, bias (forecast - \
            actual), MASE and RMSSE (scaled by the in-sample one-step naive error, M5 style) of the selected \
            model and of every candidate, and how the selected models compare with seasonal naive.
            --out DIR writes metrics.csv and forecasts.csv (one row per SKU and candidate model) and summary.csv.
            With returns.csv, the returns forecast is scored too (returns.csv: per SKU, forecast and actual returned \
            units over the holdout, MAE, RMSE, bias).
            Example: planner backtest Scenarios/sample --holdout 28 --out out/backtest
            """
    )

    @Argument(help: "The data folder (the CSV files). Omit it with --scenario.")
    var dataDirectory: String?

    @Option(name: .long, help: "Days held out at the end of the demand history (1 to 365).")
    var holdout = 28

    @Option(
        name: .long,
        help: "Scenario file to take the data folder and configuration overrides from (its dates are not used)."
    )
    var scenario: String?

    @Option(name: .long, help: "Configuration file replacing Config/planner.yaml (its forecast settings apply).")
    var config: String?

    @Option(name: .long, help: "Write metrics.csv, forecasts.csv and summary.csv into this folder.")
    var out: String?

    func validate() throws {
        guard (1...365).contains(holdout) else {
            throw ValidationError("--holdout must be 1 to 365 days, found \(holdout)")
        }
        switch (dataDirectory, scenario) {
        case (nil, nil):
            throw ValidationError("give a data folder or --scenario FILE")
        case (.some, .some):
            throw ValidationError("give either a data folder or --scenario FILE, not both")
        case (.some(let directory), nil):
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
            else { throw ValidationError("data folder '\(directory)' not found") }
        case (nil, .some(let scenario)):
            guard FileManager.default.fileExists(atPath: scenario) else {
                throw ValidationError("scenario file '\(scenario)' not found")
            }
        }
        if let config, !FileManager.default.fileExists(atPath: config) {
            throw ValidationError("configuration file '\(config)' not found")
        }
    }

    func run() async throws {
        let clock = ContinuousClock()
        var start = clock.now
        let (dataSet, settings, returnsSettings, source) = try load()
        let loadTime = clock.now - start

        start = clock.now
        let forecast: DemandForecast
        do {
            forecast = try await HoldoutBacktest.forecast(dataSet: dataSet, holdoutDays: holdout, settings: settings)
        } catch {
            printError("\(source): error: \(error)")
            throw ExitStatus.dataError
        }
        let forecastTime = clock.now - start
        start = clock.now
        let result = HoldoutBacktest.evaluate(forecast, dataSet: dataSet)
        let returns = ReturnsBacktest.run(forecast, dataSet: dataSet, settings: returnsSettings)
        let scoreTime = clock.now - start

        if let out {
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                try BacktestCSV.write(result, dataSet: dataSet, to: out)
                if let returns { try BacktestCSV.write(returns, dataSet: dataSet, to: out) }
            } catch {
                printError("cannot write the backtest files to '\(out)': \(error)")
                throw ExitStatus.cannotCreate
            }
        }
        print(
            BacktestReport.text(
                result,
                dataSet: dataSet,
                source: source,
                times: [("load", loadTime), ("forecast", forecastTime), ("score", scoreTime)]
            )
        )
        if let returns { print(BacktestReport.returnsText(returns)) }
        if let out {
            print(
                "wrote \(out)/metrics.csv, forecasts.csv and summary.csv" + (returns == nil ? "" : " and returns.csv")
            )
        }
    }

    /// The data set, the forecast and returns settings and the data folder; input problems exit with 65.
    private func load() throws -> (DataSet, ForecastSettings, ReturnsSettings, String) {
        do {
            if let scenario {
                let input = try PlanningInputLoader.load(scenarioPath: scenario, configPath: config)
                let configuration = input.configuration
                return (input.dataSet, configuration.forecast, configuration.returns, input.scenario.dataDirectory)
            }
            let configuration = try PlanningInputLoader.loadConfiguration(config).0
            let directory = dataDirectory!
            return (
                try DataSetLoader.load(directory: directory), configuration.forecast, configuration.returns, directory
            )
        } catch let error as InputError {
            printError(error.description)
            throw ExitStatus.dataError
        }
    }
}
