/// One problem found in an input file, located for a person to fix: `file:line:column: message`.
///
/// Lines are physical lines of the file, 1-based, the CSV header being line 1; columns are 1-based
/// field numbers for CSV files and character columns for YAML files. Zero means "the whole line"
/// or "the whole file".
public struct InputIssue: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int = 0, column: Int = 0, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        switch (line, column) {
        case (0, _): return "\(file): error: \(message)"
        case (_, 0): return "\(file):\(line): error: \(message)"
        default: return "\(file):\(line):\(column): error: \(message)"
        }
    }
}

/// Every problem found while loading inputs. Nothing is planned or written when this is thrown.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var issues: [InputIssue]

    public init(issues: [InputIssue]) {
        self.issues = issues
    }

    public var description: String {
        let noun = issues.count == 1 ? "problem" : "problems"
        return (issues.map(\.description) + ["\(issues.count) input \(noun) found; nothing was planned or written."])
            .joined(separator: "\n")
    }
}
