import PlannerCore

/// The inventory-health tables of a plan run: operating KPIs, the stress test, the stock projection, the
/// history the report draws against, and the scenario's events.
extension PlanResult {
    var healthTables: [OutputTable] {
        guard let health else { return [] }
        let data = input.dataSet
        let kpis = health.kpis
        let loads = health.loads
        let regions = health.regionService
        let planDate = input.planDate
        let classA = health.classAProjections
        let history = health.skuHistory
        let historyStart = health.historyStart
        let events = health.events
        let stockUnits = health.warehouseStockUnits
        let stockValue = health.warehouseStockValue
        let horizon = input.scenario.horizonDays
        return [
            OutputTable(name: "operating_kpis", columns: ["abc_class", "kpi", "value", "unit"], rowCount: kpis.count) {
                emit in
                for row in kpis {
                    try emit([row.abcClass?.rawValue, row.kpi.rawValue, formatFinite(row.value), row.kpi.unit])
                }
            },
            OutputTable(
                name: "warehouse_load",
                columns: ["warehouse", "date", "forecast_units", "capacity_units", "over_capacity_units"],
                rowCount: loads.count
            ) { emit in
                for row in loads {
                    try emit([
                        data.warehouses[row.warehouseIndex].id, row.day.description, format(row.forecastUnits),
                        row.capacityUnits.map(String.init), format(row.overUnits),
                    ])
                }
            },
            OutputTable(
                name: "region_next_day",
                columns: [
                    "region", "date", "forecast_units", "next_day_units", "next_day_share", "min_next_day_share",
                    "below_target",
                ],
                rowCount: regions.count
            ) { emit in
                for row in regions {
                    try emit([
                        data.regions[row.regionIndex].id, row.day.description, format(row.forecastUnits),
                        format(row.nextDayUnits), format(row.share), row.target.map(format),
                        row.belowTarget.map { $0 ? "true" : "false" },
                    ])
                }
            },
            OutputTable(
                name: "warehouse_stock",
                columns: ["warehouse", "date", "on_hand_units", "on_hand_value"],
                rowCount: data.warehouses.count * horizon
            ) { emit in
                for warehouse in data.warehouses.indices {
                    for offset in 0..<horizon {
                        try emit([
                            data.warehouses[warehouse].id, planDate.adding(days: offset).description,
                            format(stockUnits[warehouse][offset]), format(stockValue[warehouse][offset]),
                        ])
                    }
                }
            },
            OutputTable(
                name: "stock_projection",
                columns: ["sku", "warehouse", "date", "on_hand", "backlog"],
                rowCount: classA.reduce(0) { $0 + $1.netUnitsPerDay.count }
            ) { emit in
                let days = (0..<horizon).map { planDate.adding(days: $0).description }
                for projection in classA {
                    let sku = data.skus[projection.skuIndex].id
                    let warehouse = data.warehouses[projection.warehouseIndex].id
                    for (offset, net) in projection.netUnitsPerDay.enumerated() {
                        try emit([sku, warehouse, days[offset], format(max(0, net)), format(max(0, -net))])
                    }
                }
            },
            OutputTable(
                name: "sku_history",
                columns: ["sku", "date", "units"],
                rowCount: history.reduce(0) { $0 + $1.units.count }
            ) { emit in
                for (skuIndex, units) in history {
                    for (offset, value) in units.enumerated() {
                        try emit([
                            data.skus[skuIndex].id, historyStart.adding(days: offset).description, format(value),
                        ])
                    }
                }
            },
            OutputTable(
                name: "scenario_events",
                columns: ["event_number", "kind", "first_day", "last_day", "detail"],
                rowCount: events.count
            ) { emit in
                for event in events {
                    try emit([
                        String(event.number), event.kind, event.from?.description, event.to?.description,
                        event.detail,
                    ])
                }
            },
        ]
    }
}
