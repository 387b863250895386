import Foundation
import Glibc
import PostgresClient

/// What `EmbeddedPostgres.status()` found.
public enum EmbeddedPostgresStatus: Sendable, Equatable {
    case notInitialized
    case stopped
    /// The server accepts connections at this libpq URL.
    case running(url: String)
}

/// The planner's default database: a private PostgreSQL cluster of its own under a directory (the CLI uses
/// `.planner` in the working directory), reachable only through a Unix socket in a 0700 directory (no TCP
/// port, so it never clashes with another server and nothing outside can connect).
///
/// `start()` creates the cluster on first use (`initdb --auth-local=trust --auth-host=reject -E UTF8
/// --no-locale`), starts it with `pg_ctl -w` and leaves it running for later runs; it also creates the
/// database `planner`. Two processes starting at once are serialised by an exclusive `flock` on `<dir>/lock`.
///
/// Running as root: the server runs as the `postgres` OS user (via `runuser`), which owns the cluster files.
/// If that user cannot enter the directory (for example one under /root), the cluster lives in
/// `/var/tmp/supplyplanner-<16 hex digits of a hash of the absolute directory path>` instead, and that path
/// is recorded in `<dir>/cluster-location`. See `ClusterLayout` for the socket-path fallback.
public final class EmbeddedPostgres: Sendable {
    /// The planner's directory, made absolute.
    public let directory: String
    /// Name of the database the planner uses.
    public static let databaseName = "planner"

    public init(directory: String) {
        let absolute =
            directory.hasPrefix("/")
            ? directory : FileManager.default.currentDirectoryPath + "/" + directory
        self.directory = URL(fileURLWithPath: absolute).standardizedFileURL.path
    }

    /// libpq URL of the `planner` database, e.g. `postgresql:///planner?host=%2Fwork%2F.planner%2Frun&...`.
    public var url: String {
        connectionURL(database: Self.databaseName)
    }

    /// Creates the cluster if needed, starts the server if it is not running, makes sure the `planner`
    /// database exists, and returns its URL. Safe to call when it is already running.
    @discardableResult
    public func start() throws -> String {
        let account = try ServerAccount.current()
        try createDirectory(directory, mode: 0o755)
        return try withExclusiveFileLock(path: directory + "/lock") {
            var layout = ClusterLayout.resolve(directory: directory)
            if layout.root == directory, !layout.isInitialized, try mustRelocate(account: account) {
                layout = ClusterLayout.relocated(directory: directory)
                try Data((layout.root + "\n").utf8).write(to: URL(fileURLWithPath: layout.locationRecordPath))
            }
            let binaries = try ServerBinaries.find()
            try prepareFiles(layout, account: account)
            if !layout.isInitialized {
                try initialize(layout, binaries: binaries, account: account)
            }
            if try serverState(layout, binaries: binaries, account: account) != .running {
                let options = "-c listen_addresses='' -k \(layout.socketDirectory) -p \(ClusterLayout.port)"
                try run(
                    [
                        binaries.pgCtl, "-D", layout.dataDirectory, "-l", layout.logPath, "-w", "-t", "60",
                        "-o", options, "start",
                    ],
                    what: "pg_ctl start",
                    layout: layout,
                    account: account
                )
            }
            try createPlannerDatabase(layout: layout, account: account)
            return connectionURL(database: Self.databaseName, layout: layout, account: account)
        }
    }

    /// Stops the server (fast shutdown: open sessions are ended) if it is running.
    public func stop() throws {
        guard FileManager.default.fileExists(atPath: directory) else { return }
        let account = try ServerAccount.current()
        try withExclusiveFileLock(path: directory + "/lock") {
            let layout = ClusterLayout.resolve(directory: directory)
            guard layout.isInitialized else { return }
            let binaries = try ServerBinaries.find()
            guard try serverState(layout, binaries: binaries, account: account) == .running else { return }
            try run(
                [binaries.pgCtl, "-D", layout.dataDirectory, "-m", "fast", "-w", "-t", "60", "stop"],
                what: "pg_ctl stop",
                layout: layout,
                account: account
            )
        }
    }

    public func status() throws -> EmbeddedPostgresStatus {
        let layout = ClusterLayout.resolve(directory: directory)
        guard layout.isInitialized else { return .notInitialized }
        let account = try ServerAccount.current()
        switch try serverState(layout, binaries: try ServerBinaries.find(), account: account) {
        case .running:
            return .running(url: connectionURL(database: Self.databaseName, layout: layout, account: account))
        case .stopped: return .stopped
        }
    }

    // MARK: - Steps

    private enum ServerState { case running, stopped }

    /// Runs initdb into `<root>/data.initdb` and renames that to `<root>/data` only when initdb has finished, so
    /// `data` never holds a half-made cluster. A `data.initdb` left by a first start that was killed is removed
    /// first (we hold the lock, so nobody else is writing it), and the cluster made again.
    private func initialize(_ layout: ClusterLayout, binaries: ServerBinaries, account: ServerAccount) throws {
        let staging = layout.initdbStagingDirectory
        if FileManager.default.fileExists(atPath: staging) {
            FileHandle.standardError.write(
                Data(
                    ("embedded database: removing the unfinished cluster in \(staging) (an earlier first start was "
                        + "interrupted) and creating it again\n").utf8
                )
            )
            do {
                try FileManager.default.removeItem(atPath: staging)
            } catch {
                throw EmbeddedPostgresError(operation: "removing the unfinished cluster \(staging): \(error)")
            }
        }
        try createDirectory(staging, mode: 0o700, account: account)
        try run(
            [
                binaries.initdb, "-D", staging, "--auth-local=trust", "--auth-host=reject", "-E", "UTF8",
                "--no-locale",
            ],
            what: "initdb",
            layout: layout,
            account: account
        )
        // `data` is an empty folder here (prepareFiles made it): rename(2) replaces an empty directory atomically.
        guard rename(staging, layout.dataDirectory) == 0 else {
            throw EmbeddedPostgresError(
                operation: "moving the new cluster from \(staging) to \(layout.dataDirectory): "
                    + String(cString: strerror(errno))
            )
        }
    }

