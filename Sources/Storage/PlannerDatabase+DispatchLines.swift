import PlannerCore
import PostgresClient

extension PlannerDatabase {
    /// The order lines of `carrier` in the run `run` names, in export order (``DispatchLineExport``).
    ///
    /// As ``dispatchExport(run:carrier:)``: a carrier the database knows with no lines in the run gives an empty
    /// export, a carrier known nowhere throws `PlannerLookupError.unknownCarrier`, and row level security shows a
    /// partner only its own carrier's lines.
    public func dispatchLineExport(run: RunSelector, carrier: String) throws -> DispatchLineExport {
        let runID = try resolveRun(run)
        return try withCurrentSchema {
            let lines = try dispatchLines(runID: runID, carrier: carrier)
            if lines.isEmpty { try checkKnownCarrier(carrier, runID: runID) }
            return DispatchLineExport(runID: runID, carrier: carrier, lines: lines)
        }
    }

    /// The order lines of `carrier` that differ between the run `run` names and the published run the carrier had
    /// before it for its date (`planner.previous_published_run_id`; ``DispatchLineChanges``). With no such run,
    /// every line is added. Unknown carriers and row level security as ``dispatchLineExport(run:carrier:)``.
    public func dispatchLineChanges(run: RunSelector, carrier: String) throws -> DispatchLineChanges {
        let runID = try resolveRun(run)
        return try withCurrentSchema {
            let previousRunID = try connection.query(
                "SELECT planner.previous_published_run_id($1)",
                parameters: [String(runID)]
            ).first?[0].flatMap { Int64($0) }
            let current = try dispatchLines(runID: runID, carrier: carrier)
            let previous = try previousRunID.map { try dispatchLines(runID: $0, carrier: carrier) } ?? []
            if current.isEmpty && previous.isEmpty { try checkKnownCarrier(carrier, runID: runID) }
            return DispatchLineChanges(
                runID: runID,
                previousRunID: previousRunID,
                carrier: carrier,
                changes: DispatchLineChanges.compare(previous: previous, current: current)
            )
        }
    }

    /// Rows of `planner.dispatch_lines` of one run and carrier, in export order (sorted in Swift by bytes, the
    /// order ``DispatchLineChanges/compare(previous:current:)`` merges in, whatever the server's collation).
    private func dispatchLines(runID: Int64, carrier: String) throws -> [DispatchLine] {
        let rows = try connection.query(
            """
            SELECT carrier, warehouse, ship_date::text, region, order_id, line, sku, qty, promise_date::text,
                weight_kg, volume_l
            FROM planner.dispatch_lines WHERE run_id = $1 AND carrier = $2
            """,
            parameters: [String(runID), carrier]
        )
        return try rows.map(Self.dispatchLine).sorted { $0.precedes($1) }
    }

    private static func dispatchLine(_ row: [String?]) throws -> DispatchLine {
        guard row.count == 11, let carrier = row[0], let warehouse = row[1],
            let shipDate = row[2].flatMap({ Day(iso: $0) }), let region = row[3], let orderID = row[4],
            let line = row[5].flatMap({ Int($0) }), let sku = row[6], let quantity = row[7].flatMap({ Int($0) }),
            let promiseDate = row[8].flatMap({ Day(iso: $0) })
        else {
            throw StorageError("unreadable row of planner.dispatch_lines: \(row)")
        }
        return DispatchLine(
            carrier: carrier,
            warehouse: warehouse,
            shipDate: shipDate,
            region: region,
            orderID: orderID,
            line: line,
            sku: sku,
            quantity: quantity,
            promiseDate: promiseDate,
            weightKg: row[9].flatMap { Double($0) },
            volumeLitres: row[10].flatMap { Double($0) }
        )
    }
}
