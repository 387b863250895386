/// One chunk of demand.csv on its way through the parallel fast path: whole lines read by the
/// loading thread, then parsed by one worker into ``DemandColumns``, then appended in file order.
///
/// `@unchecked Sendable` because it is handed between threads, never shared: the loading thread
/// fills it, submits it to a worker in a `DispatchGroup`, and touches it again only after
/// `wait()` on that group returns, which orders the worker's writes before the reads.
final class DemandChunk: @unchecked Sendable {
    private(set) var bytes: UnsafeMutableRawPointer
    private(set) var capacityBytes: Int
    /// Bytes in use, from the start of `bytes`.
    var countBytes = 0
    /// Where the chunk's bytes are in the file; `fileBytes` leaves out an LF added at the end of the file.
    var fileOffset = 0
    var fileBytes = 0
    /// The rows of the chunk after ``parse(layout:skus:regions:shortestRowBytes:)``.
    private(set) var columns = DemandColumns()
    /// The number of lines when every line was a clean row or blank (``DemandLineParser``), else nil.
    private(set) var cleanLineCount: Int?

    init(capacityBytes: Int) {
        self.capacityBytes = max(capacityBytes, 16)
        self.bytes = UnsafeMutableRawPointer.allocate(byteCount: self.capacityBytes, alignment: 16)
    }

    deinit {
        bytes.deallocate()
    }

    /// Makes room for `total` bytes, keeping the ones in use.
    func reserve(_ total: Int) {
        guard total > capacityBytes else { return }
        let capacity = max(total, capacityBytes * 2)
        let larger = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        larger.copyMemory(from: bytes, byteCount: countBytes)
        bytes.deallocate()
        bytes = larger
        capacityBytes = capacity
    }

    /// The number of LF bytes, which is the number of lines when no CR stands alone.
    var newlineCount: Int {
        let lines = UnsafeRawBufferPointer(start: bytes, count: countBytes)
        return lines.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    /// Whether some CR is not followed by LF: a line end for the exact path, not for ``newlineCount``.
    var hasLoneCarriageReturn: Bool {
        let lines = UnsafeRawBufferPointer(start: bytes, count: countBytes)
        for index in lines.indices where lines[index] == UInt8(ascii: "\r") {
            if index + 1 == lines.count || lines[index + 1] != UInt8(ascii: "\n") { return true }
        }
        return false
    }

    /// Appends `other`'s bytes.
    func append(_ other: UnsafeRawBufferPointer) {
        guard let source = other.baseAddress, other.count > 0 else { return }
        reserve(countBytes + other.count)
        (bytes + countBytes).copyMemory(from: source, byteCount: other.count)
        countBytes += other.count
    }

    /// Parses the chunk's lines; `shortestRowBytes` bounds the row count to reserve once. `filter` leaves out (or
    /// refuses) the rows of other shards' SKUs.
    func parse(
        layout: DemandLayout,
        skus: ByteKeyTable,
        regions: ByteKeyTable,
        shortestRowBytes: Int,
        filter: RowFilter? = nil
    ) {
        columns.removeAll()
        columns.reserveCapacity(countBytes / max(shortestRowBytes, 1) + 1)
        let lines = UnsafeRawBufferPointer(start: bytes, count: countBytes)
        cleanLineCount = skus.withView { skus in
            regions.withView { regions in
                guard let filter else {
                    return DemandLineParser.parse(lines, layout: layout, skus: skus, regions: regions, into: &columns)
                }
                return filter.owned.withUnsafeBufferPointer { owned in
                    DemandLineParser.parse(
                        lines,
                        layout: layout,
                        skus: skus,
                        regions: regions,
                        owned: owned,
                        refusesOthers: filter.refusesOthers,
                        into: &columns
                    )
                }
            }
        }
    }
}
