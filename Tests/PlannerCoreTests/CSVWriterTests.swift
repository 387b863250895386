import Foundation
import PlannerCore
import Testing

@Suite("CSV writing")
struct CSVWriterTests {
    @Test("A field is quoted only when it holds a comma, quote or newline; quotes are doubled")
    func fieldQuoting() {
        #expect(String(decoding: CSVField.encode("Compact Kettle 17"), as: UTF8.self) == "Compact Kettle 17")
        #expect(String(decoding: CSVField.encode("Halle, Saale"), as: UTF8.self) == "\"Halle, Saale\"")
        #expect(String(decoding: CSVField.encode("Monitor 27\" black"), as: UTF8.self) == "\"Monitor 27\"\" black\"")
        #expect(String(decoding: CSVField.encode("two\nlines"), as: UTF8.self) == "\"two\nlines\"")
        #expect(String(decoding: CSVField.encode(""), as: UTF8.self) == "")
    }

    @Test("Decimals: whole values bare, cents in shortest form that reads back exactly")
    func decimals() {
        #expect(CSVField.decimal(12) == "12")
        #expect(CSVField.decimal(0.25) == "0.25")
        #expect(CSVField.decimal(cents(19.999)) == "20")
        #expect(CSVField.decimal(cents(0.1 + 0.2)) == "0.3")
        #expect(CSVField.decimal(0.00001) == "0.00001")
        for value in stride(from: 0.0, to: 50.0, by: 0.37) {
            let rounded = cents(value)
            #expect(Double(CSVField.decimal(rounded)) == rounded)
        }
    }

    @Test("The byte writer writes integers, dates, quoted fields and rows across buffer flushes")
    func byteWriter() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("csv-writer-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out.csv"
        let writer = try CSVByteWriter(path: path)
        try writer.row(["a", "b,c"])
        writer.integer(0)
        writer.comma()
        writer.integer(-1_234_567_890)
        writer.comma()
        writer.day(daysSinceEpoch: Day(year: 2024, month: 2, day: 29)!.daysSinceEpoch)
        try writer.endRow()
        // Enough rows to pass the 1 MiB flush threshold several times.
        for index in 0..<200_000 {
            writer.integer(index)
            try writer.endRow()
        }
        try writer.close()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 200_003, "200,002 rows and the empty remainder after the last newline")
        #expect(lines[0] == "a,\"b,c\"")
        #expect(lines[1] == "0,-1234567890,2024-02-29")
        #expect(lines[2] == "0")
        #expect(lines[200_001] == "199999")
        #expect(lines[200_002] == "")
    }
}

/// Rounds to whole cents, as the generator stores money.
private func cents(_ value: Double) -> Double { (value * 100).rounded() / 100 }
