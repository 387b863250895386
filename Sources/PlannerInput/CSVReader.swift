import Foundation
import PlannerCore

/// Reads an RFC 4180 CSV file (UTF-8, comma separated, `"` quoting with `""` for a quote) one
/// record at a time without building a String per field unless asked.
///
/// The file is streamed in chunks of `chunkSizeBytes` (a record longer than a chunk grows the
/// window), so memory stays bounded by the longest record, never the file. Records are numbered by
/// the physical line they start on, the header being line 1, so a quoted field spanning lines keeps
/// later line numbers true to the file. Fully empty lines are skipped. A UTF-8 byte order mark is
/// ignored. Malformed quoting is reported as an ``InputIssue`` and the rest of that line is skipped,
/// so one bad line never hides the problems after it.
struct CSVReader {
    static let defaultChunkSizeBytes = 1 << 20
    /// The message of a quote never closed, after which nothing of the input is read.
    static let unclosedQuoteMessage = "a quoted field is never closed: add the missing '\"'"

    /// The file name used in messages, as the user gave it.
    let displayPath: String
    private let file: ReadableFile?
    private let bytes: [UInt8]
    private let chunkSizeBytes: Int
    private let firstLine: Int
    private let skipsByteOrderMark: Bool

    init(path: String, displayPath: String, chunkSizeBytes: Int = CSVReader.defaultChunkSizeBytes) throws {
        guard let file = ReadableFile(path: path) else {
            throw InputIssue(file: displayPath, message: "cannot read the file (missing or unreadable)")
        }
        self.displayPath = displayPath
        self.file = file
        self.bytes = []
        // A small file is read in one piece of its own size (plus one byte to see its end), not a whole chunk.
        self.chunkSizeBytes = max(1, min(chunkSizeBytes, file.sizeBytes + 1))
        self.firstLine = 1
        self.skipsByteOrderMark = true
    }

    /// A reader of bytes already in memory: a whole file, or whole lines of one starting on `firstLine`
    /// (then without a byte order mark to skip).
    init(bytes: [UInt8], displayPath: String, firstLine: Int = 1, skipsByteOrderMark: Bool = true) {
        self.displayPath = displayPath
        self.file = nil
        self.bytes = bytes
        self.chunkSizeBytes = CSVReader.defaultChunkSizeBytes
        self.firstLine = firstLine
        self.skipsByteOrderMark = skipsByteOrderMark
    }

    /// Calls `body` for every record, header first. Problems in the file's syntax go to `issues`.
    func forEachRecord(issues: inout [InputIssue], _ body: (CSVRecord) throws -> Void) rethrows {
        var window = bytes
        var start = 0
        var fileOffset = 0
        var isFinal = file == nil
        var line = firstLine
        var record = CSVRecord()
        var recordIssues: [InputIssue] = []
        var bomChecked = !skipsByteOrderMark
        // Drops the consumed bytes and reads one more chunk; false (with an issue) when reading fails.
        func readMore() -> Bool {
            guard let file else { return true }
            window.removeFirst(start)
            start = 0
            do {
                let count = try file.read(appendingTo: &window, count: chunkSizeBytes, at: fileOffset)
                fileOffset += count
                isFinal = count == 0
                return true
            } catch {
                issues.append(
                    InputIssue(file: displayPath, line: line, message: "cannot read the file: \(error.message)")
                )
                return false
            }
        }
        while true {
            if !bomChecked {
                if window.count - start < 3 && !isFinal {
                    guard readMore() else { return }
                    continue
                }
                if window[start...].starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
                bomChecked = true
            }
            if start >= window.count {
                if isFinal { return }
                guard readMore() else { return }
                continue
            }
            recordIssues.removeAll(keepingCapacity: true)
            let outcome = window.withUnsafeBufferPointer { buffer in
                parseRecord(buffer, from: start, line: line, isFinal: isFinal, into: &record, issues: &recordIssues)
            }
            switch outcome {
            case .needsMoreBytes:
                if window.count - start > InputLimits.recordMaxBytes {
                    // Parsing the record again after every chunk would take time quadratic in its length: walk
                    // past it once, keeping nothing, and report it where it starts.
                    var walk = OverlongRecordWalk(line: line)
                    while true {
                        if walk.advance(window[start...], isFinal: isFinal) { break }
                        start = window.count
                        if isFinal { break }
                        guard readMore() else { return }
                    }
                    if let quoteLine = walk.openQuoteLine {
                        issues.append(
                            InputIssue(file: displayPath, line: quoteLine, message: CSVReader.unclosedQuoteMessage)
                        )
                        return
                    }
                    issues.append(overlongRecordIssue(line: line))
                    start += walk.consumedInLastSlice
                    line = walk.line
                    continue
                }
                guard readMore() else { return }
            case .parsed(let next, let nextLine, let keep):
                if next - start > InputLimits.recordMaxBytes {
                    issues.append(overlongRecordIssue(line: line))
                } else {
                    issues.append(contentsOf: recordIssues)
                    if keep { try body(record) }
                }
                start = next
                line = nextLine
            case .unclosedQuote:
                issues.append(contentsOf: recordIssues)
                return
            }
        }
    }

