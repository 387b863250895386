import Foundation
import PlannerCore

/// What produced a run: its fingerprint, the planner build, and the effective configuration and scenario as JSON.
public struct RunProvenance: Sendable, Equatable {
    /// SHA-256, 64 hexadecimal digits.
    public var fingerprint: String
    public var plannerBuild: String
    public var configurationJSON: String
    public var scenarioJSON: String

    public init(fingerprint: String, plannerBuild: String, configurationJSON: String, scenarioJSON: String) {
        self.fingerprint = fingerprint
        self.plannerBuild = plannerBuild
        self.configurationJSON = configurationJSON
        self.scenarioJSON = scenarioJSON
    }
}

/// What `PlannerDatabase.writeRun` records about a run besides its output tables.
public struct RunRecord: Sendable {
    public var kind: RunKind
    public var scenario: String
    public var planDate: Day
    public var startedAt: Date
    /// The run's summary as a JSON document (stored as jsonb).
    public var summaryJSON: String
    /// Publish the run in the same transaction (superseding the published run of its plan date).
    public var publishes: Bool
    /// Nil for runs written without a fingerprint (tests of storage alone).
    public var provenance: RunProvenance?

    public init(
        kind: RunKind,
        scenario: String,
        planDate: Day,
        startedAt: Date,
        summaryJSON: String,
        publishes: Bool = false,
        provenance: RunProvenance? = nil
    ) {
        self.kind = kind
        self.scenario = scenario
        self.planDate = planDate
        self.startedAt = startedAt
        self.summaryJSON = summaryJSON
        self.publishes = publishes
        self.provenance = provenance
    }
}

/// One row of `planner.runs`, as listed by `planner runs list` and `PlannerDatabase.runs(_:)`.
public struct RunSummaryRow: Sendable, Equatable {
    public var runID: Int64
    public var kind: RunKind
    public var purpose: RunPurpose
    public var scenario: String
    public var planDate: Day
    public var status: RunStatus
    public var published: Bool
    public var publishedAt: Date?
    public var supersededBy: Int64?
    public var fingerprint: String?
    public var startedAt: Date
    public var finishedAt: Date
}

/// A request the database layer refused before touching the database, or a result it could not read.
public struct StorageError: Error, CustomStringConvertible, Sendable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
