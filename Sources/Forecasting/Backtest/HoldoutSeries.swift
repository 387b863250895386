import PlannerCore

/// Each SKU's raw daily units over all regions (no event cleaning), from the first demand day of the data
/// to the last holdout day, in one contiguous Float32 block built in one pass over the columnar history:
/// `units[sku * dayCount + d]` is day `firstDay + d`, a day without a row being 0.
///
/// Memory: 4 bytes per SKU and day (100,000 SKUs x 1,095 days = 438 MB), like ``DailyDemandMatrix``.
/// Daily totals are exact while below 2^24 units.
final class HoldoutSeries {
    let dayCount: Int
    let firstDay: Day
    /// Column of the plan date (the first holdout day).
    let planColumn: Int
    let holdoutDays: Int
    private let units: UnsafeMutableBufferPointer<Float>

    init(dataSet: DataSet, planDate: Day, holdoutDays: Int) {
        let skuCount = dataSet.skus.count
        let planDay = planDate.daysSinceEpoch
        let earliest = min(dataSet.demand.dayRange.map { $0.lowerBound.daysSinceEpoch } ?? planDay, planDay)
        let endDay = planDay + holdoutDays
        firstDay = Day(daysSinceEpoch: earliest)
        dayCount = endDay - earliest
        planColumn = planDay - earliest
        self.holdoutDays = holdoutDays
        let units = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(1, skuCount * dayCount))
        units.initialize(repeating: 0)
        let dayCount = self.dayCount
        let history = dataSet.demand
        history.skuIndices.withUnsafeBufferPointer { skuColumn in
            history.days.withUnsafeBufferPointer { dayColumn in
                history.quantities.withUnsafeBufferPointer { quantityColumn in
                    for row in 0..<history.count {
                        let day = Int(dayColumn[row])
                        guard day < endDay else { continue }
                        units[Int(skuColumn[row]) * dayCount + (day - earliest)] += Float(quantityColumn[row])
                    }
                }
            }
        }
        self.units = units
    }

    deinit { units.deallocate() }

    private func row(_ sku: Int) -> UnsafeBufferPointer<Float> {
        UnsafeBufferPointer(rebasing: units[(sku * dayCount)..<((sku + 1) * dayCount)])
    }

    /// Units on each holdout day, the plan date first.
    func actualUnitsPerDay(sku: Int) -> [Double] {
        row(sku)[planColumn..<dayCount].map(Double.init)
    }

    /// Units per day from the SKU's first day with units > 0 to the day before the plan date; empty when
    /// it sold nothing before the plan date.
    func history(sku: Int) -> [Double] {
        let row = row(sku)
        guard let first = row[0..<planColumn].firstIndex(where: { $0 > 0 }) else { return [] }
        return row[first..<planColumn].map(Double.init)
    }

    /// Seasonal naive forecast of the holdout: y(planDate + h) = y(planDate - 7 + h mod 7), the same weekday
    /// of the last week before the plan date (days before the data begins count as 0).
    func seasonalNaive(sku: Int) -> [Double] {
        let row = row(sku)
        return (0..<holdoutDays).map { offset in
            let column = planColumn - 7 + offset % 7
            return column >= 0 ? Double(row[column]) : 0
        }
    }
}
