import Foundation

/// A strict reader of the Prometheus text exposition format, version 0.0.4 (prometheus.io/docs/instrumenting/
/// exposition_formats, "Text format details"), written from the specification for the tests, apart from the
/// planner's writer, so that the two do not share a misreading. Stricter than the specification in one point on
/// purpose: a sample with a timestamp is refused, as node_exporter's textfile collector refuses the whole file.
///
/// What it checks: UTF-8, `\n` line ends and a final `\n`; `# HELP name docstring` (escapes `\\` and `\n` only) and
/// `# TYPE name type` (counter, gauge, histogram, summary, untyped), each at most once per name and before the
/// name's first sample; other `#` lines are comments; samples `name{label="value",...} value` with the
/// expression language's name rules, label values escaping only `\\`, `\"` and `\n`, an optional trailing comma, no
/// label twice, values as Go's ParseFloat reads them (decimal or exponent notation, `+Inf`, `-Inf`, `NaN`); all
/// lines of a metric family as one uninterrupted group; every (name, labels) once. Histogram and summary samples
/// (`_bucket`, `_sum`, `_count`) belong to their declared family.
enum PrometheusTextParser {
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double

        static func == (lhs: Sample, rhs: Sample) -> Bool {
            lhs.name == rhs.name && lhs.labels == rhs.labels
                && (lhs.value == rhs.value || (lhs.value.isNaN && rhs.value.isNaN))
        }
    }

    struct Family: Equatable {
        var name: String
        var help: String?
        var type: String?
        var samples: [Sample]
    }

    struct Failure: Error, CustomStringConvertible, Equatable {
        var line: Int
        var reason: String
        var description: String { "line \(line): \(reason)" }
    }

    static func parse(_ bytes: Data) throws -> [Family] {
        guard let text = String(data: bytes, encoding: .utf8) else { throw Failure(line: 0, reason: "not UTF-8") }
        return try parse(text)
    }

    static func parse(_ text: String) throws -> [Family] {
        guard text.isEmpty || text.hasSuffix("\n") else {
            throw Failure(
                line: text.split(separator: "\n", omittingEmptySubsequences: false).count,
                reason: "no final line feed"
            )
        }
        var families: [Family] = []
        var familyIndex: [String: Int] = [:]
        var finished: Set<String> = []
        var seenSeries: Set<[String]> = []
        var current: String? = nil
        func family(_ name: String, line: Int) throws -> Int {
            if current != name {
                if let current { finished.insert(current) }
                guard !finished.contains(name) else {
                    throw Failure(line: line, reason: "lines of \(name) do not form one group")
                }
                current = name
            }
            if let index = familyIndex[name] { return index }
            families.append(Family(name: name, help: nil, type: nil, samples: []))
            familyIndex[name] = families.count - 1
            return families.count - 1
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        for (offset, rawLine) in lines.enumerated() {
            let number = offset + 1
            let line = String(rawLine).trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                var tokens = Tokens(String(line.dropFirst()))
                guard let keyword = tokens.next(), keyword == "HELP" || keyword == "TYPE" else { continue }
                guard let name = tokens.next(), isMetricName(name) else {
                    throw Failure(line: number, reason: "\(keyword) needs a metric name")
                }
                let index = try family(name, line: number)
                if keyword == "HELP" {
                    guard families[index].help == nil else {
                        throw Failure(line: number, reason: "second HELP for \(name)")
                    }
                    families[index].help = try unescape(tokens.rest, allowed: ["\\": "\\", "n": "\n"], line: number)
                } else {
                    guard families[index].type == nil else {
                        throw Failure(line: number, reason: "second TYPE for \(name)")
                    }
                    guard families[index].samples.isEmpty else {
                        throw Failure(line: number, reason: "TYPE of \(name) after its samples")
                    }
                    guard let type = tokens.next(), tokens.next() == nil,
                        ["counter", "gauge", "histogram", "summary", "untyped"].contains(type)
                    else { throw Failure(line: number, reason: "TYPE needs one of the five types, alone") }
                    families[index].type = type
                }
                continue
            }
            let sample = try parseSample(line, line: number)
            var familyName = sample.name
            for suffix in ["_bucket", "_sum", "_count"] where sample.name.hasSuffix(suffix) {
                let base = String(sample.name.dropLast(suffix.count))
                if let index = familyIndex[base], ["histogram", "summary"].contains(families[index].type ?? "") {
                    familyName = base
                }
            }
            let index = try family(familyName, line: number)
            let series = [sample.name] + sample.labels.sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] }
            guard seenSeries.insert(series).inserted else {
                throw Failure(line: number, reason: "\(sample.name)\(sample.labels) appears twice")
            }
            families[index].samples.append(sample)
        }
        return families
    }

    private static func parseSample(_ line: String, line number: Int) throws -> Sample {
        var scalars = Substring(line).unicodeScalars[...]
        var name = ""
        while let scalar = scalars.first, scalar != "{", scalar != " ", scalar != "\t" {
            name.unicodeScalars.append(scalar)
            scalars.removeFirst()
        }
        guard isMetricName(name) else { throw Failure(line: number, reason: "bad metric name '\(name)'") }
        var labels: [String: String] = [:]
        if scalars.first == "{" {
            scalars.removeFirst()
            while true {
                if scalars.first == "}" {
                    scalars.removeFirst()
                    break
                }
                var label = ""
                while let scalar = scalars.first, scalar != "=" {
                    label.unicodeScalars.append(scalar)
                    scalars.removeFirst()
                }
                guard isLabelName(label), scalars.first == "=" else {
                    throw Failure(line: number, reason: "bad label name '\(label)'")
                }
                scalars.removeFirst()
                guard scalars.first == "\"" else { throw Failure(line: number, reason: "label value must be quoted") }
                scalars.removeFirst()
                var raw = ""
                var closed = false
                while let scalar = scalars.first {
                    scalars.removeFirst()
                    if scalar == "\\" {
                        guard let escaped = scalars.first else { break }
                        raw.unicodeScalars.append(scalar)
                        raw.unicodeScalars.append(escaped)
                        scalars.removeFirst()
                    } else if scalar == "\"" {
                        closed = true
                        break
                    } else {
                        raw.unicodeScalars.append(scalar)
                    }
                }
                guard closed else { throw Failure(line: number, reason: "unterminated label value") }
                let value = try unescape(raw, allowed: ["\\": "\\", "\"": "\"", "n": "\n"], line: number)
                guard labels.updateValue(value, forKey: label) == nil else {
                    throw Failure(line: number, reason: "label \(label) twice")
                }
                if scalars.first == "," {
                    scalars.removeFirst()
                } else if scalars.first != "}" {
                    throw Failure(line: number, reason: "expected , or } after a label")
                }
            }
        }
        var tokens = Tokens(String(String.UnicodeScalarView(scalars)))
        guard let valueText = tokens.next(), let value = goFloat(valueText) else {
            throw Failure(line: number, reason: "bad or missing value")
        }
        guard tokens.next() == nil else {
            throw Failure(
                line: number,
                reason: "a timestamp (or anything) after the value: the textfile collector refuses it"
            )
        }
        return Sample(name: name, labels: labels, value: value)
    }

    /// Go's ParseFloat on the forms a sample may use: decimal or exponent notation with an optional sign, and
    /// (any case) Inf, +Inf, -Inf, NaN.
    static func goFloat(_ text: String) -> Double? {
        switch text.lowercased() {
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        case "nan": return .nan
        default: break
        }
        let pattern = #"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$"#
        guard text.range(of: pattern, options: .regularExpression) != nil else { return nil }
        return Double(text)
    }

    private static func unescape(_ text: String, allowed: [Character: Character], line: Int) throws -> String {
        var result = ""
        var escaping = false
        for character in text {
            if escaping {
                guard let replacement = allowed[character] else {
                    throw Failure(line: line, reason: "invalid escape \\\(character)")
                }
                result.append(replacement)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        guard !escaping else { throw Failure(line: line, reason: "escape at the end") }
        return result
    }

    static func isMetricName(_ name: String) -> Bool {
        name.range(of: #"^[a-zA-Z_:][a-zA-Z0-9_:]*$"#, options: .regularExpression) != nil
    }

    static func isLabelName(_ name: String) -> Bool {
        name.range(of: #"^[a-zA-Z_][a-zA-Z0-9_]*$"#, options: .regularExpression) != nil
    }

    /// Tokens separated by blanks and tabs; `rest` is what follows the last token taken, without leading blanks.
    private struct Tokens {
        var remaining: Substring

        init(_ text: String) { remaining = Substring(text) }

        mutating func next() -> String? {
            remaining = remaining.drop { $0 == " " || $0 == "\t" }
            guard !remaining.isEmpty else { return nil }
            let token = remaining.prefix { $0 != " " && $0 != "\t" }
            remaining = remaining.dropFirst(token.count)
            return String(token)
        }

        var rest: String { String(remaining.drop { $0 == " " || $0 == "\t" }) }
    }
}
