import PlannerCore
import PostgresClient

/// One row of a carrier's dispatch plan: what it picks up at a warehouse on a day, for one region.
public struct DispatchPlanLine: Sendable, Equatable {
    public var carrier: String
    public var warehouse: String
    public var shipDate: Day
    public var region: String
    /// Allocated order lines in the group (a line split over warehouses counts once per warehouse).
    public var orderLines: Int
    public var units: Int

    public init(carrier: String, warehouse: String, shipDate: Day, region: String, orderLines: Int, units: Int) {
        self.carrier = carrier
        self.warehouse = warehouse
        self.shipDate = shipDate
        self.region = region
        self.orderLines = orderLines
        self.units = units
    }
}

/// The dispatch plan of one carrier in one run, as `planner dispatch` exports it.
///
/// Stable schema: the columns below, in this order, rows sorted by warehouse, ship_date, region (identifiers
/// by their bytes). CSV: a header row with exactly these names, RFC 4180 quoting, `\n` line ends. JSON: one
/// object `{"run_id":N,"carrier":"C","rows":[...]}` whose rows have these keys, integers as numbers and
/// dates as `YYYY-MM-DD` strings.
public struct DispatchExport: Sendable, Equatable {
    public static let columns = ["carrier", "warehouse", "ship_date", "region", "order_lines", "units"]

    public var runID: Int64
    public var carrier: String
    /// In export order.
    public var lines: [DispatchPlanLine]

    public init(runID: Int64, carrier: String, lines: [DispatchPlanLine]) {
        self.runID = runID
        self.carrier = carrier
        self.lines = lines
    }

    public func csv() -> String {
        ExportText.csv(
            columns: Self.columns,
            rows: lines.map { line in
                [
                    line.carrier, line.warehouse, line.shipDate.description, line.region, String(line.orderLines),
                    String(line.units),
                ]
            }
        )
    }

    public func json() -> String {
        ExportText.json(
            [("run_id", String(runID)), ("carrier", JSONText.string(carrier))],
            columns: Self.columns,
            rows: lines.map { line in
                [
                    JSONText.string(line.carrier), JSONText.string(line.warehouse),
                    JSONText.string(line.shipDate.description), JSONText.string(line.region),
                    String(line.orderLines), String(line.units),
                ]
            }
        )
    }
}

/// The two shapes of the carriers' exports: CSV with a header of the columns, and a JSON object whose `rows` are
/// objects with the columns as keys, one per line.
enum ExportText {
    /// A header row of `columns`, then one RFC 4180 record per row (nil: an empty field), each ending in `\n`.
    static func csv(columns: [String], rows: [[String?]]) -> String {
        var text = columns.joined(separator: ",") + "\n"
        for row in rows {
            text +=
                row.map { $0.map { String(decoding: CSVField.encode($0), as: UTF8.self) } ?? "" }
                .joined(separator: ",") + "\n"
        }
        return text
    }

    /// `{members...,"rows":[...]}` and a line feed; each row an object of `columns` and its encoded JSON values.
    static func json(_ members: [(String, String)], columns: [String], rows: [[String]]) -> String {
        let objects = rows.map { JSONText.object(Array(zip(columns, $0))) }
        return JSONText.object(members + [("rows", JSONText.array(lines: objects))]) + "\n"
    }
}

extension PlannerDatabase {
    /// The dispatch plan rows of `carrier` in the run `run` names, in export order (warehouse, ship_date,
    /// region, compared as bytes so every server locale gives the same order).
    ///
    /// A carrier known to the database (dispatch rows in some run, or an account in `carrier_accounts`) with
    /// no rows in this run gives an empty plan: nothing to pick up is an answer. A carrier known nowhere throws
    /// `PlannerLookupError.unknownCarrier`, most likely a misspelling. Row level security applies: a partner
    /// sees only the carriers mapped to its role, and any other carrier is unknown to it.
    public func dispatchExport(run: RunSelector, carrier: String) throws -> DispatchExport {
        let runID = try resolveRun(run)
        return try withCurrentSchema {
            let rows = try connection.query(
                """
                SELECT carrier, warehouse, ship_date::text, region, order_lines, units
                FROM planner.dispatch_plans WHERE run_id = $1 AND carrier = $2
                ORDER BY warehouse COLLATE "C", ship_date, region COLLATE "C", order_lines, units
                """,
                parameters: [String(runID), carrier]
            )
            let lines = try rows.map(Self.dispatchLine)
            if lines.isEmpty { try checkKnownCarrier(carrier, runID: runID) }
            return DispatchExport(runID: runID, carrier: carrier, lines: lines)
        }
    }

    /// Throws `PlannerLookupError.unknownCarrier`, listing the carriers the reader sees in run `runID`, when
    /// `carrier` has no dispatch plans in any run (that the reader may see) and no account: a carrier with nothing
    /// to pick up in one run is an answer, a name known nowhere most likely a misspelling.
    func checkKnownCarrier(_ carrier: String, runID: Int64) throws {
        let known = try connection.query(
            """
            SELECT EXISTS (SELECT 1 FROM planner.dispatch_plans WHERE carrier = $1)
                OR EXISTS (SELECT 1 FROM planner.carrier_accounts WHERE carrier = $1)
            """,
            parameters: [carrier]
        )
        guard known.first?[0] != "t" else { return }
        let carriers = try connection.query(
            """
            SELECT DISTINCT carrier COLLATE "C" FROM planner.dispatch_plans WHERE run_id = $1
            ORDER BY 1
            """,
            parameters: [String(runID)]
        ).compactMap { $0[0] }
        throw PlannerLookupError.unknownCarrier(carrier, runID: runID, carriersInRun: carriers)
    }

    private static func dispatchLine(_ row: [String?]) throws -> DispatchPlanLine {
        guard row.count == 6, let carrier = row[0], let warehouse = row[1],
            let shipDate = row[2].flatMap({ Day(iso: $0) }), let region = row[3],
            let orderLines = row[4].flatMap({ Int($0) }), let units = row[5].flatMap({ Int($0) })
        else {
            throw StorageError("unreadable row of planner.dispatch_plans: \(row)")
        }
        return DispatchPlanLine(
            carrier: carrier,
            warehouse: warehouse,
            shipDate: shipDate,
            region: region,
            orderLines: orderLines,
            units: units
        )
    }
}
