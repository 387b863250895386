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

    @Test func aDirectoryIsNotReadable() {
        #expect(throws: InputIssue.self) {
            try CSVReader(path: FileManager.default.temporaryDirectory.path, displayPath: "dir")
        }
    }
}
