/// Checks a sparse matrix before `glp_load_matrix`, which aborts the process on bad input.
enum MatrixValidation {
    /// Throws on an index out of range, a non-finite value, or a repeated (row, column) pair.
    /// Linear time: entries are bucketed by row, then columns are stamped per row.
    static func validate(
        _ entries: [(row: Int, column: Int, value: Double)],
        rowCount: Int,
        columnCount: Int
    ) throws {
        guard entries.count < Int(Int32.max) else {
            throw GLPKError.invalidInput("\(entries.count) matrix entries exceed GLPK's limit")
        }
        var rowStarts = [Int](repeating: 0, count: rowCount + 1)
        for (offset, entry) in entries.enumerated() {
            guard (0..<rowCount).contains(entry.row) else {
                throw GLPKError.invalidInput("matrix entry \(offset): row \(entry.row) is out of range 0..<\(rowCount)")
            }
            guard (0..<columnCount).contains(entry.column) else {
                throw GLPKError.invalidInput(
                    "matrix entry \(offset): column \(entry.column) is out of range 0..<\(columnCount)"
                )
            }
            guard entry.value.isFinite else {
                throw GLPKError.invalidInput(
                    "matrix entry \(offset) at (\(entry.row), \(entry.column)): value \(entry.value) is not finite"
                )
            }
            rowStarts[entry.row + 1] += 1
        }
        for row in 0..<rowCount { rowStarts[row + 1] += rowStarts[row] }
        var next = rowStarts
        var entryByPosition = [Int](repeating: 0, count: entries.count)
        for (offset, entry) in entries.enumerated() {
            entryByPosition[next[entry.row]] = offset
            next[entry.row] += 1
        }
        var lastRowSeen = [Int](repeating: -1, count: columnCount)
        var firstEntryAt = [Int](repeating: -1, count: columnCount)
        for row in 0..<rowCount {
            for position in rowStarts[row]..<rowStarts[row + 1] {
                let offset = entryByPosition[position]
                let column = entries[offset].column
                if lastRowSeen[column] == row {
                    throw GLPKError.invalidInput(
                        "matrix entries \(firstEntryAt[column]) and \(offset) both set (\(row), \(column))"
                    )
                }
                lastRowSeen[column] = row
                firstEntryAt[column] = offset
            }
        }
    }
}
