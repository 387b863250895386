import PlannerCore
import Testing

@testable import DataGenerator

@Suite("Demand mix and calendar")
struct DemandMixTests {
    let data = twoYearDataSet
    let spec = twoYearSpec

    /// Units per SKU per day offset from the first history day: `units[sku][dayOffset]`.
    func dailyUnitsBySKU() -> [[Int]] {
        let first = spec.firstHistoryDay.daysSinceEpoch
        var units = Array(repeating: [Int](repeating: 0, count: spec.historyDays), count: spec.skuCount)
        for row in 0..<data.demand.count {
            let dayOffset = Int(data.demand.days[row]) - first
            units[Int(data.demand.skuIndices[row])][dayOffset] += Int(data.demand.quantities[row])
        }
        return units
    }

    /// Mean total units a day over `days`.
    func meanDailyTotal(_ days: [Day]) -> Double {
        let wanted = Set(days.map { Int32($0.daysSinceEpoch) })
        var total = 0
        for row in 0..<data.demand.count where wanted.contains(data.demand.days[row]) {
            total += Int(data.demand.quantities[row])
        }
        return Double(total) / Double(days.count)
    }

    @Test("Rows are sorted by (date, sku, region), positive, and inside the history window")
    func rowsSortedAndPositive() {
        let demand = data.demand
        #expect(demand.count > 10_000)
        #expect(demand.dayRange?.lowerBound ?? spec.endDate >= spec.firstHistoryDay)
        #expect(demand.dayRange?.upperBound ?? spec.endDate <= spec.endDate.adding(days: -1))
        var sorted = true
        for row in 1..<demand.count {
            let previous = (demand.days[row - 1], demand.skuIndices[row - 1], demand.regionIndices[row - 1])
            let current = (demand.days[row], demand.skuIndices[row], demand.regionIndices[row])
            if !(previous < current) { sorted = false }
        }
        #expect(sorted, "rows must be strictly increasing in (date, sku, region)")
        #expect(demand.quantities.allSatisfy { $0 > 0 })
    }

    @Test("Mixed patterns: many intermittent SKUs with > 70% zero days, some smooth ones with < 10%")
    func intermittentAndSmoothSeries() {
        let units = dailyUnitsBySKU()
        let launched = units.map { series in series.firstIndex { $0 > 0 } ?? series.count }
        var intermittent = 0
        var smooth = 0
        for (sku, series) in units.enumerated() where launched[sku] < series.count - 90 {
            let active = series[launched[sku]...]
            let zeroShare = Double(active.filter { $0 == 0 }.count) / Double(active.count)
            if zeroShare > 0.70 { intermittent += 1 }
            if zeroShare < 0.10 { smooth += 1 }
        }
        #expect(Double(intermittent) >= 0.30 * Double(spec.skuCount), "intermittent SKUs: \(intermittent)")
        #expect(Double(smooth) >= 0.15 * Double(spec.skuCount), "smooth SKUs: \(smooth)")
    }

    @Test("About a tenth of SKUs are new: first sale in the last 60 days")
    func newSKUs() {
        let units = dailyUnitsBySKU()
        let newSKUs = units.filter { series in
            guard let first = series.firstIndex(where: { $0 > 0 }) else { return false }
            return first >= spec.historyDays - 60 && series.reduce(0, +) >= 20
        }.count
        #expect(newSKUs >= Int(0.04 * Double(spec.skuCount)) && newSKUs <= Int(0.20 * Double(spec.skuCount)))
    }

    @Test("Black Friday week 2025 sells more than 1.5 times an October 2025 day")
    func novemberPeak() {
        let blackFriday = RetailCalendar.blackFriday(year: 2025)
        let peakWeek = (-4...2).map { blackFriday.adding(days: $0) }
        let october = (1...31).map { Day(year: 2025, month: 10, day: $0)! }
        let ratio = meanDailyTotal(peakWeek) / meanDailyTotal(october)
        #expect(ratio > 1.5, "ratio \(ratio)")
        #expect(ratio < 4.0, "ratio \(ratio)")
    }

