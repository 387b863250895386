import Allocation
import DataGenerator
import Foundation
import PlannerCore

/// `planner-bench allocate`: generates allocation days in memory (the peak day: 12 warehouses, 100 regions,
/// 20,000 SKUs, and the other ``AllocationShape``s) at each requested number of lines and allocates them, one
/// table row per shape and size.
///
/// `--export DIR` also writes each day as a planner data set and scenario (`DIR/<shape>-<lines>/`), which
/// `planner allocate` and the OR-Tools peer (`docs/peers/ortools_allocation.py`) read; `--dump FILE` writes
/// the plan (every allocated and unfilled line and explanation) so that two builds can be compared line by
/// line.
///
/// Generation is timed on its own and kept out of the allocation figures. Peak RSS comes from getrusage
/// and is the process's peak so far: run one size per process (`.ci/bench allocate` does) for a size's
/// own peak; "RSS before" is the resident memory just before the allocation (the generated instance).
enum AllocationBench {
    static let usage =
        "usage: planner-bench allocate [--lines 2000,20000,200000] [--shape peak,...|all]"
        + " [--solver auto|decomposition|lp] [--seed S] [--workers N] [--skus N] [--export DIR] [--dump FILE]"
        + " [--no-export-solve] [--no-header]"

    static func run(_ arguments: Arguments) throws {
        var arguments = arguments
        let lineCounts = try parseLineCounts(try arguments.option("--lines") ?? "2000,20000,200000")
        let solverText = try arguments.option("--solver") ?? AllocationSolver.automatic.rawValue
        guard let solver = AllocationSolver(rawValue: solverText) else {
            throw Usage(description: "--solver must be one of auto, decomposition, lp (got \(solverText))")
        }
        let seedText = try arguments.option("--seed") ?? "7"
        guard let seed = UInt64(seedText) else { throw Usage(description: "--seed must be a whole number >= 0") }
        let workerText = try arguments.option("--workers") ?? String(Allocator.defaultWorkerCount)
        guard let workers = Int(workerText), workers > 0 else { throw Usage(description: "--workers must be positive") }
        let skuText = try arguments.option("--skus") ?? "20000"
        guard let skuCount = Int(skuText), skuCount > 0 else { throw Usage(description: "--skus must be positive") }
        let shapes = try parseShapes(try arguments.option("--shape") ?? AllocationShape.peak.rawValue)
        let exportDirectory = try arguments.option("--export")
        let dumpPath = try arguments.option("--dump")
        let solves = !arguments.flag("--no-export-solve")
        let printsHeader = !arguments.flag("--no-header")
        guard arguments.words.isEmpty else { throw Usage(description: usage) }
        guard solves || exportDirectory != nil else {
            throw Usage(description: "--no-export-solve only makes sense with --export")
        }

        var rows: [AllocationBenchRow] = []
        var dump = ""
        for shape in shapes {
            for lineCount in lineCounts {
                let spec = AllocationInstanceSpec(lineCount: lineCount, skuCount: skuCount, seed: seed, shape: shape)
                let instance = try AllocationInstanceGenerator.generate(validating: spec)
                if let exportDirectory {
                    let name = "\(shape.rawValue)-\(lineCount)"
                    try instance.write(
                        to: (exportDirectory as NSString).appendingPathComponent(name),
                        name: name,
                        allocationDay: spec.allocationDay
                    )
                }
                guard solves else { continue }
                let (row, result) = try measure(instance: instance, shape: shape, solver: solver, workers: workers)
                rows.append(row)
                if dumpPath != nil {
                    dump += AllocationPlanDump.text(
                        result,
                        dataSet: instance.dataSet,
                        title: "\(shape.rawValue) \(lineCount)"
                    )
                }
            }
        }
        if let dumpPath {
            try Data(dump.utf8).write(to: URL(fileURLWithPath: dumpPath))
        }
        guard solves else { return }
        if printsHeader {
            print(AllocationBenchRow.header)
        }
        for row in rows { print(row.tableLine) }
        for row in rows { print(row.details) }
        if rows.count > 1 {
            print("peak RSS: the process's peak after each size; one size per process gives each size's own peak")
        }
    }

