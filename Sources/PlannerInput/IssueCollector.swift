import PlannerCore

/// Collects input problems, at most `limitPerFile` per file so that a systematically broken
/// 100-million-row file gives a readable report; the rest are counted and summarised.
struct IssueCollector {
    static let defaultLimitPerFile = 200

    private(set) var issues: [InputIssue] = []
    private var countByFile: [String: Int] = [:]
    private var fileOrder: [String] = []
    let limitPerFile: Int

    init(limitPerFile: Int = IssueCollector.defaultLimitPerFile) {
        self.limitPerFile = limitPerFile
    }

    var isEmpty: Bool { issues.isEmpty }

    mutating func add(_ issue: InputIssue) {
        if countByFile[issue.file] == nil { fileOrder.append(issue.file) }
        let count = countByFile[issue.file, default: 0] + 1
        countByFile[issue.file] = count
        if count <= limitPerFile { issues.append(issue) }
    }

    mutating func add(file: String, line: Int = 0, column: Int = 0, _ message: String) {
        add(InputIssue(file: file, line: line, column: column, message: message))
    }

    /// All issues, followed by one line per file whose problems went over the limit.
    func finished() -> [InputIssue] {
        var result = issues
        for file in fileOrder {
            let hidden = countByFile[file, default: 0] - limitPerFile
            if hidden > 0 {
                result.append(InputIssue(file: file, message: "\(hidden) more problems in this file are not listed"))
            }
        }
        return result
    }

    /// Throws an ``InputError`` listing everything collected, if anything was.
    func throwIfAny() throws {
        if !issues.isEmpty { throw InputError(issues: finished()) }
    }
}
