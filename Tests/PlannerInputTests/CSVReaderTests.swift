import Foundation
import PlannerCore
import Testing

@testable import PlannerInput

@Suite struct CSVReaderTests {
    /// Every record as `line: field|field|...`, then every issue, as the reader reported them.
    private static func transcript(_ reader: CSVReader) -> [String] {
        var issues: [InputIssue] = []
        var lines: [String] = []
        reader.forEachRecord(issues: &issues) { record in
            let fields = (0..<record.fieldCount).map { record.string($0) ?? "<not UTF-8>" }
            lines.append("\(record.line): " + fields.joined(separator: "|"))
        }
        return lines + issues.map(\.description)
    }

    private static func writeTemporary(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func streamingInTinyChunksReadsWhatTheWholeBufferReads() throws {
        let text =
            "\u{FEFF}a,b,c\r\n1,\"two\r\nlines\",3\r\n\r\n\"x\"\"y\",,\"\"\n4,No\"pe,5\n6,\"ok\"junk,7\n8,9,10\r"
            + "\"open,11\n12\n"
        let bytes = Array(text.utf8)
        let whole = Self.transcript(CSVReader(bytes: bytes, displayPath: "t.csv"))
        #expect(
            whole == [
                "1: a|b|c",
                "2: 1|two\r\nlines|3",
                "5: x\"y||",
                "8: 8|9|10",
                "t.csv:6:2: error: a '\"' inside an unquoted field; quote the whole field and write '\"\"'",
                "t.csv:7:2: error: unexpected text after a closing quote; a quote inside a field is written '\"\"'",
                "t.csv:9:1: error: a quoted field is never closed: add the missing '\"'",
            ]
        )
        let path = try Self.writeTemporary(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        for chunkSizeBytes in [1, 2, 3, 5, 7, 16, 1 << 20] {
            let streamed = try CSVReader(path: path, displayPath: "t.csv", chunkSizeBytes: chunkSizeBytes)
            #expect(Self.transcript(streamed) == whole, "chunk size \(chunkSizeBytes)")
        }
    }

    @Test func aFileWithoutFinalNewlineEndsWithItsLastRecord() throws {
        let path = try Self.writeTemporary(Array("h\n1\n2\r".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        for chunkSizeBytes in [1, 2, 64] {
            let reader = try CSVReader(path: path, displayPath: "t.csv", chunkSizeBytes: chunkSizeBytes)
            #expect(Self.transcript(reader) == ["1: h", "2: 1", "3: 2"])
        }
    }

    /// A record longer than ``InputLimits/recordMaxBytes``: reported at its first line and skipped, the records
    /// after it read on their own physical lines, the same whether the file is streamed in small chunks
    /// (walked past once, kept nowhere) or read whole.
    @Test func anOverlongRecordIsReportedWhereItStartsAndTheRestIsRead() throws {
        let long = String(repeating: "y", count: InputLimits.recordMaxBytes + 10)
        let text = "a,b\n1,2\n3,\"\(long)\nstill,\"\"field\"\r\n4,5\r6,7\n"
        let bytes = Array(text.utf8)
        let expected = [
            "1: a|b", "2: 1|2", "5: 4|5", "6: 6|7",
            "t.csv:3: error: the record starting on this line is longer than \(InputLimits.recordMaxBytes) bytes; a "
                + "quote left open makes the rest of its line part of the field",
        ]
        #expect(Self.transcript(CSVReader(bytes: bytes, displayPath: "t.csv")) == expected)
        let path = try Self.writeTemporary(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        for chunkSizeBytes in [65_536, 1 << 20, 3 << 20] {
            let streamed = try CSVReader(path: path, displayPath: "t.csv", chunkSizeBytes: chunkSizeBytes)
            #expect(Self.transcript(streamed) == expected, "chunk size \(chunkSizeBytes)")
        }
    }

    /// A quote never closed near the top of a large file is reported at its line, and nothing after it is read,
    /// whether or not the rest of the file fits in one record's budget.
    @Test func aQuoteNeverClosedInALargeFileIsReportedAtItsLine() throws {
        let rows = (0..<90_000).map { "2024-01-01,SKU-\($0),R01,1" }.joined(separator: "\n")
        let bytes = Array(
            ("date,sku,region,qty\n2024-01-01,SKU-X,R01,1\n\"2024-01-01,SKU-Y,R01,1\n" + rows + "\n").utf8
        )
        #expect(bytes.count > 2 * InputLimits.recordMaxBytes)
        let expected = [
            "1: date|sku|region|qty", "2: 2024-01-01|SKU-X|R01|1",
            "t.csv:3:1: error: " + CSVReader.unclosedQuoteMessage,
        ]
        let path = try Self.writeTemporary(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        for chunkSizeBytes in [65_536, 1 << 20] {
            let streamed = try CSVReader(path: path, displayPath: "t.csv", chunkSizeBytes: chunkSizeBytes)
            let transcript = Self.transcript(streamed)
            // Streamed past the budget, the quote's line is known but not its field.
            #expect(transcript.prefix(2) == expected.prefix(2), "chunk size \(chunkSizeBytes)")
            #expect(
                transcript.dropFirst(2).map { $0.replacingOccurrences(of: "t.csv:3:1:", with: "t.csv:3:") }
                    == ["t.csv:3: error: " + CSVReader.unclosedQuoteMessage],
                "chunk size \(chunkSizeBytes)"
            )
        }
        #expect(Self.transcript(CSVReader(bytes: bytes, displayPath: "t.csv")) == expected)
    }

    @Test func aDirectoryIsNotReadable() {
        #expect(throws: InputIssue.self) {
            try CSVReader(path: FileManager.default.temporaryDirectory.path, displayPath: "dir")
        }
    }
}
