import Forecasting
import PlannerCore
import Testing

@Suite struct HoldoutBacktestTests {
    static func isClose(_ lhs: Double?, _ rhs: Double?, tolerance: Double = 1e-12) -> Bool {
        guard let lhs, let rhs else { return lhs == nil && rhs == nil }
        return abs(lhs - rhs) <= tolerance * max(1, abs(lhs), abs(rhs))
    }

    // MARK: metrics of one forecast, by hand

    @Test func metricsOfAConstantForecastByHand() {
        // Actual 3 0 5 2 against 2 a day: errors (actual - forecast) 1 -2 3 0.
        // History 1 3 2 2 4: one-step differences 2 -1 0 2, mean |d| = 5/4, mean d^2 = 9/4.
        let scored = ModelHoldoutForecast(
            model: .naive,
            isSelected: true,
            unitsPerDay: [2, 2, 2, 2],
            actualUnitsPerDay: [3, 0, 5, 2],
            scale: NaiveScale(values: [1, 3, 2, 2, 4])
        )
        #expect(scored.accuracy.count == 4)
        #expect(scored.accuracy.meanAbsoluteError == 1.5)  // 6 / 4
        #expect(Self.isClose(scored.accuracy.rootMeanSquaredError, (14.0 / 4).squareRoot()))
        #expect(scored.accuracy.bias == -0.5)  // mean forecast - actual = (8 - 10) / 4
        #expect(Self.isClose(scored.accuracy.meanAbsoluteScaledError, 1.2))  // 1.5 / 1.25
        #expect(Self.isClose(scored.accuracy.rootMeanSquaredScaledError, (3.5).squareRoot() / 1.5))
    }

    @Test func aConstantHistoryHasNoScaledErrors() {
        let scored = ModelHoldoutForecast(
            model: .croston,
            isSelected: true,
            unitsPerDay: [3, 3],
            actualUnitsPerDay: [0, 6],
            scale: NaiveScale(values: [3, 3, 3])
        )
        #expect(scored.accuracy.meanAbsoluteError == 3)
        #expect(scored.accuracy.meanAbsoluteScaledError == nil)
        #expect(scored.accuracy.rootMeanSquaredScaledError == nil)
    }

    // MARK: aggregation, by hand

    /// Three SKUs, actual 4 4 (SKUs 0 and 1, history 0 2 0 2: mean |d| = 2, mean d^2 = 4) and 0 6 (SKU 2,
    /// constant history: no scale).
    static func handResults() -> [SKUHoldoutResult] {
        let scale = NaiveScale(values: [0, 2, 0, 2])
        let flat = NaiveScale(values: [3, 3, 3])
        func model(
            _ kind: ForecastModelKind,
            _ selected: Bool,
            _ units: [Double],
            _ actual: [Double],
            _ s: NaiveScale
        )
            -> ModelHoldoutForecast
        {
            ModelHoldoutForecast(
                model: kind,
                isSelected: selected,
                unitsPerDay: units,
                actualUnitsPerDay: actual,
                scale: s
            )
        }
        return [
            // naive 2 2: MAE 2, RMSE 2, bias -2, MASE 1; seasonal naive 4 4: all 0.
            SKUHoldoutResult(
                skuIndex: 0,
                demandClass: .smooth,
                actualUnitsPerDay: [4, 4],
                naiveScale: scale,
                models: [
                    model(.naive, true, [2, 2], [4, 4], scale), model(.seasonalNaive, false, [4, 4], [4, 4], scale),
                ]
            ),
            // naive 6 6: MAE 2, bias +2, MASE 1; seasonal naive 5 3: MAE 1, RMSE 1, bias 0, MASE 0.5.
            SKUHoldoutResult(
                skuIndex: 1,
                demandClass: .smooth,
                actualUnitsPerDay: [4, 4],
                naiveScale: scale,
                models: [
                    model(.naive, false, [6, 6], [4, 4], scale), model(.seasonalNaive, true, [5, 3], [4, 4], scale),
                ]
            ),
            // croston 3 3: MAE 3, RMSE 3, bias 0; seasonal naive 0 0: MAE 3, RMSE sqrt(18), bias -3.
            SKUHoldoutResult(
                skuIndex: 2,
                demandClass: .lumpy,
                actualUnitsPerDay: [0, 6],
                naiveScale: flat,
                models: [
                    model(.seasonalNaive, false, [0, 0], [0, 6], flat), model(.croston, true, [3, 3], [0, 6], flat),
                ]
            ),
        ]
    }

