internal import CYaml

/// Resource limits of a YAML file (scenario or configuration), checked on libyaml's event stream before the
/// document is composed into nodes: the file's size, and the number of nodes it expands to when every alias
/// counts as a copy of its anchor's node. A "billion laughs" alias bomb therefore stops at the alias that
/// crosses the budget, in time linear in the file, instead of being expanded (and hashed, for Yams'
/// duplicate-key check) into billions of nodes.
///
/// libyaml is the parser Yams composes with; its module (`CYaml`) comes with the Yams package.
enum YAMLBudget {
    /// Largest YAML file read, in bytes.
    static let maxFileBytes = 1 << 20
    /// Largest number of nodes a document may expand to, aliases expanded.
    static let maxExpandedNodes = 100_000

    /// A place in the file and what is wrong there.
    struct Violation: Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    /// The first violation in `bytes`, or nil. Syntax errors are not reported here: the composer reports
    /// them with its own messages.
    static func check(_ bytes: [UInt8], maxExpandedNodes: Int = maxExpandedNodes) -> Violation? {
        guard bytes.count <= maxFileBytes else {
            return Violation(line: 0, column: 0, message: "the file is longer than \(maxFileBytes) bytes")
        }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeBufferPointer { buffer -> Violation? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var walk = ExpansionCount(limit: maxExpandedNodes)
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1
                let column = Int(event.start_mark.column) + 1
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_SCALAR_EVENT:
                    walk.close(size: 1, anchor: anchorName(event.data.scalar.anchor))
                case YAML_SEQUENCE_START_EVENT:
                    walk.open(anchor: anchorName(event.data.sequence_start.anchor))
                case YAML_MAPPING_START_EVENT:
                    walk.open(anchor: anchorName(event.data.mapping_start.anchor))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    walk.closeCollection()
                case YAML_ALIAS_EVENT:
                    walk.alias(anchorName(event.data.alias.anchor))
                default:
                    continue
                }
                if walk.total > maxExpandedNodes {
                    return Violation(
                        line: line,
                        column: column,
                        message: "the document expands to more than \(maxExpandedNodes) nodes "
                            + "(aliases count as copies of their anchor); this file is not read further"
                    )
                }
            }
        }
    }

    private static func anchorName(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}

/// Node counts of a document as its events arrive: each open collection's nodes so far, each anchor's size.
private struct ExpansionCount {
    let limit: Int
    /// Nodes of the document so far, aliases expanded.
    private(set) var total = 0
    private var open: [(anchor: String?, size: Int)] = []
    private var sizeByAnchor: [String: Int] = [:]

    init(limit: Int) {
        self.limit = limit
    }

    mutating func open(anchor: String?) {
        open.append((anchor, 1))
        total += 1
    }

    /// A scalar (or a whole collection, from ``closeCollection()``) of `size` nodes ends.
    mutating func close(size: Int, anchor: String?, countedAlready: Bool = false) {
        if !countedAlready { total += size }
        if let anchor { sizeByAnchor[anchor] = size }
        if !open.isEmpty { open[open.count - 1].size += size }
    }

    mutating func closeCollection() {
        guard let frame = open.popLast() else { return }
        close(size: frame.size, anchor: frame.anchor, countedAlready: true)
    }

    /// An alias adds as many nodes as its anchor's node holds (an undefined one is the composer's error).
    /// Each size is at most the total when its anchor closed, so no sum here exceeds twice the limit.
    mutating func alias(_ anchor: String?) {
        let size = anchor.flatMap { sizeByAnchor[$0] } ?? 1
        total += size
        if !open.isEmpty { open[open.count - 1].size += size }
    }
}
