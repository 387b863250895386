import PlannerCore

extension CSVRow {
    /// The exact checks of one demand.csv row, columns in ``DemandLayout/columns`` order: its values,
    /// or nil with every problem recorded and located.
    mutating func demandRow(_ lookup: EntityLookup) -> (sku: Int, region: Int, day: Day, quantity: Int)? {
        let day = day(0)
        let sku = reference(1, in: lookup.skuIndex, refused: lookup.refusedIDs.skus, noun: "sku", definedIn: "skus.csv")
        let region = reference(
            2,
            in: lookup.regionIndex,
            refused: lookup.refusedIDs.regions,
            noun: "region",
            definedIn: "regions.csv"
        )
        let quantity = requiredWholeNumber(3)
        guard let day, let sku, let region, let quantity, !hasIssues else { return nil }
        return (sku, region, day, quantity)
    }
}

/// Problems the exact checks found in chunks of demand.csv, to be added to an ``IssueCollector`` as
/// ``CSVTable`` adds them when it reads the whole file: row problems in file order, then syntax
/// problems. Only as many as a collector lists are kept; the rest are counted.
struct DemandIssueLog {
    let limit: Int
    private(set) var rowIssues: [InputIssue] = []
    private(set) var hiddenRowIssueCount = 0
    private(set) var syntaxIssues: [InputIssue] = []
    private(set) var hiddenSyntaxIssueCount = 0

    init(limit: Int) {
        self.limit = limit
    }

    var isEmpty: Bool { rowIssues.isEmpty && syntaxIssues.isEmpty }

    mutating func addRowIssue(_ issue: InputIssue) {
        if rowIssues.count < limit { rowIssues.append(issue) } else { hiddenRowIssueCount += 1 }
    }

    mutating func addSyntaxIssue(_ issue: InputIssue) {
        if syntaxIssues.count < limit { syntaxIssues.append(issue) } else { hiddenSyntaxIssueCount += 1 }
    }

    /// Adds the problems to `collector`, which must hold none of `file` yet: those past the limit are
    /// only counted there, so a stand-in is added for each one not kept.
    func replay(into collector: inout IssueCollector, file: String) {
        let unlisted = InputIssue(file: file, message: "a problem past the listed ones")
        for issue in rowIssues { collector.add(issue) }
        for _ in 0..<hiddenRowIssueCount { collector.add(unlisted) }
        for issue in syntaxIssues { collector.add(issue) }
        for _ in 0..<hiddenSyntaxIssueCount { collector.add(unlisted) }
    }
}

/// Reads a chunk the fast path could not take (a problem, or a rare valid spelling) row by row with
/// the exact checks, so its rows and problems are those of the exact path, at the same lines.
enum ExactDemandChunkReader {
    /// Appends the chunk's valid rows to `columns` and their lines to `rowLines`, its problems to
    /// `log`. Returns false when the chunk cannot be read on its own and the whole file must take the
    /// exact path: a CR standing alone (a line end the fast path does not count), a byte order mark at
    /// its start (the exact path reads it as part of a field), or a quote still open at its end (the
    /// field may go on in the next chunk).
    static func read(
        _ chunk: DemandChunk,
        firstLine: Int,
        layout: DemandLayout,
        lookup: EntityLookup,
        displayPath: String,
        filter: RowFilter? = nil,
        columns: inout DemandColumns,
        rowLines: inout [Int32],
        log: inout DemandIssueLog
    ) -> Bool {
        let bytes = [UInt8](UnsafeRawBufferPointer(start: chunk.bytes, count: chunk.countBytes))
        guard !chunk.hasLoneCarriageReturn, !bytes.starts(with: [0xEF, 0xBB, 0xBF]) else { return false }
        let reader = CSVReader(bytes: bytes, displayPath: displayPath, firstLine: firstLine, skipsByteOrderMark: false)
        let fieldIndexByColumn = [layout.dateField, layout.skuField, layout.regionField, layout.quantityField]
        let columnList = DemandLayout.columns.joined(separator: ", ")
        var row = CSVRow(file: displayPath, columns: DemandLayout.columns)
        var syntaxIssues: [InputIssue] = []
        reader.forEachRecord(issues: &syntaxIssues) { record in
            guard record.fieldCount == fieldIndexByColumn.count else {
                log.addRowIssue(
                    InputIssue(
                        file: displayPath,
                        line: record.line,
                        message:
                            "expected \(fieldIndexByColumn.count) fields (\(columnList)), found \(record.fieldCount)"
                    )
                )
                return
            }
            row.start(record: record, fieldIndexByColumn: fieldIndexByColumn)
            guard row.isShardRow(filter, skuColumn: 1, lookup: lookup) else {
                for issue in row.takeIssues() { log.addRowIssue(issue) }
                return
            }
            if let values = row.demandRow(lookup) {
                columns.skuIndices.append(Int32(values.sku))
                columns.regionIndices.append(Int32(values.region))
                columns.days.append(Int32(values.day.daysSinceEpoch))
                columns.quantities.append(Int32(values.quantity))
                rowLines.append(Int32(record.line))
            }
            for issue in row.takeIssues() { log.addRowIssue(issue) }
        }
        if syntaxIssues.contains(where: { $0.message == CSVReader.unclosedQuoteMessage }) { return false }
        for issue in syntaxIssues { log.addSyntaxIssue(issue) }
        return true
    }
}
