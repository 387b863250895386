import Foundation
import PlannerCore
import Yams

/// Reads typed values out of a composed YAML node tree, recording located problems instead of
/// throwing at the first one. Lines and columns are 1-based, as Yams' `Mark` gives them.
struct YAMLReader {
    let file: String
    var issues: IssueCollector
    /// Names the file refers to, to be checked against the data set once it is loaded.
    private(set) var references: [InputReference] = []

    init(file: String, issues: IssueCollector = IssueCollector()) {
        self.file = file
        self.issues = issues
    }

    /// Parses `path` into a node tree; nil (with an issue) when the file is unreadable or not YAML.
    mutating func compose(path: String) -> Node? {
        guard let handle = ReadableFile(path: path) else {
            issues.add(file: file, "cannot read the file (missing or unreadable)")
            return nil
        }
        // One byte more than the budget allows, so a larger file is refused without reading all of it.
        var bytes: [UInt8] = []
        do {
            _ = try handle.read(appendingTo: &bytes, count: YAMLBudget.maxFileBytes + 1, at: 0)
        } catch {
            issues.add(file: file, "cannot read the file: \(error.message)")
            return nil
        }
        if let violation = YAMLBudget.check(bytes) {
            issues.add(file: file, line: violation.line, column: violation.column, violation.message)
            return nil
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            issues.add(file: file, "the file is not valid UTF-8")
            return nil
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                issues.add(file: file, "the file is empty")
                return nil
            }
            return node
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                .composer(_, let problem, let mark, _):
                issues.add(file: file, line: mark.line, column: mark.column, "not valid YAML: \(problem)")
            case .duplicatedKeysInMapping(let duplicates, let context):
                issues.add(
                    file: file,
                    line: context.mark.line,
                    column: context.mark.column,
                    "duplicate key \(duplicates.map { InputLimits.quoted(String(describing: $0)) }.joined(separator: ", "))"
                )
            default:
                issues.add(file: file, "not valid YAML: \(error)")
            }
            return nil
        } catch {
            issues.add(file: file, "not valid YAML: \(error)")
            return nil
        }
    }

    /// Notes that `node` refers to `value`, a name of `kind` the data set must hold.
    mutating func noteReference(_ kind: InputReference.Kind, _ value: String, at node: Node) {
        references.append(
            InputReference(
                kind: kind,
                value: value,
                file: file,
                line: node.mark?.line ?? 0,
                column: node.mark?.column ?? 0
            )
        )
    }

    mutating func fail(_ node: Node?, _ message: String) {
        issues.add(file: file, line: node?.mark?.line ?? 0, column: node?.mark?.column ?? 0, message)
    }

    /// The mapping's entries by key, after checking that every key is one of `allowed` and every
    /// key in `required` is present. Unknown keys are errors: a typo must never be silently ignored.
    mutating func mapping(
        _ node: Node,
        context: String,
        allowed: [String],
        required: [String] = []
    ) -> [String: Node]? {
        guard let mapping = node.mapping else {
            fail(node, "\(context) must be a mapping (key: value)")
            return nil
        }
        var entries: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                fail(key, "\(context): keys must be plain names")
                continue
            }
            guard allowed.contains(name) else {
                fail(
                    key,
                    "\(context): unknown key \(InputLimits.quoted(name)); expected one of \(allowed.joined(separator: ", "))"
                )
                continue
            }
            entries[name] = value
        }
        for name in required where entries[name] == nil {
            fail(node, "\(context): missing required key '\(name)'")
        }
        return entries
    }

    /// A single value without control characters, at most `maxBytes` bytes (by default the limit of free
    /// text, ``InputLimits/textMaxBytes``).
    mutating func string(
        _ node: Node,
        _ name: String,
        allowEmpty: Bool = false,
        maxBytes: Int = InputLimits.textMaxBytes
    ) -> String? {
        guard let scalar = node.scalar else {
            fail(node, "\(name) must be a single value")
            return nil
        }
        if scalar.string.isEmpty && !allowEmpty {
            fail(node, "\(name) must not be empty")
            return nil
        }
        if let problem = InputLimits.problem(with: scalar.string, maxBytes: maxBytes) {
            fail(node, "\(name) \(InputLimits.quoted(scalar.string)) \(problem)")
            return nil
        }
        return scalar.string
    }

    /// An identifier: a non-empty single value of at most ``InputLimits/identifierMaxBytes`` bytes.
    mutating func identifier(_ node: Node, _ name: String) -> String? {
        string(node, name, maxBytes: InputLimits.identifierMaxBytes)
    }

    /// A finite number within `range`.
    mutating func number(
        _ node: Node,
        _ name: String,
        in range: ClosedRange<Double>,
        openLow: Bool = false,
        openHigh: Bool = false
    ) -> Double? {
        guard let text = node.scalar?.string, let value = Double(text), value.isFinite else {
            fail(
                node,
                "\(name) must be a number, found \(node.scalar.map { InputLimits.quoted($0.string) } ?? "a list or mapping")"
            )
            return nil
        }
        let tooLow = openLow ? value <= range.lowerBound : value < range.lowerBound
        let tooHigh = openHigh ? value >= range.upperBound : value > range.upperBound
        if tooLow || tooHigh {
            let low = openLow ? "(" : "["
            let high = openHigh ? ")" : "]"
            fail(node, "\(name) must be in \(low)\(range.lowerBound), \(range.upperBound)\(high), found \(text)")
            return nil
        }
        return value
    }

    mutating func wholeNumber(_ node: Node, _ name: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = node.scalar?.string, let value = Int(text) else {
            fail(
                node,
                "\(name) must be a whole number, found \(node.scalar.map { InputLimits.quoted($0.string) } ?? "a list or mapping")"
            )
            return nil
        }
        guard range.contains(value) else {
            fail(node, "\(name) must be between \(range.lowerBound) and \(range.upperBound), found \(value)")
            return nil
        }
        return value
    }

    /// `true` or `false`, spelled so; YAML 1.1's `yes`, `on`, `True` and the like are errors, so a value
    /// means the same to every reader of the file.
    mutating func bool(_ node: Node, _ name: String) -> Bool? {
        switch node.scalar?.string {
        case "true": return true
        case "false": return false
        default:
            fail(
                node,
                "\(name) must be true or false, found \(node.scalar.map { InputLimits.quoted($0.string) } ?? "a list or mapping")"
            )
            return nil
        }
    }

    /// Whether the node is YAML null: a plain `null`, `~` or nothing (`key:`); a quoted 'null' is a string.
    func isNull(_ node: Node) -> Bool {
        node.null != nil
    }

    /// A date `YYYY-MM-DD` that exists, within ``InputLimits/earliestDay`` ... ``InputLimits/latestDay``.
    mutating func day(_ node: Node, _ name: String) -> Day? {
        guard let text = node.scalar?.string, let day = Day(iso: text) else {
            let found = InputLimits.quoted(node.scalar?.string ?? "")
            fail(node, "\(name) must be a date YYYY-MM-DD that exists, found \(found)")
            return nil
        }
        guard InputLimits.contains(day) else {
            fail(
                node,
                "\(name) \(day) is outside the dates the planner accepts "
                    + "(\(InputLimits.earliestDay) to \(InputLimits.latestDay))"
            )
            return nil
        }
        return day
    }

    /// A list of non-empty strings; a single value is accepted as a one-element list.
    mutating func stringList(_ node: Node, _ name: String) -> [(value: String, node: Node)]? {
        let items: [Node]
        if let sequence = node.sequence {
            items = Array(sequence)
        } else if node.scalar != nil {
            items = [node]
        } else {
            fail(node, "\(name) must be a list of values")
            return nil
        }
        if items.isEmpty {
            fail(node, "\(name) must not be an empty list (leave the key out to match everything)")
            return nil
        }
        var result: [(String, Node)] = []
        for item in items {
            guard let value = identifier(item, name) else { return nil }
            result.append((value, item))
        }
        return result
    }
}