    private func overlongRecordIssue(line: Int) -> InputIssue {
        InputIssue(
            file: displayPath,
            line: line,
            message: "the record starting on this line is longer than \(InputLimits.recordMaxBytes) bytes; "
                + "a quote left open makes the rest of its line part of the field"
        )
    }

    private enum RecordOutcome {
        /// The record runs past the bytes read so far: read more and parse it again from its start.
        case needsMoreBytes
        /// The record ends before `next`, and the following one starts on `nextLine`; `keep` is false
        /// for a blank line or a broken record.
        case parsed(next: Int, nextLine: Int, keep: Bool)
        /// A quote is never closed: nothing after it can be read.
        case unclosedQuote
    }

    /// Parses the record starting at `index`. Unless `isFinal`, reaching the end of `bytes` (even
    /// to look one byte ahead) means the record may continue in bytes not read yet.
    private func parseRecord(
        _ bytes: UnsafeBufferPointer<UInt8>,
        from start: Int,
        line startLine: Int,
        isFinal: Bool,
        into record: inout CSVRecord,
        issues: inout [InputIssue]
    ) -> RecordOutcome {
        var index = start
        var line = startLine
        let end = bytes.count
        let quote = UInt8(ascii: "\"")
        let comma = UInt8(ascii: ",")
        let newline = UInt8(ascii: "\n")
        let carriageReturn = UInt8(ascii: "\r")

        record.reset(line: line)
        var recordIsBroken = false
        fieldLoop: while true {
            record.beginField()
            if index >= end && !isFinal { return .needsMoreBytes }
            if index < end, bytes[index] == quote {
                let quoteLine = line
                index += 1
                var closed = false
                while index < end {
                    let byte = bytes[index]
                    if byte == quote {
                        if index + 1 >= end && !isFinal { return .needsMoreBytes }
                        if index + 1 < end, bytes[index + 1] == quote {
                            record.append(quote)
                            index += 2
                            continue
                        }
                        index += 1
                        closed = true
                        break
                    }
                    if byte == newline { line += 1 }
                    record.append(byte)
                    index += 1
                }
                if !closed {
                    if !isFinal { return .needsMoreBytes }
                    issues.append(
                        InputIssue(
                            file: displayPath,
                            line: quoteLine,
                            column: record.fieldCount,
                            message: CSVReader.unclosedQuoteMessage
                        )
                    )
                    return .unclosedQuote
                }
                if index >= end && !isFinal { return .needsMoreBytes }
                if index < end, bytes[index] != comma, bytes[index] != newline, bytes[index] != carriageReturn {
                    issues.append(
                        InputIssue(
                            file: displayPath,
                            line: line,
                            column: record.fieldCount,
                            message: "unexpected text after a closing quote; a quote inside a field is written '\"\"'"
                        )
                    )
                    recordIsBroken = true
                }
            } else {
                while index < end {
                    let byte = bytes[index]
                    if byte == comma || byte == newline || byte == carriageReturn { break }
                    if byte == quote && !recordIsBroken {
                        issues.append(
                            InputIssue(
                                file: displayPath,
                                line: line,
                                column: record.fieldCount,
                                message: "a '\"' inside an unquoted field; quote the whole field and write '\"\"'"
                            )
                        )
                        recordIsBroken = true
                    }
                    record.append(byte)
                    index += 1
                }
            }
            if recordIsBroken {
                while index < end, bytes[index] != newline { index += 1 }
            }
            if index >= end {
                if !isFinal { return .needsMoreBytes }
                break fieldLoop
            }
            switch bytes[index] {
            case comma:
                index += 1
            case carriageReturn:
                index += 1
                if index >= end && !isFinal { return .needsMoreBytes }
                if index < end, bytes[index] == newline { index += 1 }
                line += 1
                break fieldLoop
            default:
                index += 1
                line += 1
                break fieldLoop
            }
        }
        return .parsed(next: index, nextLine: line, keep: !recordIsBroken && !record.isBlankLine)
    }
}

