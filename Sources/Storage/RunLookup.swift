import PostgresClient

/// Which stored run a read command means: `latest` (the most recently finished complete run) or a run_id.
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
    /// The database lacks the objects of schema 4 (dispatch and explanation reads need them).
    case schemaOutdated
    case noCompleteRun
    case unknownRun(Int64)
    /// No run has dispatch rows for the carrier and no account maps it; `carriersInRun` lists the carriers the
    /// reader can see in the run asked for, sorted.
    case unknownCarrier(String, runID: Int64, carriersInRun: [String])
    /// The order has no explanation rows in the run; `runHasExplanations` is false when the run has none at all.
    case unknownOrder(String, runID: Int64, runHasExplanations: Bool)

    public var description: String {
        switch self {
        case .schemaOutdated:
            return "the database has no planner schema 4 yet, so nothing to read: `planner db migrate` applies it"
        case .noCompleteRun:
            return "no complete run is stored yet (planner plan or planner allocate stores one)"
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
    /// The run_id `selector` names. `latest` asks `planner.latest_complete_run_id()`, which partners may call;
    /// an explicit id is checked against `planner.runs`, except for a reader not allowed to see that table (a
    /// logistics partner), who gets the id unchecked: an unknown run then simply has none of its rows.
    public func resolveRun(_ selector: RunSelector) throws -> Int64 {
        try withSchemaFour {
            switch selector {
            case .latest:
                let rows = try connection.query("SELECT planner.latest_complete_run_id()")
                guard let text = rows.first?[0] else { throw PlannerLookupError.noCompleteRun }
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

    /// Runs `body`, reporting a database without the tables and functions of migration 4 as `.schemaOutdated`
    /// (undefined table, function or schema) instead of as a raw server error.
    func withSchemaFour<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PostgresError where ["42P01", "42883", "3F000"].contains(error.sqlState ?? "") {
            throw PlannerLookupError.schemaOutdated
        }
    }
}
