import Forecasting
import PlannerCore

extension PlanResult {
    /// One row per (sku, serving warehouse, 7-day week from the plan date, grade) with expected returned units
    /// above 0.0005: the week's returns times the grade's share, valued at the SKU's unit cost. `sellable_from`
    /// (resellable rows) is the week's first day + returns.grading_days.
    var returnsForecastTable: OutputTable {
        let data = input.dataSet
        var rows: [[String?]] = []
        if let returns {
            let weeks = (returns.horizonDays + 6) / 7
            for series in returns.series {
                guard let estimate = returns.model.estimates[series.skuIndex] else { continue }
                let sku = data.skus[series.skuIndex]
                for week in 0..<weeks {
                    let days = (week * 7)..<min(returns.horizonDays, week * 7 + 7)
                    let total = days.reduce(0.0) { $0 + series.unitsPerDay[$1] }
                    let start = returns.startDay.adding(days: week * 7)
                    for grade in ReturnGrade.allCases {
                        let units = total * returns.share(of: grade, skuIndex: series.skuIndex)
                        guard units > 0.0005 else { continue }
                        rows.append([
                            sku.id, data.warehouses[series.warehouseIndex].id, start.description, grade.rawValue,
                            format(units), format(units * sku.unitCost),
                            grade == .resellable ? start.adding(days: returns.gradingDays).description : nil,
                            format(estimate.rate), format(estimate.lag.meanDays), estimate.source.rawValue,
                        ])
                    }
                }
            }
        }
        let finished = rows
        return OutputTable(
            name: "returns_forecast",
            columns: [
                "sku", "warehouse", "week_start", "grade", "units", "value", "sellable_from", "return_rate",
                "mean_lag_days", "rate_source",
            ],
            rowCount: finished.count
        ) { emit in
            for row in finished { try emit(row) }
        }
    }
}
