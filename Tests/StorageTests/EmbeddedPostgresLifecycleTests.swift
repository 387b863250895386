import Foundation
import Glibc
import PostgresClient
import Testing

@testable import Storage

@Suite("EmbeddedPostgres lifecycle on a cluster of its own")
struct EmbeddedPostgresLifecycleTests {
    /// As root the parent is made private (0700), so the postgres user cannot reach the directory and the
    /// cluster must move to /var/tmp; as a normal user the cluster stays in place.
    @Test func stopThenStartAgainAndRelocateWhenPostgresCannotReachTheDirectory() throws {
        let parent = TestCluster.root + "/private"
        mkdir(parent, 0o700)
        let directory = parent + "/planner"
        let server = EmbeddedPostgres(directory: directory)
        let fallback = ClusterLayout.fallbackRoot(directory: directory)
        defer {
            try? server.stop()
            try? FileManager.default.removeItem(atPath: fallback)
        }

        let url = try server.start()
        let recorded = try? String(contentsOfFile: directory + "/cluster-location", encoding: .utf8)
        if geteuid() == 0 {
            #expect(recorded == fallback + "\n")
            #expect(FileManager.default.fileExists(atPath: fallback + "/data/PG_VERSION"))
            #expect(url.contains("host=" + EmbeddedPostgres.percentEncoded(fallback + "/run")))
        } else {
            #expect(recorded == nil)
            #expect(FileManager.default.fileExists(atPath: directory + "/data/PG_VERSION"))
        }
        #expect(try server.status() == .running(url: url))

        try server.stop()
        #expect(try server.status() == .stopped)
        #expect(throws: PostgresError.self) { _ = try PostgresConnection(url: url) }

        #expect(try server.start() == url)
        #expect(try PostgresConnection(url: url).query("SELECT current_database()") == [["planner"]])
    }
}
