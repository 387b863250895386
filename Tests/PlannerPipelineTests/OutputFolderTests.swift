import Foundation
import PostgresClient
import TestSupport
import Testing

/// `--out` is written whole before the commit and moved into place after it: a failure to write stores
/// nothing and leaves the previous folder as it was.
@Suite struct OutputFolderTests {
    /// Runs `planner arguments` through a shell that ignores SIGXFSZ and limits files to `fileLimitBlocks`
    /// 512-byte blocks, so writing more fails with EFBIG as on a full disk.
    static func runWithFileSizeLimit(_ arguments: [String], fileLimitBlocks: Int) throws -> CommandLineTests.Outcome {
        let quoted = ([CommandLineTests.binary] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "trap '' XFSZ; ulimit -f \(fileLimitBlocks); exec \(quoted)"]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("limit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: folder.path + "/out", contents: nil)
        FileManager.default.createFile(atPath: folder.path + "/err", contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: folder.appendingPathComponent("out"))
        process.standardError = try FileHandle(forWritingTo: folder.appendingPathComponent("err"))
        try process.run()
        process.waitUntilExit()
        return CommandLineTests.Outcome(
            status: process.terminationStatus,
            stdout: try String(contentsOf: folder.appendingPathComponent("out"), encoding: .utf8),
            stderr: try String(contentsOf: folder.appendingPathComponent("err"), encoding: .utf8)
        )
    }

    static func listing(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test func aFullDiskBeforeTheCommitStoresNothingAndKeepsThePreviousFolder() throws {
        let url = try TestCluster.freshDatabase("out_full_disk")
        let out = SampleScenario.files.directory + "/out-full-\(UUID().uuidString)"
        let scenario = SampleScenario.files.scenarioPath
        let first = try CommandLineTests.run(["allocate", scenario, "--database", url, "--out", out])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try String(contentsOfFile: out + "/summary.json", encoding: .utf8)
        #expect(before.contains("\"run_id\" : 1") || before.contains("\"run_id\": 1"))

        let full = try Self.runWithFileSizeLimit(
            ["plan", scenario, "--database", url, "--out", out],
            fileLimitBlocks: 40
        )
        #expect(full.status == 73, "\(full.stderr)")
        #expect(full.stderr.contains("cannot write the --out files; nothing was committed"))
        #expect(full.stderr.contains("File too large"))
        #expect(try CommandLineTests.count("select count(*) from planner.runs", url) == 1, "nothing stored")
        #expect(try String(contentsOfFile: out + "/summary.json", encoding: .utf8) == before, "previous files kept")
        let parent = (out as NSString).deletingLastPathComponent
        #expect(!Self.listing(parent).contains { $0.hasPrefix("." + (out as NSString).lastPathComponent + ".staging") })

        // The same run with room replaces the folder whole: every file of the new run, its run id in the summary.
        let second = try CommandLineTests.run(["plan", scenario, "--database", url, "--out", out])
        #expect(second.status == 0, "\(second.stderr)")
        // The rolled-back run used an identity value: run ids may have gaps.
        let runID = try CommandLineTests.count("select max(run_id) from planner.runs", url)
        #expect(try CommandLineTests.count("select count(*) from planner.runs", url) == 2)
        let after = try String(contentsOfFile: out + "/summary.json", encoding: .utf8)
        #expect(
            after.contains("\"run_id\" : \(runID)") || after.contains("\"run_id\": \(runID)"),
            "\(after.prefix(200))"
        )
        #expect(Self.listing(out).contains("forecasts.csv"))
        let allocated =
            try String(contentsOfFile: out + "/allocations.csv", encoding: .utf8)
            .split(separator: "\n").count - 1
        let stored = try CommandLineTests.count("select count(*) from planner.allocations where run_id = \(runID)", url)
        #expect(stored == allocated)
    }

    @Test func aPlantedLinkOrAForeignFolderIsRefusedBeforePlanning() throws {
        let url = try TestCluster.freshDatabase("out_refused")
        let scenario = SampleScenario.files.scenarioPath
        let root = SampleScenario.files.directory + "/out-refused-\(UUID().uuidString)"
        let victim = root + "/victim.txt"
        try FileManager.default.createDirectory(atPath: root + "/linked", withIntermediateDirectories: true)
        try "keep me\n".write(toFile: victim, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root + "/linked/summary.json", withDestinationPath: victim)
        try FileManager.default.createDirectory(atPath: root + "/home/notes", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: root + "/link-to-folder",
            withDestinationPath: root + "/home"
        )
        try FileManager.default.createDirectory(
            atPath: root + "/earlier/summary.json",
            withIntermediateDirectories: true
        )

        for (out, words) in [
            (root + "/linked", "summary.json"), (root + "/home", "notes"),
            (root + "/link-to-folder", "a file or a link"), (root + "/earlier", "summary.json"),
            (victim, "not a folder"),
        ] {
            let outcome = try CommandLineTests.run(["allocate", scenario, "--database", url, "--out", out])
            #expect(outcome.status == 73, "\(out): \(outcome.stderr)")
            #expect(outcome.stderr.contains(words), "\(out): \(outcome.stderr)")
            #expect(!outcome.stderr.contains("allocated open orders"), "\(out): refused before planning")
        }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep me\n")
        #expect(Self.listing(root + "/home") == ["notes"])
        let schema = try PostgresConnection(url: url).query("select to_regclass('planner.runs') is null")
        #expect(schema == [["t"]], "the database was never written")
    }
}
