import PlannerCore

extension LoadContext {
    /// Reads demand.csv into the columnar history. (date, sku, region) must be unique.
    ///
    /// Uniqueness is checked in O(rows) for the usual file, sorted by date: each (sku, region) series
    /// must move strictly forward in time. Only when a series steps back is a sort of packed keys used
    /// to find the real duplicates, so an unsorted but valid file is accepted too.
    func readDemand(_ lookup: EntityLookup, _ issues: inout IssueCollector) -> DemandHistory {
        var demand = DemandHistory()
        var lines: [Int32] = []
        let regionCount = max(lookup.regionIndex.count, 1)
        var lastDayBySeries = [Int32](repeating: Int32.min, count: max(lookup.skuIndex.count, 1) * regionCount)
        var isSortedBySeries = true
        table("demand.csv", ["date", "sku", "region", "qty"], &issues) { row in
            let day = row.day(0)
            let sku = row.reference(1, in: lookup.skuIndex, noun: "sku", definedIn: "skus.csv")
            let region = row.reference(2, in: lookup.regionIndex, noun: "region", definedIn: "regions.csv")
            let quantity = row.requiredWholeNumber(3)
            guard let day, let sku, let region, let quantity, !row.hasIssues else { return }
            let series = sku * regionCount + region
            if Int32(day.daysSinceEpoch) <= lastDayBySeries[series] { isSortedBySeries = false }
            lastDayBySeries[series] = Int32(day.daysSinceEpoch)
            demand.append(skuIndex: sku, regionIndex: region, day: day, quantity: quantity)
            lines.append(Int32(row.line))
        }
        if !isSortedBySeries {
            reportDuplicateDemand(demand, lines: lines, regionCount: regionCount, &issues)
        }
        return demand
    }

    private func reportDuplicateDemand(
        _ demand: DemandHistory,
        lines: [Int32],
        regionCount: Int,
        _ issues: inout IssueCollector
    ) {
        guard let range = demand.dayRange else { return }
        let dayCount = UInt64(range.lowerBound.days(to: range.upperBound) + 1)
        let low = range.lowerBound.daysSinceEpoch
        // key = ((sku * regions + region) * days + dayOffset) * rows + row: sorting groups equal keys, row order kept.
        let rowCount = UInt64(demand.count)
        var keys = [UInt64](repeating: 0, count: demand.count)
        for row in 0..<demand.count {
            let series = UInt64(Int(demand.skuIndices[row]) * regionCount + Int(demand.regionIndices[row]))
            let offset = UInt64(Int(demand.days[row]) - low)
            keys[row] = ((series * dayCount + offset) * rowCount) + UInt64(row)
        }
        keys.sort()
        let path = displayPath("demand.csv")
        for position in 1..<max(keys.count, 1) where keys[position] / rowCount == keys[position - 1] / rowCount {
            let row = Int(keys[position] % rowCount)
            var first = position - 1
            while first > 0, keys[first - 1] / rowCount == keys[position] / rowCount { first -= 1 }
            let firstLine = lines[Int(keys[first] % rowCount)]
            issues.add(
                file: path,
                line: Int(lines[row]),
                column: 1,
                "duplicate demand row for this date, sku and region (first on line \(firstLine))"
            )
        }
    }
}
