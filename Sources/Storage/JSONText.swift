import PlannerCore

/// The few JSON values the export commands write, by hand so that keys keep their documented order
/// (RFC 8259: strings escape `"`, `\` and control characters; numbers are plain decimals).
enum JSONText {
    static func string(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }

    static func string(_ text: String?) -> String {
        text.map { string($0) } ?? "null"
    }

    /// Shortest round-tripping decimal (`1.2`, `12`); null for NULL and for NaN or infinity, which JSON lacks.
    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        return CSVField.decimal(value)
    }

    /// An object with its members in the order given.
    static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    /// An array of already encoded values, one per line, indented by two spaces (`[]` when empty).
    static func array(lines values: [String]) -> String {
        values.isEmpty ? "[]" : "[\n" + values.map { "  " + $0 }.joined(separator: ",\n") + "\n]"
    }
}
