import Foundation
import PlannerCore
import Testing

@testable import PlannerInput

/// The fast path of returns.csv must give exactly what the exact, row-by-row path gives, or decline and leave the
/// file to it: the same records for any chunk size, and the same located problems.
@Suite struct ReturnFastPathTests {
    typealias Folder = DemandFastPathTests.DemandFolder

    /// A folder with returns.csv only; the ids are those of the demand tests.
    static func folder(_ text: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("returns-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/returns.csv"))
        return directory
    }

    /// The fast path's records, nil when it declines.
    static func fast(_ directory: String, chunkSizeBytes: Int) throws -> [ReturnRecord]? {
        let file = try #require(ReadableFile(path: directory + "/returns.csv"))
        return try ReturnFileParser(file: file, lookup: Folder.lookup, chunkSizeBytes: chunkSizeBytes).parse()
    }

    static func exact(_ directory: String) -> ([ReturnRecord], [InputIssue]) {
        var issues = IssueCollector()
        let records = LoadContext(directory: directory).readReturnsExactly(Folder.lookup, &issues)
        return (records, issues.finished())
    }

    static func loaded(_ directory: String) -> ([ReturnRecord], [InputIssue]) {
        var issues = IssueCollector()
        let records = LoadContext(directory: directory).readReturns(Folder.lookup, &issues)
        return (records, issues.finished())
    }

    /// About 1,500 rows over 40 days: every sku and region spelling, quantities 1 to `Int32.max` with leading
    /// zeros, each grade and blank.
    static func rows(seed: UInt64, graded: Bool) -> [String] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var rows: [String] = []
        let start = Day(iso: "2024-02-20")!
        for offset in 0..<40 {
            for sku in Folder.skuIDs where next(3) == 0 {
                for region in Folder.regionIDs where next(2) == 0 {
                    let quantity = [String(1 + next(9)), String(1 + next(1000)), "007", "2147483647"][next(4)]
                    var fields = [start.adding(days: offset).description, sku, region, quantity]
                    if graded { fields.append(["", "resellable", "defective", "scrap"][next(4)]) }
                    rows.append(fields.joined(separator: ","))
                }
            }
        }
        return rows
    }

    @Test func readsTheUsualFileAsTheExactPathDoesForEveryChunkSize() throws {
        for graded in [false, true] {
            for (style, newline) in [("plain", "\n"), ("windows", "\r\n")] {
                let header = graded ? "date,sku,region,qty,grade" : "date,sku,region,qty"
                let byteOrderMark = style == "windows" ? "\u{FEFF}" : ""
                let lines = [byteOrderMark + header] + Self.rows(seed: graded ? 3 : 4, graded: graded)
                let directory = try Self.folder(lines.joined(separator: newline) + newline)
                let exact = Self.exact(directory)
                #expect(exact.1 == [])
                #expect(exact.0.count == lines.count - 1)
                for chunkSizeBytes in [1, 7, 100, 4_096, 16 << 20] {
                    let fast = try Self.fast(directory, chunkSizeBytes: chunkSizeBytes)
                    #expect(fast == exact.0, "graded \(graded), \(style), chunk \(chunkSizeBytes)")
                }
                #expect(Self.loaded(directory).0 == exact.0)
                // Without the final line end the last row is read as well.
                let unterminated = try Self.folder(lines.joined(separator: newline))
                #expect(try Self.fast(unterminated, chunkSizeBytes: 64) == exact.0)
            }
        }
        // A hand-checked row: the values, not only the agreement of the two paths.
        let one = try Self.folder("date,sku,region,qty,grade\n2024-03-01,SKU-000002,Nord-Ost,0012,scrap\n")
        #expect(
            try Self.fast(one, chunkSizeBytes: 4_096) == [
                ReturnRecord(day: Day(iso: "2024-03-01")!, skuIndex: 1, regionIndex: 2, quantity: 12, grade: .scrap)
            ]
        )
    }

    /// Files with a problem or a rare spelling are declined by the fast path and give the exact path's records
    /// and problems, located.
    @Test func declinesWhatItDoesNotTakeAsIsAndTheLoaderGivesTheExactResult() throws {
        let damages = [
            "2024-02-30,S1,R01,1,", "2024-03-01,S99,R01,1,", "2024-03-01,S1,R9,1,", "2024-03-01,S1,R01,0,",
            "2024-03-01,S1,R01,+7,", "2024-03-01,S1,R01,1", "2024-03-01,S1,R01,1,scrap,x", "\"2024-03-01\",S1,R01,1,",
            "2024-03-01,S1,R01,1,Scrap", "", "2024-03-01,S1,R01,2147483648,", "1899-12-31,S1,R01,1,",
            "2024-03-01,S1\r,R01,1,", "2024-03-01, S1,R01,1,",
        ]
        for (number, damage) in damages.enumerated() {
            var lines = ["date,sku,region,qty,grade"] + Self.rows(seed: UInt64(number), graded: true).prefix(300)
            lines.insert(damage, at: 1 + (number * 37) % 300)
            let directory = try Self.folder(lines.joined(separator: "\n") + "\n")
            #expect(try Self.fast(directory, chunkSizeBytes: 256) == nil, "\(damage)")
            let exact = Self.exact(directory)
            let loaded = Self.loaded(directory)
            #expect(loaded.0 == exact.0, "\(damage)")
            #expect(loaded.1 == exact.1, "\(damage)")
        }
        for header in ["date,sku,region,qty,grade,note", "sku,date,region,qty", "\"date\",sku,region,qty", "date"] {
            let directory = try Self.folder(header + "\n2024-03-01,S1,R01,1\n")
            #expect(try Self.fast(directory, chunkSizeBytes: 4_096) == nil, "\(header)")
        }
        // A problem is reported where it stands, as the loader's other files do.
        let bad = try Self.folder("date,sku,region,qty\n2024-03-01,S1,R01,1\n2024-03-01,S1,R01,0\n")
        #expect(
            Self.loaded(bad).1.map(\.description) == ["\(bad)/returns.csv:3:4: error: qty: must be at least 1, found 0"]
        )
    }

    /// The record is stored in 17 bytes, so 28 M returns rows take about 560 MB rather than 1.1 GB.
    @Test func aRecordIsSeventeenBytes() {
        #expect(MemoryLayout<ReturnRecord>.size == 17)
        #expect(MemoryLayout<ReturnRecord>.stride == 20)
    }
}
