import Foundation
import PlannerCore

/// Writes a run's tables as CSV files (header row, RFC 4180 quoting) and `summary.json` into a folder.
///
/// Rows stream through ``CSVByteWriter``'s buffer, so a table of millions of forecast rows is never held
/// in memory as text.
public enum CSVOutput {
    public static func write(tables: [OutputTable], summaryJSON: String, to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for table in tables {
            let writer = try CSVByteWriter(path: directory + "/" + fileName(for: table.name))
            try writer.row(table.columns)
            try table.forEachRow { row in try writer.row(row.map { $0 ?? "" }) }
            try writer.close()
        }
        try Data(summaryJSON.utf8).write(to: URL(fileURLWithPath: directory + "/summary.json"))
    }

    /// The file a table is written to: its name, except `unfilled_lines`, which is `unfilled.csv`.
    public static func fileName(for tableName: String) -> String {
        tableName == "unfilled_lines" ? "unfilled.csv" : tableName + ".csv"
    }
}
