import Forecasting
import PlannerCore
import Testing

@Suite struct UpliftTests {
    static let planDate = day("2024-01-15")

    /// SKU 0 (category "toys", class A) and SKU 1 (category "food", class B) in regions R0 and R1,
    /// each selling 10 a day for the 14 days before the plan date: flat forecast 10 a day.
    static func forecast(_ uplifts: [DemandUplift]) async -> DemandForecast {
        var rows: [(sku: Int, region: Int, day: Day, qty: Int)] = []
        for sku in 0..<2 {
            for region in 0..<2 {
                rows += constantRows(sku: sku, region: region, from: day("2024-01-01"), count: 14, qty: 10)
            }
        }
        return await DemandForecaster.forecast(
            dataSet: makeDataSet(skuCategories: ["toys", "food"], regionCount: 2, rows: rows),
            planDate: planDate,
            horizonDays: 6,
            settings: ForecastSettings(),
            uplifts: uplifts,
            abcClassBySKU: [.A, .B]
        )
    }

    @Test func noUpliftGivesTheFlatLevel() async {
        for series in await Self.forecast([]).series {
            #expect(series.unitsPerDay == Array(repeating: 10, count: 6))
        }
    }

    @Test func upliftAppliesOnlyWithinItsDatesAndFactorsMultiply() async throws {
        let first = DemandUplift(from: Self.planDate.adding(days: 1), to: Self.planDate.adding(days: 2), factor: 2)
        let second = DemandUplift(
            from: Self.planDate.adding(days: 2),
            to: Self.planDate.adding(days: 3),
            factor: 1.5
        )
        let forecast = await Self.forecast([first, second])
        for series in forecast.series {
            // Day 0: none; day 1: x2; day 2: x2 x1.5; day 3: x1.5; days 4-5: none.
            #expect(series.unitsPerDay == [10, 20, 30, 15, 10, 10])
        }
    }

    @Test func upliftAppliesOnlyToMatchingFilters() async throws {
        let all = Self.planDate...Self.planDate.adding(days: 5)
        let uplifts = [
            DemandUplift(from: all.lowerBound, to: all.upperBound, factor: 2, skus: ["S0"]),
            DemandUplift(from: all.lowerBound, to: all.upperBound, factor: 3, categories: ["food"], regions: ["R1"]),
            DemandUplift(from: all.lowerBound, to: all.upperBound, factor: 5, abcClasses: [.B]),
            DemandUplift(from: all.lowerBound, to: all.upperBound, factor: 7, categories: ["garden"]),
        ]
        let forecast = await Self.forecast(uplifts)
        func first(_ sku: Int, _ region: Int) -> Double? {
            forecast.series(skuIndex: sku, regionIndex: region)?.unitsPerDay.first
        }
        #expect(first(0, 0) == 20)  // S0 only
        #expect(first(0, 1) == 20)
        #expect(first(1, 0) == 50)  // class B only
        #expect(first(1, 1) == 150)  // food in R1 (x3) and class B (x5)
    }

    @Test func upliftOutsideTheHorizonOrReversedDoesNothing() async {
        let forecast = await Self.forecast([
            DemandUplift(from: Self.planDate.adding(days: -10), to: Self.planDate.adding(days: -1), factor: 9),
            DemandUplift(from: Self.planDate.adding(days: 6), to: Self.planDate.adding(days: 30), factor: 9),
            DemandUplift(from: Self.planDate.adding(days: 3), to: Self.planDate.adding(days: 1), factor: 9),
        ])
        for series in forecast.series {
            #expect(series.unitsPerDay == Array(repeating: 10, count: 6))
        }
    }

    @Test func resolvedFactorsAgreeWithDemandUpliftApplies() async throws {
        let dataSkus = [
            SKU(
                id: "S0",
                name: "",
                category: "toys",
                unitCost: 1,
                unitPrice: 1,
                holdingCostRate: 0,
                orderCost: 0,
                packSize: 1,
                moq: 1
            ),
            SKU(
                id: "S1",
                name: "",
                category: "food",
                unitCost: 1,
                unitPrice: 1,
                holdingCostRate: 0,
                orderCost: 0,
                packSize: 1,
                moq: 1
            ),
        ]
        let regions = [Region(id: "R0", name: ""), Region(id: "R1", name: "")]
        let classes: [ABCClass] = [.A, .B]
        let uplifts = [
            DemandUplift(
                from: Self.planDate.adding(days: 1),
                to: Self.planDate.adding(days: 4),
                factor: 2,
                categories: ["food"]
            ),
            DemandUplift(from: Self.planDate, to: Self.planDate.adding(days: 2), factor: 3, regions: ["R0"]),
        ]
        let forecast = await Self.forecast(uplifts)
        for series in forecast.series {
            for offset in 0..<6 {
                let date = Self.planDate.adding(days: offset)
                let factor = uplifts.filter {
                    $0.applies(
                        on: date,
                        sku: dataSkus[series.skuIndex],
                        abcClass: classes[series.skuIndex],
                        region: regions[series.regionIndex]
                    )
                }.reduce(1.0) { $0 * $1.factor }
                #expect(series.unitsPerDay[offset] == 10 * factor)
            }
        }
    }
}
