import PlannerCore
import Storage

/// What the report shows of one stored plan run, read from its tables (docs/data-contract.md).
public struct StoredRun: Sendable {
    public var runID: Int64
    public var scenario: String
    public var planDate: String
    /// Operating KPIs by (class, KPI); class nil is the total. A KPI without a value is absent.
    public var kpis: [KPIKey: Double] = [:]
    public var events: [EventWindow] = []
    public var forecasts: [SKUForecastSeries] = []
    public var stock: [StockSeries] = []
    public var loads: [WarehouseLoadSeries] = []
    public var flows = FlowMatrix()
    public var supplierOrders: [SupplierOrderBar] = []
    public var shortfalls: [ShortfallRow] = []
    public var unfilled: [(reason: String, lines: Int, units: Double)] = []
    /// The run's breaches of `alerts:` thresholds: per kind, its first `alertsShown` messages and the count.
    public var alerts: [AlertGroup] = []
    /// Unfilled units sold ahead against planned receipts (`presale_lines`), per SKU and warehouse, most first.
    public var presold: [PresoldRow] = []
    public var regionsBelowTarget: [(region: String, firstDay: String)] = []

    public struct KPIKey: Hashable, Sendable {
        public var abcClass: ABCClass?
        public var kpi: OperatingKPI

        public init(_ kpi: OperatingKPI, _ abcClass: ABCClass? = nil) {
            self.kpi = kpi
            self.abcClass = abcClass
        }
    }

    public func kpi(_ kpi: OperatingKPI, _ abcClass: ABCClass? = nil) -> Double? {
        kpis[KPIKey(kpi, abcClass)]
    }

    /// How many breaches of one alert the page lists (the rest are counted).
    static let alertsShown = 5

    /// How many SKUs the forecast and stock charts show.
    static let chartedSKUs = 4

    /// Reads run `runID`; throws `PlannerLookupError.unknownRun` for a run that is not stored, and a
    /// `ReportError` for an allocate run or one stored before its KPIs existed. With `base`, the forecast and stock
    /// charts show the SKUs (and warehouses) the base run's charts show, so runs side by side compare alike.
    /// With `skus` (and no base), the charts show those SKUs in that order: each one's forecast, and its projected
    /// stock at every warehouse that has one stored (class A policies); a SKU the run never forecast is a
    /// `ReportError`.
    public static func read(
        _ runID: Int64,
        from database: PlannerDatabase,
        chartsLike base: StoredRun? = nil,
        skus chosen: [String]? = nil
    ) throws
        -> StoredRun
    {
        let id = [String(runID)]
        guard
            let header = try database.readOnly(
                "SELECT scenario, plan_date::text, kind FROM planner.runs WHERE run_id = $1",
                parameters: id
            ).first
        else { throw PlannerLookupError.unknownRun(runID) }
        guard header[2] == RunKind.plan.rawValue else {
            throw ReportError("run \(runID) is an allocate run: only plan runs have forecasts, stock and KPIs")
        }
        var run = StoredRun(runID: runID, scenario: header[0] ?? "", planDate: header[1] ?? "")
        let kpiRows = try database.readOnly(
            "SELECT abc_class, kpi, value FROM planner.operating_kpis WHERE run_id = $1 AND value IS NOT NULL",
            parameters: id
        )
        guard !kpiRows.isEmpty else {
            throw ReportError("run \(runID) has no operating KPIs (stored before schema 10): plan it again")
        }
        for row in kpiRows {
            guard let name = row[1], let kpi = OperatingKPI(rawValue: name), let value = row[2].flatMap(Double.init)
            else { continue }
            run.kpis[KPIKey(kpi, row[0].flatMap(ABCClass.init(rawValue:)))] = value
        }
        run.events = try database.readOnly(
            """
            SELECT event_number, kind, first_day::text, last_day::text, detail FROM planner.scenario_events
            WHERE run_id = $1 ORDER BY event_number
            """,
            parameters: id
        ).map { row in
            EventWindow(
                number: Int(row[0] ?? "") ?? 0,
                kind: row[1] ?? "",
                from: row[2],
                to: row[3] ?? row[2],
                detail: row[4] ?? ""
            )
        }
        if let base {
            try run.readForecasts(database, id, skus: base.forecasts.map(\.sku))
            try run.readStock(database, id, pairs: base.stock.map { [$0.sku, $0.warehouse] })
        } else if let chosen {
            for sku in chosen {
                let forecast = try database.readOnly(
                    "SELECT 1 FROM planner.forecasts WHERE run_id = $1 AND sku = $2 LIMIT 1",
                    parameters: id + [sku]
                )
                guard !forecast.isEmpty else {
                    throw ReportError("--skus: run \(runID) has no forecast for sku \(InputLimits.quoted(sku))")
                }
            }
            try run.readForecasts(database, id, skus: chosen)
            let pairs = try chosen.flatMap { sku in
                try database.readOnly(
                    """
                    SELECT DISTINCT sku, warehouse FROM planner.stock_projection WHERE run_id = $1 AND sku = $2
                    ORDER BY warehouse
                    """,
                    parameters: id + [sku]
                ).map { [$0[0] ?? "", $0[1] ?? ""] }
            }
            try run.readStock(database, id, pairs: pairs)
        } else {
            try run.readForecasts(database, id, skus: nil)
            try run.readStock(database, id, pairs: nil)
        }
        try run.readOperations(database, id)
        return run
    }

