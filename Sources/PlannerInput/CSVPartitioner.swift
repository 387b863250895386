import Dispatch
import Foundation
import PlannerCore

/// Splits a CSV file with a `sku` column (demand.csv, returns.csv) into one part per shard by each row's SKU, for
/// `planner partition`: the header goes to every part, then each row to its SKU's part, in file order, byte for
/// byte (blank lines are left out). Only the sku field of a row is read; every other check is the shard's, on its
/// own part.
///
/// No field of these files may hold a line break (docs/data-contract.md, "Limits"), so a row is a physical line:
/// a quote still open at a line's end is an error, as is a line over 1 MiB. The file is streamed in chunks cut at
/// line ends, split on every core, and the parts are written in file order whatever finished first, so the parts
/// are the same for any chunk size and thread count.
public struct CSVPartitioner {
    /// Rows and bytes read.
    public struct Counts: Sendable, Equatable {
        public var rows: Int
        public var bytes: Int
        /// Data rows per part.
        public var rowsByPart: [Int]
    }

    let path: String
    let displayPath: String
    let partCount: Int
    /// The part of every SKU of skus.csv, by index, and of any other id.
    let partOfIndex: [Int32]
    let partOfID: @Sendable (String) -> Int
    let skus: ByteKeyTable
    public var chunkSizeBytes = 16 << 20
    public var threadCount = min(ProcessInfo.processInfo.activeProcessorCount, 8)

    /// `skuIDs`: the ids of skus.csv (a row's id is looked up among them, and hashed only when it is not one);
    /// `partsOfIDs` gives the parts of many ids at once, the same as `partOfID` of each.
    public init(
        path: String,
        displayPath: String,
        partCount: Int,
        skuIDs: [String],
        partOfID: @escaping @Sendable (String) -> Int,
        partsOfIDs: (([String]) -> [Int])? = nil
    ) {
        self.path = path
        self.displayPath = displayPath
        self.partCount = partCount
        self.partOfID = partOfID
        partOfIndex = (partsOfIDs?(skuIDs) ?? skuIDs.map(partOfID)).map { Int32($0) }
        skus = ByteKeyTable(
            indexByKey: Dictionary(skuIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        )
    }

    /// Splits the file, calling `emit(part, bytes)` with each part's header first and then its rows, chunk by chunk
    /// in file order, and `source(bytes)` with every byte of the file in order (to hash it on the way), both from
    /// the calling thread. Problems throw ``InputError``: a missing file, a header without a `sku` column, a quote
    /// open at a line's end, a line over 1 MiB.
    public func split(
        source: (UnsafeRawBufferPointer) throws -> Void = { _ in },
        emit: (Int, UnsafeRawBufferPointer) throws -> Void
    ) throws -> Counts {
        guard let file = ReadableFile(path: path) else {
            throw InputError(issues: [InputIssue(file: displayPath, message: "cannot open the file")])
        }
        let (header, skuField, dataOffset) = try readHeader(file)
        for part in 0..<partCount { try header.withUnsafeBytes { try emit(part, $0) } }
        var headerBytes: [UInt8] = []
        do {
            _ = try file.read(appendingTo: &headerBytes, count: dataOffset, at: 0)
        } catch {
            throw InputError(issues: [InputIssue(file: displayPath, message: "cannot read the file: \(error)")])
        }
        try headerBytes.withUnsafeBytes(source)
        var splitter = LineChunkSplitter(file: file, offset: dataOffset, chunkSizeBytes: chunkSizeBytes)
        let queue = DispatchQueue.global(qos: .userInitiated)
        var inFlight: [(chunk: DemandChunk, result: PartitionedChunk, group: DispatchGroup)] = []
        var spare: [DemandChunk] = []
        var counts = Counts(rows: 0, bytes: file.sizeBytes, rowsByPart: Array(repeating: 0, count: partCount))
        var nextLine = 2
        defer { for job in inFlight { job.group.wait() } }
        func finishOldest() throws {
            let (chunk, result, group) = inFlight.removeFirst()
            group.wait()
            defer { spare.append(chunk) }
            if let problem = result.problem {
                throw InputError(
                    issues: [
                        InputIssue(file: displayPath, line: nextLine + problem.lineOffset, message: problem.message)
                    ]
                )
            }
            nextLine += result.lineCount
            try source(UnsafeRawBufferPointer(start: chunk.bytes, count: chunk.fileBytes))
            for part in 0..<partCount where !result.parts[part].isEmpty {
                try result.parts[part].withUnsafeBytes { try emit(part, $0) }
                counts.rowsByPart[part] += result.rows[part]
                counts.rows += result.rows[part]
            }
        }
        while true {
            let chunk = spare.popLast() ?? DemandChunk(capacityBytes: chunkSizeBytes + 4096)
            do {
                guard try splitter.fill(chunk) else { break }
            } catch {
                throw InputError(issues: [InputIssue(file: displayPath, message: "cannot read the file: \(error)")])
            }
            let result = PartitionedChunk(partCount: partCount)
            let group = DispatchGroup()
            let job = (skus: skus, partOfIndex: partOfIndex, partOfID: partOfID, skuField: skuField)
            queue.async(group: group) {
                result.split(
                    chunk,
                    skuField: job.skuField,
                    skus: job.skus,
                    partOfIndex: job.partOfIndex,
                    partOfID: job.partOfID
                )
            }
            inFlight.append((chunk, result, group))
            if inFlight.count > threadCount { try finishOldest() }
        }
        while !inFlight.isEmpty { try finishOldest() }
        return counts
    }

    /// The header line (LF-terminated, without a byte order mark), the sku's field number and where the data starts.
    private func readHeader(_ file: ReadableFile) throws -> (header: [UInt8], skuField: Int, dataOffset: Int) {
        var bytes: [UInt8] = []
        var lineEnd: Int? = nil
        do {
            while lineEnd == nil, bytes.count < InputLimits.recordMaxBytes {
                let count = try file.read(appendingTo: &bytes, count: 65_536, at: bytes.count)
                lineEnd = bytes.firstIndex(of: UInt8(ascii: "\n"))
                if count == 0 { break }
            }
        } catch {
            throw InputError(issues: [InputIssue(file: displayPath, message: "cannot read the file: \(error)")])
        }
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let end = lineEnd ?? bytes.count
        var line = Array(bytes[start..<end])
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        let names = String(decoding: line, as: UTF8.self).split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) }
        guard let skuField = names.firstIndex(of: "sku") else {
            throw InputError(
                issues: [InputIssue(file: displayPath, line: 1, message: "the header has no sku column to split by")]
            )
        }
        return (
            Array(bytes[start..<min(end + 1, bytes.count)]) + (lineEnd == nil ? [UInt8(ascii: "\n")] : []), skuField,
            end + 1
        )
    }
}

