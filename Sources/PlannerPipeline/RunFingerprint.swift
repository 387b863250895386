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
        plannerBuild: String,
        digests: InputDigests? = nil
    ) throws -> RunFingerprint {
        try make(
            input: input,
            format: "supplyplanner-run-fingerprint-1",
            fields: [
                ("kind", options.kind.rawValue), ("plan_date", options.planDate.description),
                ("allocation_days", String(options.allocationDays)),
            ],
            plannerBuild: plannerBuild,
            digests: digests ?? InputDigests(input: input)
        )
    }

    /// The fingerprint every shard of a stage and its merge must share: the same inputs, configuration, scenario,
    /// planner build, plan date and shard count (the merge's `--days` and the shard's number are not in it).
    public static func stage(
        input: PlanningInput,
        shardCount: Int,
        plannerBuild: String,
        digests: InputDigests? = nil
    ) throws -> RunFingerprint {
        try make(
            input: input,
            format: "supplyplanner-stage-fingerprint-1",
            fields: [("plan_date", input.scenario.planDate.description), ("shards", String(shardCount))],
            plannerBuild: plannerBuild,
            digests: digests ?? InputDigests(input: input)
        )
    }

    private static func make(
        input: PlanningInput,
        format: String,
        fields: [(String, String)],
        plannerBuild: String,
        digests: InputDigests
    ) throws -> RunFingerprint {
        let configurationJSON = CanonicalJSON.encode(input.configuration, omitting: ["databaseURL", "database"])
        let scenarioJSON = CanonicalJSON.encode(input.scenario, omitting: ["sourcePath", "dataDirectory"])
        let digest = SHA256()
        func field(_ name: String, _ value: String) {
            digest.update("\(name)=\(value.utf8.count):")
            digest.update(value)
            digest.update("\n")
        }
        field("format", format)
        field("planner", plannerBuild)
        for (name, value) in fields { field(name, value) }
        field("configuration_file", digests.configurationFile)
        field("scenario_file", digests.scenarioFile)
        for (name, value) in digests.dataFiles { field("data/" + name, value) }
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

/// The SHA-256 of every file a run's fingerprint covers, computed once (a merge needs two fingerprints of the same
/// files): the configuration and scenario files, and every data file present by name. In a folder `planner
/// partition` wrote, `partition.json` stands for the split files: it lists every part's SHA-256, and a run checks
/// the parts it reads against it (``verifyParts(of:shards:)``).
public struct InputDigests: Sendable {
    public var configurationFile: String
    public var scenarioFile: String
    /// (file name, hex digest), by name.
    public var dataFiles: [(String, String)]

    public init(input: PlanningInput) throws {
        let configurationPath = input.configurationSource == "built-in defaults" ? nil : input.configurationSource
        configurationFile = try configurationPath.map(RunFingerprint.fileDigest) ?? "built-in defaults"
        scenarioFile = try RunFingerprint.fileDigest(input.scenario.sourcePath)
        var files: [(String, String)] = []
        let names = DataSetLoader.fileNames + DataSetLoader.optionalFileNames + [PartitionManifest.fileName]
        for name in names.sorted() {
            let path = (input.scenario.dataDirectory as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: path) else { continue }
            files.append((name, try RunFingerprint.fileDigest(path)))
        }
        dataFiles = files
    }

    /// Checks the SHA-256 of the parts of `shards` (nil: all) of a partitioned folder against its `partition.json`;
    /// nothing to check in another folder. A part that differs is an ``InputError`` naming it.
    public static func verifyParts(of input: PlanningInput, shards: [Int]?) throws {
        let directory = input.scenario.dataDirectory
        let manifestPath = (directory as NSString).appendingPathComponent(PartitionManifest.fileName)
        guard FileManager.default.fileExists(atPath: manifestPath) else { return }
        let manifest = try JSONDecoder().decode(
            PartitionManifest.self,
            from: Data(contentsOf: URL(fileURLWithPath: manifestPath))
        )
        var issues: [InputIssue] = []
        for file in manifest.files {
            for shard in shards ?? Array(file.parts.indices) where shard < file.parts.count {
                let part = file.parts[shard]
                let path = directory.hasSuffix("/") ? directory + part.path : directory + "/" + part.path
                let digest = try RunFingerprint.fileDigest(path)
                if digest != part.sha256 {
                    issues.append(
                        InputIssue(
                            file: path,
                            message: "SHA-256 \(digest.prefix(12))..., \(PartitionManifest.fileName) says "
                                + "\(part.sha256.prefix(12))...: the part changed since planner partition wrote it"
                        )
                    )
                }
            }
        }
        if !issues.isEmpty { throw InputError(issues: issues) }
    }
}
