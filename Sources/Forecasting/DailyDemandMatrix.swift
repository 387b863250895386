import PlannerCore

/// Each SKU's daily units over all regions in one contiguous Float32 block, built in one pass over the
/// columnar history: `units[sku * dayCount + d]` is day `firstDay + d`, a day without a row being 0.
/// Also gathers what the forecaster needs besides the totals: each SKU's first sale, its recent units per
/// region (to split the forecast), and each category's weekday profile (for new SKUs).
///
/// Memory: 4 bytes per SKU and day (100,000 SKUs x 1,092 days = 437 MB). Read-only once built, so worker
/// tasks share it.
final class DailyDemandMatrix: @unchecked Sendable {  // read-only after init
    let skuCount: Int
    let regionCount: Int
    let dayCount: Int
    /// The day of column 0; the last column is the day before the plan date.
    let firstDay: Day
    let units: UnsafeMutableBufferPointer<Float>
    /// Days since epoch of each SKU's first row with units > 0 before the plan date (any age); Int.max if none.
    let firstSaleDay: [Int]
    /// Units per (sku * regionCount + region) over the region-share window, and over the whole window.
    let recentRegionUnits: [Double]
    let windowRegionUnits: [Double]

    init(dataSet: DataSet, planDate: Day, settings: ForecastSettings) {
        skuCount = dataSet.skus.count
        regionCount = dataSet.regions.count
        let planDay = planDate.daysSinceEpoch
        let earliest = dataSet.demand.dayRange.map { $0.lowerBound.daysSinceEpoch } ?? planDay
        dayCount = max(0, min(settings.historyDays, planDay - earliest))
        firstDay = Day(daysSinceEpoch: planDay - dayCount)
        let units = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(1, skuCount * dayCount))
        units.initialize(repeating: 0)
        let dayCount = self.dayCount
        let regionCount = self.regionCount
        let skuCount = self.skuCount

        var firstSale = [Int](repeating: Int.max, count: skuCount)
        var recent = [Double](repeating: 0, count: skuCount * regionCount)
        var window = [Double](repeating: 0, count: skuCount * regionCount)
        let start = firstDay.daysSinceEpoch
        let shareStart = planDay - settings.regionShareDays
        let history = dataSet.demand
        history.skuIndices.withUnsafeBufferPointer { skuColumn in
            history.regionIndices.withUnsafeBufferPointer { regionColumn in
                history.days.withUnsafeBufferPointer { dayColumn in
                    history.quantities.withUnsafeBufferPointer { quantityColumn in
                        for row in 0..<history.count {
                            let day = Int(dayColumn[row])
                            guard day < planDay else { continue }
                            let sku = Int(skuColumn[row])
                            let quantity = quantityColumn[row]
                            if quantity > 0, day < firstSale[sku] { firstSale[sku] = day }
                            guard day >= start else { continue }
                            units[sku * dayCount + (day - start)] += Float(quantity)
                            let pair = sku * regionCount + Int(regionColumn[row])
                            window[pair] += Double(quantity)
                            if day >= shareStart { recent[pair] += Double(quantity) }
                        }
                    }
                }
            }
        }
        self.units = units
        firstSaleDay = firstSale
        recentRegionUnits = recent
        windowRegionUnits = window
    }

    deinit { units.deallocate() }

    /// The SKU's row, oldest day first.
    func row(sku: Int) -> UnsafeBufferPointer<Float> {
        UnsafeBufferPointer(rebasing: units[(sku * dayCount)..<((sku + 1) * dayCount)])
    }

    /// Column of the SKU's first sale inside the window (0 when it sold before the window began), or nil
    /// when it never sold before the plan date.
    func firstSaleColumn(sku: Int) -> Int? {
        let day = firstSaleDay[sku]
        guard day != Int.max else { return nil }
        return max(0, day - firstDay.daysSinceEpoch)
    }

    /// The SKU's share of units per region: over the region-share window, else over the whole window,
    /// else nil (nothing sold in the window).
    func regionShares(sku: Int) -> [Double]? {
        for source in [recentRegionUnits, windowRegionUnits] {
            let slice = source[(sku * regionCount)..<((sku + 1) * regionCount)]
            let total = slice.reduce(0, +)
            if total > 0 { return slice.map { $0 / total } }
        }
        return nil
    }

    /// Weekday index (0 = Monday) per category over the last `days` days of SKUs that are not new:
    /// (mean units on weekday w) / (mean units a day); all 1 for a category that sold nothing.
    func categoryWeekdayProfiles(
        categoryBySKU: [Int],
        categoryCount: Int,
        days: Int,
        newSKUDays: Int
    ) -> [SIMD8<Double>] {
        var totals = [SIMD8<Double>](repeating: SIMD8(repeating: 0), count: categoryCount)
        let span = min(days, dayCount)
        let startColumn = dayCount - span
        for sku in 0..<skuCount {
            guard let first = firstSaleColumn(sku: sku), dayCount - first >= newSKUDays else { continue }
            let row = row(sku: sku)
            for column in startColumn..<dayCount {
                let weekday = HistoryWindow.weekday(daysSinceEpoch: firstDay.daysSinceEpoch + column)
                totals[categoryBySKU[sku]][weekday] += Double(row[column])
            }
        }
        let counts = HistoryWindow.weekdayCounts(
            days: span,
            before: Day(daysSinceEpoch: firstDay.daysSinceEpoch + dayCount)
        )
        return totals.map { total in
            let sum = (0..<7).reduce(0.0) { $0 + total[$1] }
            guard sum > 0 else { return SIMD8(repeating: 1) }
            var profile = SIMD8<Double>(repeating: 1)
            for weekday in 0..<7 where counts[weekday] > 0 {
                profile[weekday] = total[weekday] / Double(counts[weekday]) / (sum / Double(span))
            }
            return profile
        }
    }
}