/// One chunk split by part on a worker thread: the rows of each part, in order, and the first problem.
final class PartitionedChunk: @unchecked Sendable {  // written by one worker, read after its group's wait
    var parts: [[UInt8]]
    var rows: [Int]
    var lineCount = 0
    var problem: (lineOffset: Int, message: String)?

    init(partCount: Int) {
        parts = Array(repeating: [], count: partCount)
        rows = Array(repeating: 0, count: partCount)
    }

    func split(
        _ chunk: DemandChunk,
        skuField: Int,
        skus: ByteKeyTable,
        partOfIndex: [Int32],
        partOfID: (String) -> Int
    ) {
        let bytes = UnsafeRawBufferPointer(start: chunk.bytes, count: chunk.countBytes)
        let quote = UInt8(ascii: "\"")
        let comma = UInt8(ascii: ",")
        let newline = UInt8(ascii: "\n")
        let carriageReturn = UInt8(ascii: "\r")
        skus.withView { view in
            var lineStart = 0
            var field = 0
            var fieldStart = 0
            var skuRange: Range<Int>? = nil
            var quoted = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if quoted {
                    if byte == quote {
                        if index + 1 < bytes.count, bytes[index + 1] == quote {
                            index += 2
                            continue
                        }
                        quoted = false
                    } else if byte == newline {
                        problem = (
                            lineCount, "a quoted field runs past the end of the line (no field may hold a line break)"
                        )
                        return
                    }
                } else if byte == quote {
                    quoted = true
                } else if byte == comma || byte == newline {
                    if field == skuField {
                        let end =
                            byte == newline && index > fieldStart && bytes[index - 1] == carriageReturn
                            ? index - 1 : index
                        skuRange = fieldStart..<end
                    }
                    field += 1
                    fieldStart = index + 1
                }
                if byte == newline {
                    var end = index
                    if end > lineStart, bytes[end - 1] == carriageReturn { end -= 1 }
                    if end > lineStart {
                        guard index + 1 - lineStart <= InputLimits.recordMaxBytes else {
                            problem = (lineCount, "the line is longer than \(InputLimits.recordMaxBytes) bytes")
                            return
                        }
                        let part = partOf(
                            UnsafeRawBufferPointer(rebasing: bytes[skuRange ?? end..<end]),
                            view: view,
                            partOfIndex: partOfIndex,
                            partOfID: partOfID
                        )
                        parts[part].append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[lineStart...index]))
                        rows[part] += 1
                    }
                    lineCount += 1
                    lineStart = index + 1
                    field = 0
                    fieldStart = lineStart
                    skuRange = nil
                }
                index += 1
            }
        }
    }

    /// The part of a row whose sku field holds `raw` (quoted or not).
    private func partOf(
        _ raw: UnsafeRawBufferPointer,
        view: ByteKeyTable.View,
        partOfIndex: [Int32],
        partOfID: (String) -> Int
    ) -> Int {
        if raw.first != UInt8(ascii: "\""), let index = view.index(of: raw) { return Int(partOfIndex[Int(index)]) }
        var text = String(decoding: raw, as: UTF8.self)
        if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 {
            text = String(text.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
        }
        return partOfID(text)
    }
}
