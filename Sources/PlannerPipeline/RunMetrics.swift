import Foundation
import PlannerCore
import Storage

/// The figures of one `plan` or `allocate` command that a scheduler's monitoring reads, as `--metrics-file`
/// writes them (docs/data-contract.md, "Alerts and metrics"). Built from the run just computed, or, for an
/// unchanged run, from what the stored run recorded.
public struct RunMetrics: Sendable {
    public var kind: RunKind
    public var scenario: String
    public var planDate: Day
    /// Nil for a run not stored (`--dry-run`).
    public var runID: Int64?
    /// The same inputs gave a stored run, which this command returned instead of computing it again.
    public var unchanged: Bool
    /// Nil for a run not stored.
    public var published: Bool?
    /// This command's stages, in the order they ran (stages of the same name added up).
    public var stageTimes: StageTimes
    /// Rows per output table, in schema order.
    public var rowsByTable: [(table: String, rows: Int)]
    public var allocatedUnits: Int
    public var unfilledUnits: Int
    /// `service_kpis.unit_share_next_day` per region id, and over all regions (nil when the run has no KPIs).
    public var nextDayShareByRegion: [(region: String, share: Double)]
    public var nextDayShare: Double?
    /// Breaches per alert check made.
    public var alertBreaches: [(kind: AlertKind, breaches: Int)]

    /// Allocated units over ordered units (allocated + unfilled); 1 when nothing was open, as in the summary.
    public var fillRate: Double {
        let ordered = allocatedUnits + unfilledUnits
        return ordered == 0 ? 1 : Double(allocatedUnits) / Double(ordered)
    }

    /// The figures of a run computed by this command.
    public init(result: PlanResult, runID: Int64?, published: Bool?) {
        let summary = result.summary(runID: runID)
        let regions = result.input.dataSet.regions
        self.kind = result.kind
        self.scenario = result.input.scenario.name
        self.planDate = result.input.planDate
        self.runID = runID
        self.unchanged = false
        self.published = published
        self.stageTimes = result.stageTimes
        self.rowsByTable = result.outputTables.map { ($0.name, $0.rowCount) }
        self.allocatedUnits = summary.allocatedUnits
        self.unfilledUnits = summary.unfilledUnits
        self.nextDayShareByRegion = result.serviceKPIs.compactMap { kpi in
            kpi.regionIndex.map { (regions[$0].id, kpi.unitShareNextDay) }
        }
        self.nextDayShare = result.serviceKPIs.first { $0.regionIndex == nil }?.unitShareNextDay
        self.alertBreaches = result.alerts?.breachCounts ?? []
    }

    /// The figures of a stored run this command returned unchanged; `stageTimes` are this command's own.
    public init(unchanged run: RunSummaryRow, figures: StoredRunFigures, stageTimes: StageTimes) {
        self.kind = run.kind
        self.scenario = run.scenario
        self.planDate = run.planDate
        self.runID = run.runID
        self.unchanged = true
        self.published = run.published
        self.stageTimes = stageTimes
        self.rowsByTable = PlannerSchema.outputTables.compactMap { table in
            figures.rowCounts[table.name].map { (table.name, $0) }
        }
        self.allocatedUnits = figures.allocatedUnits
        self.unfilledUnits = figures.unfilledUnits
        self.nextDayShareByRegion = figures.nextDayShares.compactMap { row in row.region.map { ($0, row.share) } }
        self.nextDayShare = figures.nextDayShares.first { $0.region == nil }?.share
        self.alertBreaches = AlertKind.allCases.compactMap { kind in
            figures.alertBreaches[kind.rawValue].map { (kind, $0) }
        }
    }

    /// The breaches of every check made, added up.
    public var totalBreaches: Int { alertBreaches.reduce(0) { $0 + $1.breaches } }

    /// The metric families, every sample labelled with the run's `kind` and `scenario` (so the files of several
    /// commands can sit in one textfile folder without two claiming the same series). `completedAt` is when the
    /// command finished.
    public func gauges(completedAt: Date) -> [PrometheusGauge] {
        let run = [(name: "kind", value: kind.rawValue), (name: "scenario", value: scenario)]
        func gauge(_ name: String, _ help: String, _ value: Double?) -> PrometheusGauge {
            PrometheusGauge(name: name, help: help, samples: value.map { [(run, $0)] } ?? [])
        }
        func gauge(_ name: String, _ help: String, by label: String, _ values: [(String, Double)]) -> PrometheusGauge {
            PrometheusGauge(
                name: name,
                help: help,
                samples: values.map { (run + [(name: label, value: $0.0)], $0.1) }
            )
        }
        var seconds: [(String, Double)] = []
        for stage in stageTimes.stages {
            if let index = seconds.firstIndex(where: { $0.0 == stage.name }) {
                seconds[index].1 += stage.seconds
            } else {
                seconds.append((stage.name, stage.seconds))
            }
        }
        return [
            gauge("planner_run_id", "planner.runs.run_id of the run (absent for --dry-run).", runID.map(Double.init)),
            gauge(
                "planner_run_unchanged",
                "1 when the same inputs gave a stored run, returned instead of planning again; else 0.",
                unchanged ? 1 : 0
            ),
            gauge(
                "planner_run_published",
                "1 when the run is published (the official plan carriers see); absent for --dry-run.",
                published.map { $0 ? 1 : 0 }
            ),
            gauge(
                "planner_run_plan_date_timestamp_seconds",
                "The plan date, as Unix time of its midnight UTC.",
                Double(planDate.daysSinceEpoch) * 86_400
            ),
            gauge(
                "planner_run_completed_timestamp_seconds",
                "When the command finished, Unix time.",
                completedAt.timeIntervalSince1970
            ),
            gauge("planner_run_seconds", "Wall-clock seconds of all stages of the command.", stageTimes.totalSeconds),
            gauge("planner_stage_seconds", "Wall-clock seconds of a stage of the command.", by: "stage", seconds),
            gauge(
                "planner_table_rows",
                "Rows of an output table of the run (stored, or computed for --dry-run).",
                by: "table",
                rowsByTable.map { ($0.table, Double($0.rows)) }
            ),
            gauge("planner_allocated_units", "Units allocated to warehouses.", Double(allocatedUnits)),
            gauge("planner_unfilled_units", "Units of open order lines left unfilled.", Double(unfilledUnits)),
            gauge(
                "planner_fill_rate_ratio",
                "Allocated units over ordered units (allocated + unfilled); 1 when nothing was open.",
                fillRate
            ),
            gauge(
                "planner_next_day_share_ratio",
                "Ordered units delivered next day over units ordered, all regions (service_kpis.unit_share_next_day).",
                nextDayShare
            ),
            gauge(
                "planner_region_next_day_share_ratio",
                "Ordered units delivered next day over units ordered, per region with open lines.",
                by: "region",
                nextDayShareByRegion
            ),
            gauge(
                "planner_alert_breaches",
                "Breaches of an alerts: check of the configuration (0: it held); only checks the run made.",
                by: "alert",
                alertBreaches.map { ($0.kind.rawValue, Double($0.breaches)) }
            ),
        ]
    }

    /// The text of the metrics file.
    public func prometheusText(completedAt: Date) -> String {
        PrometheusText.render(gauges(completedAt: completedAt))
    }
}
