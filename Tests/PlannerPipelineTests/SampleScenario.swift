import DataGenerator
import Foundation
import PlannerCore
import PlannerInput

/// A generated data set written once per test process, with a peak-season-like scenario over it:
/// an uplift for A-class SKUs in Black Friday week and a full outage of the primary supplier of the most SKUs.
enum SampleScenario {
    static let spec = GeneratorSpec(
        skuCount: 80,
        regionCount: 6,
        warehouseCount: 4,
        historyDays: 420,
        orderCount: 900,
        seed: 11
    )

    struct Files: Sendable {
        let directory: String
        let scenarioPath: String
        let disruptedSupplier: String
    }

    static let files: Files = {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("planner-pipeline-\(getpid())").path
        let dataSet = DataGenerator.generate(spec)
        try! DataGenerator.write(dataSet, to: directory + "/data")
        var primaryCount: [String: Int] = [:]
        for offer in dataSet.suppliers where offer.role == .primary { primaryCount[offer.supplier, default: 0] += 1 }
        let disrupted = primaryCount.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key
        let scenarioPath = directory + "/peak.yaml"
        try! """
        name: test-peak
        data: data
        plan_date: \(spec.endDate)
        horizon_days: 28
        events:
          - {kind: demand_uplift, from: 2026-11-23, to: 2026-11-30, factor: 2.5, abc_class: [A]}
          - {kind: supplier_disruption, supplier: \(disrupted), from: \(spec.endDate), to: 2026-12-06}
        """.write(toFile: scenarioPath, atomically: true, encoding: .utf8)
        return Files(directory: directory, scenarioPath: scenarioPath, disruptedSupplier: disrupted)
    }()

    static func input() throws -> PlanningInput {
        try PlanningInputLoader.load(scenarioPath: files.scenarioPath, configPath: nil)
    }
}

/// Every row of every output table, as text, for comparing two runs exactly.
func rowsByTable(_ tables: [OutputTable]) throws -> [String: [[String?]]] {
    var result: [String: [[String?]]] = [:]
    for table in tables {
        var rows: [[String?]] = []
        try table.forEachRow { rows.append($0) }
        result[table.name] = rows
    }
    return result
}

/// `rowsByTable` without the one column that measures time rather than states the plan
/// (allocation_solves.solve_seconds), for comparing two runs' plans.
func planRowsByTable(_ tables: [OutputTable]) throws -> [String: [[String?]]] {
    var result = try rowsByTable(tables)
    if let index = tables.first(where: { $0.name == "allocation_solves" })?.columns.firstIndex(of: "solve_seconds") {
        result["allocation_solves"] = result["allocation_solves"]?.map { row in
            var row = row
            row[index] = nil
            return row
        }
    }
    return result
}