    private func mustRelocate(account: ServerAccount) throws -> Bool {
        let layout = ClusterLayout.resolve(directory: directory)
        if !ClusterLayout.isPlainPath(layout.dataDirectory) { return true }
        return try !account.canTraverse(directory)
    }

    /// Creates the cluster root, the socket directory and the log file, owned by the server's user.
    private func prepareFiles(_ layout: ClusterLayout, account: ServerAccount) throws {
        if layout.root != directory {
            try createDirectory(layout.root, mode: 0o700, account: account)
        }
        let socketParent = (layout.socketDirectory as NSString).deletingLastPathComponent
        if socketParent != layout.root && socketParent != directory {
            try createDirectory(socketParent, mode: 0o700, account: account)
        }
        try createDirectory(layout.socketDirectory, mode: 0o700, account: account)
        if !layout.isInitialized {
            let existing = (try? FileManager.default.contentsOfDirectory(atPath: layout.dataDirectory)) ?? []
            guard existing.isEmpty else {
                throw EmbeddedPostgresError(
                    operation: "initialising \(layout.dataDirectory): it exists but holds no cluster "
                        + "(an interrupted initdb?); remove it and try again"
                )
            }
            try createDirectory(layout.dataDirectory, mode: 0o700, account: account)
        }
        let descriptor = open(layout.logPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw EmbeddedPostgresError(operation: "creating \(layout.logPath): \(String(cString: strerror(errno)))")
        }
        close(descriptor)
        try account.takeOwnership(of: layout.logPath)
    }

    private func serverState(
        _ layout: ClusterLayout,
        binaries: ServerBinaries,
        account: ServerAccount
    ) throws -> ServerState {
        let arguments = account.command([binaries.pgCtl, "-D", layout.dataDirectory, "status"])
        switch try ChildProcess.run(arguments, logPath: "/dev/null") {
        case 0: return .running
        case 3: return .stopped
        case let status:
            throw EmbeddedPostgresError(
                operation: "pg_ctl status -D \(layout.dataDirectory)",
                exitStatus: status,
                logTail: Self.lastLines(of: layout.logPath)
            )
        }
    }

    private func createPlannerDatabase(layout: ClusterLayout, account: ServerAccount) throws {
        let connection = try PostgresConnection(
            url: connectionURL(database: "postgres", layout: layout, account: account)
        )
        let existing = try connection.query(
            "SELECT 1 FROM pg_database WHERE datname = $1",
            parameters: [Self.databaseName]
        )
        guard existing.isEmpty else { return }
        do {
            try connection.execute("CREATE DATABASE \(quoteIdentifier(Self.databaseName))")
        } catch let error as PostgresError where error.sqlState == "42P04" {
            // duplicate_database: created meanwhile by a process that did not take our lock.
        }
    }

    private func run(_ arguments: [String], what: String, layout: ClusterLayout, account: ServerAccount) throws {
        let status = try ChildProcess.run(account.command(arguments), logPath: layout.logPath)
        guard status == 0 else {
            throw EmbeddedPostgresError(
                operation: "\(what) (\(arguments.joined(separator: " ")))",
                exitStatus: status,
                logTail: Self.lastLines(of: layout.logPath)
            )
        }
    }

    private func createDirectory(_ path: String, mode: mode_t, account: ServerAccount? = nil) throws {
        if !FileManager.default.fileExists(atPath: path) {
            do {
                try FileManager.default.createDirectory(
                    atPath: path,
                    withIntermediateDirectories: true,
                    attributes: [.posixPermissions: Int(mode)]
                )
            } catch {
                throw EmbeddedPostgresError(operation: "creating directory \(path): \(error)")
            }
        }
        guard let account else { return }
        try account.takeOwnership(of: path)
        guard chmod(path, mode) == 0 else {
            throw EmbeddedPostgresError(operation: "chmod \(path): \(String(cString: strerror(errno)))")
        }
    }

    // MARK: - URLs and logs

    private func connectionURL(database: String) -> String {
        let layout = ClusterLayout.resolve(directory: directory)
        let user = (try? ServerAccount.current().superuserName) ?? "postgres"
        return Self.url(database: database, socketDirectory: layout.socketDirectory, user: user)
    }

    private func connectionURL(database: String, layout: ClusterLayout, account: ServerAccount) -> String {
        Self.url(database: database, socketDirectory: layout.socketDirectory, user: account.superuserName)
    }

    static func url(database: String, socketDirectory: String, user: String) -> String {
        "postgresql:///\(percentEncoded(database))?host=\(percentEncoded(socketDirectory))"
            + "&port=\(ClusterLayout.port)&user=\(percentEncoded(user))"
    }

    /// RFC 3986 percent-encoding of everything except unreserved characters (``ConnectionSettings/encoded(_:)``).
    static func percentEncoded(_ text: String) -> String {
        ConnectionSettings.encoded(text)
    }

    /// The last `count` lines of a log file (read from its last 8 KB), for error messages.
    static func lastLines(of path: String, count: Int = 20) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > 8192 ? size - 8192 : 0)
        let data = (try? handle.readToEnd()) ?? Data()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
        return lines.suffix(count).joined(separator: "\n")
    }
}
