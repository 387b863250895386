import Foundation
import PlannerCore

/// What `PlannerDatabase.writeRun` records about a run besides its output tables.
public struct RunRecord: Sendable {
    /// `plan` or `allocate`.
    public var kind: String
    public var scenario: String
    public var planDate: Day
    public var startedAt: Date
    /// The run's summary as a JSON document (stored as jsonb).
    public var summaryJSON: String

    public init(kind: String, scenario: String, planDate: Day, startedAt: Date, summaryJSON: String) {
        self.kind = kind
        self.scenario = scenario
        self.planDate = planDate
        self.startedAt = startedAt
        self.summaryJSON = summaryJSON
    }
}

/// One row of `planner.runs`, as listed by `PlannerDatabase.runs(limit:)`.
public struct RunSummaryRow: Sendable, Equatable {
    public var runID: Int64
    public var kind: String
    public var scenario: String
    public var planDate: Day
    /// `complete` or `superseded`.
    public var status: String
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
