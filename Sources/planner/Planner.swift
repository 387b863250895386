import ArgumentParser

@main
struct Planner: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "planner",
        abstract: "Plan demand, stock, order allocation and supplier replenishment from a scenario file.",
        discussion: """
            Exit codes: 0 success; 64 bad command line; 65 bad input data (every problem is listed with \
            file:line:column, nothing is written); 69 database unavailable; 70 internal or solver error; \
            73 cannot write the --out folder (or --metrics-file); 75 another run of the same kind and date held the \
            lock past --lock-timeout; 79 the run breached a threshold of alerts: in the configuration and \
            --fail-on-alert was given (the run is committed and published as usual: 79 only signals it).
            """,
        subcommands: [
            PlanCommand.self, ForecastCommand.self, AllocateCommand.self, PolicyCommand.self, ValidateCommand.self,
            BacktestCommand.self,
            GenerateCommand.self, PartitionCommand.self,
            DatabaseCommand.self, RunsCommand.self, StagesCommand.self,
            DispatchCommand.self, ExplainCommand.self, CompareCommand.self, ReportCommand.self,
        ]
    )
}
