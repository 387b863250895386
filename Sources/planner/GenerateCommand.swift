import ArgumentParser
import DataGenerator
import Foundation
import PlannerCore

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a realistic, deterministic synthetic data set (the same options give the same bytes).",
        discussion: """
            Mixes smooth, seasonal, intermittent, lumpy and new SKUs with a yearly November peak, regional and \
            cloud warehouses, and primary and backup suppliers. History ends the day before --end-date; open \
            orders are dated on the two days up to it.
            Example: planner generate --skus 10000 --orders 50000 --out bench-data/10k
            """
    )

    @Option(help: "Number of SKUs.") var skus = 200
    @Option(help: "Number of delivery regions.") var regions = 12
    @Option(help: "Number of warehouses (about a quarter of them cloud).") var warehouses = 4
    @Option(help: "Days of daily sales history.") var days = 730
    @Option(help: "Number of order lines.") var orders = 2_000
    @Option(help: "Random seed.") var seed: UInt64 = 42
    @Option(name: .customLong("end-date"), help: "Plan date the data is made for (YYYY-MM-DD).")
    var endDate = GeneratorSpec.defaultEndDate.description
    @Option(help: "Folder to write the CSV files into (created if missing).") var out: String
    @Flag(
        inversion: .prefixedNo,
        help: "Write a return history (returns.csv); the other files are the same either way."
    )
    var returns = true

    var spec: GeneratorSpec {
        GeneratorSpec(
            skuCount: skus,
            regionCount: regions,
            warehouseCount: warehouses,
            historyDays: days,
            orderCount: orders,
            seed: seed,
            endDate: Day(iso: endDate) ?? GeneratorSpec.defaultEndDate,
            includesReturns: returns
        )
    }

    func validate() throws {
        guard Day(iso: endDate) != nil else {
            throw ValidationError("--end-date must be a date YYYY-MM-DD that exists, found '\(endDate)'")
        }
        if let problem = spec.problems.first { throw ValidationError(problem) }
    }

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let dataSet = DataGenerator.generate(spec)
        do {
            try DataGenerator.write(dataSet, to: out)
        } catch {
            printError("cannot write the data set: \(error)")
            throw ExitStatus.cannotCreate
        }
        print(
            "wrote \(out): \(dataSet.skus.count) SKUs, \(dataSet.regions.count) regions, "
                + "\(dataSet.warehouses.count) warehouses, \(dataSet.demand.count) demand rows, "
                + "\(dataSet.orders.count) order lines, \(dataSet.returns.count) return rows in \(clock.now - start)"
        )
    }
}
