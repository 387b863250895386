import PlannerCore

/// The fast path of returns.csv: the file streamed in chunks of whole lines and parsed without a String per
/// field, into compact ``ReturnRecord``s reserved once from the file size.
///
/// It accepts only what the exact path (``CSVTable`` with ``CSVRow``) accepts with the same values: a header of
/// exactly `date,sku,region,qty` or `date,sku,region,qty,grade` (after an optional byte order mark), then rows of
/// that many unquoted fields, a date `YYYY-MM-DD` that exists within ``InputLimits``, a sku and a region found
/// byte for byte, a quantity of 1 to 18 digits from 1 to `Int32.max`, a grade that is blank or one of
/// ``ReturnGrade``'s names, lines ending in LF or CRLF. At anything else (a problem, a blank line, a quote, a rare
/// but valid spelling such as `+3`) it gives up and the caller reads the whole file the exact way, so every problem
/// keeps its line and column: returns.csv has no chunk-by-chunk recovery, as it is read once per run.
struct ReturnFileParser {
    static let requiredHeader = Array("date,sku,region,qty".utf8)
    static let gradedHeader = Array("date,sku,region,qty,grade".utf8)

    let file: ReadableFile
    let chunkSizeBytes: Int
    private let skus: ByteKeyTable
    private let regions: ByteKeyTable

    init(file: ReadableFile, lookup: EntityLookup, chunkSizeBytes: Int = 16 << 20) {
        self.file = file
        self.chunkSizeBytes = max(chunkSizeBytes, 1)
        self.skus = ByteKeyTable(indexByKey: lookup.skuIndex)
        self.regions = ByteKeyTable(indexByKey: lookup.regionIndex)
    }

    /// The rows in file order, or nil when the exact path must read the file.
    func parse() throws(FileReadError) -> [ReturnRecord]? {
        guard let (hasGradeColumn, dataOffset) = try readHeader() else { return nil }
        var records: [ReturnRecord] = []
        // A bound on the rows (each at least a date, one-byte ids, one digit, the commas and LF), reserved once so
        // the array never grows by copying; untouched capacity costs address space, not memory.
        let shortestRowBytes = 10 + max(skus.shortestKeyBytes, 1) + max(regions.shortestKeyBytes, 1) + 1 + 4
        records.reserveCapacity(max(file.sizeBytes - dataOffset, 0) / shortestRowBytes + 1)
        var splitter = LineChunkSplitter(file: file, offset: dataOffset, chunkSizeBytes: chunkSizeBytes)
        let chunk = DemandChunk(capacityBytes: chunkSizeBytes + 4096)
        var lines = LineParser(hasGradeColumn: hasGradeColumn)
        while try splitter.fill(chunk) {
            let bytes = UnsafeRawBufferPointer(start: chunk.bytes, count: chunk.countBytes)
            let clean = skus.withView { skus in
                regions.withView { regions in lines.parse(bytes, skus: skus, regions: regions, into: &records) }
            }
            guard clean else { return nil }
        }
        return records
    }

    /// Whether the header names the grade column, and the offset of the first byte after the header line.
    private func readHeader() throws(FileReadError) -> (Bool, Int)? {
        var bytes: [UInt8] = []
        _ = try file.read(appendingTo: &bytes, count: 64, at: 0)
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard let lineEnd = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        var end = lineEnd
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        switch Array(bytes[start..<end]) {
        case Self.requiredHeader: return (false, lineEnd + 1)
        case Self.gradedHeader: return (true, lineEnd + 1)
        default: return nil
        }
    }

    /// Parses chunks of whole lines, keeping the last date parsed (returns files are sorted by date, so most rows
    /// repeat it).
    private struct LineParser {
        let hasGradeColumn: Bool
        private var previousDate: (UInt64, UInt16)? = nil
        private var previousDay = Day(daysSinceEpoch: 0)

        init(hasGradeColumn: Bool) {
            self.hasGradeColumn = hasGradeColumn
        }

