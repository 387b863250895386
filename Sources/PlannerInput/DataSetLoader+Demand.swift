import PlannerCore

extension LoadContext {
    /// Reads demand.csv into the columnar history. (date, sku, region) must be unique.
    ///
    /// The fast path (``DemandFileParser``) streams and parses the file on every core, and reads the
    /// chunks holding a problem row by row with the exact checks. When it cannot settle the file on its
    /// own, the whole file is read the exact way, row by row with every problem located.
    ///
    /// Uniqueness is checked in O(rows) for the usual file, sorted by date: each (sku, region) series
    /// must move strictly forward in time. Only when a series steps back is a sort of packed keys used
    /// to find the real duplicates, so an unsorted but valid file is accepted too.
    ///
    /// `fileName` is demand.csv or a part of it in a partitioned folder; `filter` keeps one shard's rows.
    func readDemand(
        _ lookup: EntityLookup,
        _ issues: inout IssueCollector,
        options: DemandFileParser.Options = DemandFileParser.Options(),
        fileName: String = "demand.csv",
        filter: RowFilter? = nil
    ) -> DemandHistory {
        let path = displayPath(fileName)
        if let file = ReadableFile(path: path) {
            let parser = DemandFileParser(
                file: file,
                lookup: lookup,
                displayPath: path,
                issueLimit: issues.limitPerFile,
                options: options,
                filter: filter
            )
            do {
                if case .parsed(let parsed) = try parser.parse() {
                    parsed.issues.replay(into: &issues, file: path)
                    if !parsed.isSortedBySeries {
                        reportDuplicateDemand(
                            parsed.demand,
                            regionCount: max(lookup.regionIndex.count, 1),
                            fileName: fileName,
                            &issues,
                            lines: { rows in try parser.lines(ofRows: rows, in: parsed) }
                        )
                    }
                    return parsed.demand
                }
            } catch {
                // The exact path reads the file again and reports the failure where it happens.
            }
        }
        return readDemandExactly(lookup, &issues, fileName: fileName, filter: filter)
    }

    /// The exact path: every row through ``CSVRow``, each problem reported with its line and column.
    func readDemandExactly(
        _ lookup: EntityLookup,
        _ issues: inout IssueCollector,
        fileName: String = "demand.csv",
        filter: RowFilter? = nil
    ) -> DemandHistory {
        var demand = DemandHistory()
        var lines: [Int32] = []
        // Reserved once, as on the fast path: doubling a 150 M-row history would briefly need twice its size.
        if let file = ReadableFile(path: displayPath(fileName)) {
            let rowBound = DemandFileParser.rowCountBound(
                fileSizeBytes: file.sizeBytes,
                shortestSKUBytes: lookup.skuIndex.keys.lazy.map(\.utf8.count).min() ?? 1,
                shortestRegionBytes: lookup.regionIndex.keys.lazy.map(\.utf8.count).min() ?? 1
            )
            demand.reserveCapacity(rowBound)
            lines.reserveCapacity(rowBound)
        }
        let regionCount = max(lookup.regionIndex.count, 1)
        var lastDayBySeries = [Int32](repeating: Int32.min, count: max(lookup.skuIndex.count, 1) * regionCount)
        var isSortedBySeries = true
        table(fileName, DemandLayout.columns, &issues) { row in
            guard row.isShardRow(filter, skuColumn: 1, lookup: lookup),
                let (sku, region, day, quantity) = row.demandRow(lookup)
            else { return }
            let series = sku * regionCount + region
            if Int32(day.daysSinceEpoch) <= lastDayBySeries[series] { isSortedBySeries = false }
            lastDayBySeries[series] = Int32(day.daysSinceEpoch)
            demand.append(skuIndex: sku, regionIndex: region, day: day, quantity: quantity)
            lines.append(Int32(row.line))
        }
        if !isSortedBySeries {
            reportDuplicateDemand(demand, regionCount: regionCount, fileName: fileName, &issues) { rows in
                Dictionary(uniqueKeysWithValues: rows.map { ($0, Int(lines[$0])) })
            }
        }
        return demand
    }

    /// Reports every row whose (date, sku, region) appeared on an earlier row, naming that row's line.
    ///
    /// `lines` gives the physical line of each row asked for (ascending row indices). Only the first
    /// `issues.limitPerFile` duplicates can be listed, so only their lines are asked for; the others
    /// are counted.
    private func reportDuplicateDemand(
        _ demand: DemandHistory,
        regionCount: Int,
        fileName: String,
        _ issues: inout IssueCollector,
        lines: ([Int]) throws -> [Int: Int]
    ) {
        guard let range = demand.dayRange else { return }
        let dayCount = UInt64(range.lowerBound.days(to: range.upperBound) + 1)
        let low = range.lowerBound.daysSinceEpoch
        // Rows sorted by (series, day), row order kept among equals: one packed UInt64 per row,
        // ((sku * regions + region) * days + dayOffset) * rows + row, when that fits in 64 bits, else pairs.
        let rowCount = UInt64(demand.count)
        let skuCount = UInt64((demand.skuIndices.max().map(Int.init) ?? 0) + 1)
        let seriesCount = skuCount * UInt64(max(1, regionCount))
        func seriesDay(_ row: Int) -> UInt64 {
            let series = UInt64(Int(demand.skuIndices[row]) * regionCount + Int(demand.regionIndices[row]))
            return series * dayCount + UInt64(Int(demand.days[row]) - low)
        }
        // (duplicate row, row of its first occurrence), in key order.
        var listed: [(row: Int, first: Int)] = []
        var unlistedCount = 0
        func scan(_ count: Int, seriesDay: (Int) -> UInt64, row: (Int) -> Int) {
            var first = 0
            for position in 1..<max(count, 1) {
                if seriesDay(position) != seriesDay(position - 1) {
                    first = position
                    continue
                }
                if listed.count < issues.limitPerFile {
                    listed.append((row(position), row(first)))
                } else {
                    unlistedCount += 1
                }
            }
        }
        let (keySpace, keySpaceOverflows) = seriesCount.multipliedReportingOverflow(by: dayCount)
        if !keySpaceOverflows, !keySpace.multipliedReportingOverflow(by: rowCount).overflow {
            var keys = (0..<demand.count).map { seriesDay($0) * rowCount + UInt64($0) }
            keys.sort()
            scan(keys.count, seriesDay: { keys[$0] / rowCount }, row: { Int(keys[$0] % rowCount) })
        } else {
            var pairs = (0..<demand.count).map { (seriesDay: seriesDay($0), row: $0) }
            pairs.sort { $0.seriesDay != $1.seriesDay ? $0.seriesDay < $1.seriesDay : $0.row < $1.row }
            scan(pairs.count, seriesDay: { pairs[$0].seriesDay }, row: { pairs[$0].row })
        }
        guard !listed.isEmpty else { return }
        let path = displayPath(fileName)
        let wanted = Set(listed.flatMap { [$0.row, $0.first] }).sorted()
        guard let lineByRow = try? lines(wanted) else {
            issues.add(file: path, "the file changed while it was read; duplicate rows cannot be located")
            return
        }
        for (row, first) in listed {
            issues.add(
                file: path,
                line: lineByRow[row] ?? 0,
                column: 1,
                "duplicate demand row for this date, sku and region (first on line \(lineByRow[first] ?? 0))"
            )
        }
        // Past the limit only the count is shown, so these need no line.
        let unlisted = InputIssue(file: path, message: "duplicate demand row for this date, sku and region")
        for _ in 0..<unlistedCount { issues.add(unlisted) }
    }
}
