import Forecasting
import PlannerCore
import Testing

/// Resellable returns as scheduled receipts of the warehouse that serves the region.
@Suite struct ReturnsSupplyTests {
    /// Ten units returned on the plan date to W0, graded by `shares`, sellable two days later.
    static func returns(series: [ReturnsForecast.Series], shares: [ReturnGrade: Double]) -> ReturnsForecast {
        ReturnsForecast(
            startDay: planDate,
            horizonDays: 14,
            gradingDays: 2,
            series: series,
            model: ReturnModel(
                planDate: planDate,
                estimates: [
                    ReturnEstimate(
                        skuIndex: 0,
                        rate: 0.1,
                        lag: ReturnLag(meanDays: 10),
                        source: .own,
                        returnedUnits: 300,
                        gradeShares: shares
                    )
                ]
            )
        )
    }

    /// 10 units come back on the plan date, half of them resellable, sellable after 2 days of grading: 5 units
    /// on day 2. Without them the warehouse (60 on hand, 10 a day, s = 35, Q = 50, lead time 3 days: s_t = 35)
    /// reaches IP 30 on day 2 and orders ceil(35 + 50 - 30) = 55; with them IP is 35 that day and the order is
    /// ceil(35 + 50 - 35) = 50, 5 units fewer, on the same day.
    @Test func resellableReturnsReduceTheSupplierOrderByTheirUnits() throws {
        let base = SourcingCase(suppliers: [supplier("P", .primary, leadTimeDays: 3)])
        let without = base.run()
        var withReturns = base
        let series = [
            ReturnsForecast.Series(skuIndex: 0, warehouseIndex: 0, unitsPerDay: [10] + Array(repeating: 0, count: 13))
        ]
        withReturns.returns = Self.returns(series: series, shares: [.resellable: 0.5, .defective: 0.3, .scrap: 0.2])
        let with = withReturns.run()
        let first = try #require(without.first)
        #expect(first.orderDate == d(2) && first.quantity == 55)
        let reduced = try #require(with.first)
        #expect(reduced.orderDate == d(2) && reduced.quantity == 50)
        #expect(first.quantity - reduced.quantity == 5)
        // Defective and scrap units never reach the stock: grading them all as scrap changes nothing.
        var scrapped = withReturns
        scrapped.returns = Self.returns(series: series, shares: [.resellable: 0, .defective: 0, .scrap: 1])
        #expect(scrapped.run() == without)
    }
}
