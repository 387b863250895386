/// JSON of a value's stored properties, in one canonical form, for the record of what produced a run (the
/// effective configuration and scenario in `planner.runs`).
///
/// Built by reflection, so a setting added to ``PlannerConfiguration`` or ``Scenario`` is recorded without a
/// second list to keep in step: properties become snake_case keys (`abcThresholds` is `abc_thresholds`, as in
/// the YAML), objects and dictionaries have their keys sorted, sets are sorted, enums with raw values give the raw
/// value, a ``Day`` its `YYYY-MM-DD`, nil gives `null`, numbers their shortest round-tripping form. The same value
/// always gives the same bytes. Properties named in `omitting` (at any depth) are left out: secrets such as the
/// database URL, and paths that say where a file was rather than what it held.
public enum CanonicalJSON {
    public static func encode(_ value: Any, omitting: Set<String> = []) -> String {
        var output = ""
        write(value, omitting: omitting, to: &output)
        return output
    }

    private static func write(_ value: Any, omitting: Set<String>, to output: inout String) {
        switch value {
        case let text as String:
            output += quoted(text)
        case let flag as Bool:
            output += flag ? "true" : "false"
        case let number as Int:
            output += String(number)
        case let number as Int64:
            output += String(number)
        case let number as Int32:
            output += String(number)
        case let number as Double:
            output += number.isFinite ? number.description : "null"
        case let day as Day:
            output += quoted(day.description)
        default:
            writeStructured(value, omitting: omitting, to: &output)
        }
    }

    private static func writeStructured(_ value: Any, omitting: Set<String>, to output: inout String) {
        if let raw = rawValue(of: value) {
            write(raw, omitting: omitting, to: &output)
            return
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            if let wrapped = mirror.children.first?.value {
                write(wrapped, omitting: omitting, to: &output)
            } else {
                output += "null"
            }
        case .collection, .tuple:
            let items = mirror.children.map { encode($0.value, omitting: omitting) }
            output += "[" + items.joined(separator: ",") + "]"
        case .set:
            let items = mirror.children.map { encode($0.value, omitting: omitting) }.sorted()
            output += "[" + items.joined(separator: ",") + "]"
        case .dictionary:
            var entries: [(key: String, value: String)] = []
            for pair in mirror.children {
                let parts = Array(Mirror(reflecting: pair.value).children)
                guard parts.count == 2 else { continue }
                entries.append((keyText(parts[0].value), encode(parts[1].value, omitting: omitting)))
            }
            output += object(entries)
        case .enum:
            output += quoted(String(describing: value))
        default:
            var entries: [(key: String, value: String)] = []
            for child in mirror.children {
                guard let label = child.label, !omitting.contains(label) else { continue }
                entries.append((snakeCase(label), encode(child.value, omitting: omitting)))
            }
            output += object(entries)
        }
    }

    private static func object(_ entries: [(key: String, value: String)]) -> String {
        let sorted = entries.sorted { $0.key < $1.key }
        return "{" + sorted.map { quoted($0.key) + ":" + $0.value }.joined(separator: ",") + "}"
    }

    private static func rawValue(of value: Any) -> Any? {
        guard let representable = value as? any RawRepresentable else { return nil }
        return representable.rawValue
    }

    private static func keyText(_ key: Any) -> String {
        if let raw = rawValue(of: key) { return String(describing: raw) }
        if let day = key as? Day { return day.description }
        return String(describing: key)
    }

    /// `abcThresholds` to `abc_thresholds`, `newSKUDays` to `new_sku_days`, `databaseURL` to `database_url`.
    public static func snakeCase(_ name: String) -> String {
        let characters = Array(name)
        var result = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase, index > 0 {
                let previous = characters[index - 1]
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && next?.isLowercase == true) {
                    result += "_"
                }
            }
            result += character.lowercased()
        }
        return result
    }

    /// A JSON string: `"`, `\` and control characters escaped.
    public static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
