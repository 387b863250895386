import Foundation
import PlannerCore
import PlannerInput
import Storage
import Testing

@testable import PlannerPipeline

/// The fingerprint changes exactly when something that shapes the plan changes.
@Suite struct RunFingerprintTests {
    static let options = RunFingerprint.Options(
        kind: .allocate,
        planDate: SampleScenario.spec.endDate,
        allocationDays: 1
    )

    static func digest(
        _ input: PlanningInput,
        options: RunFingerprint.Options = options,
        build: String = "0.12.0+test"
    ) throws -> String {
        try RunFingerprint.compute(input: input, options: options, plannerBuild: build).digest
    }

    /// A copy of the sample's data and scenario in a new folder, with `change` applied to its data folder.
    static func copy(_ change: (String) throws -> Void = { _ in }) throws -> PlanningInput {
        let folder = SampleScenario.files.directory + "/fingerprint-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: SampleScenario.files.directory + "/data", toPath: folder + "/data")
        try FileManager.default.copyItem(atPath: SampleScenario.files.scenarioPath, toPath: folder + "/peak.yaml")
        try change(folder + "/data")
        return try PlanningInputLoader.load(scenarioPath: folder + "/peak.yaml", configPath: nil)
    }

    @Test func theSameInputsInAnotherFolderGiveTheSameFingerprint() throws {
        let original = try SampleScenario.input()
        let digest = try Self.digest(original)
        #expect(digest.count == 64)
        #expect(try Self.digest(try Self.copy()) == digest)
        #expect(try Self.digest(original) == digest)
    }

    @Test func eachThingThatShapesThePlanChangesIt() throws {
        let original = try SampleScenario.input()
        let digest = try Self.digest(original)
        let orderChanged = try Self.copy { data in
            let path = data + "/orders.csv"
            var text = try String(contentsOfFile: path, encoding: .utf8)
            text.append("\n")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(try Self.digest(orderChanged) != digest, "one byte more in orders.csv")
        var configured = original
        configured.configuration.allocation.unfilledPenaltyPerUnit += 1
        #expect(try Self.digest(configured) != digest)
        var options = Self.options
        options.allocationDays = 2
        #expect(try Self.digest(original, options: options) != digest)
        options = Self.options
        options.kind = .plan
        #expect(try Self.digest(original, options: options) != digest)
        #expect(try Self.digest(original, build: "0.12.0+other") != digest)
    }

    @Test func theDatabaseAndItsSettingsDoNotChangeIt() throws {
        let original = try SampleScenario.input()
        var moved = original
        moved.configuration.databaseURL = "postgresql://u:secret@elsewhere/db"
        moved.configuration.database.statementTimeoutSeconds = 30
        #expect(try Self.digest(moved) == (try Self.digest(original)))
        let fingerprint = try RunFingerprint.compute(input: moved, options: Self.options, plannerBuild: "x")
        #expect(!fingerprint.configurationJSON.contains("secret"))
        #expect(!fingerprint.scenarioJSON.contains(SampleScenario.files.directory), "no paths")
        #expect(fingerprint.configurationJSON.contains("\"unfilled_penalty_per_unit\":50"))
    }
}
