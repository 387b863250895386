import Forecasting
import PlannerCore
import Storage

/// The rows of a stage's tables (`planner_stage.sku_forecasts`, `planner_stage.pooling_totals`) and back, bit for
/// bit: every Double is written in the shortest form that reads back as the same value (`-0`, `Infinity` and `NaN`
/// included, as PostgreSQL spells them), so the merge computes on exactly the numbers the shards computed.
enum StageRows {
    // MARK: - Values

    static func text(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        return "\(value)"
    }

    static func text(_ value: Double?) -> String? { value.map(text) }

    /// `{1.5,2,NULL}`.
    static func array(_ values: [Double?]) -> String {
        "{" + values.map { $0.map(text) ?? "NULL" }.joined(separator: ",") + "}"
    }

    static func array(_ values: [Double]) -> String {
        "{" + values.map(text).joined(separator: ",") + "}"
    }

    static func array(_ values: [Int64]) -> String {
        "{" + values.map(String.init).joined(separator: ",") + "}"
    }

    static func double(_ text: String?, _ column: String) throws -> Double {
        guard let text, let value = Double(text) else {
            throw StageReadError("\(column): not a number: \(text ?? "NULL")")
        }
        return value
    }

    static func optionalDouble(_ text: String?, _ column: String) throws -> Double? {
        try text.map { try double($0, column) }
    }

    static func int(_ text: String?, _ column: String) throws -> Int {
        guard let text, let value = Int(text) else {
            throw StageReadError("\(column): not a whole number: \(text ?? "NULL")")
        }
        return value
    }

    /// The elements of a one-dimensional array as PostgreSQL prints it (numbers and NULL, no quoting needed).
    static func elements(_ text: String?, _ column: String) throws -> [Substring] {
        guard let text, text.hasPrefix("{"), text.hasSuffix("}") else {
            throw StageReadError("\(column): not an array: \(text ?? "NULL")")
        }
        let inner = text.dropFirst().dropLast()
        return inner.isEmpty ? [] : inner.split(separator: ",", omittingEmptySubsequences: false)
    }

    static func doubles(_ text: String?, _ column: String) throws -> [Double] {
        try elements(text, column).map { element in
            guard let value = Double(element) else { throw StageReadError("\(column): '\(element)' is not a number") }
            return value
        }
    }

    static func optionalDoubles(_ text: String?, _ column: String) throws -> [Double?] {
        try elements(text, column).map { element in
            if element == "NULL" { return nil }
            guard let value = Double(element) else { throw StageReadError("\(column): '\(element)' is not a number") }
            return value
        }
    }

    static func wholeNumbers(_ text: String?, _ column: String, count: Int) throws -> [Int64] {
        let values = try elements(text, column).map { element in
            guard let value = Int64(element) else {
                throw StageReadError("\(column): '\(element)' is not a whole number")
            }
            return value
        }
        guard values.count == count else {
            throw StageReadError("\(column): \(values.count) values, expected \(count)")
        }
        return values
    }

    // MARK: - SKU records

    /// Position of each column in ``PlannerDatabase/stagedSKUColumns``.
    static let columnIndex = Dictionary(
        uniqueKeysWithValues: PlannerDatabase.stagedSKUColumns.enumerated().map { ($1, $0) }
    )

    /// The row of `planner_stage.sku_forecasts` (``PlannerDatabase/stagedSKUColumns``) of one SKU.
    static func row(of sku: StagedSKU, dataSet: DataSet) -> [String?] {
        var row: [String?] = [dataSet.skus[sku.skuIndex].id, text(sku.revenue), text(sku.weeklyCV)]
        if let forecast = sku.forecast {
            let backtest = forecast.selected.backtest
            row += [
                forecast.demandClass.rawValue, text(forecast.statistics.averageDemandInterval),
                text(forecast.statistics.squaredVariation), String(forecast.statistics.demandDays),
                forecast.selected.model.rawValue, forecast.selected.parameters, backtest.map { String($0.count) },
                text(backtest?.meanAbsoluteError), text(backtest?.rootMeanSquaredError), text(backtest?.bias),
                text(backtest?.meanAbsoluteScaledError), text(backtest?.rootMeanSquaredScaledError),
                array(forecast.selected.baselineUnitsPerDay), array(forecast.cumulativeErrorSD),
                array((0..<4).map { forecast.errorQuantiles[$0] }), array(forecast.eventActualUnits),
                array(forecast.eventBaselineUnits), text(forecast.dispersion), forecast.regionShares.map(array),
            ]
        } else {
            row += Array(repeating: nil, count: 19)
        }
        if let estimate = sku.returnEstimate {
            row += [
                text(estimate.rate), text(estimate.lag.meanDays), estimate.source.rawValue,
                String(estimate.returnedUnits),
                array(ReturnGrade.allCases.map { estimate.gradeShares[$0] ?? 0 }),
            ]
        } else {
            row += [nil, nil, nil, nil, nil]
        }
        if sku.returnStates.isEmpty {
            row.append(nil)
        } else {
            row.append(
                array(
                    dataSet.regions.indices.flatMap { region -> [Double?] in
                        guard let state = sku.returnStates[region] else { return [nil, nil] }
                        return [state[0], state[1]]
                    }
                )
            )
        }
        row += [sku.lastSaleDaysAgo.map(String.init), array(sku.recentUnits)]
        return row
    }

