import Foundation
import PlannerCore

/// Writes a run's tables as CSV files (header row, RFC 4180 quoting) and `summary.json` into a folder.
public enum CSVOutput {
    public static func write(tables: [OutputTable], summaryJSON: String, to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for table in tables {
            var text = table.columns.map(quoted).joined(separator: ",") + "\n"
            try table.forEachRow { row in
                text += row.map { $0.map(quoted) ?? "" }.joined(separator: ",")
                text += "\n"
            }
            try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/" + fileName(for: table.name)))
        }
        try Data(summaryJSON.utf8).write(to: URL(fileURLWithPath: directory + "/summary.json"))
    }

    /// The file a table is written to: its name, except `unfilled_lines`, which is `unfilled.csv`.
    public static func fileName(for tableName: String) -> String {
        tableName == "unfilled_lines" ? "unfilled.csv" : tableName + ".csv"
    }

    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
