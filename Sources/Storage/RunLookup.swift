import PostgresClient

/// Which stored run a read command means: `latest` (the newest published run, the one carriers see) or a run_id.
public enum RunSelector: Sendable, Equatable, CustomStringConvertible {
    case latest
    case id(Int64)

    /// `latest` or a positive whole number; nil for anything else.
    public init?(_ text: String) {
        if text == "latest" {
            self = .latest
        } else if let id = Int64(text), id > 0, String(id) == text {
            self = .id(id)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .latest: "latest"
        case .id(let id): String(id)
        }
    }
}

/// What a read command asked for is not stored. Commands report it as bad input, naming what is missing.
public enum PlannerLookupError: Error, Equatable, CustomStringConvertible {
    /// The database lacks objects this planner reads (an older schema, or none).
    case schemaOutdated
    case noPublishedRun
    case unknownRun(Int64)
    /// No run has dispatch rows for the carrier and no account maps it; `carriersInRun` lists the carriers the
    /// reader can see in the run asked for, sorted.
    case unknownCarrier(String, runID: Int64, carriersInRun: [String])
    /// The order has no explanation rows in the run; `runHasExplanations` is false when the run has none at all.
    case unknownOrder(String, runID: Int64, runHasExplanations: Bool)

    public var description: String {
        switch self {
        case .schemaOutdated:
            return "the database's planner schema is older than this planner, or missing: `planner db migrate` "
                + "brings it up to date"
        case .noPublishedRun:
            return "no published run is stored yet (planner allocate publishes its run; planner plan --publish, or "
                + "planner runs publish RUN_ID); name a run with --run RUN_ID to read an unpublished one"
        case .unknownRun(let id):
            return "run \(id) does not exist"
        case .unknownCarrier(let carrier, let runID, let carriers):
            let known = carriers.isEmpty ? "none" : carriers.joined(separator: ", ")
            return "carrier '\(carrier)' has no dispatch plans in any run and no account "
                + "(carriers in run \(runID): \(known))"
        case .unknownOrder(let order, let runID, let runHasExplanations):
            if runHasExplanations {
                return "order '\(order)' is not in run \(runID) (no allocation explanation names it)"
            }
            return "order '\(order)': run \(runID) has no allocation explanations at all "
                + "(stored before schema 4, or by a planner that does not write them)"
        }
    }
}

extension PlannerDatabase {
    /// The run_id `selector` names. `latest` asks `planner.latest_published_run_id()`, which partners may call;
    /// an explicit id is checked against `planner.runs`, except for a reader not allowed to see that table (a
    /// logistics partner), who gets the id unchecked: an unknown run then simply has none of its rows.
    public func resolveRun(_ selector: RunSelector) throws -> Int64 {
        try withCurrentSchema {
            switch selector {
            case .latest:
                let rows = try connection.query("SELECT planner.latest_published_run_id()")
                guard let text = rows.first?[0] else { throw PlannerLookupError.noPublishedRun }
                guard let id = Int64(text) else { throw StorageError("unreadable run_id '\(text)'") }
                return id
            case .id(let id):
                do {
                    let rows = try connection.query(
                        "SELECT 1 FROM planner.runs WHERE run_id = $1",
                        parameters: [String(id)]
                    )
                    guard !rows.isEmpty else { throw PlannerLookupError.unknownRun(id) }
                } catch let error as PostgresError where error.sqlState == "42501" {
                    // insufficient_privilege: a partner, who may read its dispatch rows but not planner.runs.
                }
                return id
            }
        }
    }

    /// Runs `body`, reporting a database without the tables and functions this planner reads as `.schemaOutdated`
    /// (undefined table, function or schema) instead of as a raw server error.
    func withCurrentSchema<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PostgresError where ["42P01", "42883", "3F000"].contains(error.sqlState ?? "") {
            throw PlannerLookupError.schemaOutdated
        }
    }
}
