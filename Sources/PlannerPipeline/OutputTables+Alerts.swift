import PlannerCore

extension PlanResult {
    /// One row per breach of `alerts:`, in ``AlertReport`` order; no rows when nothing was checked or breached.
    var alertsTable: OutputTable {
        let breaches = alerts?.breaches ?? []
        return OutputTable(
            name: "alerts",
            columns: ["alert", "region", "sku", "warehouse", "supplier", "observed", "threshold", "message"],
            rowCount: breaches.count
        ) { emit in
            for breach in breaches {
                try emit([
                    breach.kind.rawValue, breach.region, breach.sku, breach.warehouse, breach.supplier,
                    format(breach.observed), breach.threshold.map(format), breach.message,
                ])
            }
        }
    }
}
