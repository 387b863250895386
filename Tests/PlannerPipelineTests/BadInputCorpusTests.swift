import Foundation
import PostgresClient
import TestSupport
import Testing

/// Runs the real `planner` on every case of the bad-input corpus. A refused case must exit with its code,
/// name its place, and leave the database as it was (one reference run, nothing else); a case on an allowed
/// boundary must plan and store exactly one run. Data cases also run `planner validate`, which must agree:
/// validate OK means plan cannot fail on data.
@Suite struct BadInputCorpusTests {
    /// A database holding one reference run, shared by the refused cases: none may add to it.
    static let sharedDatabase: Result<String, any Error> = Result {
        let url = try TestCluster.freshDatabase("bad_input_corpus")
        let folder = try BadInputCorpusTests.makeFolder(for: BadInput.all[0])
        let outcome = try CommandLineTests.run(
            BadInputCorpusTests.arguments(BadInput.plan, folder: folder, database: url)
        )
        guard outcome.status == 0 else { throw CocoaError(.featureUnsupported, userInfo: ["stderr": outcome.stderr]) }
        return url
    }

    @Test func theCorpusIsLargeAndEveryNameIsUnique() {
        #expect(BadInput.all.count >= 150)
        #expect(Set(BadInput.all.map(\.name)).count == BadInput.all.count)
        #expect(BadInput.all.filter { $0.exitCode == 0 }.count >= 25, "boundaries that plan")
    }

    @Test(arguments: BadInput.all)
    func plansOrIsRefusedWhereItStands(_ input: BadInput) throws {
        let folder = try Self.makeFolder(for: input)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database =
            input.exitCode == 0
            ? try TestCluster.freshDatabase("corpus_\(BadInput.all.firstIndex { $0.name == input.name } ?? -1)")
            : try Self.sharedDatabase.get()
        let outcome = try CommandLineTests.run(Self.arguments(input.arguments, folder: folder, database: database))
        #expect(outcome.status == input.exitCode, "\(input.name): \(outcome.stderr.prefix(600))")
        #expect(!outcome.stderr.contains("Fatal error"), "\(input.name) trapped")
        if let location = input.location {
            #expect(outcome.stderr.contains(folder + "/" + location), "\(input.name): \(outcome.stderr.prefix(600))")
        }
        if let message = input.message {
            #expect(outcome.stderr.contains(message), "\(input.name): \(outcome.stderr.prefix(600))")
        }
        #expect(!(outcome.stdout + outcome.stderr).contains("SECRET"), "\(input.name) printed a secret")
        let runs = try CommandLineTests.count("select count(*) from planner.runs", database)
        let storesRun = input.arguments.first != "forecast"
        let runsExpected = input.exitCode == 0 && !storesRun ? 0 : 1
        #expect(
            runs == runsExpected,
            "\(input.name): \(input.exitCode == 0 ? "its run stored" : "only the reference run")"
        )
        // A shard step stores its rows or nothing: no stage is left by a refused command.
        let steps = try CommandLineTests.count("select count(*) from planner_stage.shards", database)
        #expect(steps == (input.exitCode == 0 && !storesRun ? 1 : 0), "\(input.name): stage steps stored")
        if input.checksValidate {
            let validate = try CommandLineTests.run(
                Self.arguments(["validate", "{scenario}", "--config", "{config}"], folder: folder, database: database)
            )
            #expect(validate.status == input.exitCode, "validate of \(input.name): \(validate.stderr.prefix(600))")
            if let location = input.location {
                #expect(validate.stderr.contains(folder + "/" + location), "validate of \(input.name)")
            }
        }
    }

    /// A fresh folder with the base inputs and the case's edits.
    static func makeFolder(for input: BadInput) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("corpus-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/data", withIntermediateDirectories: true)
        var files = BadInputBase.files.mapValues { Array($0.utf8) }
        for edit in input.edits {
            switch edit {
            case .line(let file, let number, let text):
                var lines = String(decoding: files[file] ?? [], as: UTF8.self).components(separatedBy: "\n")
                lines[number - 1] = text
                files[file] = Array(lines.joined(separator: "\n").utf8)
            case .append(let file, let text):
                files[file, default: []] += Array((text + "\n").utf8)
            case .file(let file, let text):
                files[file] = Array(text.utf8)
            case .bytes(let file, let bytes):
                files[file] = bytes
            }
        }
        for (name, bytes) in files {
            guard FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(bytes)) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: folder + "/" + name])
            }
        }
        return folder
    }

    static func arguments(_ template: [String], folder: String, database: String) -> [String] {
        template.map { argument in
            argument.replacingOccurrences(of: "{scenario}", with: folder + "/s.yaml")
                .replacingOccurrences(of: "{config}", with: folder + "/planner.yaml")
                .replacingOccurrences(of: "{database}", with: database)
                .replacingOccurrences(of: "{folder}", with: folder)
        }
    }
}