    @Test func summaryMeansPerClassAndOverallByHand() throws {
        let summary = BacktestSummary(Self.handResults())
        #expect(summary.demandClasses == [.smooth, .lumpy])
        #expect(summary.rows(for: .smooth).map(\.model) == [.selected, .model(.naive), .model(.seasonalNaive)])
        #expect(summary.rows(for: .lumpy).map(\.model) == [.selected, .model(.seasonalNaive), .model(.croston)])
        #expect(
            summary.rows(for: nil).map(\.model)
                == [.selected, .model(.naive), .model(.seasonalNaive), .model(.croston)]
        )
        #expect(
            summary.rows.map(\.demandClass) == [.smooth, .smooth, .smooth, .lumpy, .lumpy, .lumpy, nil, nil, nil, nil]
        )

        let smoothSelected = try #require(summary.row(.smooth, .selected))
        #expect(smoothSelected.skuCount == 2)
        #expect(smoothSelected.scaledSKUCount == 2)
        #expect(smoothSelected.meanAbsoluteError == 1.5)  // (2 + 1) / 2
        #expect(smoothSelected.rootMeanSquaredError == 1.5)  // (2 + 1) / 2
        #expect(smoothSelected.bias == -1)  // (-2 + 0) / 2
        #expect(smoothSelected.meanAbsoluteScaledError == 0.75)  // (1 + 0.5) / 2
        #expect(smoothSelected.rootMeanSquaredScaledError == 0.75)  // (2/2 + 1/2) / 2

        let smoothNaive = try #require(summary.row(.smooth, .model(.naive)))
        #expect(smoothNaive.meanAbsoluteError == 2)
        #expect(smoothNaive.bias == 0)  // (-2 + 2) / 2
        #expect(smoothNaive.meanAbsoluteScaledError == 1)
        let smoothSeasonal = try #require(summary.row(.smooth, .model(.seasonalNaive)))
        #expect(smoothSeasonal.meanAbsoluteScaledError == 0.25)  // (0 + 0.5) / 2
        // 0.75 / 0.25 - 1: the selected models were three times worse than seasonal naive here.
        #expect(summary.selectedMASEChangeVersusSeasonalNaive(demandClass: .smooth) == 2)

        let lumpySelected = try #require(summary.row(.lumpy, .selected))
        #expect(lumpySelected.skuCount == 1)
        #expect(lumpySelected.scaledSKUCount == 0)
        #expect(lumpySelected.meanAbsoluteScaledError == nil)
        #expect(lumpySelected.rootMeanSquaredScaledError == nil)
        #expect(summary.selectedMASEChangeVersusSeasonalNaive(demandClass: .lumpy) == nil)

        let all = try #require(summary.row(nil, .selected))
        #expect(all.skuCount == 3)
        #expect(all.scaledSKUCount == 2)
        #expect(all.meanAbsoluteError == 2)  // (2 + 1 + 3) / 3
        #expect(Self.isClose(all.bias, -2.0 / 3))
        #expect(all.meanAbsoluteScaledError == 0.75)  // the scaled SKUs only
        let allSeasonal = try #require(summary.row(nil, .model(.seasonalNaive)))
        #expect(allSeasonal.skuCount == 3)
        #expect(Self.isClose(allSeasonal.meanAbsoluteError, 4.0 / 3))  // (0 + 1 + 3) / 3
        #expect(Self.isClose(allSeasonal.rootMeanSquaredError, (0 + 1 + 18.0.squareRoot()) / 3))
        #expect(summary.row(nil, .model(.croston))?.skuCount == 1)
        #expect(summary.selectedMASEChangeVersusSeasonalNaive(demandClass: nil) == 2)
    }

    // MARK: through the forecaster

    static let firstDay = day("2024-01-01")
    static let historyDays = 140
    static let holdoutDays = 10
    static let eventDays = [20, 55, 90, 143]
    /// SKU 1's units on the 10 days before the plan date.
    static let newSKUHistory: [Int] = Array(1...10)

    /// SKU 0: a weekly pattern in R0 (doubled on promo days) plus 1 a day in R1 but every 11th day; SKU 1:
    /// new, selling 1, 2, ..., 10 on the last ten history days and 6 a day in the holdout; SKU 2 sells only
    /// in the holdout. A `promo` event on history days 20, 55, 90 and holdout day 3.
    static func dataSet() -> DataSet {
        let pattern = [5, 6, 7, 8, 9, 3, 2]
        var rows: [(sku: Int, region: Int, day: Day, qty: Int)] = []
        for offset in 0..<(historyDays + holdoutDays) {
            let date = firstDay.adding(days: offset)
            let promo = eventDays.contains(offset) ? 2 : 1
            rows.append((0, 0, date, pattern[offset % 7] * promo))
            if offset % 11 != 0 { rows.append((0, 1, date, 1)) }
        }
        for (index, qty) in newSKUHistory.enumerated() {
            rows.append((1, 1, firstDay.adding(days: historyDays - newSKUHistory.count + index), qty))
        }
        for offset in historyDays..<(historyDays + holdoutDays) {
            rows.append((1, 0, firstDay.adding(days: offset), 6))
        }
        rows.append((2, 0, firstDay.adding(days: historyDays + 2), 4))
        var dataSet = makeDataSet(skuCategories: ["cat", "cat", "cat"], regionCount: 2, rows: rows)
        dataSet.events = eventDays.map { CalendarEvent(day: firstDay.adding(days: $0), name: "promo") }
        return dataSet
    }

    @Test func holdoutForecastsEqualTheForecastersAndCandidatesGetTheSKUUplift() async throws {
        let dataSet = Self.dataSet()
        let planDate = Self.firstDay.adding(days: Self.historyDays)
        #expect(try HoldoutBacktest.planDate(dataSet: dataSet, holdoutDays: Self.holdoutDays) == planDate)
        let result = try await HoldoutBacktest.run(
            dataSet: dataSet,
            holdoutDays: Self.holdoutDays,
            settings: ForecastSettings(),
            workerCount: 2
        )
        let reference = await DemandForecaster.forecast(
            dataSet: dataSet,
            planDate: planDate,
            horizonDays: Self.holdoutDays,
            settings: ForecastSettings(),
            uplifts: [],
            abcClassBySKU: [.C, .C, .C],
            keepsAllCandidates: true,
            workerCount: 1
        )
        #expect(result.planDate == planDate)
        #expect(result.holdoutDays == Self.holdoutDays)
        #expect(result.skus.map(\.skuIndex) == [0, 1])
        #expect(result.unforecastSKUCount == 1)

        // SKU 0: actuals summed over both regions, a missing R1 row counting 0 (offsets 143 and 154 are promo
        // or multiples of 11).
        let sku0 = result.skus[0]
        let pattern = [5.0, 6, 7, 8, 9, 3, 2]
        let expectedActual = (Self.historyDays..<(Self.historyDays + Self.holdoutDays)).map { offset in
            pattern[offset % 7] * (Self.eventDays.contains(offset) ? 2 : 1) + (offset % 11 == 0 ? 0 : 1)
        }
        #expect(sku0.actualUnitsPerDay == expectedActual)

        let referenceSKU0 = try #require(reference.skuForecast(skuIndex: 0))
        #expect(sku0.demandClass == referenceSKU0.demandClass)
        #expect(referenceSKU0.candidates.contains { $0.model == .seasonalNaive })
        // The promo on holdout day 3 moves the uplift there and nowhere else.
        #expect(referenceSKU0.upliftPerDay[3] != 1)
        #expect(referenceSKU0.upliftPerDay.enumerated().allSatisfy { $0.offset == 3 || $0.element == 1 })

        for (scored, sku) in zip(result.skus, [referenceSKU0, try #require(reference.skuForecast(skuIndex: 1))]) {
            let selected = try #require(scored.selected)
            #expect(scored.models.filter(\.isSelected).count == 1)
            #expect(selected.model == sku.model)
            #expect(selected.unitsPerDay == sku.unitsPerDay)
            #expect(scored.models.map(\.model) == scored.models.map(\.model).sorted())
            for candidate in sku.candidates {
                let row = try #require(scored.forecast(of: candidate.model))
                let uplifted = zip(candidate.baselineUnitsPerDay, sku.upliftPerDay).map { max(0, $0 * $1) }
                if candidate.model == sku.model {
                    #expect(zip(row.unitsPerDay, uplifted).allSatisfy { Self.isClose($0, $1, tolerance: 1e-9) })
                } else {
                    #expect(row.unitsPerDay == uplifted)
                }
                // Every figure recomputes from the forecast and the actuals.
                let errors = zip(scored.actualUnitsPerDay, row.unitsPerDay).map { $0 - $1 }
                let count = Double(errors.count)
                #expect(Self.isClose(row.accuracy.meanAbsoluteError, errors.map(abs).reduce(0, +) / count))
                #expect(
                    Self.isClose(
                        row.accuracy.rootMeanSquaredError,
                        (errors.map { $0 * $0 }.reduce(0, +) / count).squareRoot()
                    )
                )
                #expect(Self.isClose(row.accuracy.bias, -errors.reduce(0, +) / count))
                #expect(
                    Self.isClose(
                        row.accuracy.meanAbsoluteScaledError,
                        row.accuracy.meanAbsoluteError / scored.naiveScale.meanAbsoluteDifference
                    )
                )
            }
        }
    }

    @Test func aNewSKUIsScoredAgainstTheRawSeasonalNaiveBenchmark() async throws {
        let result = try await HoldoutBacktest.run(
            dataSet: Self.dataSet(),
            holdoutDays: Self.holdoutDays,
            settings: ForecastSettings(),
            workerCount: 1
        )
        let sku1 = result.skus[1]
        #expect(sku1.demandClass == .new)
        #expect(sku1.models.map(\.model) == [.seasonalNaive, .categoryProfile])
        #expect(sku1.selected?.model == .categoryProfile)
        #expect(sku1.actualUnitsPerDay == Array(repeating: 6, count: 10))
        // History from the first sale: 1, 2, ..., 10, every difference 1.
        #expect(sku1.naiveScale == NaiveScale(meanAbsoluteDifference: 1, meanSquaredDifference: 1))

        // The last week before the plan date sold 4 ... 10; the holdout repeats it by weekday, no uplift even
        // on the promo day (holdout day 3).
        let benchmark = try #require(sku1.forecast(of: .seasonalNaive))
        #expect(!benchmark.isSelected)
        #expect(benchmark.unitsPerDay == [4, 5, 6, 7, 8, 9, 10, 4, 5, 6])
        // Errors 2 1 0 -1 -2 -3 -4 2 1 0: MAE 16/10, squares 40/10, bias -(-4)/10.
        #expect(Self.isClose(benchmark.accuracy.meanAbsoluteError, 1.6))
        #expect(Self.isClose(benchmark.accuracy.rootMeanSquaredError, 2))
        #expect(Self.isClose(benchmark.accuracy.bias, 0.4))
        #expect(Self.isClose(benchmark.accuracy.meanAbsoluteScaledError, 1.6))
        #expect(Self.isClose(benchmark.accuracy.rootMeanSquaredScaledError, 2))
    }

    @Test func theSameInputGivesTheSameResultWithAnyWorkerCount() async throws {
        let one = try await HoldoutBacktest.run(
            dataSet: Self.dataSet(),
            holdoutDays: Self.holdoutDays,
            settings: ForecastSettings(),
            workerCount: 1
        )
        let two = try await HoldoutBacktest.run(
            dataSet: Self.dataSet(),
            holdoutDays: Self.holdoutDays,
            settings: ForecastSettings(),
            workerCount: 2
        )
        #expect(one.skus == two.skus)
        #expect(one.summary.rows == two.summary.rows)
    }

    @Test func aHoldoutNeedsHistoryBeforeIt() throws {
        let empty = makeDataSet(rows: [])
        #expect(throws: HoldoutBacktestError.noDemand) { try HoldoutBacktest.planDate(dataSet: empty, holdoutDays: 7) }
        let sevenDays = makeDataSet(rows: constantRows(sku: 0, region: 0, from: Self.firstDay, count: 7, qty: 1))
        #expect(
            throws: HoldoutBacktestError.noHistoryBeforeHoldout(
                firstDay: Self.firstDay,
                lastDay: Self.firstDay.adding(days: 6),
                holdoutDays: 7
            )
        ) { try HoldoutBacktest.planDate(dataSet: sevenDays, holdoutDays: 7) }
        #expect(try HoldoutBacktest.planDate(dataSet: sevenDays, holdoutDays: 6) == Self.firstDay.adding(days: 1))
    }
}
