import Allocation
import DataGenerator
import Flow
import Foundation
import PlannerCore

/// One size's figures of `planner-bench allocate`, printed as a Markdown table row plus detail lines.
struct AllocationBenchRow {
    var shape: AllocationShape
    var lines: Int
    var buckets: Int
    /// SKUs with open lines: the components of the SKU decomposition.
    var components: Int
    /// Warehouses that shipped their whole daily capacity.
    var bindingWarehouses: [String]
    var warehouseCount: Int
    var requestedSolver: AllocationSolver
    /// The path that solved (`AllocationResult.solverPath`).
    var solverPath: AllocationSolverPath
    var workers: Int
    /// Validating the input and building the model (`AllocationResult.buildSeconds`).
    var buildSeconds: Double
    var solveSeconds: Double
    /// Splitting buckets back to order lines (`AllocationResult.disaggregationSeconds`).
    var disaggregationSeconds: Double
    /// Wall seconds of the whole `Allocator.allocate` call.
    var totalSeconds: Double
    /// Process CPU seconds (user + system) during the call.
    var cpuSeconds: Double
    var residentBeforeMB: Double?
    var peakMB: Double
    var objective: Double
    var allocatedUnits: Int
    var unfilledUnits: Int
    /// Order lines with some units unfilled.
    var unfilledOrderLines: Int
    var unfilledByReason: [(reason: UnfilledReason, lines: Int, units: Int)]
    var flowStatistics: CoupledFlowStatistics
    /// Warehouses whose capacity row has a positive dual price.
    var pricedWarehouses: Int
    var variableCount: Int
    var constraintCount: Int
    var shippedByWarehouse: [Int]
    var capacityByWarehouse: [Int?]
    var warehouseIds: [String]
    var laneCount: Int
    var stockRowCount: Int

    static let columns: [(title: String, width: Int)] = [
        ("shape", 17), ("solver", 13), ("lines", 7), ("buckets", 7), ("SKUs", 7), ("binding", 7),
        ("build s", 7), ("solve s", 8), ("disagg s", 8), ("other s", 7), ("total s", 8), ("CPU s", 8),
        ("RSS before MB", 13), ("peak RSS MB", 11), ("objective", 14), ("units allocated", 15),
        ("units unfilled", 14),
    ]

    static var header: String {
        line(columns.map(\.title)) + "\n" + "|"
            + columns.map { " " + String(repeating: "-", count: $0.width) + " |" }
            .joined()
    }

    static func line(_ cells: [String]) -> String {
        var text = "|"
        for (cell, column) in zip(cells, columns) {
            let padding = String(repeating: " ", count: max(0, column.width - cell.count))
            text += " " + padding + cell + " |"
        }
        return text
    }

    static func seconds(_ value: Double) -> String {
        String(format: "%.3f", value)
    }

    /// Whole number with thousands separators, as docs/benchmarks.md writes them.
    static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var result = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result += "," }
            result.append(character)
        }
        return (value < 0 ? "-" : "") + result
    }

    /// The rest of the call: explanations, service KPIs and the checks of the result.
    var otherSeconds: Double {
        totalSeconds - buildSeconds - solveSeconds - disaggregationSeconds
    }

    var tableLine: String {
        let unfilledShare = Double(unfilledUnits) / Double(max(1, allocatedUnits + unfilledUnits))
        return Self.line([
            shape.rawValue,
            solverPath.rawValue,
            Self.grouped(lines),
            Self.grouped(buckets),
            Self.grouped(components),
            "\(bindingWarehouses.count)/\(warehouseCount)",
            Self.seconds(buildSeconds),
            Self.seconds(solveSeconds),
            Self.seconds(disaggregationSeconds),
            Self.seconds(otherSeconds),
            Self.seconds(totalSeconds),
            Self.seconds(cpuSeconds),
            residentBeforeMB.map { String(format: "%.0f", $0) } ?? "-",
            String(format: "%.0f", peakMB),
            String(format: "%.2f", objective),
            Self.grouped(allocatedUnits),
            Self.grouped(unfilledUnits) + String(format: " (%.1f%%)", 100 * unfilledShare),
        ])
    }

    /// The instance and where its capacity and shortfalls are, one size per paragraph.
    var details: String {
        var text =
            "\(Self.grouped(lines)) lines: \(Self.grouped(laneCount)) lanes, \(Self.grouped(stockRowCount)) stock rows;"
        text += " solver \(requestedSolver.rawValue) -> \(solverPath.rawValue), \(workers) workers;"
        text += " model \(Self.grouped(variableCount)) columns x \(Self.grouped(constraintCount)) rows;"
        if flowStatistics.iterations > 0 || flowStatistics.masterSolves > 0 {
            let stats = flowStatistics
            text += " \(stats.iterations) pricing rounds, \(stats.masterSolves) master solves"
            text += String(format: " (%.3f s)", stats.masterSeconds)
            text += String(format: ", subproblems %.3f s", stats.subproblemSeconds)
            text += " (\(Self.grouped(stats.componentsSolved)) solved, \(Self.grouped(stats.componentsReused)) reused)"
            text += ", \(stats.recoveredComponents) components recovered"
            text += String(format: " (%.3f s);", stats.recoverySeconds)
        }
        let lineShare = 100 * Double(unfilledOrderLines) / Double(max(1, lines))
        text += " \(Self.grouped(unfilledOrderLines)) lines"
        text += String(format: " (%.1f%%)", lineShare) + " with unfilled units"
        if !unfilledByReason.isEmpty {
            text += " ("
            text += unfilledByReason.map {
                "\($0.reason.rawValue) \(Self.grouped($0.lines)) lines, \(Self.grouped($0.units)) units"
            }
            .joined(separator: "; ")
            text += ")"
        }
        text += "\n  shipped / capacity (* full; \(pricedWarehouses) with a positive capacity price):"
        for (index, id) in warehouseIds.enumerated() {
            let capacity = capacityByWarehouse[index].map(Self.grouped) ?? "unlimited"
            let mark = bindingWarehouses.contains(id) ? "*" : ""
            text += " \(id) \(Self.grouped(shippedByWarehouse[index]))/\(capacity)\(mark)"
        }
        return text
    }
}
