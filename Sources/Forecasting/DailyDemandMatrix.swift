import PlannerCore

/// Each member SKU's daily units over all regions in one contiguous Float32 block, built in one pass over the
/// columnar history: `units[row * dayCount + d]` is day `firstDay + d` of the SKU whose row is `row`, a day without
/// a demand row being 0. Also gathers what the forecaster needs besides the totals: each SKU's first sale and its
/// units per region (to split the forecast).
///
/// The members are every SKU, or one shard's: only they get a row, so a shard holds its own SKUs' history and
/// nothing of the others. The window ends the day before the plan date and starts `windowDays` before it, which the
/// caller takes from the pooling totals of all SKUs (the earliest demand row of every shard).
///
/// Memory: 4 bytes per member SKU and day (100,000 SKUs x 1,092 days = 437 MB). Read-only once built, so worker
/// tasks share it.
final class DailyDemandMatrix: @unchecked Sendable {  // read-only after init
    let skuCount: Int
    let regionCount: Int
    let dayCount: Int
    /// The day of column 0; the last column is the day before the plan date.
    let firstDay: Day
    let units: UnsafeMutableBufferPointer<Float>
    /// The member SKUs, ascending, and each SKU's row among them (-1 for a SKU that is not a member).
    let members: [Int]
    private let rowBySKU: [Int32]
    /// Days since epoch of each member's first row with units > 0 before the plan date (any age); Int.max if none.
    private let firstSaleDay: [Int]
    /// Units per (row * regionCount + region) over the region-share window, and over the whole window.
    private let recentRegionUnits: [Double]
    private let windowRegionUnits: [Double]

    /// `members`: ascending SKU indices, nil for every SKU; the demand rows of other SKUs must not be in `dataSet`
    /// (they are refused by a precondition, which would mean a shard loaded rows it does not own).
    init(dataSet: DataSet, planDate: Day, settings: ForecastSettings, windowDays: Int, members: [Int]? = nil) {
        skuCount = dataSet.skus.count
        regionCount = dataSet.regions.count
        let planDay = planDate.daysSinceEpoch
        dayCount = max(0, windowDays)
        firstDay = Day(daysSinceEpoch: planDay - dayCount)
        let members = members ?? Array(0..<skuCount)
        self.members = members
        var rowBySKU = [Int32](repeating: -1, count: skuCount)
        for (row, sku) in members.enumerated() { rowBySKU[sku] = Int32(row) }
        self.rowBySKU = rowBySKU
        let memberCount = members.count
        let units = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(1, memberCount * dayCount))
        units.initialize(repeating: 0)
        let dayCount = self.dayCount
        let regionCount = self.regionCount

        var firstSale = [Int](repeating: Int.max, count: memberCount)
        var recent = [Double](repeating: 0, count: memberCount * regionCount)
        var window = [Double](repeating: 0, count: memberCount * regionCount)
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
                            let member = Int(rowBySKU[Int(skuColumn[row])])
                            precondition(member >= 0, "a demand row of a SKU that is not a member")
                            let quantity = quantityColumn[row]
                            if quantity > 0, day < firstSale[member] { firstSale[member] = day }
                            guard day >= start else { continue }
                            units[member * dayCount + (day - start)] += Float(quantity)
                            let pair = member * regionCount + Int(regionColumn[row])
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

    /// The member row of a SKU (a precondition: it is a member).
    private func memberRow(_ sku: Int) -> Int {
        let row = Int(rowBySKU[sku])
        precondition(row >= 0, "SKU \(sku) is not a member of this matrix")
        return row
    }

    /// The SKU's row, oldest day first.
    func row(sku: Int) -> UnsafeBufferPointer<Float> {
        let row = memberRow(sku)
        return UnsafeBufferPointer(rebasing: units[(row * dayCount)..<((row + 1) * dayCount)])
    }

    /// Column of the SKU's first sale inside the window (0 when it sold before the window began), or nil
    /// when it never sold before the plan date.
    func firstSaleColumn(sku: Int) -> Int? {
        let day = firstSaleDay[memberRow(sku)]
        guard day != Int.max else { return nil }
        return max(0, day - firstDay.daysSinceEpoch)
    }

    /// The SKU's share of units per region: over the region-share window, else over the whole window,
    /// else nil (nothing sold in the window).
    func regionShares(sku: Int) -> [Double]? {
        let row = memberRow(sku)
        for source in [recentRegionUnits, windowRegionUnits] {
            let slice = source[(row * regionCount)..<((row + 1) * regionCount)]
            let total = slice.reduce(0, +)
            if total > 0 { return slice.map { $0 / total } }
        }
        return nil
    }
}

extension PoolingTotals {
    /// Weekday index (0 = Monday) per category over the last min(56, window) days of SKUs that are not new:
    /// (mean units on weekday w) / (mean units a day); all 1 for a category that sold nothing.
    func categoryWeekdayProfiles() -> [SIMD8<Double>] {
        let span = min(weekdayDays, windowDays)
        let counts = HistoryWindow.weekdayCounts(days: span, before: planDate)
        return categories.indices.map { category in
            let total = weekdayTotals(category: category)
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