    /// Positive whole numbers separated by commas; underscores may group digits (`20_000`).
    static func parseLineCounts(_ text: String) throws -> [Int] {
        let counts = text.split(separator: ",").map { Int($0.replacingOccurrences(of: "_", with: "")) }
        guard !counts.isEmpty, counts.allSatisfy({ ($0 ?? 0) > 0 }) else {
            throw Usage(description: "--lines takes positive whole numbers separated by commas (got \(text))")
        }
        return counts.map { $0! }
    }

    /// Shape names separated by commas, or `all`.
    static func parseShapes(_ text: String) throws -> [AllocationShape] {
        if text == "all" { return AllocationShape.allCases }
        return try text.split(separator: ",").map { name in
            guard let shape = AllocationShape(rawValue: String(name)) else {
                let names = AllocationShape.allCases.map(\.rawValue).joined(separator: ", ")
                throw Usage(description: "--shape takes \(names) or all, separated by commas (got \(name))")
            }
            return shape
        }
    }

    static func measure(
        instance: AllocationInstance,
        shape: AllocationShape,
        solver: AllocationSolver,
        workers: Int
    ) throws -> (AllocationBenchRow, AllocationResult) {
        let dataSet = instance.dataSet
        let residentBeforeMB = currentResidentMB()

        let settings = AllocationSettings(priorityWeights: instance.priorityWeights, solver: solver)
        let cpuBefore = resourceUsage().cpuSeconds
        let allocationStart = ContinuousClock.now
        let result = try Allocator.allocate(
            dataSet: dataSet,
            openOrderIndices: instance.openOrderIndices,
            settings: settings,
            workers: workers
        )
        let totalSeconds = wallSeconds(since: allocationStart)
        let usage = resourceUsage()

        var componentSKUs = Set<Int>()
        for index in instance.openOrderIndices { componentSKUs.insert(dataSet.orders[index].skuIndex) }
        var shippedByWarehouse = [Int](repeating: 0, count: dataSet.warehouses.count)
        for line in result.allocated { shippedByWarehouse[line.warehouseIndex] += line.quantity }
        let binding = dataSet.warehouses.indices.filter { warehouse in
            guard let capacity = dataSet.warehouses[warehouse].dailyCapacityUnits else { return false }
            return shippedByWarehouse[warehouse] >= capacity
        }
        var unfilledByReason: [UnfilledReason: (lines: Int, units: Int)] = [:]
        for line in result.unfilled {
            let current = unfilledByReason[line.reason, default: (0, 0)]
            unfilledByReason[line.reason] = (current.lines + 1, current.units + line.quantity)
        }
        let unfilledOrderLines = Set(result.unfilled.map(\.orderIndex)).count

        let row = AllocationBenchRow(
            shape: shape,
            lines: instance.openOrderIndices.count,
            buckets: result.bucketCount,
            components: componentSKUs.count,
            bindingWarehouses: binding.map { dataSet.warehouses[$0].id },
            warehouseCount: dataSet.warehouses.count,
            requestedSolver: solver,
            solverPath: result.solverPath,
            workers: workers,
            buildSeconds: result.buildSeconds,
            solveSeconds: result.solveSeconds,
            disaggregationSeconds: result.disaggregationSeconds,
            totalSeconds: totalSeconds,
            cpuSeconds: usage.cpuSeconds - cpuBefore,
            residentBeforeMB: residentBeforeMB,
            peakMB: usage.peakMB,
            objective: result.objective,
            allocatedUnits: result.allocatedUnits,
            unfilledUnits: result.unfilledUnits,
            unfilledOrderLines: unfilledOrderLines,
            unfilledByReason: UnfilledReason.allCases.compactMap { reason in
                unfilledByReason[reason].map { (reason, $0.lines, $0.units) }
            },
            flowStatistics: result.flowStatistics,
            pricedWarehouses: result.capacityPriceByWarehouse.filter { $0 > 0 }.count,
            variableCount: result.variableCount,
            constraintCount: result.constraintCount,
            shippedByWarehouse: shippedByWarehouse,
            capacityByWarehouse: dataSet.warehouses.map(\.dailyCapacityUnits),
            warehouseIds: dataSet.warehouses.map(\.id),
            laneCount: dataSet.lanes.count,
            stockRowCount: dataSet.stock.count
        )
        return (row, result)
    }
}
