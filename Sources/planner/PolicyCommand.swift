import ArgumentParser
import Foundation
import InventoryPolicy
import PlannerCore
import PlannerInput

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Safety stock, reorder point and order quantity from a table of SKU statistics.",
        discussion: """
            Each input row: sku, mean_daily_demand, sd_daily_demand, lead_time_days, lead_time_sd_days, \
            service_level (strictly between 0 and 1), service_type (cycle or fill_rate), and optionally \
            order_quantity, annual_demand, order_cost, unit_cost, holding_cost_rate, review_period_days. \
            The output repeats the input and adds safety_factor, sigma_lt, safety_stock, reorder_point, eoq, \
            order_up_to and method (normal_cycle, normal_fill_rate, poisson_cycle, periodic_review), unrounded. \
            Formulas and sources: docs/formulas.md. A bad row is an error naming its line and column (exit 65).
            Example: planner policy --input stats.csv --out policies.csv
            """
    )

    @Option(help: "CSV file of SKU statistics.") var input: String
    @Option(help: "Write the result here instead of standard output.") var out: String?
    @Flag(help: "Floor negative safety stock (a fill rate with a large order quantity) at zero.")
    var floorSafetyStock = false
    @Option(help: "Mean lead-time demand in units below which a cycle service level uses the Poisson distribution.")
    var slowMoverUnits: Double = 10

    func validate() throws {
        let largest = ConfigurationLoader.largestSlowMoverUnits
        guard slowMoverUnits >= 0, slowMoverUnits <= largest else {
            throw ValidationError("--slow-mover-units must be a number from 0 to \(largest), found \(slowMoverUnits)")
        }
    }

    func run() throws {
        let queries: [PolicyQuery]
        do {
            queries = try PolicyQueryLoader.load(path: input)
        } catch let error as InputError {
            printError(error.description)
            throw ExitStatus.dataError
        }
        let calculator = PolicyCalculator(slowMoverUnits: slowMoverUnits, floorsSafetyStock: floorSafetyStock)
        var lines = [
            (PolicyQueryLoader.columns + PolicyQueryLoader.optionalColumns + [
                "safety_factor", "sigma_lt", "safety_stock", "reorder_point", "eoq", "order_up_to", "method",
            ]).joined(separator: ",")
        ]
        for query in queries {
            let answer = calculator.answer(query)
            let fields: [String] =
                [query.sku].map { String(decoding: CSVField.encode($0), as: UTF8.self) }
                + [query.meanDailyDemand, query.sdDailyDemand, query.leadTimeDays, query.leadTimeSdDays].map(number)
                + [number(query.serviceLevel), query.serviceType.rawValue]
                + [
                    query.orderQuantity, query.annualDemand, query.orderCost, query.unitCost, query.holdingCostRate,
                    query.reviewPeriodDays, answer.safetyFactor,
                ].map(optionalNumber)
                + [answer.sigmaLeadTime, answer.safetyStock, answer.reorderPoint].map(number)
                + [answer.economicOrderQuantity, answer.orderUpTo].map(optionalNumber)
                + [answer.method.rawValue]
            lines.append(fields.joined(separator: ","))
        }
        let text = lines.joined(separator: "\n") + "\n"
        if let out {
            do {
                try text.write(toFile: out, atomically: true, encoding: .utf8)
            } catch {
                printError("cannot write '\(out)': \(error.localizedDescription)")
                throw ExitStatus.cannotCreate
            }
        } else {
            print(text, terminator: "")
        }
    }

    /// Shortest text that reads back to the same Double (17 significant digits at most).
    private func number(_ value: Double) -> String { "\(value)" }

    private func optionalNumber(_ value: Double?) -> String { value.map(number) ?? "" }
}
