import Foundation

/// Where the files of one embedded cluster live.
///
/// Normally everything is under the planner's directory: `<dir>/data` (PGDATA), `<dir>/run` (socket
/// directory, 0700) and `<dir>/postgres.log`. Two cases move files to `/var/tmp/supplyplanner-<hash>`, where
/// `<hash>` is 16 hex digits of the FNV-1a 64-bit hash of the absolute directory path:
/// - the whole cluster, when running as root and the `postgres` user cannot reach `<dir>` (under /root, say),
///   or when the path holds characters that pg_ctl's shell command line would mangle; the choice is recorded
///   in `<dir>/cluster-location` so later calls find the cluster again;
/// - only the socket directory, when `<socketdir>/.s.PGSQL.5432` would exceed 100 bytes (Unix socket paths
///   are limited to 108).
struct ClusterLayout: Sendable {
    /// The planner's directory, absolute; holds `lock` and, if moved, `cluster-location`.
    var directory: String
    /// Holds `data` and `postgres.log`.
    var root: String
    var socketDirectory: String

    var dataDirectory: String { root + "/data" }
    /// Where initdb writes a new cluster before it is renamed to ``dataDirectory``.
    var initdbStagingDirectory: String { root + "/data.initdb" }
    var logPath: String { root + "/postgres.log" }
    var lockPath: String { directory + "/lock" }
    var locationRecordPath: String { directory + "/cluster-location" }
    var isInitialized: Bool { FileManager.default.fileExists(atPath: dataDirectory + "/PG_VERSION") }

    static let port = 5432
    static let maximumSocketPathBytes = 100

    /// The layout as recorded on disk (or the default one when nothing is recorded yet).
    static func resolve(directory: String) -> ClusterLayout {
        let recorded = (try? String(contentsOfFile: directory + "/cluster-location", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let root = (recorded?.isEmpty == false ? recorded : nil) ?? directory
        return ClusterLayout(
            directory: directory,
            root: root,
            socketDirectory: socketDirectory(root: root, directory: directory)
        )
    }

    /// The layout with the cluster moved to the fallback place under /var/tmp.
    static func relocated(directory: String) -> ClusterLayout {
        let root = fallbackRoot(directory: directory)
        return ClusterLayout(
            directory: directory,
            root: root,
            socketDirectory: socketDirectory(root: root, directory: directory)
        )
    }

    static func fallbackRoot(directory: String) -> String {
        "/var/tmp/supplyplanner-" + stableHash(directory)
    }

    private static func socketDirectory(root: String, directory: String) -> String {
        let preferred = root + "/run"
        let socketPath = preferred + "/.s.PGSQL.\(port)"
        if socketPath.utf8.count <= maximumSocketPathBytes && isPlainPath(preferred) {
            return preferred
        }
        return fallbackRoot(directory: directory) + "/run"
    }

    /// True when the path needs no quoting in pg_ctl's `sh -c` command line or in `unix_socket_directories`.
    static func isPlainPath(_ path: String) -> Bool {
        path.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                return true
            default:
                return "/._-+@~".utf8.contains(byte)
            }
        }
    }

    /// FNV-1a, 64 bits, as 16 lowercase hex digits: the same path always gives the same name.
    static func stableHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
