import Foundation
import PlannerCore
import PostgresClient

/// Another writer held the lock of a run's kind and plan date for longer than the caller would wait.
public struct RunLockBusy: Error, Sendable, CustomStringConvertible {
    public var kind: RunKind
    public var planDate: Day
    public var waitedSeconds: Double
    /// The holder's `application_name` ("planner allocate pid=123 started=..."), server process id and
    /// connection time, when the server lets this role see them.
    public var holderName: String?
    public var holderBackendPID: Int?
    public var holderSince: Date?

    public var description: String {
        var holder = "another session"
        if let holderName, !holderName.isEmpty { holder = "'\(holderName)'" }
        if let holderBackendPID { holder += " (server process \(holderBackendPID)" }
        if let holderSince { holder += ", connected \(ISO8601DateFormatter().string(from: holderSince))" }
        if holderBackendPID != nil { holder += ")" }
        return "another \(kind.rawValue) run for \(planDate) holds the run lock: \(holder); waited "
            + String(format: "%.0f", waitedSeconds) + " s (--lock-timeout); try again when it has finished"
    }
}

extension PlannerDatabase {
    /// Classid of the session advisory lock of a run kind ("SPRP" for plan, "SPRA" for allocate); the objid is
    /// the plan date as days since 1970.
    static func runLockClass(_ kind: RunKind) -> Int32 {
        switch kind {
        case .plan: 0x5350_5250
        case .allocate: 0x5350_5241
        }
    }

    /// Takes the session-level advisory lock of (kind, plan date), waiting at most `timeoutSeconds`, and returns
    /// the seconds waited. The lock lasts until this connection ends (or `unlockRun`). Throws ``RunLockBusy``
    /// naming the holder when the wait times out.
    @discardableResult
    public func lockRun(kind: RunKind, planDate: Day, timeoutSeconds: Double) throws -> Double {
        let keys = [String(Self.runLockClass(kind)), String(planDate.daysSinceEpoch)]
        let start = Date()
        let milliseconds = max(1, Int((timeoutSeconds * 1_000).rounded()))
        try connection.execute("SET lock_timeout = \(milliseconds)")
        defer { _ = try? connection.execute("RESET lock_timeout") }
        do {
            _ = try connection.query("SELECT pg_advisory_lock($1::int4, $2::int4)", parameters: keys)
            return Date().timeIntervalSince(start)
        } catch let error as PostgresError where error.sqlState == "55P03" {
            // lock_not_available: name who holds it, if this role may see the other session.
            let holder = try? connection.query(
                """
                SELECT a.application_name, a.pid, extract(epoch FROM a.backend_start)::double precision
                FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                    AND l.classid = $1::int4::oid AND l.objid = $2::int4::oid AND l.database = (
                        SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database()
                    )
                LIMIT 1
                """,
                parameters: keys
            ).first
            throw RunLockBusy(
                kind: kind,
                planDate: planDate,
                waitedSeconds: Date().timeIntervalSince(start),
                holderName: holder?[0],
                holderBackendPID: holder?[1].flatMap { Int($0) },
                holderSince: holder?[2].flatMap { Double($0) }.map { Date(timeIntervalSince1970: $0) }
            )
        }
    }

    /// Releases the lock of (kind, plan date) if this connection holds it.
    public func unlockRun(kind: RunKind, planDate: Day) throws {
        _ = try connection.query(
            "SELECT pg_advisory_unlock($1::int4, $2::int4)",
            parameters: [String(Self.runLockClass(kind)), String(planDate.daysSinceEpoch)]
        )
    }

    /// Cancels any statement of this connection that runs longer than `seconds` (0: no limit).
    public func setStatementTimeout(seconds: Double) throws {
        try connection.execute("SET statement_timeout = \(max(0, Int((seconds * 1_000).rounded())))")
    }
}