    /// The SKU record of a row read back (its shard first, then ``PlannerDatabase/stagedSKUColumns``).
    static func sku(from row: [String?], dataSet: DataSet) throws -> (shard: Int, sku: StagedSKU) {
        let columns = PlannerDatabase.stagedSKUColumns
        guard row.count == columns.count + 1 else {
            throw StageReadError("a row of \(row.count) values, expected \(columns.count + 1)")
        }
        func value(_ name: String) -> String? { row[columnIndex[name]! + 1] }
        let shard = try int(row[0], "shard")
        guard let id = value("sku"), let index = dataSet.skuIndexByID[id] else {
            throw StageReadError("sku '\(value("sku") ?? "NULL")' is not in skus.csv")
        }
        var forecast: SKUModelResult? = nil
        if let model = value("model") {
            guard let kind = ForecastModelKind(rawValue: model),
                let demandClass = value("demand_class").flatMap(DemandClass.init(rawValue:))
            else { throw StageReadError("sku '\(id)': unknown model '\(model)' or demand class") }
            let backtest = try value("backtest_count").map { count in
                ForecastAccuracy(
                    count: try int(count, "backtest_count"),
                    meanAbsoluteError: try double(value("backtest_mae"), "backtest_mae"),
                    rootMeanSquaredError: try double(value("backtest_rmse"), "backtest_rmse"),
                    bias: try double(value("backtest_bias"), "backtest_bias"),
                    meanAbsoluteScaledError: try optionalDouble(value("backtest_mase"), "backtest_mase"),
                    rootMeanSquaredScaledError: try optionalDouble(value("backtest_rmsse"), "backtest_rmsse")
                )
            }
            let quantiles = try doubles(value("error_quantiles"), "error_quantiles")
            guard quantiles.count == 4 else { throw StageReadError("sku '\(id)': error_quantiles needs 4 values") }
            forecast = SKUModelResult(
                skuIndex: index,
                statistics: DemandPatternStatistics(
                    averageDemandInterval: try double(value("adi"), "adi"),
                    squaredVariation: try double(value("cv2"), "cv2"),
                    demandDays: try int(value("demand_days"), "demand_days")
                ),
                demandClass: demandClass,
                selected: CandidateForecast(
                    model: kind,
                    parameters: value("parameters") ?? "",
                    backtest: backtest,
                    baselineUnitsPerDay: try doubles(value("baseline"), "baseline")
                ),
                cumulativeErrorSD: try doubles(value("cumulative_error_sd"), "cumulative_error_sd"),
                errorQuantiles: SIMD4(quantiles[0], quantiles[1], quantiles[2], quantiles[3]),
                eventActualUnits: try doubles(value("event_actual"), "event_actual"),
                eventBaselineUnits: try doubles(value("event_baseline"), "event_baseline"),
                dispersion: try double(value("dispersion"), "dispersion"),
                regionShares: try value("region_shares").map { try doubles($0, "region_shares") }
            )
        }
        var estimate: ReturnEstimate? = nil
        if let rate = value("return_rate") {
            guard let source = value("return_source").flatMap(ReturnEstimateSource.init(rawValue:)) else {
                throw StageReadError("sku '\(id)': unknown return_source")
            }
            let shares = try doubles(value("return_grade_shares"), "return_grade_shares")
            guard shares.count == ReturnGrade.allCases.count else {
                throw StageReadError("sku '\(id)': return_grade_shares needs \(ReturnGrade.allCases.count) values")
            }
            estimate = ReturnEstimate(
                skuIndex: index,
                rate: try double(rate, "return_rate"),
                lag: ReturnLag(meanDays: try double(value("return_lag_days"), "return_lag_days")),
                source: source,
                returnedUnits: try int(value("returned_units"), "returned_units"),
                gradeShares: Dictionary(uniqueKeysWithValues: zip(ReturnGrade.allCases, shares))
            )
        }
        var states: [Int: SIMD2<Double>] = [:]
        if let text = value("return_states") {
            let values = try optionalDoubles(text, "return_states")
            guard values.count == 2 * dataSet.regions.count else {
                throw StageReadError("sku '\(id)': return_states needs 2 values per region")
            }
            for region in dataSet.regions.indices {
                if let a = values[2 * region], let x = values[2 * region + 1] { states[region] = SIMD2(a, x) }
            }
        }
        var staged = StagedSKU(
            skuIndex: index,
            revenue: try double(value("revenue"), "revenue"),
            weeklyCV: try optionalDouble(value("weekly_cv"), "weekly_cv"),
            forecast: forecast,
            returnEstimate: estimate,
            returnStates: states
        )
        staged.lastSaleDaysAgo = try value("last_sale_days_ago").map { try int($0, "last_sale_days_ago") }
        staged.recentUnits = try wholeNumbers(
            value("recent_units"),
            "recent_units",
            count: InventoryHealth.historyDays
        )
        return (shard, staged)
    }

