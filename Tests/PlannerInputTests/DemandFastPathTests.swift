import Foundation
import PlannerCore
import Testing

@testable import PlannerInput

/// The fast path of demand.csv must give exactly what the exact, row-by-row path gives: the same
/// history for any chunk size and thread count, and the same located problems.
@Suite struct DemandFastPathTests {
    /// A folder with only demand.csv, and the ids it may use.
    struct DemandFolder {
        static let skuIDs =
            ["S1", "SKU-000002", "s-ü-3", "A", "SKU-000005-LONGER-THAN-16-BYTES"] + (6...40).map { "S\($0)" }
        static let regionIDs = ["R01", "R2", "Nord-Ost"]

        let directory: String

        init(_ text: String) throws {
            try self.init(bytes: Array(text.utf8))
        }

        init(bytes: [UInt8]) throws {
            directory =
                FileManager.default.temporaryDirectory.appendingPathComponent("demand-\(UUID().uuidString)")
                .path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }

        var path: String { directory + "/demand.csv" }
        var context: LoadContext { LoadContext(directory: directory) }

        static let lookup = EntityLookup(
            skus: skuIDs.map {
                SKU(
                    id: $0,
                    name: $0,
                    category: "c",
                    unitCost: 1,
                    unitPrice: 2,
                    holdingCostRate: 0.2,
                    orderCost: 10,
                    packSize: 1,
                    moq: 0
                )
            },
            regions: regionIDs.map { Region(id: $0, name: $0) },
            warehouses: []
        )

        func fastOutcome(chunkSizeBytes: Int, threadCount: Int) throws -> DemandFileParser.Outcome {
            let file = try #require(ReadableFile(path: path))
            let parser = DemandFileParser(
                file: file,
                skus: ByteKeyTable(indexByKey: Self.lookup.skuIndex),
                regions: ByteKeyTable(indexByKey: Self.lookup.regionIndex),
                options: .init(chunkSizeBytes: chunkSizeBytes, threadCount: threadCount)
            )
            return try parser.parse()
        }

        /// What `readDemand` returns and reports, through the fast path with these options.
        func load(chunkSizeBytes: Int = 16 << 20, threadCount: Int = 2) -> (DemandHistory, [InputIssue]) {
            var issues = IssueCollector()
            let demand = context.readDemand(
                Self.lookup,
                &issues,
                options: .init(chunkSizeBytes: chunkSizeBytes, threadCount: threadCount)
            )
            return (demand, issues.finished())
        }

        /// What the exact path alone returns and reports.
        func loadExactly() -> (DemandHistory, [InputIssue]) {
            var issues = IssueCollector()
            let demand = context.readDemandExactly(Self.lookup, &issues)
            return (demand, issues.finished())
        }
    }

