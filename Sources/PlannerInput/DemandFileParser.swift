import Dispatch
import Foundation
import PlannerCore

/// Reads demand.csv into a ``DemandHistory`` on the fast path: the file streamed in chunks cut at line
/// ends, chunks parsed in parallel by ``DemandLineParser`` and appended in file order, so the result
/// is the same for any chunk size and thread count.
///
/// A chunk with a line the fast parser cannot take as is (a problem, or a rare valid spelling such as
/// `+3`) is read again row by row with the exact checks (``ExactDemandChunkReader``), so problems keep
/// their messages, lines and columns at little cost when they are few. Only what a chunk cannot settle
/// on its own (a header other than the four names, a quoted field running into the next chunk, a CR
/// alone as a line end) gives ``Outcome/needsExactPath(_:)``: the caller then reads the whole file the
/// exact way.
///
/// Memory: the history's columns (16 bytes a row, reserved once from the file size) plus about
/// `threadCount + 1` chunks in flight.
struct DemandFileParser {
    struct Options: Sendable {
        /// Bytes read per chunk; a line longer than a chunk grows it.
        var chunkSizeBytes: Int
        /// Chunks parsed at once (besides the loading thread, which reads and appends).
        var threadCount: Int

        /// One thread per core, at most 8: each keeps a chunk (about 26 MB with its rows) in flight.
        static let defaultThreadCount = min(ProcessInfo.processInfo.activeProcessorCount, 8)

        init(chunkSizeBytes: Int = 16 << 20, threadCount: Int = Options.defaultThreadCount) {
            self.chunkSizeBytes = max(chunkSizeBytes, 1)
            self.threadCount = max(threadCount, 1)
        }
    }

    /// The whole file read, rows and problems as the exact path finds them.
    struct Parsed {
        var demand: DemandHistory
        /// Each (sku, region) series moves strictly forward in time, which proves there is no
        /// duplicate (date, sku, region).
        var isSortedBySeries: Bool
        /// Problems of the chunks read by the exact checks.
        var issues: DemandIssueLog
        /// Where each chunk is, to find the line of a row again.
        var chunks: [ChunkPlace]
    }

    enum Outcome {
        case parsed(Parsed)
        /// The whole file needs the exact path; the reason is for tests and logs only.
        case needsExactPath(String)
    }

    /// One chunk's place in the file and in the history.
    struct ChunkPlace {
        var fileOffset: Int
        var fileBytes: Int
        /// Index in the history of the chunk's first row, and the line the chunk starts on.
        var firstRow: Int
        var firstLine: Int
        /// The line of each row, for a chunk read by the exact checks (whose rows skip bad lines).
        var rowLines: [Int32]?
    }

    let file: ReadableFile
    let lookup: EntityLookup
    let displayPath: String
    let issueLimit: Int
    let options: Options
    /// The rows of one shard's SKUs only (nil: every row).
    let filter: RowFilter?
    private let skus: ByteKeyTable
    private let regions: ByteKeyTable

    /// `issueLimit`: problems listed per file (``IssueCollector/limitPerFile``); more are only counted.
    init(
        file: ReadableFile,
        lookup: EntityLookup,
        displayPath: String,
        issueLimit: Int,
        options: Options,
        filter: RowFilter? = nil
    ) {
        self.filter = filter
        self.file = file
        self.lookup = lookup
        self.displayPath = displayPath
        self.issueLimit = issueLimit
        self.options = options
        self.skus = ByteKeyTable(indexByKey: lookup.skuIndex)
        self.regions = ByteKeyTable(indexByKey: lookup.regionIndex)
    }

