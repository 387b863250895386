import Forecasting
import PlannerCore
import Testing

@Suite struct BaselineForecasterTests {
    /// 2024-01-15 is a Monday; the two weeks before it run Monday 2024-01-01 to Sunday 2024-01-14.
    static let planDate = day("2024-01-15")

    /// Week 1 (Mon..Sat): 10 10 10 10 20 40, week 2: 12 8 10 10 20 30; no row on either Sunday.
    static let twoWeeks: [(sku: Int, region: Int, day: Day, qty: Int)] = {
        let week1 = [10, 10, 10, 10, 20, 40]
        let week2 = [12, 8, 10, 10, 20, 30]
        let start = day("2024-01-01")
        return week1.enumerated().map { (0, 0, start.adding(days: $0), $1) }
            + week2.enumerated().map { (0, 0, start.adding(days: 7 + $0), $1) }
    }()

    static func run(
        _ dataSet: DataSet,
        horizonDays: Int = 7,
        level: Int = 7,
        profile: Int = 14,
        uplifts: [DemandUplift] = [],
        classes: [ABCClass]? = nil,
        planDate: Day = planDate
    ) -> DemandForecast {
        BaselineForecaster.forecast(
            dataSet: dataSet,
            planDate: planDate,
            horizonDays: horizonDays,
            settings: ForecastSettings(levelWindowDays: level, profileWindowDays: profile),
            uplifts: uplifts,
            abcClassBySKU: classes ?? Array(repeating: .A, count: dataSet.skus.count)
        )
    }

    @Test func levelAndWeekdayIndicesMatchHandComputation() throws {
        let forecast = Self.run(makeDataSet(rows: Self.twoWeeks))
        let series = try #require(forecast.series.first)
        #expect(forecast.series.count == 1)
        #expect(series.model == "dow_profile_level")
        #expect(forecast.startDay == Self.planDate)
        // Level: last 7 days = week 2 = (12+8+10+10+20+30+0)/7 = 90/7.
        // Profile mean over 14 days = (100 + 90)/14 = 190/14. Weekday means: Mon (10+12)/2 = 11,
        // Tue 9, Wed 10, Thu 10, Fri 20, Sat 35, Sun 0 (missing rows are zero sales).
        let level = 90.0 / 7
        let windowMean = 190.0 / 14
        let weekdayMeans = [11.0, 9, 10, 10, 20, 35, 0]
        let expected = weekdayMeans.map { level * ($0 / windowMean) }
        #expect(series.unitsPerDay.count == 7)
        for offset in 0..<7 {
            #expect(abs(series.unitsPerDay[offset] - expected[offset]) < 1e-12)
        }
        // Spot values: Monday 90/7 * 11 * 14/190 = 13860/1330 = 10.4210526...; Sunday 0.
        #expect(abs(series.unitsPerDay[0] - 10.421052631578947) < 1e-12)
        #expect(series.unitsPerDay[6] == 0)
        // The day-of-week pattern repeats in the second week of a longer horizon.
        let longer = try #require(Self.run(makeDataSet(rows: Self.twoWeeks), horizonDays: 14).series.first)
        #expect(Array(longer.unitsPerDay[7..<14]) == Array(longer.unitsPerDay[0..<7]))
    }

    @Test func gapsInDatesCountAsZeroSales() throws {
        // Monday 2024-01-08 .. Sunday 2024-01-14 sell 14 a day, except Wednesday 2024-01-10 has no row.
        // Level = 6 * 14 / 7 = 12 (not 14). Profile over the same week: mean 12, Wednesday index 0,
        // every other weekday 14 / 12. Forecast: Monday 12 * 14/12 = 14, Wednesday 0, week total 84.
        let rows = constantRows(sku: 0, region: 0, from: day("2024-01-08"), count: 7, qty: 14)
            .filter { $0.day != day("2024-01-10") }
        let forecast = Self.run(makeDataSet(rows: rows), horizonDays: 7, level: 7, profile: 7)
        let series = try #require(forecast.series.first)
        #expect(abs(series.unitsPerDay[0] - 14) < 1e-12)
        #expect(series.unitsPerDay[2] == 0)
        #expect(abs(series.unitsPerDay.reduce(0, +) - 84) < 1e-12)
    }

    @Test func levelCountsMissingDaysAsZero() throws {
        // Two sales of 21 in a 7-day level window and 14-day flat-profile history: level = 42 / 7 = 6.
        // The SKU's first sale is 14 days back so the windows are not shortened.
        let rows = [
            (sku: 0, region: 0, day: day("2024-01-01"), qty: 0),
            (sku: 0, region: 0, day: day("2024-01-01"), qty: 1),
            (sku: 0, region: 0, day: day("2024-01-09"), qty: 21),
            (sku: 0, region: 0, day: day("2024-01-12"), qty: 21),
        ]
        let forecast = Self.run(makeDataSet(rows: rows), horizonDays: 7, level: 7, profile: 14)
        let series = try #require(forecast.series.first)
        // Sum over a week of level * index = level * (sum of indices) = 6 * 7 (indices average 1 on whole weeks).
        #expect(abs(series.unitsPerDay.reduce(0, +) - 42) < 1e-9)
    }