    /// A deterministic file of about 2,000 rows over 60 days, sorted by date: every sku and region
    /// spelling, quantities from 0 to Int32.max with leading zeros. `style` varies the bytes only.
    static func generatedRows(seed: UInt64) -> [[String]] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var rows: [[String]] = []
        let start = Day(iso: "2024-02-20")!
        for offset in 0..<60 {
            let date = start.adding(days: offset).description
            for sku in DemandFolder.skuIDs where next(2) == 0 {
                for region in DemandFolder.regionIDs where next(2) == 0 {
                    let quantity = [String(next(10)), String(next(1000)), "007", "2147483647", "0"][next(5)]
                    rows.append([date, sku, region, quantity])
                }
            }
        }
        return rows
    }

    enum Style: CaseIterable {
        case plain, windowsWithByteOrderMark, quotedWithBlankLinesAndNoFinalNewline, columnsReordered
    }

    static func text(_ rows: [[String]], _ style: Style) -> String {
        switch style {
        case .plain:
            return (["date,sku,region,qty"] + rows.map { $0.joined(separator: ",") }).joined(separator: "\n") + "\n"
        case .windowsWithByteOrderMark:
            return "\u{FEFF}"
                + (["date,sku,region,qty"] + rows.map { $0.joined(separator: ",") }).joined(separator: "\r\n") + "\r\n"
        case .quotedWithBlankLinesAndNoFinalNewline:
            var lines = ["date,sku,region,qty", ""]
            for (number, row) in rows.enumerated() {
                lines.append(row.enumerated().map { (number + $0) % 3 == 0 ? "\"\($1)\"" : $1 }.joined(separator: ","))
                if number % 97 == 0 { lines.append(number % 2 == 0 ? "" : "\r") }
            }
            return lines.joined(separator: "\n")
        case .columnsReordered:
            return (["qty,region,date,sku"] + rows.map { [$0[3], $0[2], $0[0], $0[1]].joined(separator: ",") })
                .joined(separator: "\n") + "\n"
        }
    }

    @Test func givesTheExactPathsHistoryForEveryChunkSizeAndThreadCount() throws {
        let rows = Self.generatedRows(seed: 7)
        #expect(rows.count > 1_500)
        for style in Style.allCases {
            let folder = try DemandFolder(Self.text(rows, style))
            let (exact, exactIssues) = folder.loadExactly()
            #expect(exactIssues == [])
            #expect(exact.count == rows.count)
            #expect(exact.quantities.contains(Int32.max))
            for chunkSizeBytes in [1, 3, 29, 64, 1_000, 16 << 20] {
                for threadCount in [1, 2, 3] {
                    let outcome = try folder.fastOutcome(chunkSizeBytes: chunkSizeBytes, threadCount: threadCount)
                    guard case .parsed(let demand, let isSortedBySeries) = outcome else {
                        Issue.record("\(style), chunk \(chunkSizeBytes): fell back to the exact path: \(outcome)")
                        continue
                    }
                    #expect(demand == exact, "\(style), chunk \(chunkSizeBytes), threads \(threadCount)")
                    #expect(isSortedBySeries)
                }
            }
            let (loaded, issues) = folder.load(chunkSizeBytes: 100)
            #expect(loaded == exact)
            #expect(issues == [])
        }
    }

    @Test func firstRowsAreReadAsWritten() throws {
        let folder = try DemandFolder(
            "\u{FEFF}date,sku,region,qty\r\n2024-02-29,s-ü-3,\"Nord-Ost\",0012\r\n\r\n\"2024-03-01\",A,R2,2147483647"
        )
        let (demand, issues) = folder.load(chunkSizeBytes: 4)
        #expect(issues == [])
        #expect(demand.days == [Day(iso: "2024-02-29")!, Day(iso: "2024-03-01")!].map { Int32($0.daysSinceEpoch) })
        #expect(demand.skuIndices == [2, 3])
        #expect(demand.regionIndices == [2, 1])
        #expect(demand.quantities == [12, Int32.max])
    }

    @Test func rareValidSpellingsLeaveTheFastPathAndStillLoad() throws {
        let valid = "2024-01-01,S1,R01,1\n"
        let cases = [
            "date,sku,region,qty\n" + valid + "2024-01-02,S1,R01,+3\n",
            "date,sku,region,qty\n" + valid + "2024-01-02,S1,R01,-0\n",
            "date,sku,region,qty\r" + "2024-01-02,S1,R01,3\r",
            " date,sku, region,qty\n" + valid,
            "\n" + "date,sku,region,qty\n" + valid,
        ]
        for text in cases {
            let folder = try DemandFolder(text)
            guard case .needsExactPath = try folder.fastOutcome(chunkSizeBytes: 8, threadCount: 2) else {
                Issue.record("the fast path took \(text.debugDescription)")
                continue
            }
            let (demand, issues) = folder.load(chunkSizeBytes: 8)
            #expect(issues == [], "\(text.debugDescription)")
            #expect(demand == folder.loadExactly().0)
            #expect(demand.count >= 1)
        }
    }

    /// Each bad row, after good ones, blank lines and CRLF, is reported as the exact path reports it.
    @Test func everyProblemIsLocatedAtItsLineAndColumn() throws {
        let head = "\u{FEFF}date,sku,region,qty\r\n2024-01-01,S1,R01,1\r\n\r\n2024-01-01,\"A\",R01,2\r\n"
        let tail = "2024-01-03,S1,R01,1\r\n"
        // Bad row (line 5), then the expected `column: message` (column 0 for the whole line).
        let cases: [(String, Int, String)] = [
            ("2024-02-30,S1,R01,1", 1, "date: expected a date YYYY-MM-DD that exists, found '2024-02-30'"),
            ("2024/01/02,S1,R01,1", 1, "date: expected a date YYYY-MM-DD that exists, found '2024/01/02'"),
            ("2024-01-02,S99,R01,1", 2, "sku: unknown sku 'S99' (not in skus.csv)"),
            ("2024-01-02,S1 ,R01,1", 2, "sku: 'S1 ' has leading or trailing spaces"),
            ("2024-01-02,,R01,1", 2, "sku: must not be empty"),
            ("2024-01-02,S1,R9,1", 3, "region: unknown region 'R9' (not in regions.csv)"),
            ("2024-01-02,S1,R01,-3", 4, "qty: must be at least 0, found -3"),
            ("2024-01-02,S1,R01,x", 4, "qty: expected a whole number, found 'x'"),
            ("2024-01-02,S1,R01,1234567890123456789", 4, "qty: expected a whole number, found '1234567890123456789'"),
            ("2024-01-02,S1,R01,2147483648", 4, "qty: 2147483648 is too large (at most 2147483647)"),
            ("2024-01-02,S1,R01,", 4, "qty: must not be empty; expected a whole number >= 0"),
            ("2024-01-02,S1,R01,1,9", 0, "expected 4 fields (date, sku, region, qty), found 5"),
            ("2024-01-02,S1,R01", 0, "expected 4 fields (date, sku, region, qty), found 3"),
            ("2024-01-02,S\"1,R01,1", 2, "a '\"' inside an unquoted field; quote the whole field and write '\"\"'"),
        ]
        for (row, column, message) in cases {
            let folder = try DemandFolder(head + row + "\r\n" + tail)
            let expected = [InputIssue(file: folder.path, line: 5, column: column, message: message)]
            guard case .needsExactPath = try folder.fastOutcome(chunkSizeBytes: 7, threadCount: 2) else {
                Issue.record("the fast path took \(row)")
                continue
            }
            for chunkSizeBytes in [7, 16 << 20] {
                let (_, issues) = folder.load(chunkSizeBytes: chunkSizeBytes)
                #expect(issues == expected, "\(row), chunk \(chunkSizeBytes)")
            }
        }
        let unclosed = try DemandFolder(head + "2024-01-02,\"S1,R01,1\r\n" + tail)
        #expect(
            unclosed.load(chunkSizeBytes: 7).1 == [
                InputIssue(
                    file: unclosed.path,
                    line: 5,
                    column: 2,
                    message: "a quoted field is never closed: add the missing '\"'"
                )
            ]
        )
    }

    @Test func headerProblemsAndAnEmptyFileAreReportedAsBefore() throws {
        let empty = try DemandFolder("")
        #expect(
            empty.load().1 == [
                InputIssue(
                    file: empty.path,
                    line: 1,
                    message: "the file is empty; expected the header date,sku,region,qty"
                )
            ]
        )
        let renamed = try DemandFolder("date,sku,region,quantity\n2024-01-01,S1,R01,1\n")
        #expect(
            renamed.load().1 == [
                InputIssue(
                    file: renamed.path,
                    line: 1,
                    column: 4,
                    message: "unknown column 'quantity'; expected the columns date, sku, region, qty"
                ),
                InputIssue(file: renamed.path, line: 1, message: "missing column 'qty'"),
            ]
        )
        let headerOnly = try DemandFolder("date,sku,region,qty")
        #expect(try headerOnly.fastOutcome(chunkSizeBytes: 1, threadCount: 1).history?.count == 0)
    }

    @Test func duplicatesAreFoundOnTheFastPathWithTheirPhysicalLines() throws {
        // Lines: 1 header, 2-3 rows, 4 blank (CRLF), 5 row, 6 duplicate of 2, 7 blank, 8 duplicate of 5 (no LF).
        let text =
            "\u{FEFF}date,sku,region,qty\r\n2024-01-02,S1,R01,1\r\n2024-01-01,S1,R01,1\r\n\r\n"
            + "2024-01-01,A,R2,5\r\n2024-01-02,S1,R01,4\r\n\n2024-01-01,A,R2,6"
        let folder = try DemandFolder(text)
        let outcome = try folder.fastOutcome(chunkSizeBytes: 5, threadCount: 2)
        guard case .parsed(_, let isSortedBySeries) = outcome else {
            Issue.record("duplicates alone must not leave the fast path")
            return
        }
        #expect(!isSortedBySeries)
        let expected = [
            InputIssue(
                file: folder.path,
                line: 6,
                column: 1,
                message: "duplicate demand row for this date, sku and region (first on line 2)"
            ),
            InputIssue(
                file: folder.path,
                line: 8,
                column: 1,
                message: "duplicate demand row for this date, sku and region (first on line 5)"
            ),
        ]
        #expect(folder.load(chunkSizeBytes: 5).1 == expected)
        #expect(folder.loadExactly().1 == expected)
    }

    @Test func manyDuplicatesAreListedUpToTheLimitAndCounted() throws {
        let rows = (1...150).map { "2024-01-\(String(format: "%02d", $0 % 28 + 1)),S\($0 % 2 == 0 ? 6 : 7),R01,1" }
        // 28 distinct keys (the date decides the sku): 122 duplicates in the first copy, 150 in the second.
        let folder = try DemandFolder("date,sku,region,qty\n" + (rows + rows).joined(separator: "\n") + "\n")
        let fast = folder.load(chunkSizeBytes: 64)
        let exact = folder.loadExactly()
        #expect(fast.1 == exact.1)
        #expect(fast.1.count == 201)
        #expect(fast.1.last?.message == "72 more problems in this file are not listed")
        // The first listed: the smallest key (S6, 2024-01-01) is on lines 29, 57, ...; 57 repeats 29.
        #expect(
            fast.1.first
                == InputIssue(
                    file: folder.path,
                    line: 57,
                    column: 1,
                    message: "duplicate demand row for this date, sku and region (first on line 29)"
                )
        )
    }

    @Test func linesOfRowsCountOnlyNonBlankLines() throws {
        let folder = try DemandFolder("date,sku,region,qty\r\n\r\nx\r\n\ny\nz")
        let file = try #require(ReadableFile(path: folder.path))
        let parser = DemandFileParser(
            file: file,
            skus: ByteKeyTable(indexByKey: [:]),
            regions: ByteKeyTable(indexByKey: [:]),
            options: .init()
        )
        #expect(try parser.lines(ofRows: [0, 1, 2]) == [0: 3, 1: 5, 2: 6])
        #expect(try parser.lines(ofRows: [2]) == [2: 6])
    }
}

extension DemandFileParser.Outcome: CustomStringConvertible {
    public var description: String {
        switch self {
        case .parsed(let demand, let isSortedBySeries): "parsed \(demand.count) rows, sorted: \(isSortedBySeries)"
        case .needsExactPath(let reason): "needs the exact path: \(reason)"
        }
    }

    var history: DemandHistory? {
        if case .parsed(let demand, _) = self { return demand }
        return nil
    }
}
