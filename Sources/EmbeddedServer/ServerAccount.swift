import Glibc

/// The OS account that runs initdb and the server. PostgreSQL refuses to run as root, so a root planner runs
/// them as the `postgres` user through `runuser`, and that user is then the database superuser.
struct ServerAccount: Sendable {
    /// Non-nil when running as root: the `postgres` user's ids, and programs are wrapped in `runuser`.
    var postgresIDs: (uid: uid_t, gid: gid_t)?
    var superuserName: String

    static let runuserPath = "/usr/sbin/runuser"

    static func current() throws -> ServerAccount {
        if geteuid() == 0 {
            guard let entry = getpwnam("postgres") else {
                throw EmbeddedPostgresError(
                    operation: "running as root needs the OS user postgres (apt-get install postgresql creates it)"
                )
            }
            return ServerAccount(postgresIDs: (entry.pointee.pw_uid, entry.pointee.pw_gid), superuserName: "postgres")
        }
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
            return ServerAccount(postgresIDs: nil, superuserName: String(cString: name))
        }
        throw EmbeddedPostgresError(operation: "finding the name of user \(geteuid())")
    }

    /// `arguments`, wrapped in `runuser -u postgres --` when running as root.
    func command(_ arguments: [String]) -> [String] {
        postgresIDs == nil ? arguments : [Self.runuserPath, "-u", "postgres", "--"] + arguments
    }

    /// Gives `path` to the postgres user when running as root; does nothing otherwise.
    func takeOwnership(of path: String) throws {
        guard let ids = postgresIDs else { return }
        guard chown(path, ids.uid, ids.gid) == 0 else {
            throw EmbeddedPostgresError(operation: "chown postgres \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Whether the server's user can enter `directory` (always true when not running as root).
    func canTraverse(_ directory: String) throws -> Bool {
        guard postgresIDs != nil else { return true }
        return try ChildProcess.run(command(["/usr/bin/test", "-x", directory]), logPath: "/dev/null") == 0
    }
}
