import Foundation
import PlannerCore

/// The `--out` folder of a run, written whole beside its place and moved into it only once the run is stored.
///
/// An existing destination must be empty or a folder a planner run wrote (``checkReplaceable(_:)``): it is
/// replaced as a whole.
///
/// The files go into a fresh hidden folder next to the destination (same file system), each created anew
/// (`O_EXCL | O_NOFOLLOW`: a planted symbolic link is refused, never followed) and synced to disk with the
/// folder. ``publish()`` then puts the folder in place with one `rename(2)`; a folder already at the
/// destination is swapped out atomically (`renameat2` with `RENAME_EXCHANGE`) and removed. Until then the
/// destination is untouched, so a failure before the database commit leaves the previous files as they were,
/// and a folder never holds half of one run's files and half of another's. An unpublished staging folder is
/// removed when the object goes away.
public final class StagedOutputFolder {
    /// Where the files end up, as the user gave it.
    public let destination: String
    /// The hidden folder the files are written into first.
    public let stagingPath: String
    private var isPublished = false

    /// Checks the destination (it may not be a regular file; missing parent folders are created) and creates
    /// the staging folder. Throws ``OutputFolderError``.
    public init(destination: String) throws {
        let trimmed = destination.hasSuffix("/") && destination.count > 1 ? String(destination.dropLast()) : destination
        self.destination = trimmed
        let url = URL(fileURLWithPath: trimmed)
        let parent = url.deletingLastPathComponent().path
        var status = stat()
        if lstat(trimmed, &status) == 0 {
            guard (status.st_mode & S_IFMT) == S_IFDIR else {
                throw OutputFolderError(path: trimmed, message: "it exists and is not a folder (a file or a link)")
            }
            try Self.checkReplaceable(trimmed)
        }
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputFolderError(path: parent, message: "cannot create it: \(error.localizedDescription)")
        }
        var template = Array((parent + "/." + url.lastPathComponent + ".staging-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw OutputFolderError(path: parent, message: "cannot create a folder in it: \(Self.lastError())")
        }
        stagingPath = String(cString: made)
        chmod(stagingPath, 0o755)
    }

    deinit {
        if !isPublished { discard() }
    }

    /// Writes every table as CSV (header row, RFC 4180 quoting) and `summary.json`, each synced to disk.
    public func write(tables: [OutputTable], summaryJSON: String) throws {
        for table in tables {
            let writer = try CSVByteWriter(path: stagingPath + "/" + Self.fileName(for: table.name), creatingNew: true)
            try writer.row(table.columns)
            try table.forEachRow { row in try writer.row(row.map { $0 ?? "" }) }
            try writer.close(syncing: true)
        }
        let summary = try CSVByteWriter(path: stagingPath + "/summary.json", creatingNew: true)
        try Array(summaryJSON.utf8).withUnsafeBufferPointer { try summary.append($0) }
        try summary.close(syncing: true)
        try Self.sync(folder: stagingPath)
    }

    /// Moves the written folder to the destination, replacing a folder (or link) there.
    public func publish() throws {
        let parent = URL(fileURLWithPath: destination).deletingLastPathComponent().path
        var status = stat()
        if lstat(destination, &status) != 0 {
            guard rename(stagingPath, destination) == 0 else {
                throw OutputFolderError(path: destination, message: "cannot move the files there: \(Self.lastError())")
            }
        } else {
            guard Self.exchange(stagingPath, destination) else {
                throw OutputFolderError(path: destination, message: "cannot replace it: \(Self.lastError())")
            }
            // The previous folder (or link) is now at the staging path.
            try? FileManager.default.removeItem(atPath: stagingPath)
        }
        isPublished = true
        try? Self.sync(folder: parent)
    }

    /// Removes the staging folder and what was written into it.
    public func discard() {
        try? FileManager.default.removeItem(atPath: stagingPath)
    }

    /// An existing destination is replaced as a whole, so it must be one the planner wrote: empty, or holding
    /// `summary.json` and nothing but regular `.csv` and `.json` files. Anything else (a home folder, a
    /// sub-folder, a link) is refused rather than removed.
    private static func checkReplaceable(_ path: String) throws {
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw OutputFolderError(path: path, message: "cannot read it: \(error.localizedDescription)")
        }
        guard !entries.isEmpty else { return }
        for entry in entries.sorted() {
            var status = stat()
            let isFile = lstat(path + "/" + entry, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
            guard isFile, entry.hasSuffix(".csv") || entry.hasSuffix(".json") else {
                throw OutputFolderError(
                    path: path,
                    message: "it holds '\(entry)', which the planner did not write: --out replaces the whole folder, "
                        + "so give an empty or new folder, or one a planner run wrote"
                )
            }
        }
        guard entries.contains("summary.json") else {
            throw OutputFolderError(
                path: path,
                message: "it holds files but no summary.json, so no planner run wrote it: --out replaces the whole "
                    + "folder, so give an empty or new folder, or one a planner run wrote"
            )
        }
    }

    /// The file a table is written to: its name, except `unfilled_lines`, which is `unfilled.csv`.
    public static func fileName(for tableName: String) -> String {
        tableName == "unfilled_lines" ? "unfilled.csv" : tableName + ".csv"
    }

    // MARK: - System calls

    private typealias RenameAt2 =
        @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32)
        -> Int32

    /// Swaps two paths atomically with Linux's `renameat2(RENAME_EXCHANGE)` (glibc 2.28 and later, looked up at
    /// run time: Swift's Glibc module does not declare it).
    private static func exchange(_ first: String, _ second: String) -> Bool {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else {
            errno = ENOSYS
            return false
        }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 1 << 1
        return renameat2(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0
    }

    private static func sync(folder: String) throws {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw OutputFolderError(path: folder, message: lastError()) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw OutputFolderError(path: folder, message: "sync: \(lastError())") }
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }
}

/// The `--out` folder cannot be prepared, written or moved into place.
public struct OutputFolderError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public var description: String { "\(path): \(message)" }
}
