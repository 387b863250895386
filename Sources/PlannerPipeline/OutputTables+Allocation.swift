import Allocation
import PlannerCore

/// The allocation's tables: lines, unfilled lines, explanations, service KPIs, the solve, dispatch plans.
extension PlanResult {
    var allocationTables: [OutputTable] {
        [allocationsTable, unfilledTable, explanationsTable, serviceKPIsTable, allocationSolveTable, dispatchTable]
    }

    var allocationsTable: OutputTable {
        let lines = allocation.allocated
        let data = input.dataSet
        let planDate = input.planDate
        let columns = [
            "order_id", "sku", "warehouse", "region", "qty", "transit_days", "cost_per_unit", "carrier", "ship_date",
            "promise_date", "days_late",
        ]
        return OutputTable(name: "allocations", columns: columns, rowCount: lines.count) { emit in
            for line in lines {
                let order = data.orders[line.orderIndex]
                try emit([
                    order.orderId, data.skus[order.skuIndex].id, data.warehouses[line.warehouseIndex].id,
                    data.regions[order.regionIndex].id, String(line.quantity), String(line.transitDays),
                    format(line.costPerUnit), line.carrier, planDate.adding(days: line.shipDayOffset).description,
                    order.promiseDate?.description, line.daysLate.map(String.init),
                ])
            }
        }
    }

    var unfilledTable: OutputTable {
        let lines = allocation.unfilled
        let data = input.dataSet
        return OutputTable(
            name: "unfilled_lines",
            columns: ["order_id", "sku", "region", "qty", "reason"],
            rowCount: lines.count
        ) { emit in
            for line in lines {
                let order = data.orders[line.orderIndex]
                try emit([
                    order.orderId, data.skus[order.skuIndex].id, data.regions[order.regionIndex].id,
                    String(line.quantity), line.reason.rawValue,
                ])
            }
        }
    }

    var explanationsTable: OutputTable {
        let rows = allocation.explanations
        let data = input.dataSet
        let planDate = input.planDate
        let columns = [
            "order_id", "sku", "region", "warehouse", "qty", "outcome", "lane_cost_per_unit", "runner_up_warehouse",
            "runner_up_lane_cost_per_unit", "marginal_cost_per_unit", "binding", "binding_warehouse", "unfilled_reason",
            "ship_date", "runner_up_ship_date",
        ]
        return OutputTable(name: "allocation_explanations", columns: columns, rowCount: rows.count) { emit in
            func warehouse(_ index: Int?) -> String? { index.map { data.warehouses[$0].id } }
            for row in rows {
                let order = data.orders[row.orderIndex]
                try emit([
                    order.orderId, data.skus[order.skuIndex].id, data.regions[order.regionIndex].id,
                    warehouse(row.warehouseIndex), String(row.quantity), row.outcome.rawValue,
                    row.laneCostPerUnit.map(format), warehouse(row.runnerUpWarehouseIndex),
                    row.runnerUpLaneCostPerUnit.map(format), row.marginalCostPerUnit.map(format),
                    row.binding?.rawValue, warehouse(row.bindingWarehouseIndex), row.unfilledReason?.rawValue,
                    row.shipDayOffset.map { planDate.adding(days: $0).description },
                    row.runnerUpShipDayOffset.map { planDate.adding(days: $0).description },
                ])
            }
        }
    }

    var serviceKPIsTable: OutputTable {
        let rows = serviceKPIs
        let data = input.dataSet
        let columns = [
            "region", "units_total", "units_next_day", "orders_total", "orders_next_day", "unit_share_next_day",
            "order_share_next_day", "min_next_day_share", "target_met", "split_orders", "shipments",
        ]
        return OutputTable(name: "service_kpis", columns: columns, rowCount: rows.count) { emit in
            for row in rows {
                try emit([
                    row.regionIndex.map { data.regions[$0].id }, String(row.unitsTotal), String(row.unitsNextDay),
                    String(row.ordersTotal), String(row.ordersNextDay), format(row.unitShareNextDay),
                    format(row.orderShareNextDay), row.minimumNextDayShare.map(format), row.targetMet.map(String.init),
                    String(row.splitOrders), String(row.shipments),
                ])
            }
        }
    }

    var allocationSolveTable: OutputTable {
        let allocation = self.allocation
        let columns = ["solver_path", "objective", "solve_seconds", "iterations", "mip_gap", "horizon_days", "status"]
        return OutputTable(name: "allocation_solves", columns: columns, rowCount: 1) { emit in
            try emit([
                allocation.solverPath.rawValue, format(allocation.objective), format(allocation.solveSeconds),
                String(allocation.flowStatistics.iterations), allocation.mipGap.map(format),
                String(allocation.horizonDays), allocation.solverStatus.rawValue,
            ])
        }
    }

    var dispatchTable: OutputTable {
        let rows = dispatch
        let data = input.dataSet
        let columns = ["carrier", "warehouse", "ship_date", "region", "order_lines", "units"]
        return OutputTable(name: "dispatch_plans", columns: columns, rowCount: rows.count) { emit in
            for row in rows {
                try emit([
                    row.carrier, data.warehouses[row.warehouseIndex].id, row.shipDate.description,
                    data.regions[row.regionIndex].id, String(row.orderLines), String(row.units),
                ])
            }
        }
    }
}
