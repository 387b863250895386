import Allocation
import DataGenerator
import Foundation
import PlannerCore

/// `planner-bench allocate`: generates the issue 5 allocation instance in memory (12 warehouses,
/// 100 regions, 20,000 SKUs) at each requested number of lines and allocates it, one table row per size.
///
/// Generation is timed on its own and kept out of the allocation figures. Peak RSS comes from getrusage
/// and is the process's peak so far: run one size per process (`.ci/bench allocate` does) for a size's
/// own peak; "RSS before" is the resident memory just before the allocation (the generated instance).
enum AllocationBench {
    static let usage =
        "usage: planner-bench allocate [--lines 2000,20000,200000] [--solver auto|decomposition|lp] [--seed S]"
        + " [--workers N] [--skus N] [--no-header]"

    static func run(_ arguments: Arguments) throws {
        var arguments = arguments
        let lineCounts = try parseLineCounts(try arguments.option("--lines") ?? "2000,20000,200000")
        let solverText = try arguments.option("--solver") ?? AllocationSolver.automatic.rawValue
        guard let solver = AllocationSolver(rawValue: solverText) else {
            throw Usage(description: "--solver must be one of auto, decomposition, lp (got \(solverText))")
        }
        let seedText = try arguments.option("--seed") ?? "7"
        guard let seed = UInt64(seedText) else { throw Usage(description: "--seed must be a whole number >= 0") }
        let workerText = try arguments.option("--workers") ?? String(OrderAllocator.defaultWorkerCount)
        guard let workers = Int(workerText), workers > 0 else { throw Usage(description: "--workers must be positive") }
        let skuText = try arguments.option("--skus") ?? "20000"
        guard let skuCount = Int(skuText), skuCount > 0 else { throw Usage(description: "--skus must be positive") }
        let printsHeader = !arguments.flag("--no-header")
        guard arguments.words.isEmpty else { throw Usage(description: usage) }

        var rows: [AllocationBenchRow] = []
        for lineCount in lineCounts {
            let spec = AllocationInstanceSpec(lineCount: lineCount, skuCount: skuCount, seed: seed)
            rows.append(try measure(spec: spec, solver: solver, workers: workers))
        }
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

    static func measure(
        spec: AllocationInstanceSpec,
        solver: AllocationSolver,
        workers: Int
    ) throws -> AllocationBenchRow {
        let generateStart = ContinuousClock.now
        let instance = try AllocationInstanceGenerator.generate(validating: spec)
        let generateSeconds = wallSeconds(since: generateStart)
        let dataSet = instance.dataSet
        let residentBeforeMB = currentResidentMB()

        let settings = AllocationSettings(solver: solver)
        let cpuBefore = resourceUsage().cpuSeconds
        let allocationStart = ContinuousClock.now
        let result = try OrderAllocator.allocate(
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

        return AllocationBenchRow(
            lines: instance.openOrderIndices.count,
            buckets: result.bucketCount,
            components: componentSKUs.count,
            bindingWarehouses: binding.map { dataSet.warehouses[$0].id },
            warehouseCount: dataSet.warehouses.count,
            requestedSolver: solver,
            solverPath: result.solverPath,
            workers: workers,
            generateSeconds: generateSeconds,
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
    }
}