    /// Reads and checks the whole file.
    func parse() throws(FileReadError) -> Outcome {
        guard let header = try readHeader() else {
            return .needsExactPath("the first line is not exactly the four column names")
        }
        let shortestRowBytes = Self.shortestRowBytes(skus.shortestKeyBytes, regions.shortestKeyBytes)
        var demand = DemandHistory()
        // Reserved once, so the columns never grow (and never copy) while loading; untouched
        // capacity costs address space, not memory.
        demand.reserveCapacity(
            Self.rowCountBound(
                fileSizeBytes: file.sizeBytes - header.dataOffset,
                shortestSKUBytes: skus.shortestKeyBytes,
                shortestRegionBytes: regions.shortestKeyBytes
            )
        )

        let regionCount = max(regions.count, 1)
        var lastDayBySeries = [Int32](repeating: Int32.min, count: max(skus.count, 1) * regionCount)
        var isSortedBySeries = true
        var issues = DemandIssueLog(limit: issueLimit)
        var chunks: [ChunkPlace] = []
        var nextLine = 2
        var exactPathReason: String? = nil
        var splitter = LineChunkSplitter(file: file, offset: header.dataOffset, chunkSizeBytes: options.chunkSizeBytes)
        let queue = DispatchQueue.global(qos: .userInitiated)
        var spare: [DemandChunk] = []
        var inFlight: [(chunk: DemandChunk, group: DispatchGroup)] = []
        defer { for job in inFlight { job.group.wait() } }

        // Waits for the oldest chunk and appends its rows: file order whatever finished first.
        func finishOldest() {
            let (chunk, group) = inFlight.removeFirst()
            group.wait()
            defer { spare.append(chunk) }
            guard exactPathReason == nil else { return }
            var place = ChunkPlace(
                fileOffset: chunk.fileOffset,
                fileBytes: chunk.fileBytes,
                firstRow: demand.count,
                firstLine: nextLine
            )
            var columns = chunk.columns
            if let lineCount = chunk.cleanLineCount {
                nextLine += lineCount
            } else {
                columns = DemandColumns()
                var rowLines: [Int32] = []
                let readable = ExactDemandChunkReader.read(
                    chunk,
                    firstLine: nextLine,
                    layout: header.layout,
                    lookup: lookup,
                    displayPath: displayPath,
                    filter: filter,
                    columns: &columns,
                    rowLines: &rowLines,
                    log: &issues
                )
                guard readable else {
                    exactPathReason = "a chunk cannot be read on its own (line \(nextLine) on)"
                    return
                }
                place.rowLines = rowLines
                nextLine += chunk.newlineCount
            }
            chunks.append(place)
            if !append(columns, to: &demand, lastDayBySeries: &lastDayBySeries, regionCount: regionCount) {
                isSortedBySeries = false
            }
        }

        while exactPathReason == nil {
            let chunk = spare.popLast() ?? DemandChunk(capacityBytes: options.chunkSizeBytes + 4096)
            guard try splitter.fill(chunk) else { break }
            let group = DispatchGroup()
            let layout = header.layout
            let skus = skus
            let regions = regions
            let filter = filter
            queue.async(group: group) {
                chunk.parse(
                    layout: layout,
                    skus: skus,
                    regions: regions,
                    shortestRowBytes: shortestRowBytes,
                    filter: filter
                )
            }
            inFlight.append((chunk, group))
            if inFlight.count > options.threadCount { finishOldest() }
        }
        while !inFlight.isEmpty { finishOldest() }
        if let exactPathReason { return .needsExactPath(exactPathReason) }
        return .parsed(Parsed(demand: demand, isSortedBySeries: isSortedBySeries, issues: issues, chunks: chunks))
    }

    /// The shortest valid row: a date, the shortest ids, one digit, three commas and a line end.
    private static func shortestRowBytes(_ shortestSKUBytes: Int, _ shortestRegionBytes: Int) -> Int {
        10 + max(shortestSKUBytes, 1) + max(shortestRegionBytes, 1) + 1 + 3 + 1
    }

    /// An upper bound on the rows in `fileSizeBytes` of demand lines, each at least the shortest valid row.
    static func rowCountBound(fileSizeBytes: Int, shortestSKUBytes: Int, shortestRegionBytes: Int) -> Int {
        max(fileSizeBytes, 0) / shortestRowBytes(shortestSKUBytes, shortestRegionBytes) + 1
    }

    /// Appends `columns` in order and checks that every series moves forward in time; returns that.
    private func append(
        _ columns: DemandColumns,
        to demand: inout DemandHistory,
        lastDayBySeries: inout [Int32],
        regionCount: Int
    ) -> Bool {
        var isSorted = true
        lastDayBySeries.withUnsafeMutableBufferPointer { lastDay in
            for row in 0..<columns.count {
                let sku = Int(columns.skuIndices[row])
                let region = Int(columns.regionIndices[row])
                let day = columns.days[row]
                let series = sku * regionCount + region
                if day <= lastDay[series] { isSorted = false }
                lastDay[series] = day
            }
        }
        demand.append(
            skuIndices: columns.skuIndices,
            regionIndices: columns.regionIndices,
            days: columns.days,
            quantities: columns.quantities
        )
        return isSorted
    }

    private struct Header {
        var layout: DemandLayout
        /// Offset of the first byte after the header line.
        var dataOffset: Int
    }

