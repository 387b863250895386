import Foundation
import Glibc
import PostgresClient
import Testing

/// Killing the very first `planner db start` in a fresh folder at any moment (during initdb, the server's
/// first start or the creation of the planner's database) leaves a cluster the next start heals.
@Suite struct EmbeddedFirstStartKillTests {
    @Test(arguments: [0.15, 0.35, 0.6, 0.9, 1.4])
    func theNextStartWorksWhereverTheFirstWasKilled(_ delaySeconds: Double) throws {
        let folder = "/tmp/planner-first-start-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        chmod(folder, 0o755)
        defer {
            _ = try? Self.planner(["db", "stop"], in: folder)
            try? FileManager.default.removeItem(atPath: folder)
        }
        // setsid gives the planner a process group of its own (initdb and the server are in it): kill all of it.
        let first = Process()
        first.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        first.arguments = [CommandLineTests.binary, "db", "start"]
        first.currentDirectoryURL = URL(fileURLWithPath: folder)
        first.standardOutput = FileHandle.nullDevice
        first.standardError = FileHandle.nullDevice
        try first.run()
        usleep(useconds_t(delaySeconds * 1_000_000))
        kill(-first.processIdentifier, SIGKILL)
        first.waitUntilExit()

        let second = try Self.planner(["db", "start"], in: folder)
        #expect(second.status == 0, "killed after \(delaySeconds) s: \(second.stderr)")
        let status = try Self.planner(["db", "status"], in: folder)
        #expect(status.status == 0, "\(status.stdout)")
        let url = try #require(
            status.stdout.components(separatedBy: "running: ").last?.trimmingCharacters(in: .whitespacesAndNewlines)
        )
        #expect(try PostgresConnection(url: url).query("select current_database()") == [["planner"]])
        #expect(!FileManager.default.fileExists(atPath: folder + "/.planner/data.initdb"))
    }

    static func planner(_ arguments: [String], in folder: String) throws -> CommandLineTests.Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let out = folder + "/stdout-\(UUID().uuidString)"
        let err = folder + "/stderr-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: out, contents: nil)
        FileManager.default.createFile(atPath: err, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        try process.run()
        process.waitUntilExit()
        return CommandLineTests.Outcome(
            status: process.terminationStatus,
            stdout: try String(contentsOfFile: out, encoding: .utf8),
            stderr: try String(contentsOfFile: err, encoding: .utf8)
        )
    }
}
