import EmbeddedServer
import Foundation
import Glibc
import PostgresClient

/// One embedded PostgreSQL shared by the whole suite, started on first use in a fresh directory under /tmp
/// (mode 0755, so a root run can hand the cluster to the postgres user) and stopped at process exit.
public enum TestCluster {
    public static let root: String = {
        let path = "/tmp/supplyplanner-tests-\(getpid())"
        mkdir(path, 0o755)
        chmod(path, 0o755)
        atexit { TestCluster.shutDown() }
        return path
    }()

    public static let server = EmbeddedPostgres(directory: root + "/planner")

    private static let started: Result<String, any Error> = Result {
        try server.start()
    }

    /// URL of the shared cluster's `planner` database.
    public static func url() throws -> String {
        try started.get()
    }

    /// Serialises CREATE DATABASE: tests run in parallel.
    private static let creationLock = NSLock()

    /// A new, empty database of the shared cluster (dropped first if a previous test left it), so that
    /// tests running in parallel never see each other's rows.
    public static func freshDatabase(_ name: String) throws -> String {
        let url = try url()
        creationLock.lock()
        defer { creationLock.unlock() }
        let admin = try PostgresConnection(url: url)
        try admin.execute("DROP DATABASE IF EXISTS \(quoteIdentifier(name)) WITH (FORCE)")
        try admin.execute("CREATE DATABASE \(quoteIdentifier(name))")
        return url.replacingOccurrences(of: "postgresql:///planner?", with: "postgresql:///\(name)?")
    }

    /// Stops the cluster if it was started (a no-op otherwise) and removes the directory.
    private static func shutDown() {
        try? server.stop()
        try? FileManager.default.removeItem(atPath: root)
    }
}