    private mutating func readForecasts(_ database: PlannerDatabase, _ id: [String], skus: [String]?) throws {
        let ranked =
            try skus
            ?? database.readOnly(
                """
                SELECT f.sku FROM planner.forecasts f
                WHERE f.run_id = $1 AND f.sku IN (SELECT h.sku FROM planner.sku_history h WHERE h.run_id = $1)
                GROUP BY f.sku ORDER BY sum(f.units) DESC, f.sku LIMIT \(Self.chartedSKUs)
                """,
                parameters: id
            ).compactMap { $0[0] }
        for sku in ranked {
            let parameters = id + [sku]
            let history = try database.readOnly(
                "SELECT date::text, units FROM planner.sku_history WHERE run_id = $1 AND sku = $2 ORDER BY date",
                parameters: parameters
            )
            let forecast = try database.readOnly(
                """
                SELECT date::text, sum(units), sum(p80), sum(p95) FROM planner.forecasts
                WHERE run_id = $1 AND sku = $2 GROUP BY date ORDER BY date
                """,
                parameters: parameters
            )
            forecasts.append(
                SKUForecastSeries(
                    sku: sku,
                    history: history.map { ($0[0] ?? "", number($0[1])) },
                    forecast: forecast.map { ($0[0] ?? "", number($0[1]), number($0[2]), number($0[3])) }
                )
            )
        }
    }

    private mutating func readStock(_ database: PlannerDatabase, _ id: [String], pairs chosen: [[String]]?) throws {
        let policy = """
            SELECT p.sku, p.warehouse, max(i.safety_stock), max(i.reorder_point) FROM planner.stock_projection p
            JOIN planner.inventory_policies i ON i.run_id = p.run_id AND i.sku = p.sku AND i.warehouse = p.warehouse
            WHERE p.run_id = $1
            """
        let pairs =
            try chosen.map { chosen in
                try chosen.flatMap { pair in
                    try database.readOnly(
                        policy + " AND p.sku = $2 AND p.warehouse = $3 GROUP BY p.sku, p.warehouse",
                        parameters: id + pair
                    )
                }
            }
            ?? database.readOnly(
                policy + """
                     GROUP BY p.sku, p.warehouse
                    ORDER BY sum(p.backlog) DESC, max(i.reorder_point) DESC, p.sku, p.warehouse LIMIT \(Self.chartedSKUs)
                    """,
                parameters: id
            )
        for pair in pairs {
            guard let sku = pair[0], let warehouse = pair[1] else { continue }
            let days = try database.readOnly(
                """
                SELECT date::text, on_hand - backlog FROM planner.stock_projection
                WHERE run_id = $1 AND sku = $2 AND warehouse = $3 ORDER BY date
                """,
                parameters: id + [sku, warehouse]
            )
            stock.append(
                StockSeries(
                    sku: sku,
                    warehouse: warehouse,
                    days: days.map { ($0[0] ?? "", number($0[1])) },
                    safetyStock: number(pair[2]),
                    reorderPoint: number(pair[3])
                )
            )
        }
    }

