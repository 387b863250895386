import Foundation

// The one CSV writer of the project: data sets (planner generate) and run outputs (--out) both use it.

/// A file could not be created, written or closed.
public struct DataWriteError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): error: \(message)" }
}

/// CSV field encoding of the data contract: a field is wrapped in `"` only when it holds a comma,
/// a quote, CR or LF, and quotes inside are doubled (RFC 4180, section 2).
public enum CSVField {
    public static func needsQuoting<S: Sequence>(_ utf8: S) -> Bool where S.Element == UInt8 {
        utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
    }

    /// The bytes written for `field`.
    public static func encode(_ field: String) -> [UInt8] {
        guard needsQuoting(field.utf8) else { return Array(field.utf8) }
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        for byte in field.utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
        return bytes
    }

    /// Decimal text of a money amount or rate: whole values without a fraction (`12`), others in
    /// Swift's shortest round-tripping form (`12.34`), so a value rounded to cents reads back exactly.
    public static func decimal(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
        let shortest = value.description
        if !shortest.contains("e") { return shortest }
        var fixed = String(format: "%.15f", value)
        while fixed.hasSuffix("0") { fixed.removeLast() }
        if fixed.hasSuffix(".") { fixed.removeLast() }
        return fixed
    }
}

/// Writes CSV bytes to a file through a 1 MiB buffer handed to `fwrite` when full.
///
/// Cheap appends of raw bytes, integers and ISO dates, with no `String` per row, so a 100-million-row
/// demand file is written at disk speed. Call ``close()`` to flush; `deinit` only releases resources.
public final class CSVByteWriter {
    static let flushThreshold = 1 << 20
    private static let capacity = flushThreshold + 4096

    public let path: String
    private var file: UnsafeMutablePointer<FILE>?
    private let buffer: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var cachedDay = Int.min
    private var cachedDayBytes: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

    /// Opens `path` for writing, truncating a file that is there. With `creatingNew`, the file must not exist
    /// yet and a symbolic link in its place is refused, never followed.
    public init(path: String, creatingNew: Bool = false) throws {
        var opened: UnsafeMutablePointer<FILE>? = nil
        if creatingNew {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if descriptor >= 0 {
                opened = fdopen(descriptor, "wb")
                if opened == nil { Glibc.close(descriptor) }
            }
        } else {
            opened = fopen(path, "wb")
        }
        guard let file = opened else {
            throw DataWriteError(path: path, message: String(cString: strerror(errno)))
        }
        self.path = path
        self.file = file
        self.buffer = .allocate(capacity: CSVByteWriter.capacity)
    }

    deinit {
        if let file { fclose(file) }
        buffer.deallocate()
    }

    /// Writes the buffer out when it passed the threshold; call after each row.
    @inline(__always)
    public func endRow() throws {
        buffer[count] = 10
        count += 1
        if count >= CSVByteWriter.flushThreshold { try flush() }
    }

    public func flush() throws {
        guard count > 0, let file else { return }
        let written = fwrite(buffer, 1, count, file)
        if written != count {
            throw DataWriteError(path: path, message: "write failed: \(String(cString: strerror(errno)))")
        }
        count = 0
    }

    /// Flushes and closes the file; with `syncing`, waits until its bytes are on the disk (`fsync`) first.
    public func close(syncing: Bool = false) throws {
        try flush()
        guard let file else { return }
        self.file = nil
        if syncing, fflush(file) != 0 || fsync(fileno(file)) != 0 {
            let message = String(cString: strerror(errno))
            fclose(file)
            throw DataWriteError(path: path, message: "sync failed: \(message)")
        }
        if fclose(file) != 0 {
            throw DataWriteError(path: path, message: "close failed: \(String(cString: strerror(errno)))")
        }
    }

    @inline(__always)
    public func comma() {
        buffer[count] = UInt8(ascii: ",")
        count += 1
    }

    /// Appends raw bytes (already CSV-encoded).
    public func append(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        if count + bytes.count > CSVByteWriter.capacity - 512 {
            try flush()
            if bytes.count > CSVByteWriter.capacity - 512, let file {
                if fwrite(bytes.baseAddress, 1, bytes.count, file) != bytes.count {
                    throw DataWriteError(path: path, message: "write failed: \(String(cString: strerror(errno)))")
                }
                return
            }
        }
        if let base = bytes.baseAddress {
            (buffer + count).update(from: base, count: bytes.count)
        }
        count += bytes.count
    }

    /// Appends one field, quoted when it needs to be.
    public func field(_ text: String) throws {
        try CSVField.encode(text).withUnsafeBufferPointer { try append($0) }
    }

    /// Appends a whole row of text fields and ends it.
    public func row(_ fields: [String]) throws {
        for (index, text) in fields.enumerated() {
            if index > 0 { comma() }
            try field(text)
        }
        try endRow()
    }

    /// Appends the decimal digits of `value`.
    @inline(__always)
    public func integer(_ value: Int) {
        var magnitude = value.magnitude
        if value < 0 {
            buffer[count] = UInt8(ascii: "-")
            count += 1
        }
        var digits = 1
        var probe = magnitude / 10
        while probe > 0 {
            digits += 1
            probe /= 10
        }
        var position = count + digits - 1
        repeat {
            buffer[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
            position -= 1
        } while magnitude > 0
        count += digits
    }

    /// Appends `YYYY-MM-DD`; consecutive rows of the same day reuse the last conversion.
    @inline(__always)
    public func day(daysSinceEpoch: Int) {
        if daysSinceEpoch != cachedDay {
            cachedDay = daysSinceEpoch
            let (year, month, day) = Day(daysSinceEpoch: daysSinceEpoch).civil
            let zero = UInt8(ascii: "0")
            let dash = UInt8(ascii: "-")
            let y = max(0, min(9999, year))
            cachedDayBytes = (
                zero + UInt8(y / 1000), zero + UInt8(y / 100 % 10), zero + UInt8(y / 10 % 10), zero + UInt8(y % 10),
                dash, zero + UInt8(month / 10), zero + UInt8(month % 10), dash, zero + UInt8(day / 10),
                zero + UInt8(day % 10)
            )
        }
        withUnsafeBytes(of: cachedDayBytes) { raw in
            (buffer + count).update(from: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: 10)
        }
        count += 10
    }
}