    @Test("Revenue ABC classes come out near 20/30/50 by count")
    func paretoPopularity() {
        var revenue = [Double](repeating: 0, count: spec.skuCount)
        for row in 0..<data.demand.count {
            let sku = Int(data.demand.skuIndices[row])
            revenue[sku] += Double(data.demand.quantities[row]) * data.skus[sku].unitPrice
        }
        let sorted = revenue.sorted(by: >)
        let total = sorted.reduce(0, +)
        var running = 0.0
        var classA = 0
        var classB = 0
        for value in sorted {
            if running < 0.80 * total { classA += 1 } else if running < 0.95 * total { classB += 1 }
            running += value
        }
        let count = Double(spec.skuCount)
        #expect((0.12 * count...0.30 * count).contains(Double(classA)), "A: \(classA)")
        #expect((0.18 * count...0.40 * count).contains(Double(classB)), "B: \(classB)")
    }

    @Test("Regions get uneven shares of demand")
    func unevenRegions() {
        var units = [Int](repeating: 0, count: spec.regionCount)
        for row in 0..<data.demand.count {
            units[Int(data.demand.regionIndices[row])] += Int(data.demand.quantities[row])
        }
        #expect(units.allSatisfy { $0 > 0 })
        #expect(Double(units.max()!) > 2 * Double(units.min()!))
    }

    @Test("Order mix: lines per order, priorities and dates as documented")
    func orderMix() {
        let lines = data.orders
        let orderIDs = Set(lines.map(\.orderId))
        #expect(orderIDs.count < lines.count, "some orders have several lines")
        #expect(lines.filter { $0.quantity <= 5 }.count > lines.count * 8 / 10)
        func share(_ predicate: (OrderLine) -> Bool) -> Double {
            Double(lines.filter(predicate).count) / Double(lines.count)
        }
        #expect((0.04...0.18).contains(share { $0.priority == 1 }))
        #expect((0.12...0.30).contains(share { $0.priority == 3 }))
        #expect((0.04...0.18).contains(share { DataSetWriter.writesBlankPriority($0) }))
        #expect((0.04...0.18).contains(share { $0.orderDate == spec.endDate.adding(days: 1) }))
        // Order numbers rise with the date.
        let dates = lines.map(\.orderDate)
        #expect(dates == dates.sorted())
    }
}

@Suite("Retail calendar")
struct RetailCalendarTests {
    @Test(
        "Black Friday is the day after the fourth Thursday of November",
        arguments: [
            (2024, 29), (2025, 28), (2026, 27), (2030, 29),
        ]
    )
    func blackFriday(year: Int, day: Int) {
        let date = RetailCalendar.blackFriday(year: year)
        #expect(date == Day(year: year, month: 11, day: day))
        #expect(date.weekday == 4)
    }

    @Test("Factors: peak on Black Friday, dip the week before, December uplift, weekend higher")
    func factors() {
        #expect(RetailCalendar.eventFactor(Day(year: 2026, month: 11, day: 27)!) == 4.0)
        #expect(RetailCalendar.eventFactor(Day(year: 2026, month: 11, day: 30)!) == 2.5)  // Cyber Monday
        #expect(RetailCalendar.eventFactor(Day(year: 2026, month: 11, day: 16)!) == 0.85)
        #expect(RetailCalendar.eventFactor(Day(year: 2026, month: 11, day: 2)!) == 1.0)
        #expect(RetailCalendar.eventFactor(Day(year: 2026, month: 12, day: 10)!) == 1.2)
        #expect(RetailCalendar.eventFactor(Day(year: 2026, month: 10, day: 10)!) == 1.0)
        let profile = RetailCalendar.weeklyProfile
        #expect(abs(profile.reduce(0, +) / 7 - 1) < 1e-12)
        #expect(profile[5] > profile[0] && profile[6] > profile[0])
    }
}