    private mutating func readOperations(_ database: PlannerDatabase, _ id: [String]) throws {
        var byWarehouse: [String: WarehouseLoadSeries] = [:]
        var order: [String] = []
        for row in try database.readOnly(
            """
            SELECT warehouse, date::text, forecast_units, capacity_units, over_capacity_units FROM planner.warehouse_load
            WHERE run_id = $1 ORDER BY warehouse, date
            """,
            parameters: id
        ) {
            let warehouse = row[0] ?? ""
            if byWarehouse[warehouse] == nil {
                byWarehouse[warehouse] = WarehouseLoadSeries(warehouse: warehouse)
                order.append(warehouse)
            }
            byWarehouse[warehouse]?.days.append(
                (row[1] ?? "", number(row[2]), row[3].flatMap(Double.init), number(row[4]))
            )
        }
        loads = order.compactMap { byWarehouse[$0] }
        for row in try database.readOnly(
            "SELECT region, warehouse, sum(qty) FROM planner.allocations WHERE run_id = $1 GROUP BY region, warehouse",
            parameters: id
        ) {
            flows.add(region: row[0] ?? "", warehouse: row[1] ?? "", units: number(row[2]))
        }
        for row in try database.readOnly(
            "SELECT region, unit_share_next_day FROM planner.service_kpis WHERE run_id = $1 AND region IS NOT NULL",
            parameters: id
        ) {
            flows.nextDayShare[row[0] ?? ""] = number(row[1])
        }
        supplierOrders = try database.readOnly(
            """
            (SELECT sku, warehouse, supplier, role, order_date::text, arrival_date::text, qty, reason
             FROM planner.supplier_plans WHERE run_id = $1 AND role = 'backup' ORDER BY qty DESC, sku LIMIT 12)
            UNION ALL
            (SELECT sku, warehouse, supplier, role, order_date::text, arrival_date::text, qty, reason
             FROM planner.supplier_plans WHERE run_id = $1 AND role = 'primary' ORDER BY qty DESC, sku LIMIT 12)
            ORDER BY 5, 1, 2
            """,
            parameters: id
        ).map { row in
            SupplierOrderBar(
                sku: row[0] ?? "",
                warehouse: row[1] ?? "",
                supplier: row[2] ?? "",
                isBackup: row[3] == "backup",
                orderDate: row[4] ?? "",
                arrivalDate: row[5] ?? row[4] ?? "",
                units: number(row[6]),
                reason: row[7] ?? ""
            )
        }
        shortfalls = try database.readOnly(
            """
            SELECT sku, warehouse, abc_class, cause, stockout_date::text, shortfall_units, presale_units,
                promised_date::text
            FROM planner.supply_shortfalls WHERE run_id = $1 ORDER BY shortfall_units DESC, sku, warehouse LIMIT 10
            """,
            parameters: id
        ).map { row in
            ShortfallRow(
                sku: row[0] ?? "",
                warehouse: row[1] ?? "",
                abcClass: row[2] ?? "",
                cause: row[3] ?? "",
                stockoutDate: row[4] ?? "",
                units: number(row[5]),
                presaleUnits: number(row[6]),
                promisedDate: row[7]
            )
        }
        unfilled = try database.readOnly(
            """
            SELECT reason, count(*), sum(qty) FROM planner.unfilled_lines WHERE run_id = $1
            GROUP BY reason ORDER BY sum(qty) DESC, reason
            """,
            parameters: id
        ).map { ($0[0] ?? "", Int($0[1] ?? "") ?? 0, number($0[2])) }
        presold = try database.readOnly(
            """
            SELECT sku, warehouse, count(*), sum(qty), min(receipt_date)::text, max(promise_date)::text
            FROM planner.presale_lines WHERE run_id = $1
            GROUP BY sku, warehouse ORDER BY sum(qty) DESC, sku, warehouse LIMIT 10
            """,
            parameters: id
        ).map { row in
            PresoldRow(
                sku: row[0] ?? "",
                warehouse: row[1] ?? "",
                lines: Int(row[2] ?? "") ?? 0,
                units: number(row[3]),
                firstReceiptDate: row[4] ?? "",
                lastPromiseDate: row[5] ?? ""
            )
        }
        for row in try database.readOnly(
            """
            SELECT alert, message, breaches FROM (
                SELECT alert, message, count(*) OVER (PARTITION BY alert) AS breaches,
                    row_number() OVER (PARTITION BY alert ORDER BY region, sku, warehouse, supplier, message) AS rank
                FROM planner.alerts WHERE run_id = $1
            ) ranked WHERE rank <= \(Self.alertsShown) ORDER BY alert, rank
            """,
            parameters: id
        ) {
            let kind = row[0] ?? ""
            if alerts.last?.kind != kind {
                alerts.append(AlertGroup(kind: kind, breaches: Int(row[2] ?? "") ?? 0, messages: []))
            }
            alerts[alerts.count - 1].messages.append(row[1] ?? "")
        }
        regionsBelowTarget = try database.readOnly(
            """
            SELECT region, min(date)::text FROM planner.region_next_day WHERE run_id = $1 AND below_target
            GROUP BY region ORDER BY region
            """,
            parameters: id
        ).map { ($0[0] ?? "", $0[1] ?? "") }
    }
}

