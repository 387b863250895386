import Foundation
import PostgresClient
import TestSupport
import Testing

@testable import EmbeddedServer

@Suite("EmbeddedPostgres")
struct EmbeddedPostgresTests {
    @Test func startIsIdempotentAndStatusReportsRunning() throws {
        let first = try TestCluster.url()
        let second = try TestCluster.server.start()
        #expect(first == second)
        #expect(TestCluster.server.url == first)
        #expect(try TestCluster.server.status() == .running(url: first))
        let connection = try PostgresConnection(url: first)
        let settings = try connection.query("SELECT current_database(), current_setting('listen_addresses')")
        #expect(settings == [["planner", ""]])
        #expect(first.contains("host=%2Ftmp%2Fsupplyplanner-tests-"))
    }

    @Test func aDirectoryWithoutAClusterIsNotInitialized() throws {
        let server = EmbeddedPostgres(directory: TestCluster.root + "/never-started")
        #expect(try server.status() == .notInitialized)
    }

    @Test func aDataDirectoryWithoutAClusterIsNotOverwritten() throws {
        let directory = TestCluster.root + "/half-initialised"
        try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: directory + "/data/stray", contents: Data("x".utf8))
        #expect {
            _ = try EmbeddedPostgres(directory: directory).start()
        } throws: { error in
            "\(error)".contains("holds no cluster")
        }
        #expect(FileManager.default.fileExists(atPath: directory + "/data/stray"))
    }

    @Test func missingServerBinariesGiveAClearError() {
        #expect {
            _ = try ServerBinaries.find(root: "/nonexistent/postgresql")
        } throws: { error in
            "\(error)".contains("apt-get install postgresql")
        }
    }

    @Test func fnvHashIsTheTextbookValue() {
        // FNV-1a 64-bit test vectors (Fowler, Noll, Vo reference code): "" and "a".
        #expect(ClusterLayout.stableHash("") == "cbf29ce484222325")
        #expect(ClusterLayout.stableHash("a") == "af63dc4c8601ec8c")
    }

    @Test func aLongSocketPathMovesTheSocketDirectoryToVarTmp() {
        let deep = "/tmp/" + String(repeating: "d", count: 90)
        let layout = ClusterLayout.resolve(directory: deep)
        #expect(layout.root == deep)
        #expect(layout.socketDirectory == "/var/tmp/supplyplanner-\(ClusterLayout.stableHash(deep))/run")
        let short = ClusterLayout.resolve(directory: "/tmp/x")
        #expect(short.socketDirectory == "/tmp/x/run")
    }

    @Test func urlsPercentEncodeTheSocketPath() {
        #expect(
            EmbeddedPostgres.url(database: "planner", socketDirectory: "/a b/run", user: "me")
                == "postgresql:///planner?host=%2Fa%20b%2Frun&port=5432&user=me"
        )
    }
}