    // MARK: - Pooling totals

    /// The rows of `planner_stage.pooling_totals` (``PlannerDatabase/poolingTotalsColumns``), one per category.
    static func rows(of totals: PoolingTotals) -> [[String?]] {
        let days = totals.historyDays
        let grades = ReturnGrade.allCases.count
        return totals.categories.indices.map { category in
            func slice(_ values: [Int64], width: Int) -> String {
                array(Array(values[(category * width)..<((category + 1) * width)]))
            }
            return [
                totals.categories[category], String(totals.establishedSKUs[category]),
                slice(totals.establishedUnits, width: days), String(totals.earliestCohortSKUs[category]),
                slice(totals.earliestCohortUnits, width: days), slice(totals.weekdayUnits, width: 7),
                slice(totals.categorySales, width: ReturnModel.span),
                slice(totals.categoryReturns, width: ReturnModel.lagWindowDays),
                slice(totals.categoryGraded, width: grades),
            ]
        }
    }

    /// One shard's totals from its rows (its shard first, then ``PlannerDatabase/poolingTotalsColumns``) and the
    /// scalars of its `totals` step.
    static func totals(
        rows: [[String?]],
        shard: StageShardRecord,
        planDate: Day,
        settings: ForecastSettings,
        categories: [String]
    ) throws -> PoolingTotals {
        var totals = PoolingTotals(planDate: planDate, settings: settings, categories: categories)
        totals.earliestDemandDay = shard.earliestDemandDate?.daysSinceEpoch
        totals.returnRows = Int64(shard.returnRows ?? 0)
        guard rows.count == categories.count else {
            throw StageReadError(
                "shard \(shard.shard) stored totals of \(rows.count) categories, skus.csv has \(categories.count)"
            )
        }
        let days = totals.historyDays
        let grades = ReturnGrade.allCases.count
        for row in rows {
            guard row.count == PlannerDatabase.poolingTotalsColumns.count + 1, let name = row[1],
                let category = categories.firstIndex(of: name)
            else { throw StageReadError("shard \(shard.shard): totals of a category skus.csv does not have") }
            func store(_ values: [Int64], into field: inout [Int64], width: Int) {
                for (offset, value) in values.enumerated() { field[category * width + offset] = value }
            }
            totals.establishedSKUs[category] = Int64(try int(row[2], "established_skus"))
            store(
                try wholeNumbers(row[3], "established_units", count: days),
                into: &totals.establishedUnits,
                width: days
            )
            totals.earliestCohortSKUs[category] = Int64(try int(row[4], "earliest_cohort_skus"))
            store(
                try wholeNumbers(row[5], "earliest_cohort_units", count: days),
                into: &totals.earliestCohortUnits,
                width: days
            )
            store(try wholeNumbers(row[6], "weekday_units", count: 7), into: &totals.weekdayUnits, width: 7)
            store(
                try wholeNumbers(row[7], "sales_units", count: ReturnModel.span),
                into: &totals.categorySales,
                width: ReturnModel.span
            )
            store(
                try wholeNumbers(row[8], "returned_units", count: ReturnModel.lagWindowDays),
                into: &totals.categoryReturns,
                width: ReturnModel.lagWindowDays
            )
            store(try wholeNumbers(row[9], "graded_units", count: grades), into: &totals.categoryGraded, width: grades)
        }
        return totals
    }
}

extension StageRows {
    // MARK: - Rate-weighted sales

    /// The rows of `planner_stage.rate_weighted_sales` (``PlannerDatabase/rateWeightedSalesColumns``): one per
    /// category with any weighted sales.
    static func rows(of weighted: RateWeightedSales) -> [[String?]] {
        weighted.categories.indices.compactMap { category in
            let values = weighted.scaledUnits(ofCategory: category)
            guard values.contains(where: { $0 != 0 }) else { return nil }
            return [weighted.categories[category], "{" + values.map(String.init).joined(separator: ",") + "}"]
        }
    }

    /// The rate-weighted sales of every shard added up, from their rows (the shard, then
    /// ``PlannerDatabase/rateWeightedSalesColumns``).
    static func weightedSales(rows: [[String?]], categories: [String]) throws -> RateWeightedSales {
        var parts: [RateWeightedSales] = []
        for row in rows {
            guard row.count == PlannerDatabase.rateWeightedSalesColumns.count + 1, let name = row[1],
                let category = categories.firstIndex(of: name)
            else { throw StageReadError("rate-weighted sales of a category skus.csv does not have") }
            let values = try elements(row[2], "scaled_units").map { element in
                guard let value = Int128(element) else {
                    throw StageReadError("scaled_units: '\(element)' is not a whole number")
                }
                return value
            }
            guard values.count == ReturnModel.span else {
                throw StageReadError("scaled_units: \(values.count) values, expected \(ReturnModel.span)")
            }
            var part = RateWeightedSales(categories: categories)
            part.set(category: category, scaledUnits: values)
            parts.append(part)
        }
        return RateWeightedSales.merged(parts) ?? RateWeightedSales(categories: categories)
    }
}

/// A stage row that cannot be read back (it was not written by this planner, or the table was edited).
struct StageReadError: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
