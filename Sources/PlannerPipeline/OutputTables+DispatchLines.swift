import Allocation
import PlannerCore

extension PlanResult {
    /// One row per allocated line (order line, warehouse, ship day), in allocation order, for the carrier of its
    /// lane: the order line's number within its order, its promise date (the day after the order date when
    /// orders.csv gives none, as the data contract reads a blank), and its weight and volume (qty x the SKU's unit
    /// values, rounded to grams and millilitres; NULL when skus.csv does not give them).
    var dispatchLinesTable: OutputTable {
        let lines = allocation.allocated
        let data = input.dataSet
        let planDate = input.planDate
        let columns = [
            "carrier", "warehouse", "ship_date", "region", "order_id", "line", "sku", "qty", "promise_date",
            "weight_kg",
            "volume_l",
        ]
        return OutputTable(name: "dispatch_lines", columns: columns, rowCount: lines.count) { emit in
            let lineNumbers = DispatchPlanner.orderLineNumbers(data.orders)
            func thousandths(_ unitValue: Double?, _ quantity: Int) -> String? {
                unitValue.map { format((Double(quantity) * $0 * 1000).rounded() / 1000) }
            }
            for line in lines {
                let order = data.orders[line.orderIndex]
                let sku = data.skus[order.skuIndex]
                try emit([
                    line.carrier, data.warehouses[line.warehouseIndex].id,
                    planDate.adding(days: line.shipDayOffset).description, data.regions[order.regionIndex].id,
                    order.orderId, String(lineNumbers[line.orderIndex]), sku.id, String(line.quantity),
                    (order.promiseDate ?? order.orderDate.adding(days: 1)).description,
                    thousandths(sku.unitWeightKg, line.quantity),
                    thousandths(sku.unitVolumeLitres, line.quantity),
                ])
            }
        }
    }
}
