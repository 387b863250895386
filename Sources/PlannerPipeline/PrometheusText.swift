import Foundation

#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// One gauge family of the Prometheus text exposition format (version 0.0.4): a name, its help text, and its
/// samples, each a set of labels and a value.
public struct PrometheusGauge: Sendable {
    public var name: String
    public var help: String
    public var samples: [(labels: [(name: String, value: String)], value: Double)]

    public init(name: String, help: String, samples: [(labels: [(name: String, value: String)], value: Double)]) {
        self.name = name
        self.help = help
        self.samples = samples
    }
}

/// Gauges in the Prometheus text exposition format, for node_exporter's textfile collector
/// (prometheus.io/docs/instrumenting/exposition_formats): per family a `# HELP` and a `# TYPE name gauge` line,
/// then its samples as one uninterrupted group, `name{label="value",...} value`, each line ending in `\n`. Label
/// values escape `\`, `"` and line feeds, help text `\` and line feeds. No timestamps: the textfile collector
/// refuses a file that has any.
///
/// Written here rather than with swift-prometheus (2.4.1), which produces the same format but keeps families and
/// label sets in dictionaries, so the order of its lines changes from one process to the next (three runs gave
/// three orders): the same run would give a different file each time, which the format's specification advises
/// against and no test can pin. Its registry is built for a long-running server (atomics, locks), not a file
/// written once, and it would bring three packages to every CI build for what fits in this file. Here families
/// and samples keep the order given, so the same figures give the same bytes.
public enum PrometheusText {
    /// The exposition of `gauges`, in the order given. Names must match `[a-zA-Z_:][a-zA-Z0-9_:]*` and label
    /// names `[a-zA-Z_][a-zA-Z0-9_]*` (checked: a bad one is a programming error); a family without samples
    /// is left out, as is a repeated label set of a family (the first one stays).
    public static func render(_ gauges: [PrometheusGauge]) -> String {
        var text = ""
        for gauge in gauges where !gauge.samples.isEmpty {
            precondition(isMetricName(gauge.name), "invalid metric name \(gauge.name)")
            text += "# HELP \(gauge.name) \(escapeHelp(gauge.help))\n# TYPE \(gauge.name) gauge\n"
            var seen: Set<[String]> = []
            for sample in gauge.samples {
                guard seen.insert(sample.labels.flatMap { [$0.name, $0.value] }).inserted else { continue }
                text += gauge.name
                if !sample.labels.isEmpty {
                    let labels = sample.labels.map { label in
                        precondition(isLabelName(label.name), "invalid label name \(label.name)")
                        return "\(label.name)=\"\(escapeLabelValue(label.value))\""
                    }
                    text += "{" + labels.joined(separator: ",") + "}"
                }
                text += " " + value(sample.value) + "\n"
            }
        }
        return text
    }

    /// A value as Go's `strconv.ParseFloat` reads it: whole numbers below 2^53 without a fraction, others in
    /// Swift's shortest round-tripping form (`0.953`, `1.7e-05`), and `+Inf`, `-Inf`, `NaN`.
    static func value(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number > 0 ? "+Inf" : "-Inf" }
        if number == number.rounded(), abs(number) < 9_007_199_254_740_992 { return String(Int64(number)) }
        return number.description
    }

    static func escapeLabelValue(_ text: String) -> String {
        var escaped = ""
        for character in text.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    static func escapeHelp(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func isMetricName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter || first == "_" || first == ":" else {
            return false
        }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" || $0 == ":" }
    }

    static func isLabelName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" }
    }

    /// Writes `text` to `path` as node_exporter's textfile collector needs it: a temporary file in the same folder
    /// (hidden, and not ending in `.prom`, so the collector never reads it half written; created anew, a link in
    /// its place is removed, never followed), synced, then renamed over `path` in one step, and the folder synced.
    /// On failure the temporary file is removed and `path` is left as it was.
    public static func writeAtomically(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = folder + "/.\(url.lastPathComponent).tmp-\(getpid())"
        func failure(_ what: String) -> MetricsFileError {
            MetricsFileError(message: "\(what): \(String(cString: strerror(errno)))")
        }
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { throw failure("cannot create \(temporary)") }
        var written = false
        defer { if !written { unlink(temporary) } }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else {
                let error = failure("cannot write \(temporary)")
                close(descriptor)
                throw error
            }
            offset += count
        }
        guard fsync(descriptor) == 0 else {
            let error = failure("cannot sync \(temporary)")
            close(descriptor)
            throw error
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else { throw failure("cannot rename \(temporary) to \(path)") }
        written = true
        let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }
}

/// The metrics file could not be written; the message names the file and the system's reason.
public struct MetricsFileError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
