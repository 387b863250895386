import PlannerCore

/// Where each column of demand.csv sits among a row's four fields (0-based), as its header says.
struct DemandLayout: Sendable, Equatable {
    var dateField: Int
    var skuField: Int
    var regionField: Int
    var quantityField: Int

    static let columns = ["date", "sku", "region", "qty"]
}

/// Demand rows parsed from part of the file, column-wise like ``DemandHistory``, in line order.
struct DemandColumns: Sendable, Equatable {
    var skuIndices: [Int32] = []
    var regionIndices: [Int32] = []
    /// Days since 1970-01-01.
    var days: [Int32] = []
    var quantities: [Int32] = []

    var count: Int { days.count }

    mutating func removeAll() {
        skuIndices.removeAll(keepingCapacity: true)
        regionIndices.removeAll(keepingCapacity: true)
        days.removeAll(keepingCapacity: true)
        quantities.removeAll(keepingCapacity: true)
    }

    mutating func reserveCapacity(_ capacity: Int) {
        skuIndices.reserveCapacity(capacity)
        regionIndices.reserveCapacity(capacity)
        days.reserveCapacity(capacity)
        quantities.reserveCapacity(capacity)
    }
}

/// The fast path of demand.csv: parses whole lines of the usual shape without a String per field.
///
/// It accepts only rows that the exact path (``CSVTable`` with ``CSVRow``) accepts with the same
/// values: a date `YYYY-MM-DD` that exists, a sku and a region found byte for byte, a quantity of 1
/// to 18 digits up to `Int32.max`, each field plain or quoted without `""`, CR or LF inside, lines
/// ending in LF or CRLF, blank lines skipped. Anything else (a problem, or a rare but valid spelling
/// such as `+3`) stops it and returns false, and the caller reads the file the exact way.
enum DemandLineParser {
    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let zero = UInt8(ascii: "0")
    private static let dash = UInt8(ascii: "-")

    /// Rows parsed per batch: their sku slots are loaded together so the cache misses overlap.
    static let batchRows = 32

