import Foundation
import PlannerCore
import Testing

@testable import Forecasting

/// The returns forecast by hand: the lag law, the filter, the split by warehouse and grade.
@Suite struct ReturnsForecastTests {
    static let planDate = day("2026-03-02")

    /// Two regions, R0 served by W0 (next day) and R1 by W1; one SKU.
    static func dataSet(rows: [(sku: Int, region: Int, day: Day, qty: Int)]) -> DataSet {
        var base = makeDataSet(regionCount: 2, rows: rows)
        base.warehouses = [
            Warehouse(id: "W0", name: "W0", kind: .regional, dailyCapacityUnits: nil),
            Warehouse(id: "W1", name: "W1", kind: .regional, dailyCapacityUnits: nil),
        ]
        base.lanes = [
            Lane(warehouseIndex: 0, regionIndex: 0, transitDays: 1, costPerUnit: 1, carrier: "c"),
            Lane(warehouseIndex: 1, regionIndex: 1, transitDays: 1, costPerUnit: 1, carrier: "c"),
        ]
        return base
    }

    static func model(rate: Double, meanLagDays: Double) -> ReturnModel {
        ReturnModel(
            planDate: planDate,
            estimates: [
                ReturnEstimate(
                    skuIndex: 0,
                    rate: rate,
                    lag: ReturnLag(meanDays: meanLagDays),
                    source: .pooled,
                    returnedUnits: 0,
                    gradeShares: [.resellable: 0.7, .defective: 0.2, .scrap: 0.1]
                )
            ]
        )
    }

    /// theta = 2 / 10 = 0.2: P(L = 2) = 0.04, P(L = 3) = 2 x 0.04 x 0.8 = 0.064; P(L > 3) = 0.8^2 x 1.4 = 0.896;
    /// the probabilities add up to 1 and the mean is 10.
    @Test func theLagLawByHand() {
        let lag = ReturnLag(meanDays: 10)
        #expect(lag.probability(days: 1) == 0)
        #expect(abs(lag.probability(days: 2) - 0.04) < 1e-12)
        #expect(abs(lag.probability(days: 3) - 0.064) < 1e-12)
        #expect(abs(lag.survival(days: 3) - 0.896) < 1e-12)
        let total = (1...400).reduce(0.0) { $0 + lag.probability(days: $1) }
        let mean = (1...400).reduce(0.0) { $0 + Double($1) * lag.probability(days: $1) }
        #expect(abs(total - 1) < 1e-9 && abs(mean - 10) < 1e-6)
    }

    /// R0 sold 10 a day for a year and goes on selling 10 (forecast): at rate 0.1 its returns are 1 a day, all at
    /// W0. R1 never sold and starts selling 10 a day on the plan date: its returns on day h are
    /// 0.1 x 10 x P(L <= h) = 1 - S(h): 0 on the plan date, 0 on day 1, 0.04 on day 2, 0.104 on day 3. Resellable
    /// units (70%) are sellable 2 days later: 0.7 on W0's third horizon day.
    @Test func steadyAndStartingSalesByHand() throws {
        let history = (1...365).map { (sku: 0, region: 0, day: Self.planDate.adding(days: -$0), qty: 10) }
        let dataSet = Self.dataSet(rows: history)
        let forecast = DemandForecast(
            startDay: Self.planDate,
            horizonDays: 14,
            series: [0, 1].map {
                SeriesForecast(
                    skuIndex: 0,
                    regionIndex: $0,
                    unitsPerDay: Array(repeating: 10, count: 14),
                    model: "test"
                )
            }
        )
        let returns = ReturnsForecast(
            dataSet: dataSet,
            model: Self.model(rate: 0.1, meanLagDays: 10),
            forecast: forecast,
            settings: ReturnsSettings(gradingDays: 2)
        )
        #expect(returns.series.map(\.warehouseIndex) == [0, 1])
        let steady = returns.series[0].unitsPerDay
        #expect(steady.allSatisfy { abs($0 - 1) < 1e-6 }, "\(steady)")
        let starting = returns.series[1].unitsPerDay
        #expect(starting[0] == 0 && starting[1] == 0)
        #expect(abs(starting[2] - 0.04) < 1e-12)
        #expect(abs(starting[3] - 0.104) < 1e-12)
        let arrivals = returns.resellableArrivals(skuIndex: 0, warehouseIndex: 0)
        #expect(arrivals[0] == 0 && arrivals[1] == 0)
        #expect(abs(arrivals[2] - 0.7) < 1e-6)
        #expect(returns.resellableArrivals(skuIndex: 1, warehouseIndex: 0).isEmpty)
    }
}
