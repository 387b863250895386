import Allocation
import PlannerCore

/// Presale rows (plan runs): which unfilled units are sold ahead against which receipt, promised when.
extension PlanResult {
    var presaleTable: OutputTable {
        let rows = presold
        let data = input.dataSet
        let columns = ["order_id", "sku", "region", "warehouse", "qty", "receipt_date", "promise_date"]
        return OutputTable(name: "presale_lines", columns: columns, rowCount: rows.count) { emit in
            for row in rows {
                let order = data.orders[row.orderIndex]
                try emit([
                    order.orderId, data.skus[order.skuIndex].id, data.regions[order.regionIndex].id,
                    data.warehouses[row.warehouseIndex].id, String(row.quantity), row.receiptDate.description,
                    row.promiseDate.description,
                ])
            }
        }
    }
}
