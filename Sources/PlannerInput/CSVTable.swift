import PlannerCore

/// Reads one data file whose header must name exactly `columns` (in any order), plus any of
/// `optionalColumns`, and hands each data row to `row` as a ``CSVRow`` that parses typed fields and records
/// located problems. Column numbers in the row are `columns` first, then `optionalColumns`; an optional column
/// missing from the header reads as an empty field.
struct CSVTable {
    let displayPath: String
    let columns: [String]
    var optionalColumns: [String] = []

    private var allColumns: [String] { columns + optionalColumns }

    /// Returns false when the file could not be read at all or its header is wrong.
    @discardableResult
    func read(reader: CSVReader, issues: inout IssueCollector, row: (inout CSVRow) -> Void) -> Bool {
        var fieldIndexByColumn: [Int]? = nil
        var syntaxIssues: [InputIssue] = []
        var headerSeen = false
        var headerIsValid = false
        var rowState = CSVRow(file: displayPath, columns: allColumns)
        reader.forEachRecord(issues: &syntaxIssues) { record in
            guard headerSeen else {
                headerSeen = true
                fieldIndexByColumn = headerMapping(record, issues: &issues)
                headerIsValid = fieldIndexByColumn != nil
                return
            }
            guard let mapping = fieldIndexByColumn else { return }
            let present = zip(allColumns, mapping).filter { $0.1 >= 0 }.map(\.0)
            guard record.fieldCount == present.count else {
                issues.add(
                    file: displayPath,
                    line: record.line,
                    "expected \(present.count) fields (\(present.joined(separator: ", "))), found \(record.fieldCount)"
                )
                return
            }
            rowState.start(record: record, fieldIndexByColumn: mapping)
            row(&rowState)
            for issue in rowState.takeIssues() { issues.add(issue) }
        }
        for issue in syntaxIssues { issues.add(issue) }
        if !headerSeen {
            issues.add(
                file: displayPath,
                line: 1,
                "the file is empty; expected the header \(columns.joined(separator: ","))"
            )
        }
        return headerIsValid
    }

    private func headerMapping(_ record: CSVRecord, issues: inout IssueCollector) -> [Int]? {
        var fieldIndexByName: [String: Int] = [:]
        var valid = true
        for field in 0..<record.fieldCount {
            let name = (record.string(field) ?? "").trimmingWhitespace()
            if !allColumns.contains(name) {
                let optional =
                    optionalColumns.isEmpty ? "" : " and optionally \(optionalColumns.joined(separator: ", "))"
                issues.add(
                    file: displayPath,
                    line: 1,
                    column: field + 1,
                    "unknown column \(InputLimits.quoted(name)); expected the columns \(columns.joined(separator: ", "))\(optional)"
                )
                valid = false
            } else if fieldIndexByName[name] != nil {
                issues.add(
                    file: displayPath,
                    line: 1,
                    column: field + 1,
                    "column \(InputLimits.quoted(name)) appears twice"
                )
                valid = false
            } else {
                fieldIndexByName[name] = field
            }
        }
        for name in columns where fieldIndexByName[name] == nil {
            issues.add(file: displayPath, line: 1, "missing column \(InputLimits.quoted(name))")
            valid = false
        }
        return valid ? allColumns.map { fieldIndexByName[$0] ?? -1 } : nil
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
