import PlannerCore

/// The files of `planner backtest --out`, one row per SKU and candidate model, so that every figure can
/// be recomputed independently: `metrics.csv` (sku, model, selected, mae, rmse, bias, mase, rmsse),
/// `forecasts.csv` (sku, date, model, selected, forecast, actual) and `summary.csv` (class, model, skus,
/// mae, rmse, bias, mase, rmsse). Numbers are in shortest round-trip form, an empty MASE or RMSSE means a
/// zero naive scale, and class `all` is every SKU.
public enum BacktestCSV {
    public static let metricsHeader = ["sku", "model", "selected", "mae", "rmse", "bias", "mase", "rmsse", "class"]
    public static let forecastsHeader = ["sku", "date", "model", "selected", "forecast", "actual"]
    public static let summaryHeader = ["class", "model", "skus", "mae", "rmse", "bias", "mase", "rmsse"]

    /// Writes the three files into the existing folder `directory`, rows in SKU index order, models in
    /// ``ForecastModelKind`` order, days ascending.
    public static func write(_ result: HoldoutBacktestResult, dataSet: DataSet, to directory: String) throws {
        let metrics = try CSVByteWriter(path: directory + "/metrics.csv")
        try metrics.row(metricsHeader)
        let forecasts = try CSVByteWriter(path: directory + "/forecasts.csv")
        try forecasts.row(forecastsHeader)
        let start = result.planDate.daysSinceEpoch
        for sku in result.skus {
            let id = CSVField.encode(dataSet.skus[sku.skuIndex].id)
            for model in sku.models {
                try id.withUnsafeBufferPointer { try metrics.append($0) }
                let accuracy = model.accuracy
                try metrics.finishRow(
                    [
                        model.model.rawValue, String(model.isSelected), number(accuracy.meanAbsoluteError),
                        number(accuracy.rootMeanSquaredError), number(accuracy.bias),
                        accuracy.meanAbsoluteScaledError.map(number) ?? "",
                        accuracy.rootMeanSquaredScaledError.map(number) ?? "", sku.demandClass.rawValue,
                    ]
                )
            }
            for offset in 0..<result.holdoutDays {
                for model in sku.models {
                    try id.withUnsafeBufferPointer { try forecasts.append($0) }
                    forecasts.comma()
                    forecasts.day(daysSinceEpoch: start + offset)
                    try forecasts.finishRow(
                        [
                            model.model.rawValue, String(model.isSelected), number(model.unitsPerDay[offset]),
                            number(sku.actualUnitsPerDay[offset]),
                        ]
                    )
                }
            }
        }
        try metrics.close()
        try forecasts.close()

        let summary = try CSVByteWriter(path: directory + "/summary.csv")
        try summary.row(summaryHeader)
        for row in result.summary.rows {
            try summary.row([
                row.demandClass?.rawValue ?? "all", row.model.description, String(row.skuCount),
                number(row.meanAbsoluteError), number(row.rootMeanSquaredError), number(row.bias),
                row.meanAbsoluteScaledError.map(number) ?? "", row.rootMeanSquaredScaledError.map(number) ?? "",
            ])
        }
        try summary.close()
    }

    public static let returnsHeader = ["sku", "forecast_units", "actual_units", "mae", "rmse", "bias"]

    /// Writes `returns.csv` into `directory`: per SKU with a return estimate, the holdout's forecast and actual
    /// returned units and the daily MAE, RMSE and bias (forecast - actual).
    public static func write(_ result: ReturnsBacktestResult, dataSet: DataSet, to directory: String) throws {
        let writer = try CSVByteWriter(path: directory + "/returns.csv")
        try writer.row(returnsHeader)
        for sku in result.skus {
            try writer.row([
                dataSet.skus[sku.skuIndex].id, number(sku.forecastUnits.reduce(0, +)),
                number(sku.actualUnits.reduce(0, +)),
                number(sku.accuracy.meanAbsoluteError), number(sku.accuracy.rootMeanSquaredError),
                number(sku.accuracy.bias),
            ])
        }
        try writer.close()
    }

    /// Shortest text that reads back as the same Double: `12` for whole values, else Swift's shortest
    /// round-trip form (`0.1`, `1e-05`).
    public static func number(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
        return value.description
    }
}

extension CSVByteWriter {
    /// Appends `,field,field...` after fields already written, and ends the row.
    fileprivate func finishRow(_ fields: [String]) throws {
        for text in fields {
            comma()
            try field(text)
        }
        try endRow()
    }
}
