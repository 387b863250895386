import PlannerCore

/// The few JSON values the export commands write, by hand so that keys keep their documented order
/// (RFC 8259: strings escape `"`, `\` and control characters; numbers are plain decimals).
enum JSONText {
    static func string(_ text: String) -> String {
        CanonicalJSON.quoted(text)
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
