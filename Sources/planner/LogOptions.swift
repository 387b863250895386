import ArgumentParser
import Foundation
@preconcurrency import Glibc
import Logging
import PlannerCore

/// How a command logs: level, `--quiet` for schedulers, and text or JSON lines on standard error; and whether
/// the long stages show a progress bar (only on a terminal, only for text logs).
struct LogOptions: ParsableArguments {
    @Option(name: .long, help: "Log level on standard error (the summary goes to standard output).")
    var logLevel: Logger.Level = .info

    @Flag(name: .long, help: "Log errors only, and show no progress bar (for schedulers).")
    var quiet = false

    @Option(name: .long, help: "Log lines as text, or json: one JSON object per line (for log collectors).")
    var logFormat: LogFormat = .text

    enum LogFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    var effectiveLevel: Logger.Level { quiet ? .error : logLevel }

    func makeLogger() -> Logger {
        let level = effectiveLevel
        let format = logFormat
        LoggingSystem.bootstrap { label in
            switch format {
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            case .json:
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
        }
        return Logger(label: "planner")
    }

    /// The progress of the long stages: a bar with counts and rate redrawn on a terminal; elsewhere (a file, a
    /// pipe, a scheduler) one plain log line per finished stage; nothing with --quiet.
    func makeProgress(logger: Logger) -> StageProgress? {
        guard !quiet else { return nil }
        if logFormat == .text && isatty(STDERR_FILENO) == 1 {
            return StageProgress { ProgressBar.draw($0) }
        }
        return StageProgress(intervalSeconds: .infinity) { snapshot in
            guard snapshot.finished else { return }
            logger.info(
                "stage finished",
                metadata: [
                    "stage": "\(snapshot.stage)", "\(snapshot.unit.lowercased())": "\(snapshot.done)",
                    "seconds": "\(String(format: "%.3f", snapshot.seconds))",
                    "per_second": "\(Int(snapshot.rate.rounded()))",
                ]
            )
        }
    }
}

/// A one-line progress bar on standard error: `forecast [#########.........] 1200/2400 SKUs 850/s 1.4s`.
enum ProgressBar {
    static let width = 30

    static func draw(_ snapshot: StageProgress.Snapshot) {
        var line = "\r\u{1B}[2K" + snapshot.stage.padding(toLength: 9, withPad: " ", startingAt: 0) + " "
        if let total = snapshot.total, total > 0 {
            let filled = min(width, snapshot.done * width / total)
            line += "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
            line += "\(snapshot.done)/\(total) \(snapshot.unit)"
        } else {
            line += snapshot.finished ? "\(snapshot.done) \(snapshot.unit)" : "working"
        }
        line += " \(Int(snapshot.rate.rounded()))/s " + String(format: "%.1fs", snapshot.seconds)
        if snapshot.finished { line += "\n" }
        FileHandle.standardError.write(Data(line.utf8))
    }
}

/// One JSON object per log line: time, level, label, message, and the metadata as string fields.
struct JSONLogHandler: LogHandler {
    var label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields: [String: String] = [:]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            fields[key] = "\(value)"
        }
        fields["time"] = ISO8601DateFormatter().string(from: Date())
        fields["level"] = event.level.rawValue
        fields["label"] = label
        fields["message"] = "\(event.message)"
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) else { return }
        FileHandle.standardError.write(data + Data("\n".utf8))
    }
}
