import Foundation
import PlannerCore

extension LoadContext {
    /// Reads the optional returns.csv (date, sku, region, qty, and optionally grade) in file order. A missing file
    /// means no returns. qty is a whole number >= 1; grade is `resellable`, `defective`, `scrap` or blank (not
    /// graded), and an absent grade column means no return was graded. Rows of the same (date, sku, region, grade)
    /// may repeat (several parcels); they add up.
    ///
    /// The fast path (``ReturnFileParser``) reads the usual file whole; one it does not take as is, and one shard's
    /// rows (`filter`), go through the exact checks, row by row, every problem located.
    func readReturns(
        _ lookup: EntityLookup,
        _ issues: inout IssueCollector,
        fileName: String = ReturnColumns.fileName,
        filter: RowFilter? = nil
    ) -> [ReturnRecord] {
        guard FileManager.default.fileExists(atPath: displayPath(fileName)) else { return [] }
        if filter == nil, let file = ReadableFile(path: displayPath(fileName)),
            let records = try? ReturnFileParser(file: file, lookup: lookup).parse()
        {
            return records
        }
        return readReturnsExactly(lookup, &issues, fileName: fileName, filter: filter)
    }

    /// The exact path: every row through ``CSVRow``.
    func readReturnsExactly(
        _ lookup: EntityLookup,
        _ issues: inout IssueCollector,
        fileName: String = ReturnColumns.fileName,
        filter: RowFilter? = nil
    ) -> [ReturnRecord] {
        var returns: [ReturnRecord] = []
        let grades = ReturnGrade.allCases.map(\.rawValue)
        table(fileName, ReturnColumns.required, optionalColumns: ["grade"], &issues) { row in
            guard row.isShardRow(filter, skuColumn: 1, lookup: lookup) else { return }
            let day = row.day(0)
            let sku = row.reference(1, in: lookup.skuIndex, noun: "sku", definedIn: "skus.csv")
            let region = row.reference(2, in: lookup.regionIndex, noun: "region", definedIn: "regions.csv")
            let quantity = row.requiredWholeNumber(3, minimum: 1)
            var grade: ReturnGrade?? = .some(nil)
            if !row.isEmpty(4) {
                grade = row.choice(4, grades).map { ReturnGrade(rawValue: $0) }
            }
            guard let day, let sku, let region, let quantity, let grade, !row.hasIssues else { return }
            returns.append(ReturnRecord(day: day, skuIndex: sku, regionIndex: region, quantity: quantity, grade: grade))
        }
        return returns
    }
}

/// The columns of returns.csv.
enum ReturnColumns {
    static let fileName = "returns.csv"
    static let required = ["date", "sku", "region", "qty"]
}
