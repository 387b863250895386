import Foundation
import PlannerCore
import Storage

/// Runs side by side: one row per operating KPI with a column per run and the difference of each run to the
/// first, and the SKUs, warehouses and suppliers whose plan moved most, with why where the runs say so.
public struct RunComparison: Sendable {
    public struct Column: Sendable {
        public var runID: Int64
        public var scenario: String
        public var planDate: String
        /// Where the run came from: a scenario file (planned now, or an unchanged stored run) or a run id.
        public var source: String

        public init(runID: Int64, scenario: String, planDate: String, source: String) {
            self.runID = runID
            self.scenario = scenario
            self.planDate = planDate
            self.source = source
        }
    }

    public struct KPIRow: Sendable {
        public var kpi: OperatingKPI
        public var abcClass: ABCClass?
        public var values: [Double?]
        /// values[i] - values[0] for i >= 1 (nil when either is).
        public var differences: [Double?]
    }

    public struct Change: Sendable {
        /// `sku`, `warehouse` or `supplier`.
        public var kind: String
        public var id: String
        /// What moved: `purchase_units`, `forecast_units`, `allocated_units`, ...
        public var metric: String
        public var values: [Double]
        public var differences: [Double]
        public var reason: String
    }

    public var columns: [Column]
    public var kpis: [KPIRow]
    public var changes: [Change]

    /// How many changes of each kind are listed.
    static let changesPerKind = 5

    /// Compares `runs` (read with ``StoredRun/read(_:from:)``); `byClass` adds a row per ABC class to each KPI.
    public static func compare(
        _ runs: [StoredRun],
        columns: [Column],
        database: PlannerDatabase,
        byClass: Bool
    ) throws -> RunComparison {
        var rows: [KPIRow] = []
        for kpi in OperatingKPI.allCases {
            for abcClass in [nil] + (byClass ? ABCClass.allCases.map(Optional.some) : []) {
                let values = runs.map { $0.kpi(kpi, abcClass) }
                guard values.contains(where: { $0 != nil }) || abcClass == nil else { continue }
                guard abcClass == nil || runs.contains(where: { $0.kpis.keys.contains(.init(kpi, abcClass)) }) else {
                    continue
                }
                let differences = values.dropFirst().map { value -> Double? in
                    guard let value, let first = values[0] else { return nil }
                    return value - first
                }
                rows.append(KPIRow(kpi: kpi, abcClass: abcClass, values: values, differences: differences))
            }
        }
        let changes = try ChangeFinder(runs: runs, database: database).changes()
        return RunComparison(columns: columns, kpis: rows, changes: changes)
    }

    // MARK: - Output

    public func table() -> String {
        let header =
            ["KPI", "unit"] + columns.map { "\($0.scenario) (run \($0.runID))" }
            + columns.dropFirst().map { "diff \($0.scenario)" }
        var lines: [[String]] = [header]
        for row in kpis {
            let name = row.kpi.rawValue + (row.abcClass.map { " [\($0.rawValue)]" } ?? "")
            lines.append(
                [name, row.kpi.unit] + row.values.map { Format.kpi($0, unit: row.kpi.unit) }
                    + row.differences.map { Format.difference($0, unit: row.kpi.unit) }
            )
        }
        var text = Self.aligned(lines, leftColumns: [0])
        text += "\nTop changes against \(columns.first?.scenario ?? "the first run"):\n"
        var changeLines: [[String]] = [["what", "metric"] + columns.map(\.scenario) + ["why"]]
        for change in changes {
            changeLines.append(
                ["\(change.kind) \(change.id)", change.metric] + change.values.map(Format.grouped) + [change.reason]
            )
        }
        text +=
            changes.isEmpty
            ? "  none: the plans are the same\n"
            : Self.aligned(changeLines, leftColumns: [0, 1, changeLines[0].count - 1])
        return text
    }

