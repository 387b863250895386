import Digest
import Foundation
import PlannerCore
import PlannerInput
import Storage

/// What produced a run, in one SHA-256: rerunning with the same fingerprint, kind and plan date gives the same
/// plan, so the stored run can be returned instead (docs/data-contract.md, "Run lifecycle").
///
/// The digest covers, in this order: a format tag; the planner build (its version and the SHA-256 of its own
/// executable, so any rebuilt planner is a new producer); the run's kind, plan date and options; the bytes of
/// the configuration file (or "built-in defaults") and of the scenario file; the name and bytes of every data
/// file present; and the canonical JSON of the effective configuration and scenario. The database URL is in
/// none of them. Paths are not hashed, only what the files hold: the same data in another folder is the same
/// run.
public struct RunFingerprint: Sendable, Equatable {
    /// 64 hexadecimal digits.
    public var digest: String
    /// The effective configuration as canonical JSON (without the database URL and connection settings).
    public var configurationJSON: String
    /// The scenario as canonical JSON (without its paths).
    public var scenarioJSON: String
    /// `0.12.0+` and 12 hex digits of the executable's SHA-256.
    public var plannerBuild: String

    /// The run's options that change its result, as they enter the digest.
    public struct Options: Sendable, Equatable {
        public var kind: RunKind
        public var planDate: Day
        public var allocationDays: Int

        public init(kind: RunKind, planDate: Day, allocationDays: Int) {
            self.kind = kind
            self.planDate = planDate
            self.allocationDays = allocationDays
        }
    }

    /// Hashes the inputs of `input` as loaded. Throws when a file cannot be read (it was read a moment ago).
    public static func compute(
        input: PlanningInput,
        options: Options,
        plannerBuild: String
    ) throws -> RunFingerprint {
        let configurationJSON = CanonicalJSON.encode(input.configuration, omitting: ["databaseURL", "database"])
        let scenarioJSON = CanonicalJSON.encode(input.scenario, omitting: ["sourcePath", "dataDirectory"])
        let digest = SHA256()
        func field(_ name: String, _ value: String) {
            digest.update("\(name)=\(value.utf8.count):")
            digest.update(value)
            digest.update("\n")
        }
        field("format", "supplyplanner-run-fingerprint-1")
        field("planner", plannerBuild)
        field("kind", options.kind.rawValue)
        field("plan_date", options.planDate.description)
        field("allocation_days", String(options.allocationDays))
        let configurationPath = input.configurationSource == "built-in defaults" ? nil : input.configurationSource
        field("configuration_file", try configurationPath.map(fileDigest) ?? "built-in defaults")
        field("scenario_file", try fileDigest(input.scenario.sourcePath))
        for name in (DataSetLoader.fileNames + DataSetLoader.optionalFileNames).sorted() {
            let path = (input.scenario.dataDirectory as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: path) else { continue }
            field("data/" + name, try fileDigest(path))
        }
        field("configuration", configurationJSON)
        field("scenario", scenarioJSON)
        return RunFingerprint(
            digest: digest.finishHex(),
            configurationJSON: configurationJSON,
            scenarioJSON: scenarioJSON,
            plannerBuild: plannerBuild
        )
    }

    /// SHA-256 of a file's bytes, read in 4 MiB pieces.
    static func fileDigest(_ path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        let digest = SHA256()
        while let piece = try handle.read(upToCount: 4 << 20), !piece.isEmpty {
            piece.withUnsafeBytes { digest.update($0) }
        }
        return digest.finishHex()
    }

    /// The planner's version and 12 hex digits of the SHA-256 of the running executable (`/proc/self/exe`).
    public static func currentPlannerBuild() -> String {
        let executable = (try? fileDigest("/proc/self/exe")).map { String($0.prefix(12)) } ?? "unknown"
        return PlannerVersion.release + "+" + executable
    }
}
