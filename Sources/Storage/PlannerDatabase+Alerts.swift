import Foundation
import PlannerCore
import PostgresClient

/// The figures of a stored run that a scheduler's metrics and `--fail-on-alert` read when a run is unchanged
/// (the same inputs gave it before, so it is not computed again).
public struct StoredRunFigures: Sendable, Equatable {
    public var allocatedUnits: Int
    public var unfilledUnits: Int
    /// Rows the run stored per table (`planner.runs.row_counts`), by table name.
    public var rowCounts: [String: Int]
    /// `service_kpis.unit_share_next_day` per region (nil: the row over all regions), in region byte order with
    /// the overall row last.
    public var nextDayShares: [(region: String?, share: Double)]
    /// Breaches per alert check the run made (`summary.alerts`), by ``AlertKind`` raw value.
    public var alertBreaches: [String: Int]

    public static func == (lhs: StoredRunFigures, rhs: StoredRunFigures) -> Bool {
        lhs.allocatedUnits == rhs.allocatedUnits && lhs.unfilledUnits == rhs.unfilledUnits
            && lhs.rowCounts == rhs.rowCounts && lhs.alertBreaches == rhs.alertBreaches
            && lhs.nextDayShares.map(\.region) == rhs.nextDayShares.map(\.region)
            && lhs.nextDayShares.map(\.share) == rhs.nextDayShares.map(\.share)
    }
}

extension PlannerDatabase {
    /// The published plan run a plan for `planDate` is compared with for new A-class stock-outs: the newest
    /// published, complete `plan` run with a plan date on or before `planDate` (for `planDate` itself, the one a
    /// new run would supersede), and its (sku, warehouse) pairs with an A-class stock-out. Nil when there is none.
    public func publishedAClassShortfalls(onOrBefore planDate: Day) throws -> (runID: Int64, pairs: Set<[String]>)? {
        let runs = try connection.query(
            """
            SELECT run_id FROM planner.runs
            WHERE kind = 'plan' AND published AND status = 'complete' AND plan_date <= $1::date
            ORDER BY plan_date DESC, published_at DESC, run_id DESC
            LIMIT 1
            """,
            parameters: [planDate.description]
        )
        guard let runID = runs.first?[0].flatMap({ Int64($0) }) else { return nil }
        let rows = try connection.query(
            "SELECT DISTINCT sku, warehouse FROM planner.supply_shortfalls WHERE run_id = $1 AND abc_class = 'A'",
            parameters: [String(runID)]
        )
        return (runID, Set(rows.map { [$0[0] ?? "", $0[1] ?? ""] }))
    }

    /// What run `runID` stored of the figures above; throws `PlannerLookupError.unknownRun`.
    public func storedRunFigures(_ runID: Int64) throws -> StoredRunFigures {
        let units = try connection.query(
            """
            SELECT coalesce((summary->>'allocated_units')::bigint, 0), coalesce((summary->>'unfilled_units')::bigint, 0)
            FROM planner.runs WHERE run_id = $1
            """,
            parameters: [String(runID)]
        )
        guard let row = units.first else { throw PlannerLookupError.unknownRun(runID) }
        var alerts: [String: Int] = [:]
        for alert in try connection.query(
            """
            SELECT key, value::text FROM planner.runs, jsonb_each(summary->'alerts')
            WHERE run_id = $1 AND jsonb_typeof(summary->'alerts') = 'object'
            """,
            parameters: [String(runID)]
        ) {
            if let kind = alert[0], let count = alert[1].flatMap({ Int($0) }) { alerts[kind] = count }
        }
        let shares = try connection.query(
            """
            SELECT region, unit_share_next_day FROM planner.service_kpis WHERE run_id = $1
            ORDER BY region IS NULL, region COLLATE "C"
            """,
            parameters: [String(runID)]
        ).compactMap { row in row[1].flatMap { Double($0) }.map { (region: row[0], share: $0) } }
        return StoredRunFigures(
            allocatedUnits: row[0].flatMap { Int($0) } ?? 0,
            unfilledUnits: row[1].flatMap { Int($0) } ?? 0,
            rowCounts: try storedRowCounts(runID),
            nextDayShares: shares,
            alertBreaches: alerts
        )
    }
}