        /// Appends one record per line of `bytes` (whole lines, the last ending in LF); false at the first line
        /// that is not a clean row.
        mutating func parse(
            _ bytes: UnsafeRawBufferPointer,
            skus: ByteKeyTable.View,
            regions: ByteKeyTable.View,
            into records: inout [ReturnRecord]
        ) -> Bool {
            guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return true }
            let fieldCount = hasGradeColumn ? 5 : 4
            // Start and end of each field of the line: [start0, end0, start1, end1, ...].
            var bounds = [Int](repeating: 0, count: 10)
            var lineStart = 0
            while lineStart < bytes.count {
                // Fields split at commas up to LF; a quote, a CR before the end, or a wrong count gives up.
                var field = 0
                var fieldStart = lineStart
                var position = lineStart
                var lineEnd = -1
                while position < bytes.count {
                    let byte = base[position]
                    if byte == comma || byte == newline {
                        guard field < fieldCount else { return false }
                        var fieldEnd = position
                        if byte == newline {
                            lineEnd = position
                            if fieldEnd > fieldStart, base[fieldEnd - 1] == carriageReturn { fieldEnd -= 1 }
                        }
                        bounds[2 * field] = fieldStart
                        bounds[2 * field + 1] = fieldEnd
                        field += 1
                        fieldStart = position + 1
                        if byte == newline { break }
                    } else if byte == quote || (byte == carriageReturn && base[position + 1] != newline) {
                        return false
                    }
                    position += 1
                }
                guard lineEnd >= 0, field == fieldCount,
                    let record = record(base, bounds, skus: skus, regions: regions)
                else { return false }
                records.append(record)
                lineStart = lineEnd + 1
            }
            return true
        }

        /// The record of one line whose fields are at `bounds`, or nil when a field is not clean.
        private mutating func record(
            _ base: UnsafePointer<UInt8>,
            _ bounds: [Int],
            skus: ByteKeyTable.View,
            regions: ByteKeyTable.View
        ) -> ReturnRecord? {
            func field(_ index: Int) -> UnsafeRawBufferPointer {
                UnsafeRawBufferPointer(
                    start: base + bounds[2 * index],
                    count: bounds[2 * index + 1] - bounds[2 * index]
                )
            }
            let dateStart = bounds[0]
            guard bounds[1] - dateStart == 10 else { return nil }
            let raw = UnsafeRawPointer(base)
            let date = (
                raw.loadUnaligned(fromByteOffset: dateStart, as: UInt64.self),
                raw.loadUnaligned(fromByteOffset: dateStart + 8, as: UInt16.self)
            )
            if previousDate.map({ $0 != date }) ?? true {
                guard let day = DemandLineParser.parseDate(base + dateStart) else { return nil }
                previousDay = day
                previousDate = date
            }
            guard
                let sku = skus.index(of: field(1)),
                let region = regions.index(of: field(2)),
                let quantity = DemandLineParser.parseQuantity(base + bounds[6], bounds[7] - bounds[6]), quantity >= 1
            else { return nil }
            var grade: ReturnGrade? = nil
            if hasGradeColumn, bounds[9] > bounds[8] {
                guard let named = Self.grade(field(4)) else { return nil }
                grade = named
            }
            return ReturnRecord(
                day: previousDay,
                skuIndex: Int(sku),
                regionIndex: Int(region),
                quantity: Int(quantity),
                grade: grade
            )
        }

        private static let gradeNames = ReturnGrade.allCases.map { (Array($0.rawValue.utf8), $0) }

        private static func grade(_ bytes: UnsafeRawBufferPointer) -> ReturnGrade? {
            gradeNames.first { $0.0.elementsEqual(bytes) }?.1
        }
    }
}

private let newline = UInt8(ascii: "\n")
private let carriageReturn = UInt8(ascii: "\r")
private let comma = UInt8(ascii: ",")
private let quote = UInt8(ascii: "\"")
