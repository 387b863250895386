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
        var text = Self.columns.joined(separator: ",") + "\n"
        for line in lines {
            let fields = [
                line.carrier, line.warehouse, line.shipDate.description, line.region, String(line.orderLines),
                String(line.units),
            ]
            text += fields.map { String(decoding: CSVField.encode($0), as: UTF8.self) }.joined(separator: ",") + "\n"
        }
        return text
    }

    public func json() -> String {
        let rows = lines.map { line in
            JSONText.object([
                ("carrier", JSONText.string(line.carrier)), ("warehouse", JSONText.string(line.warehouse)),
                ("ship_date", JSONText.string(line.shipDate.description)), ("region", JSONText.string(line.region)),
                ("order_lines", String(line.orderLines)), ("units", String(line.units)),
            ])
        }
        let document = JSONText.object([
            ("run_id", String(runID)), ("carrier", JSONText.string(carrier)), ("rows", JSONText.array(lines: rows)),
        ])
        return document + "\n"
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
            if lines.isEmpty, try !isKnownCarrier(carrier) {
                let carriers = try connection.query(
                    """
                    SELECT DISTINCT carrier COLLATE "C" FROM planner.dispatch_plans WHERE run_id = $1
                    ORDER BY 1
                    """,
                    parameters: [String(runID)]
                ).compactMap { $0[0] }
                throw PlannerLookupError.unknownCarrier(carrier, runID: runID, carriersInRun: carriers)
            }
            return DispatchExport(runID: runID, carrier: carrier, lines: lines)
        }
    }

    private func isKnownCarrier(_ carrier: String) throws -> Bool {
        let rows = try connection.query(
            """
            SELECT EXISTS (SELECT 1 FROM planner.dispatch_plans WHERE carrier = $1)
                OR EXISTS (SELECT 1 FROM planner.carrier_accounts WHERE carrier = $1)
            """,
            parameters: [carrier]
        )
        return rows.first?[0] == "t"
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