/// A report that cannot be made from what is stored.
public struct ReportError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

func number(_ text: String?) -> Double {
    text.flatMap(Double.init) ?? 0
}

/// A scenario event's window, for marking charts.
public struct EventWindow: Sendable {
    public var number: Int
    public var kind: String
    public var from: String?
    public var to: String?
    public var detail: String
}

public struct SKUForecastSeries: Sendable {
    public var sku: String
    public var history: [(date: String, units: Double)]
    public var forecast: [(date: String, units: Double, p80: Double, p95: Double)]
}

public struct StockSeries: Sendable {
    public var sku: String
    public var warehouse: String
    /// Net stock at the end of each day: on hand, or minus the backlog.
    public var days: [(date: String, net: Double)]
    public var safetyStock: Double
    public var reorderPoint: Double
}

public struct WarehouseLoadSeries: Sendable {
    public var warehouse: String
    public var days: [(date: String, units: Double, capacity: Double?, over: Double)] = []
}

/// Units allocated from each warehouse to each region, with each region's next-day share.
public struct FlowMatrix: Sendable {
    public var regions: [String] = []
    public var warehouses: [String] = []
    public var units: [String: Double] = [:]
    public var nextDayShare: [String: Double] = [:]

    mutating func add(region: String, warehouse: String, units value: Double) {
        if !regions.contains(region) { regions.append(region) }
        if !warehouses.contains(warehouse) { warehouses.append(warehouse) }
        regions.sort()
        warehouses.sort()
        units[region + "\u{1}" + warehouse, default: 0] += value
    }

    public func units(region: String, warehouse: String) -> Double {
        units[region + "\u{1}" + warehouse] ?? 0
    }
}

public struct SupplierOrderBar: Sendable {
    public var sku: String
    public var warehouse: String
    public var supplier: String
    public var isBackup: Bool
    public var orderDate: String
    public var arrivalDate: String
    public var units: Double
    public var reason: String
}

public struct ShortfallRow: Sendable {
    public var sku: String
    public var warehouse: String
    public var abcClass: String
    public var cause: String
    public var stockoutDate: String
    public var units: Double
    public var presaleUnits: Double
    public var promisedDate: String?
}

/// Presold order lines of one SKU at one warehouse: the receipt the first is sold against, the latest promise.
public struct PresoldRow: Sendable {
    public var sku: String
    public var warehouse: String
    public var lines: Int
    public var units: Double
    public var firstReceiptDate: String
    public var lastPromiseDate: String
}

/// The breaches of one kind of alert (`planner.alerts`): how many, and the first few messages.
public struct AlertGroup: Sendable {
    public var kind: String
    public var breaches: Int
    public var messages: [String]
}
