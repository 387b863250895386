#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file could not be read part way through (the kernel's `errno` and its text).
struct FileReadError: Error, CustomStringConvertible {
    var code: Int32
    var message: String

    var description: String { message }
}

/// An input file opened for reading with `pread(2)`, so its bytes are streamed in chunks of the
/// caller's size and never held whole. The descriptor is closed in `deinit`.
///
/// Not Sendable: the descriptor is read from the thread that owns this object only.
final class ReadableFile {
    private let descriptor: Int32
    /// Size when opened, in bytes; 0 for something that is not a regular file.
    let sizeBytes: Int

    /// Opens `path`; nil when it is missing, unreadable or a directory.
    init?(path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) != S_IFDIR else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
        self.sizeBytes = (status.st_mode & S_IFMT) == S_IFREG ? Int(status.st_size) : 0
    }

    deinit {
        close(descriptor)
    }

    /// Reads up to `destination.count` bytes starting at byte `offset` of the file; fewer only at
    /// the end of the file (0 there).
    func read(into destination: UnsafeMutableRawBufferPointer, at offset: Int) throws(FileReadError) -> Int {
        var total = 0
        while total < destination.count, let base = destination.baseAddress {
            let count = pread(descriptor, base + total, destination.count - total, off_t(offset + total))
            if count == 0 { break }
            if count < 0 {
                let code = errno
                if code == EINTR { continue }
                throw FileReadError(code: code, message: String(cString: strerror(code)))
            }
            total += count
        }
        return total
    }

    /// Appends up to `count` bytes read at `offset` to `buffer`; returns how many were appended.
    func read(appendingTo buffer: inout [UInt8], count: Int, at offset: Int) throws(FileReadError) -> Int {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 16)
        defer { scratch.deallocate() }
        let read = try self.read(into: UnsafeMutableRawBufferPointer(rebasing: scratch[..<count]), at: offset)
        buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[..<read]))
        return read
    }
}
