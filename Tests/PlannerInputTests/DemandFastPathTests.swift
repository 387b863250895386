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

        func parser(chunkSizeBytes: Int, threadCount: Int) throws -> DemandFileParser {
            DemandFileParser(
                file: try #require(ReadableFile(path: path)),
                lookup: Self.lookup,
                displayPath: path,
                issueLimit: IssueCollector.defaultLimitPerFile,
                options: .init(chunkSizeBytes: chunkSizeBytes, threadCount: threadCount)
            )
        }

        func fastOutcome(chunkSizeBytes: Int, threadCount: Int) throws -> DemandFileParser.Outcome {
            try parser(chunkSizeBytes: chunkSizeBytes, threadCount: threadCount).parse()
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
                    guard case .parsed(let parsed) = outcome else {
                        Issue.record("\(style), chunk \(chunkSizeBytes): fell back to the exact path: \(outcome)")
                        continue
                    }
                    #expect(parsed.demand == exact, "\(style), chunk \(chunkSizeBytes), threads \(threadCount)")
                    #expect(parsed.isSortedBySeries)
                    #expect(parsed.issues.isEmpty)
                    #expect(parsed.chunks.allSatisfy { $0.rowLines == nil }, "every chunk on the fast parser")
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

    /// Where a file goes: the fast path throughout, some chunks through the exact checks, or the whole
    /// file through the exact path.
    enum Route: Equatable {
        case fastParser, exactChunks, wholeFileExact
    }

    func route(_ outcome: DemandFileParser.Outcome) -> Route {
        guard case .parsed(let parsed) = outcome else { return .wholeFileExact }
        return parsed.chunks.allSatisfy { $0.rowLines == nil } ? .fastParser : .exactChunks
    }

    @Test func rareValidSpellingsLoadAsOnTheExactPath() throws {
        let header = "date,sku,region,qty\n"
        let valid = "2024-01-01,S1,R01,1\n"
        // (file, where it goes, rows)
        let cases: [(String, Route, Int)] = [
            (header + valid + "2024-01-02,S1,R01,+3\n", .exactChunks, 2),
            (header + valid + "2024-01-02,S1,R01,-0\n", .exactChunks, 2),
            (header + valid + "\"2024-01-02\",\"S1\",\"R01\",\"1\"\n", .fastParser, 2),
            (header + valid + "2024-01-02,S1,R01,1\r2024-01-03,S1,R01,1\n", .wholeFileExact, 3),
            ("date,sku,region,qty\r" + "2024-01-02,S1,R01,3\r", .wholeFileExact, 1),
            (" date,sku, region,qty\n" + valid, .wholeFileExact, 1),
            ("\n" + header + valid, .wholeFileExact, 1),
        ]
        for (text, expectedRoute, rowCount) in cases {
            let folder = try DemandFolder(text)
            let outcome = try folder.fastOutcome(chunkSizeBytes: 8, threadCount: 2)
            #expect(route(outcome) == expectedRoute, "\(text.debugDescription)")
            let (demand, issues) = folder.load(chunkSizeBytes: 8)
            #expect(issues == [], "\(text.debugDescription)")
            #expect(demand == folder.loadExactly().0)
            #expect(demand.count == rowCount)
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
            (
                "2024-01-02,\"S1\"x,R01,1", 2,
                "unexpected text after a closing quote; a quote inside a field is written '\"\"'"
            ),
        ]
        for (row, column, message) in cases {
            let folder = try DemandFolder(head + row + "\r\n" + tail)
            let expected = [InputIssue(file: folder.path, line: 5, column: column, message: message)]
            for chunkSizeBytes in [7, 16 << 20] {
                let outcome = try folder.fastOutcome(chunkSizeBytes: chunkSizeBytes, threadCount: 2)
                #expect(route(outcome) == .exactChunks, "\(row), chunk \(chunkSizeBytes): \(outcome)")
                let (_, issues) = folder.load(chunkSizeBytes: chunkSizeBytes)
                #expect(issues == expected, "\(row), chunk \(chunkSizeBytes)")
            }
        }
        let unclosed = try DemandFolder(head + "2024-01-02,\"S1,R01,1\r\n" + tail)
        #expect(route(try unclosed.fastOutcome(chunkSizeBytes: 7, threadCount: 2)) == .wholeFileExact)
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

    /// Random files with every kind of problem, rare spelling and duplicate give the exact path's
    /// history and problems, in its order (row problems, then quoting, then duplicates), capped alike.
    @Test func randomlyDamagedFilesGiveTheExactPathsResult() throws {
        var state: UInt64 = 2_024
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let damages = [
            "2024-02-30,S1,R01,1", "2024-03-01,S99,R01,1", "2024-03-01,S1,R9,-1", "2024-03-01,S1,R01,+7",
            "2024-03-01,S1,R01,1,1", "2024-03-01,S\"1,R01,1", "2024-03-01,\"S1\"x,R01,1", "2024-03-01,S1,R01,x",
            "\u{FEFF}2024-03-02,S1,R01,1", "\"2024-03-03\",\"S2 \",R01,1", "2024-03-01,S1,R01,-0",
        ]
        var routes: [Route] = []
        var messages = Set<String>()
        for trial in 0..<12 {
            var lines = ["date,sku,region,qty"]
            for row in Self.generatedRows(seed: UInt64(trial)).prefix(400) {
                switch next(40) {
                case 0: lines.append(damages[next(damages.count)])
                case 1: lines.append("")
                case 2 where lines.count > 1: lines.append(lines[lines.count - 1 - next(min(lines.count - 1, 5))])
                default: lines.append(row.joined(separator: ","))
                }
            }
            // Trials 0-3 break so many rows that the list is capped.
            if trial < 4 { lines += (0..<230).map { "2024-03-\(10 + $0 % 10),S\($0 % 30 + 6),Nowhere,\($0)" } }
            let folder = try DemandFolder(lines.joined(separator: trial % 2 == 0 ? "\n" : "\r\n"))
            let exact = folder.loadExactly()
            for chunkSizeBytes in [1, 13, 100, 4_096] {
                for threadCount in [1, 3] {
                    let fast = folder.load(chunkSizeBytes: chunkSizeBytes, threadCount: threadCount)
                    #expect(fast.1 == exact.1, "trial \(trial), chunk \(chunkSizeBytes), threads \(threadCount)")
                    #expect(fast.0 == exact.0, "trial \(trial), chunk \(chunkSizeBytes), threads \(threadCount)")
                }
            }
            #expect(exact.1.isEmpty == false, "trial \(trial) has problems to compare")
            routes.append(route(try folder.fastOutcome(chunkSizeBytes: 4_096, threadCount: 2)))
            messages.formUnion(exact.1.map(\.message))
        }
        // The trials reach what they are meant to: chunks read exactly, and every kind of report.
        #expect(routes.filter { $0 == .exactChunks }.count >= 8, "\(routes)")
        for fragment in [
            "duplicate demand", "a '\"' inside", "after a closing", "expected 4 fields", "unknown sku", "not listed",
        ] {
            #expect(messages.contains { $0.contains(fragment) }, "\(fragment)")
        }
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
        guard case .parsed(let parsed) = try headerOnly.fastOutcome(chunkSizeBytes: 1, threadCount: 1) else {
            Issue.record("a header alone is a valid, empty history")
            return
        }
        #expect(parsed.demand.count == 0)
    }

    @Test func duplicatesAreFoundOnTheFastPathWithTheirPhysicalLines() throws {
        // Lines: 1 header, 2-3 rows, 4 blank (CRLF), 5 row, 6 duplicate of 2, 7 blank, 8 duplicate of 5 (no LF).
        let text =
            "\u{FEFF}date,sku,region,qty\r\n2024-01-02,S1,R01,1\r\n2024-01-01,S1,R01,1\r\n\r\n"
            + "2024-01-01,A,R2,5\r\n2024-01-02,S1,R01,4\r\n\n2024-01-01,A,R2,6"
        let folder = try DemandFolder(text)
        let outcome = try folder.fastOutcome(chunkSizeBytes: 5, threadCount: 2)
        guard case .parsed(let parsed) = outcome else {
            Issue.record("duplicates alone must not leave the fast path")
            return
        }
        #expect(!parsed.isSortedBySeries)
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

    /// Found by `make fuzz` (fuzz-csv): a date outside the accepted years in a chunk the fast parser read on its
    /// own passed there, while the exact checks refuse it. Both must report it, for every chunk size.
    @Test func aDateOutsideTheAcceptedYearsIsRefusedOnEveryPath() throws {
        let folder = try DemandFolder(
            "date,sku,region,qty\n2024-01-01,S1,R01,1\n3026-11-01,S1,R01,2\n1899-12-31,S1,R01,3\n2024-01-02,S1,R01,4\n"
        )
        let expected = [
            InputIssue(
                file: folder.path,
                line: 3,
                column: 1,
                message: "date: 3026-11-01 is outside the dates the planner accepts (1900-01-01 to 2999-12-31)"
            ),
            InputIssue(
                file: folder.path,
                line: 4,
                column: 1,
                message: "date: 1899-12-31 is outside the dates the planner accepts (1900-01-01 to 2999-12-31)"
            ),
        ]
        #expect(folder.loadExactly().1 == expected)
        for chunkSizeBytes in [1, 6, 21, 40, 4_096] {
            let (demand, issues) = folder.load(chunkSizeBytes: chunkSizeBytes)
            #expect(issues == expected, "chunk \(chunkSizeBytes)")
            #expect(demand.quantities == [1, 4], "chunk \(chunkSizeBytes)")
        }
    }

    @Test func linesOfRowsCountOnlyNonBlankLinesAndSkipBadOnes() throws {
        // Lines: 1 header, 2 blank (CRLF), 3 row 0, 4 blank, 5 row 1 (+3: exact checks), 6 bad, 7 row 2 (no LF).
        let folder = try DemandFolder(
            "date,sku,region,qty\r\n\r\n2024-01-01,S1,R01,1\r\n\n2024-01-02,S1,R01,+3\nbad\n2024-01-03,A,R2,1"
        )
        for chunkSizeBytes in [1, 30, 4_096] {
            let parser = try folder.parser(chunkSizeBytes: chunkSizeBytes, threadCount: 2)
            guard case .parsed(let parsed) = try parser.parse() else {
                Issue.record("chunk \(chunkSizeBytes): fell back to the exact path")
                continue
            }
            #expect(parsed.demand.count == 3)
            #expect(try parser.lines(ofRows: [0, 1, 2], in: parsed) == [0: 3, 1: 5, 2: 7], "chunk \(chunkSizeBytes)")
            #expect(try parser.lines(ofRows: [2], in: parsed) == [2: 7])
        }
    }
}

extension DemandFileParser.Outcome: CustomStringConvertible {
    public var description: String {
        switch self {
        case .parsed(let parsed): "parsed \(parsed.demand.count) rows, sorted: \(parsed.isSortedBySeries)"
        case .needsExactPath(let reason): "needs the exact path: \(reason)"
        }
    }
}
