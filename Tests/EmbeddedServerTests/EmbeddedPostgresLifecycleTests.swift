import Foundation
import Glibc
import PostgresClient
import TestSupport
import Testing

@testable import EmbeddedServer

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

        // Two planners starting the same new cluster at once: the lock lets exactly one run initdb.
        final class Outcomes: @unchecked Sendable {  // guarded by lock
            let lock = NSLock()
            var urls: [String] = []
            var errors: [String] = []
        }
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            do {
                let url = try EmbeddedPostgres(directory: directory).start()
                outcomes.lock.withLock { outcomes.urls.append(url) }
            } catch {
                outcomes.lock.withLock { outcomes.errors.append("\(error)") }
            }
        }
        #expect(outcomes.errors == [])
        try #require(outcomes.urls.count == 2)
        #expect(outcomes.urls[0] == outcomes.urls[1])
        let url = outcomes.urls[0]
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