/// Walks past a record longer than ``InputLimits/recordMaxBytes`` without keeping its bytes: a quote opens or
/// closes a quoted field (so `""` leaves it as it was), and a line end outside quotes ends the record. Lines are
/// counted as the parser counts them (LF, CRLF or a lone CR), so the records after it keep their line numbers.
struct OverlongRecordWalk {
    /// The line the walk has reached.
    private(set) var line: Int
    /// The line of the quote that opened the field the walk is in, or nil outside quotes.
    private(set) var openQuoteLine: Int?
    /// Bytes of the slice last given to ``advance(_:isFinal:)`` that belong to the record.
    private(set) var consumedInLastSlice = 0
    private var pendingCarriageReturn = false

    init(line: Int) {
        self.line = line
    }

    /// Walks `bytes`; true once the record's end is found (`consumedInLastSlice` then says where).
    mutating func advance(_ bytes: ArraySlice<UInt8>, isFinal: Bool) -> Bool {
        var index = bytes.startIndex
        if pendingCarriageReturn {
            pendingCarriageReturn = false
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: "\n") { index += 1 }
            consumedInLastSlice = index - bytes.startIndex
            return true
        }
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\"") {
                openQuoteLine = openQuoteLine == nil ? line : nil
            } else if byte == UInt8(ascii: "\n") {
                line += 1
                if openQuoteLine == nil {
                    consumedInLastSlice = index - bytes.startIndex
                    return true
                }
            } else if byte == UInt8(ascii: "\r"), openQuoteLine == nil {
                line += 1
                if index == bytes.endIndex && !isFinal {
                    pendingCarriageReturn = true
                    consumedInLastSlice = index - bytes.startIndex
                    return false
                }
                if index < bytes.endIndex, bytes[index] == UInt8(ascii: "\n") { index += 1 }
                consumedInLastSlice = index - bytes.startIndex
                return true
            }
        }
        consumedInLastSlice = index - bytes.startIndex
        return isFinal
    }
}

/// One CSV record: its fields' bytes, unescaped, in a buffer reused from record to record.
struct CSVRecord {
    /// Physical line of the file the record starts on (header = 1).
    private(set) var line = 0
    private var buffer: [UInt8] = []
    private var fieldStarts: [Int] = []

    init() {
        buffer.reserveCapacity(256)
        fieldStarts.reserveCapacity(16)
    }

    var fieldCount: Int { fieldStarts.count }

    /// True for an empty line: one field with no bytes.
    var isBlankLine: Bool { fieldStarts.count == 1 && buffer.isEmpty }

    mutating func reset(line: Int) {
        self.line = line
        buffer.removeAll(keepingCapacity: true)
        fieldStarts.removeAll(keepingCapacity: true)
    }

    mutating func beginField() {
        fieldStarts.append(buffer.count)
    }

    mutating func append(_ byte: UInt8) {
        buffer.append(byte)
    }

    private func range(_ field: Int) -> Range<Int> {
        let start = fieldStarts[field]
        let end = field + 1 < fieldStarts.count ? fieldStarts[field + 1] : buffer.count
        return start..<end
    }

    /// The field's bytes.
    func withBytes<R>(_ field: Int, _ body: (ArraySlice<UInt8>) throws -> R) rethrows -> R {
        try body(buffer[range(field)])
    }

    /// The field as text, or nil when its bytes are not valid UTF-8.
    func string(_ field: Int) -> String? {
        String(validating: buffer[range(field)], as: UTF8.self)
    }

    func isEmpty(_ field: Int) -> Bool {
        range(field).isEmpty
    }
}
