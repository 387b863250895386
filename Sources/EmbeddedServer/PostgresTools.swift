import Foundation

/// PostgreSQL's client programs for backups, `pg_dump` and `pg_restore`, of an installed major version no older
/// than the server's (a dump taken by an older pg_dump is refused by newer servers, and an older pg_restore
/// cannot read a newer dump). They come from Debian's layout, `/usr/lib/postgresql/<version>/bin`, next to the
/// server binaries: for the embedded database they are the ones that run it.
public struct PostgresTools: Sendable {
    public var pgDump: String
    public var pgRestore: String
    public var majorVersion: Int

    /// The tools of the oldest installed major version that is at least `serverMajorVersion`.
    public static func find(
        atLeast serverMajorVersion: Int,
        root: String = "/usr/lib/postgresql"
    ) throws -> PostgresTools {
        let fileManager = FileManager.default
        let versions = ((try? fileManager.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        for version in versions where version >= serverMajorVersion {
            let bin = "\(root)/\(version)/bin"
            if fileManager.isExecutableFile(atPath: bin + "/pg_dump"),
                fileManager.isExecutableFile(atPath: bin + "/pg_restore")
            {
                return PostgresTools(pgDump: bin + "/pg_dump", pgRestore: bin + "/pg_restore", majorVersion: version)
            }
        }
        throw EmbeddedPostgresError(
            operation:
                "finding pg_dump and pg_restore of PostgreSQL \(serverMajorVersion) or newer under \(root)/*/bin "
                + "(installed: \(versions.map(String.init).joined(separator: ", "))): apt-get install postgresql-client"
        )
    }

    /// Runs `program` with `arguments`, output to `logPath`, `environment` added (a password goes there, never
    /// on the command line, where `ps` would show it). Returns the exit status.
    public func run(
        _ program: String,
        _ arguments: [String],
        environment: [String: String],
        logPath: String
    ) throws
        -> Int32
    {
        try ChildProcess.run([program] + arguments, logPath: logPath, environment: environment)
    }
}