    public func csv() -> String {
        let header =
            ["section", "name", "abc_class", "unit"] + columns.map { "run_\($0.runID)" }
            + columns.dropFirst().map { "diff_run_\($0.runID)" } + ["reason"]
        var lines = [header.joined(separator: ",")]
        func number(_ value: Double?) -> String { value.map { "\($0)" } ?? "" }
        for row in kpis {
            let fields =
                ["kpi", row.kpi.rawValue, row.abcClass?.rawValue ?? "", row.kpi.unit]
                + row.values.map(number) + row.differences.map(number) + [""]
            lines.append(fields.map(Self.csvField).joined(separator: ","))
        }
        for change in changes {
            let fields =
                ["change", "\(change.kind) \(change.id)", "", change.metric]
                + change.values.map { number($0) } + change.differences.map { number($0) } + [change.reason]
            lines.append(fields.map(Self.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public func json() -> String {
        func number(_ value: Double?) -> Any { value.map { $0 as Any } ?? NSNull() }
        let object: [String: Any] = [
            "runs": columns.map {
                ["run_id": $0.runID, "scenario": $0.scenario, "plan_date": $0.planDate, "source": $0.source]
            },
            "kpis": kpis.map { row in
                [
                    "kpi": row.kpi.rawValue, "abc_class": row.abcClass?.rawValue ?? NSNull(), "unit": row.kpi.unit,
                    "values": row.values.map(number), "differences": row.differences.map(number),
                ] as [String: Any]
            },
            "changes": changes.map { change in
                [
                    "kind": change.kind, "id": change.id, "metric": change.metric, "values": change.values,
                    "differences": change.differences, "reason": change.reason,
                ] as [String: Any]
            },
        ]
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The KPI differences as an HTML table for the report.
    func htmlTable() -> String {
        var html =
            "<table class=\"compare\"><tr><th>KPI</th>"
            + columns.map { "<th>\(HTML.escape($0.scenario))</th>" }.joined()
            + columns.dropFirst().map { "<th>diff \(HTML.escape($0.scenario))</th>" }.joined() + "</tr>"
        for row in kpis where row.abcClass == nil {
            html +=
                "<tr><td>\(HTML.escape(row.kpi.label))</td>"
                + row.values.map { "<td>\(Format.kpi($0, unit: row.kpi.unit))</td>" }.joined()
            for difference in row.differences {
                var tone = ""
                if let difference, difference != 0, let higher = row.kpi.higherIsBetter {
                    tone = (difference > 0) == higher ? " class=\"better\"" : " class=\"worse\""
                }
                html += "<td\(tone)>\(Format.difference(difference, unit: row.kpi.unit))</td>"
            }
            html += "</tr>"
        }
        html +=
            "</table><table class=\"changes\"><caption>Top changes</caption><tr><th>what</th><th>metric</th>"
            + columns.map { "<th>\(HTML.escape($0.scenario))</th>" }.joined() + "<th>why</th></tr>"
        for change in changes {
            html +=
                "<tr><td>\(change.kind) \(HTML.escape(change.id))</td><td>\(change.metric)</td>"
                + change.values.map { "<td>\(Format.grouped($0))</td>" }.joined()
                + "<td>\(HTML.escape(change.reason))</td></tr>"
        }
        return html + "</table>"
    }

    /// Columns padded to their widest field: numbers to the right, `leftColumns` to the left.
    static func aligned(_ lines: [[String]], leftColumns: Set<Int>) -> String {
        let widths = (0..<(lines.map(\.count).max() ?? 0)).map { column in
            lines.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0
        }
        return lines.map { line in
            line.enumerated().map { column, field in
                leftColumns.contains(column)
                    ? field.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - field.count) + field
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }

    static func csvField(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}

/// The SKUs, warehouses and suppliers whose plan moved most between the first run and each other one.
struct ChangeFinder {
    var runs: [StoredRun]
    var database: PlannerDatabase

    /// Per run: id -> (metric value, backup units, most frequent fallback reason).
    private func perRun(_ sql: String) throws -> [[String: (value: Double, backup: Double, reason: String?)]] {
        try runs.map { run in
            var result: [String: (Double, Double, String?)] = [:]
            for row in try database.readOnly(sql, parameters: [String(run.runID)]) {
                guard let id = row[0] else { continue }
                result[id] = (number(row[1]), row.count > 2 ? number(row[2]) : 0, row.count > 3 ? row[3] : nil)
            }
            return result
        }
    }

    func changes() throws -> [RunComparison.Change] {
        guard runs.count > 1 else { return [] }
        let purchases = try perRun(
            """
            SELECT sku, sum(qty), coalesce(sum(qty) FILTER (WHERE role = 'backup'), 0),
                mode() WITHIN GROUP (ORDER BY reason) FILTER (WHERE role = 'backup')
            FROM planner.supplier_plans WHERE run_id = $1 GROUP BY sku
            """
        )
        let forecasts = try perRun("SELECT sku, sum(units) FROM planner.forecasts WHERE run_id = $1 GROUP BY sku")
        let loads = try perRun(
            """
            SELECT warehouse, sum(forecast_units), count(*) FILTER (WHERE over_capacity_units > 0)
            FROM planner.warehouse_load WHERE run_id = $1 GROUP BY warehouse
            """
        )
        let suppliers = try perRun(
            """
            SELECT supplier, sum(qty), coalesce(sum(qty) FILTER (WHERE role = 'backup'), 0),
                mode() WITHIN GROUP (ORDER BY reason) FILTER (WHERE role = 'backup')
            FROM planner.supplier_plans WHERE run_id = $1 AND supplier IS NOT NULL GROUP BY supplier
            """
        )
        var suppliersBySKU: [String: Set<String>] = [:]
        for row in try database.readOnly(
            "SELECT DISTINCT sku, supplier FROM planner.supplier_plans WHERE run_id = ANY($1::bigint[]) AND supplier IS NOT NULL",
            parameters: ["{" + runs.map { String($0.runID) }.joined(separator: ",") + "}"]
        ) {
            if let sku = row[0], let supplier = row[1] { suppliersBySKU[sku, default: []].insert(supplier) }
        }
        var changes: [RunComparison.Change] = []
        changes += top("sku", "purchase_units", purchases) { id, values in
            var reasons: [String] = []
            let forecastValues = forecasts.map { $0[id]?.value ?? 0 }
            if let base = forecastValues.first,
                forecastValues.contains(where: { abs($0 - base) > max(0.5, base * 0.01) })
            {
                reasons.append("forecast " + forecastValues.map(Format.grouped).joined(separator: " -> "))
            }
            let backups = purchases.map { $0[id]?.backup ?? 0 }
            if let base = backups.first, backups.contains(where: { $0 > base }) {
                let why = purchases.compactMap { $0[id]?.reason }.last ?? "fallback"
                reasons.append("fallback to backups (\(why))")
            }
            let supplierEvents = (suppliersBySKU[id] ?? []).sorted().flatMap { eventReasons(mentioning: $0) }
            return reasons + eventReasons(mentioning: id) + supplierEvents.map { "its supplier's " + $0 }
        }
        changes += top("warehouse", "forecast_load_units", loads) { id, _ in
            var reasons: [String] = []
            let overDays = loads.map { Int($0[id]?.backup ?? 0) }
            if overDays.contains(where: { $0 != overDays.first }) {
                reasons.append("capacity: over-capacity days " + overDays.map(String.init).joined(separator: " -> "))
            }
            return reasons + eventReasons(mentioning: id) + demandEvents()
        }
        changes += top("supplier", "purchase_units", suppliers) { id, _ in
            var reasons: [String] = []
            let backups = suppliers.map { $0[id]?.backup ?? 0 }
            if let base = backups.first, backups.contains(where: { $0 > base }) {
                reasons.append("takes fallback orders (\(suppliers.compactMap { $0[id]?.reason }.last ?? "backup"))")
            }
            return reasons + eventReasons(mentioning: id)
        }
        return changes
    }

    /// The ids whose value moved most (largest absolute difference to the first run over all runs), with reasons.
    private func top(
        _ kind: String,
        _ metric: String,
        _ values: [[String: (value: Double, backup: Double, reason: String?)]],
        reasons: (String, [Double]) -> [String]
    ) -> [RunComparison.Change] {
        var ids = Set<String>()
        for run in values { ids.formUnion(run.keys) }
        var moved: [(id: String, series: [Double], size: Double)] = []
        for id in ids {
            let series: [Double] = values.map { $0[id]?.value ?? 0 }
            var size = 0.0
            for value in series.dropFirst() { size = max(size, abs(value - series[0])) }
            if size >= 0.5 { moved.append((id, series, size)) }
        }
        moved.sort { $0.size != $1.size ? $0.size > $1.size : $0.id < $1.id }
        return moved.prefix(RunComparison.changesPerKind).map { id, series, _ in
            let why = reasons(id, series)
            return RunComparison.Change(
                kind: kind,
                id: id,
                metric: metric,
                values: series,
                differences: series.dropFirst().map { $0 - series[0] },
                reason: why.isEmpty ? "not known" : why.joined(separator: "; ")
            )
        }
    }

    /// The later runs' events that change demand everywhere they apply (uplifts, launches): why loads move.
    private func demandEvents() -> [String] {
        runs.dropFirst().flatMap { run in
            run.events.filter { $0.kind == "demand_uplift" || $0.kind == "new_sku_launch" }
                .map { "\($0.kind) event \($0.number) of \(run.scenario)" }
        }
    }

    /// Events of the later runs that name `id` (a SKU, warehouse or supplier), as `run N event K (kind)`.
    private func eventReasons(mentioning id: String) -> [String] {
        runs.dropFirst().flatMap { run in
            run.events.filter { event in
                event.detail.split(whereSeparator: { $0 == " " || $0 == "," }).contains { $0 == id }
            }.map { "\($0.kind) event \($0.number) of \(run.scenario)" }
        }
    }
}