    /// The header, if the file starts (after an optional UTF-8 byte order mark) with exactly the four
    /// column names in some order, unquoted, ending with LF, CRLF or the end of the file.
    private func readHeader() throws(FileReadError) -> Header? {
        var bytes: [UInt8] = []
        var lineEnd: Int? = nil
        while lineEnd == nil, bytes.count < 1 << 16 {
            let count = try file.read(appendingTo: &bytes, count: 4096, at: bytes.count)
            lineEnd = bytes.firstIndex(of: UInt8(ascii: "\n"))
            if count == 0 { break }
        }
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard lineEnd != nil || bytes.count < 1 << 16 else { return nil }
        var end = lineEnd ?? bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let names = bytes[start..<end].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        guard names.count == 4, Set(names) == Set(DemandLayout.columns) else { return nil }
        // swift-format-ignore: NeverForceUnwrap
        let layout = DemandLayout(
            dateField: names.firstIndex(of: "date")!,
            skuField: names.firstIndex(of: "sku")!,
            regionField: names.firstIndex(of: "region")!,
            quantityField: names.firstIndex(of: "qty")!
        )
        return Header(layout: layout, dataOffset: lineEnd.map { $0 + 1 } ?? bytes.count)
    }

    /// The physical line of each row in `rows` (indices into the history of `parsed`, ascending):
    /// from the chunk's own list when the exact checks read it, else by reading the chunk again,
    /// where every non-blank line is one row.
    func lines(ofRows rows: [Int], in parsed: Parsed) throws(FileReadError) -> [Int: Int] {
        var result: [Int: Int] = [:]
        var wanted = 0
        var buffer: [UInt8] = []
        for (position, chunk) in parsed.chunks.enumerated() where wanted < rows.count {
            let endRow = position + 1 < parsed.chunks.count ? parsed.chunks[position + 1].firstRow : parsed.demand.count
            guard rows[wanted] < endRow else { continue }
            if let rowLines = chunk.rowLines {
                while wanted < rows.count, rows[wanted] < endRow {
                    result[rows[wanted]] = Int(rowLines[rows[wanted] - chunk.firstRow])
                    wanted += 1
                }
                continue
            }
            buffer.removeAll(keepingCapacity: true)
            _ = try file.read(appendingTo: &buffer, count: chunk.fileBytes, at: chunk.fileOffset)
            var row = chunk.firstRow
            var line = chunk.firstLine
            var lineStart = 0
            for index in buffer.indices where wanted < rows.count {
                guard buffer[index] == UInt8(ascii: "\n") || index == buffer.count - 1 else { continue }
                let lineEnd = buffer[index] == UInt8(ascii: "\n") ? index : index + 1
                let isBlank =
                    lineEnd == lineStart || (lineEnd == lineStart + 1 && buffer[lineStart] == UInt8(ascii: "\r"))
                if !isBlank {
                    if row == rows[wanted] {
                        result[row] = line
                        wanted += 1
                    }
                    row += 1
                }
                line += 1
                lineStart = index + 1
            }
        }
        return result
    }
}

/// Cuts a file into chunks of whole lines: about `chunkSizeBytes` each, the bytes after a chunk's
/// last LF carried to the next one. The last chunk gets an LF if the file does not end with one.
struct LineChunkSplitter {
    let file: ReadableFile
    private(set) var offset: Int
    let chunkSizeBytes: Int
    private var carry: [UInt8] = []

    init(file: ReadableFile, offset: Int, chunkSizeBytes: Int) {
        self.file = file
        self.offset = offset
        self.chunkSizeBytes = chunkSizeBytes
    }

    /// Fills `chunk` with the next whole lines; false at the end of the file.
    mutating func fill(_ chunk: DemandChunk) throws(FileReadError) -> Bool {
        chunk.fileOffset = offset - carry.count
        chunk.countBytes = 0
        carry.withUnsafeBytes { chunk.append($0) }
        carry.removeAll(keepingCapacity: true)
        let newline = UInt8(ascii: "\n")
        while true {
            chunk.reserve(chunk.countBytes + chunkSizeBytes + 1)
            let searchStart = chunk.countBytes
            let target = UnsafeMutableRawBufferPointer(start: chunk.bytes + chunk.countBytes, count: chunkSizeBytes)
            let count = try file.read(into: target, at: offset)
            offset += count
            chunk.countBytes += count
            let bytes = chunk.bytes.assumingMemoryBound(to: UInt8.self)
            if count == 0 {
                guard chunk.countBytes > 0 else { return false }
                chunk.fileBytes = chunk.countBytes
                if bytes[chunk.countBytes - 1] != newline {
                    bytes[chunk.countBytes] = newline
                    chunk.countBytes += 1
                }
                return true
            }
            var lastLineEnd = chunk.countBytes - 1
            while lastLineEnd >= searchStart, bytes[lastLineEnd] != newline { lastLineEnd -= 1 }
            if lastLineEnd >= searchStart {
                carry.append(
                    contentsOf: UnsafeBufferPointer(
                        start: bytes + lastLineEnd + 1,
                        count: chunk.countBytes - lastLineEnd - 1
                    )
                )
                chunk.countBytes = lastLineEnd + 1
                chunk.fileBytes = chunk.countBytes
                return true
            }
        }
    }
}
