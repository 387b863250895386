import Allocation
import Foundation
import PlannerCore

/// The whole plan of one allocation as text, one line per allocated line, unfilled line and explanation,
/// so that the plans of two builds can be compared with `cmp` (`planner-bench allocate --dump FILE`).
enum AllocationPlanDump {
    static func text(_ result: AllocationResult, dataSet: DataSet, title: String) -> String {
        var lines = ["# \(title): objective \(String(format: "%.6f", result.objective))"]
        lines.reserveCapacity(result.allocated.count + result.unfilled.count + result.explanations.count + 1)
        for line in result.allocated {
            let order = dataSet.orders[line.orderIndex]
            lines.append(
                "A \(order.orderId) \(dataSet.skus[line.skuIndex].id) \(dataSet.warehouses[line.warehouseIndex].id) "
                    + "day \(line.shipDayOffset) qty \(line.quantity)"
            )
        }
        for line in result.unfilled {
            let order = dataSet.orders[line.orderIndex]
            lines.append(
                "U \(order.orderId) \(dataSet.skus[line.skuIndex].id) qty \(line.quantity) \(line.reason.rawValue)"
            )
        }
        func warehouse(_ index: Int?) -> String { index.map { dataSet.warehouses[$0].id } ?? "-" }
        for row in result.explanations {
            let order = dataSet.orders[row.orderIndex]
            let marginal = row.marginalCostPerUnit.map { String(format: "%.6f", $0) } ?? "-"
            lines.append(
                "E \(order.orderId) \(dataSet.skus[order.skuIndex].id) \(warehouse(row.warehouseIndex)) "
                    + "runner-up \(warehouse(row.runnerUpWarehouseIndex)) marginal \(marginal) "
                    + "binding \(row.binding?.rawValue ?? "-") \(warehouse(row.bindingWarehouseIndex))"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
