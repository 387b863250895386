import Dispatch
import Foundation
import PlannerCore

/// Reads demand.csv into a ``DemandHistory`` on the fast path: the file streamed in chunks cut at line
/// ends, chunks parsed in parallel by ``DemandLineParser`` and appended in file order, so the result
/// is the same for any chunk size and thread count.
///
/// Memory: the history's columns (16 bytes a row, reserved once from the file size) plus about
/// `threadCount + 1` chunks in flight. The fast path never reports a problem itself: on the first line
/// it cannot take as is (a problem, or a rare valid spelling) it gives up with
/// ``Outcome/needsExactPath(_:)``, and the caller reads the file with the exact, located checks.
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

    enum Outcome {
        /// Every line was a clean row. `isSortedBySeries`: each (sku, region) series moves strictly
        /// forward in time, which proves there is no duplicate (date, sku, region).
        case parsed(DemandHistory, isSortedBySeries: Bool)
        /// Some line needs the exact path; the reason is for tests and logs only.
        case needsExactPath(String)
    }

    let file: ReadableFile
    let skus: ByteKeyTable
    let regions: ByteKeyTable
    let options: Options

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
        var splitter = LineChunkSplitter(file: file, offset: header.dataOffset, chunkSizeBytes: options.chunkSizeBytes)
        let queue = DispatchQueue.global(qos: .userInitiated)
        var spare: [DemandChunk] = []
        var inFlight: [(chunk: DemandChunk, group: DispatchGroup)] = []
        defer { for job in inFlight { job.group.wait() } }
        var isClean = true

        // Waits for the oldest chunk and appends its rows: file order whatever finished first.
        func finishOldest() {
            let (chunk, group) = inFlight.removeFirst()
            group.wait()
            if isClean && !chunk.isClean { isClean = false }
            if isClean {
                let chunkIsSorted = append(
                    chunk.columns,
                    to: &demand,
                    lastDayBySeries: &lastDayBySeries,
                    regionCount: regionCount
                )
                if !chunkIsSorted { isSortedBySeries = false }
            }
            spare.append(chunk)
        }

        while isClean {
            let chunk = spare.popLast() ?? DemandChunk(capacityBytes: options.chunkSizeBytes + 4096)
            guard try splitter.fill(chunk) else { break }
            let group = DispatchGroup()
            let layout = header.layout
            let skus = skus
            let regions = regions
            queue.async(group: group) {
                chunk.parse(layout: layout, skus: skus, regions: regions, shortestRowBytes: shortestRowBytes)
            }
            inFlight.append((chunk, group))
            if inFlight.count > options.threadCount { finishOldest() }
        }
        while !inFlight.isEmpty { finishOldest() }
        guard isClean else { return .needsExactPath("a line is not a clean demand row") }
        return .parsed(demand, isSortedBySeries: isSortedBySeries)
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
                demand.append(
                    skuIndex: sku,
                    regionIndex: region,
                    day: Day(daysSinceEpoch: Int(day)),
                    quantity: Int(columns.quantities[row])
                )
            }
        }
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

    /// The physical line of each data row in `rows` (indices into the history the fast path built,
    /// ascending), by reading the file again: valid only after ``parse()`` returned `.parsed`, when
    /// every non-blank line after the header is one row.
    func lines(ofRows rows: [Int]) throws(FileReadError) -> [Int: Int] {
        guard let header = try readHeader(), !rows.isEmpty else { return [:] }
        var result: [Int: Int] = [:]
        var wanted = 0
        var row = 0
        var line = 2
        var lineLength = 0
        var lineStartsWithCR = false
        var offset = header.dataOffset
        var buffer: [UInt8] = []
        // Counts the line just ended if it is not blank (empty, or a lone CR before LF).
        func endLine() {
            if lineLength > 1 || (lineLength == 1 && !lineStartsWithCR) {
                if row == rows[wanted] {
                    result[row] = line
                    wanted += 1
                }
                row += 1
            }
            line += 1
            lineLength = 0
        }
        while wanted < rows.count {
            buffer.removeAll(keepingCapacity: true)
            let count = try file.read(appendingTo: &buffer, count: 1 << 20, at: offset)
            offset += count
            if count == 0 {
                if lineLength > 0 { endLine() }
                break
            }
            for byte in buffer where wanted < rows.count {
                if byte == UInt8(ascii: "\n") {
                    endLine()
                } else {
                    if lineLength == 0 { lineStartsWithCR = byte == UInt8(ascii: "\r") }
                    lineLength += 1
                }
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
                return true
            }
        }
    }
}