    /// Parses `bytes`, whole lines whose last byte is LF, appending one row per non-blank line to
    /// `columns`, and returns the number of lines. Returns nil at the first line that is not a clean
    /// row (`columns` is then partial).
    ///
    /// With `owned` (by SKU index), a clean row of a SKU that is not owned is skipped (counted as a line, not
    /// appended); with `refusesOthers` as well, such a row is not clean (the exact checks report it).
    static func parse(
        _ bytes: UnsafeRawBufferPointer,
        layout: DemandLayout,
        skus: ByteKeyTable.View,
        regions: ByteKeyTable.View,
        owned: UnsafeBufferPointer<Bool>? = nil,
        refusesOthers: Bool = false,
        into columns: inout DemandColumns
    ) -> Int? {
        guard let start = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count > 0 else { return 0 }
        precondition(start[bytes.count - 1] == newline, "a chunk of demand lines must end with LF")
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: batchRows * 8) { bounds in
            withUnsafeTemporaryAllocation(of: ByteKeyTable.Probe.self, capacity: batchRows) { probes in
                var parser = BatchParser(
                    base: start,
                    end: bytes.count,
                    bounds: bounds,
                    probes: probes,
                    layout: layout,
                    skus: skus,
                    regions: regions,
                    owned: owned,
                    refusesOthers: refusesOthers
                )
                let rowsBefore = columns.count
                guard parser.parse(into: &columns) else { return nil }
                return columns.count - rowsBefore + parser.blankLines + parser.skippedRows
            }
        }
    }

    /// The state of one ``parse(_:layout:skus:regions:into:)`` call.
    private struct BatchParser {
        let base: UnsafePointer<UInt8>
        let end: Int
        /// Row `r` of a batch: field `f` is `base[bounds[8r + f]..<bounds[8r + 4 + f]]`.
        let bounds: UnsafeMutableBufferPointer<Int>
        /// Row `r`'s sku, hashed, with the first slot it probes.
        let probes: UnsafeMutableBufferPointer<ByteKeyTable.Probe>
        let layout: DemandLayout
        let skus: ByteKeyTable.View
        let regions: ByteKeyTable.View
        let owned: UnsafeBufferPointer<Bool>?
        let refusesOthers: Bool
        var index = 0
        var blankLines = 0
        /// Clean rows of SKUs that are not owned, left out.
        var skippedRows = 0
        // The previous row's date: files list many rows of one date in a row.
        var previousDateHead: UInt64 = 0
        var previousDateTail: UInt16 = 0
        var previousDay: Int32 = 0
        var hasPreviousDate = false

        init(
            base: UnsafePointer<UInt8>,
            end: Int,
            bounds: UnsafeMutableBufferPointer<Int>,
            probes: UnsafeMutableBufferPointer<ByteKeyTable.Probe>,
            layout: DemandLayout,
            skus: ByteKeyTable.View,
            regions: ByteKeyTable.View,
            owned: UnsafeBufferPointer<Bool>?,
            refusesOthers: Bool
        ) {
            self.owned = owned
            self.refusesOthers = refusesOthers
            self.base = base
            self.end = end
            self.bounds = bounds
            self.probes = probes
            self.layout = layout
            self.skus = skus
            self.regions = regions
        }

        mutating func parse(into columns: inout DemandColumns) -> Bool {
            while index < end {
                // 1. Cut up to a batch of lines into fields.
                var rows = 0
                while rows < DemandLineParser.batchRows && index < end {
                    let first = base[index]
                    if first == newline {
                        index &+= 1
                        blankLines &+= 1
                        continue
                    }
                    if first == carriageReturn {
                        // The buffer ends with LF and this byte is not it, so index + 1 < end.
                        guard base[index &+ 1] == newline else { return false }
                        index &+= 2
                        blankLines &+= 1
                        continue
                    }
                    guard splitLine(row: rows) else { return false }
                    rows &+= 1
                }
                // 2. Hash every sku, then load each one's first slot: independent loads, so the
                // processor waits for their cache misses at once rather than one after the other.
                for row in 0..<rows {
                    let start = bounds[row &* 8 &+ layout.skuField]
                    let length = bounds[row &* 8 &+ 4 &+ layout.skuField] &- start
                    probes[row] = ByteKeyTable.Probe(UnsafeRawBufferPointer(start: base + start, count: length))
                }
                for row in 0..<rows {
                    skus.loadFirstSlot(&probes[row])
                }
                // 3. Read the values.
                for row in 0..<rows {
                    guard appendRow(row, to: &columns) else { return false }
                }
            }
            return true
        }

        /// Records the four fields of the line at `index` as row `row` and moves past the line.
        @inline(__always)
        private mutating func splitLine(row: Int) -> Bool {
            let fieldStart = bounds.baseAddress! + row &* 8
            let fieldEnd = fieldStart + 4
            for field in 0..<4 {
                if base[index] == quote {
                    let contentStart = index &+ 1
                    var position = contentStart
                    while base[position] != quote {
                        let byte = base[position]
                        if byte == newline || byte == carriageReturn { return false }
                        position &+= 1
                    }
                    fieldStart[field] = contentStart
                    fieldEnd[field] = position
                    index = position &+ 1
                } else {
                    let contentStart = index
                    while true {
                        let byte = base[index]
                        if byte == comma || byte == newline || byte == carriageReturn { break }
                        if byte == quote { return false }
                        index &+= 1
                    }
                    fieldStart[field] = contentStart
                    fieldEnd[field] = index
                }
                let separator = base[index]
                if field < 3 {
                    guard separator == comma else { return false }
                    index &+= 1
                } else if separator == newline {
                    index &+= 1
                } else if separator == carriageReturn && base[index &+ 1] == newline {
                    index &+= 2
                } else {
                    return false
                }
            }
            return true
        }

        /// Checks row `row`'s values and appends them.
        @inline(__always)
        private mutating func appendRow(_ row: Int, to columns: inout DemandColumns) -> Bool {
            let fieldStart = bounds.baseAddress! + row &* 8
            let fieldEnd = fieldStart + 4
            // Date: the previous row's, or parsed and checked to exist.
            let dateStart = fieldStart[layout.dateField]
            guard fieldEnd[layout.dateField] &- dateStart == 10 else { return false }
            let raw = UnsafeRawPointer(base)
            let dateHead = raw.loadUnaligned(fromByteOffset: dateStart, as: UInt64.self)
            let dateTail = raw.loadUnaligned(fromByteOffset: dateStart &+ 8, as: UInt16.self)
            if !hasPreviousDate || dateHead != previousDateHead || dateTail != previousDateTail {
                guard let day = parseDate(base + dateStart) else { return false }
                previousDay = Int32(truncatingIfNeeded: day.daysSinceEpoch)
                previousDateHead = dateHead
                previousDateTail = dateTail
                hasPreviousDate = true
            }

            let skuStart = fieldStart[layout.skuField]
            let skuKey = UnsafeRawBufferPointer(start: base + skuStart, count: fieldEnd[layout.skuField] &- skuStart)
            guard let sku = skus.index(of: skuKey, probe: probes[row]) else { return false }
            if let owned, !owned[Int(sku)] {
                // Another shard's row: read no further than its sku (its other fields are that shard's to check).
                guard !refusesOthers else { return false }
                skippedRows &+= 1
                return true
            }

            let regionStart = fieldStart[layout.regionField]
            let regionKey = UnsafeRawBufferPointer(
                start: base + regionStart,
                count: fieldEnd[layout.regionField] &- regionStart
            )
            guard let region = regions.index(of: regionKey) else { return false }

            let quantityStart = fieldStart[layout.quantityField]
            guard
                let quantity = parseQuantity(base + quantityStart, fieldEnd[layout.quantityField] &- quantityStart)
            else { return false }

            columns.skuIndices.append(sku)
            columns.regionIndices.append(region)
            columns.days.append(previousDay)
            columns.quantities.append(quantity)
            return true
        }
    }

    /// `YYYY-MM-DD` at `date` (10 bytes) as a day that exists within ``InputLimits``, or nil (the same rule as
    /// `CSVRow.day`: a date outside is left to the exact checks, which report it).
    static func parseDate(_ date: UnsafePointer<UInt8>) -> Day? {
        guard date[4] == dash, date[7] == dash else { return nil }
        func number(_ offset: Int, _ length: Int) -> Int? {
            var value = 0
            for position in offset..<offset + length {
                let digit = date[position] &- zero
                guard digit <= 9 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let parsed = Day(year: year, month: month, day: day), InputLimits.contains(parsed)
        else { return nil }
        return parsed
    }

    /// 1 to 18 ASCII digits (leading zeros allowed) worth at most `Int32.max`, or nil; the exact path
    /// accepts the same, plus signs, which are left to it.
    @inline(__always)
    static func parseQuantity(_ digits: UnsafePointer<UInt8>, _ length: Int) -> Int32? {
        guard length >= 1, length <= 18 else { return nil }
        var value = 0
        var offset = 0
        while offset < length {
            let digit = digits[offset] &- zero
            guard digit <= 9 else { return nil }
            value = value &* 10 &+ Int(digit)
            offset &+= 1
        }
        guard value <= Int(Int32.max) else { return nil }
        return Int32(value)
    }
}
