import Foundation

/// The PostgreSQL server programs of the newest version installed under `/usr/lib/postgresql/<version>/bin`
/// (Debian's layout); programs in /usr/local/bin are deliberately not used.
struct ServerBinaries: Sendable {
    var initdb: String
    var pgCtl: String

    static func find(root: String = "/usr/lib/postgresql") throws -> ServerBinaries {
        let fileManager = FileManager.default
        let versions = (try? fileManager.contentsOfDirectory(atPath: root)) ?? []
        let candidates = versions.compactMap { name -> (version: [Int], bin: String)? in
            let parts = name.split(separator: ".").map { Int($0) }
            guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
            let bin = "\(root)/\(name)/bin"
            guard fileManager.isExecutableFile(atPath: "\(bin)/initdb"),
                fileManager.isExecutableFile(atPath: "\(bin)/pg_ctl")
            else { return nil }
            return (parts.map { $0! }, bin)
        }
        guard let newest = candidates.max(by: { $0.version.lexicographicallyPrecedes($1.version) }) else {
            throw EmbeddedPostgresError(
                operation: "finding initdb and pg_ctl under \(root)/*/bin: "
                    + "PostgreSQL server not installed: apt-get install postgresql"
            )
        }
        return ServerBinaries(initdb: "\(newest.bin)/initdb", pgCtl: "\(newest.bin)/pg_ctl")
    }
}