    @Test func newSKUUsesDaysSinceFirstSale() throws {
        // First sale three days before the plan date, 6 a day: level = 18 / 3 = 6, not 18 / 28.
        // Less than a week of history: flat profile.
        let rows = constantRows(sku: 0, region: 0, from: day("2024-01-12"), count: 3, qty: 6)
        let forecast = Self.run(makeDataSet(rows: rows), horizonDays: 7, level: 28, profile: 56)
        let series = try #require(forecast.series.first)
        #expect(series.unitsPerDay == Array(repeating: 6, count: 7))
    }

    @Test func oneDayOldAndAllZeroSeriesAreFiniteAndNonNegative() throws {
        let rows = [
            (sku: 0, region: 0, day: day("2024-01-14"), qty: 5),  // sold only yesterday
            (sku: 1, region: 0, day: day("2024-01-10"), qty: 0),  // rows, but never a sale
            (sku: 1, region: 0, day: day("2024-01-11"), qty: 0),
        ]
        let forecast = Self.run(makeDataSet(skuCategories: ["a", "b"], rows: rows), level: 28, profile: 56)
        #expect(forecast.series.count == 1)
        let series = try #require(forecast.series(skuIndex: 0, regionIndex: 0))
        #expect(series.unitsPerDay == Array(repeating: 5, count: 7))
        // The all-zero pair is omitted and reads as zero.
        #expect(forecast.series(skuIndex: 1, regionIndex: 0) == nil)
        #expect(forecast.units(skuIndex: 1, regionIndex: 0, on: Self.planDate) == 0)
        for value in forecast.series.flatMap(\.unitsPerDay) {
            #expect(value.isFinite && value >= 0)
        }
    }

    @Test func negativeNetHistoryNeverGivesNegativeForecasts() throws {
        let rows = [
            (sku: 0, region: 0, day: day("2024-01-08"), qty: 3),
            (sku: 0, region: 0, day: day("2024-01-09"), qty: -10),
        ]
        let forecast = Self.run(makeDataSet(rows: rows))
        let series = try #require(forecast.series.first)
        #expect(series.unitsPerDay == Array(repeating: 0, count: 7))
    }

    @Test func historyOnOrAfterPlanDateIsIgnored() {
        let later = [
            (sku: 0, region: 0, day: Self.planDate, qty: 1000),
            (sku: 0, region: 0, day: Self.planDate.adding(days: 3), qty: 500),
            (sku: 0, region: 1, day: Self.planDate, qty: 700),  // a pair selling only from the plan date on
        ]
        let base = Self.run(makeDataSet(regionCount: 2, rows: Self.twoWeeks))
        let withFuture = Self.run(makeDataSet(regionCount: 2, rows: Self.twoWeeks + later))
        #expect(withFuture.series == base.series)
        #expect(withFuture.series.count == 1)
    }

    @Test func salesOutsideBothWindowsGiveNoSeries() {
        // Sold 30 days before the plan date; windows are 7 and 14 days.
        let rows = [(sku: 0, region: 0, day: Self.planDate.adding(days: -30), qty: 9)]
        #expect(Self.run(makeDataSet(rows: rows)).series.isEmpty)
    }

    @Test func seriesAreSortedAndIndependentOfRowOrder() {
        var rows: [(sku: Int, region: Int, day: Day, qty: Int)] = []
        for sku in [2, 0, 1] {
            for region in [1, 0] {
                rows += constantRows(
                    sku: sku,
                    region: region,
                    from: day("2024-01-01"),
                    count: 14,
                    qty: 1 + sku * 3 + region
                )
            }
        }
        let forward = Self.run(makeDataSet(skuCategories: ["a", "b", "c"], regionCount: 2, rows: rows))
        let backward = Self.run(makeDataSet(skuCategories: ["a", "b", "c"], regionCount: 2, rows: rows.reversed()))
        #expect(forward.series == backward.series)
        let pairs = forward.series.map { [$0.skuIndex, $0.regionIndex] }
        #expect(pairs == [[0, 0], [0, 1], [1, 0], [1, 1], [2, 0], [2, 1]])
        #expect(forward.series[5].unitsPerDay == Array(repeating: 8, count: 7))
        #expect(forward.seriesRange(skuIndex: 1) == 2..<4)
        #expect(forward.seriesRange(skuIndex: 7).isEmpty)
        #expect(forward.unitsPerDay(skuIndex: 2, includesRegion: { _ in true }) == Array(repeating: 15, count: 7))
    }
}
