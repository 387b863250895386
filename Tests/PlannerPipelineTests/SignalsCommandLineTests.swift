import Foundation
import PostgresClient
import Storage
import TestSupport
import Testing

/// The scheduler's signals through the real `planner` executable: `--fail-on-alert`, `--metrics-file`, and the
/// carrier's `dispatch --detail lines` and `--changes`.
@Suite struct SignalsCommandLineTests {
    static func folder() throws -> String {
        let path = SampleScenario.files.directory + "/signals-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func query(_ sql: String, _ url: String) throws -> [[String?]] {
        try PostgresConnection(url: url).query(sql)
    }

    @Test func failOnAlertExitsSeventyNineAfterTheCommitAndTheMetricsFileParses() throws {
        let url = try TestCluster.freshDatabase("cli_alerts")
        let folder = try Self.folder()
        let config = folder + "/alerts.yaml"
        try "alerts: {min_fill_rate: 1, max_unfilled_units: 0, min_next_day_share: {default: 0}}\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        let metricsPath = folder + "/planner.prom"
        let arguments = [
            "allocate", SampleScenario.files.scenarioPath, "--database", url, "--config", config, "--fail-on-alert",
            "--metrics-file", metricsPath,
        ]
        let first = try CommandLineTests.run(arguments)
        #expect(first.status == 79, "\(first.stderr)")
        #expect(first.stderr.contains("alerts breached by run 1 (committed): fill_rate 1, unfilled_units 1; exit 79"))
        #expect(first.stdout.contains("  alerts        BREACHED fill_rate 1, unfilled_units 1 (2 of 3 checks;"))
        // Committed and published as any daily run: 79 only tells the scheduler.
        #expect(try Self.query("select run_id, status, published from planner.runs", url) == [["1", "complete", "t"]])
        // The stored breaches, recomputed from the stored lines.
        let figures = try Self.query(
            """
            select (select sum(qty) from planner.allocations where run_id = 1)::text,
                   (select sum(qty) from planner.unfilled_lines where run_id = 1)::text
            """,
            url
        )
        let allocated = try #require(figures.first?[0].flatMap { Double($0) })
        let unfilled = try #require(figures.first?[1].flatMap { Double($0) })
        #expect(
            try Self.query("select alert, observed, threshold from planner.alerts where run_id = 1 order by alert", url)
                == [
                    ["fill_rate", "\(allocated / (allocated + unfilled))", "1"],
                    ["unfilled_units", String(Int(unfilled)), "0"],
                ]
        )
        // `runs show` names the breaches and prints what each stored row says, in both formats.
        let messages = try Self.query("select message from planner.alerts where run_id = 1 order by alert", url)
        let show = try CommandLineTests.run(["runs", "show", "1", "--database", url])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(
            show.stdout.contains(
                "  alerts        BREACHED fill_rate 1, unfilled_units 1\n"
                    + "                fill_rate: \(messages[0][0]!)\n"
                    + "                unfilled_units: \(messages[1][0]!)\n"
            ),
            "\(show.stdout)"
        )
        let shown = try CommandLineTests.run(["runs", "show", "1", "--format", "json", "--database", url])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any]
        )
        #expect((object["alerts"] as? [[String: String]])?.map { $0["alert"] } == ["fill_rate", "unfilled_units"])

        // The metrics file: parsed strictly, its figures those of the database, nothing else left in the folder.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["alerts.yaml", "planner.prom"]
        )
        let families = try PrometheusTextParser.parse(try Data(contentsOf: URL(fileURLWithPath: metricsPath)))
        func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
            let run = ["kind": "allocate", "scenario": "test-peak"]
            return families.first { $0.name == name }?.samples.first { $0.labels == run.merging(labels) { $1 } }?.value
        }
        #expect(value("planner_run_id") == 1)
        #expect(value("planner_run_unchanged") == 0)
        #expect(value("planner_run_published") == 1)
        #expect(value("planner_unfilled_units") == unfilled)
        #expect(value("planner_allocated_units") == allocated)
        #expect(value("planner_fill_rate_ratio") == allocated / (allocated + unfilled))
        #expect(value("planner_alert_breaches", ["alert": "fill_rate"]) == 1)
        #expect(value("planner_alert_breaches", ["alert": "next_day_share"]) == 0)
        #expect(value("planner_alert_breaches", ["alert": "unfilled_units"]) == 1)
        let rowCounts = try Self.query("select key, value::text from planner.runs, jsonb_each(row_counts)", url)
        #expect(rowCounts.count >= 8)
        for row in rowCounts {
            #expect(value("planner_table_rows", ["table": row[0]!]) == Double(row[1]!), "\(row[0]!)")
        }
        #expect(value("planner_stage_seconds", ["stage": "store"]).map { $0 > 0 } == true)

        // Again with the same inputs: the stored run, unchanged, signals the same; the file says it was unchanged.
        let again = try CommandLineTests.run(arguments)
        #expect(again.status == 79, "\(again.stderr)")
        #expect(again.stdout.hasPrefix("unchanged: run 1 "))
        #expect(
            again.stdout.contains("  alerts        BREACHED fill_rate 1, unfilled_units 1 (planner.alerts of run 1")
        )
        #expect(try Self.query("select count(*) from planner.runs", url) == [["1"]])
        let unchanged = try PrometheusTextParser.parse(try Data(contentsOf: URL(fileURLWithPath: metricsPath)))
        let sample = { (name: String) in unchanged.first { $0.name == name }?.samples.first?.value }
        #expect(sample("planner_run_unchanged") == 1)
        #expect(sample("planner_run_id") == 1)
        #expect(sample("planner_unfilled_units") == unfilled)
        #expect(unchanged.first { $0.name == "planner_alert_breaches" }?.samples.map(\.value) == [1, 0, 1])
        #expect(unchanged.first { $0.name == "planner_table_rows" }?.samples.count == rowCounts.count)

        // Without the flag the same run exits 0; thresholds the run meets exit 0 with it.
        #expect(try CommandLineTests.run(Array(arguments.dropLast(3))).status == 0)
        try "alerts: {min_fill_rate: 0, max_unfilled_units: 100000000}\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        let quiet = try CommandLineTests.run(arguments)
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(quiet.stdout.contains("  alerts        none breached (fill_rate, unfilled_units checked)"))
    }

    @Test func anUnusableMetricsFileIsExit73BeforeAnythingIsStored() throws {
        let url = try TestCluster.freshDatabase("cli_metrics_folder")
        let outcome = try CommandLineTests.run([
            "allocate", SampleScenario.files.scenarioPath, "--database", url, "--metrics-file",
            "/nonexistent-folder/planner.prom",
        ])
        #expect(outcome.status == 73)
        #expect(outcome.stderr.contains("cannot use --metrics-file '/nonexistent-folder/planner.prom'"))
        #expect(try Self.query("select to_regclass('planner.runs') is null", url) == [["t"]], "nothing touched")
        let dry = try CommandLineTests.run([
            "plan", SampleScenario.files.scenarioPath, "--dry-run", "--metrics-file", try Self.folder() + "/dry.prom",
        ])
        #expect(dry.status == 0, "\(dry.stderr)")
    }

    @Test func aCarrierExportsItsLinesAndTheChangesSinceItsPreviousPlan() throws {
        let url = try TestCluster.freshDatabase("cli_dispatch_lines")
        let folder = try Self.folder()
        try FileManager.default.copyItem(atPath: SampleScenario.files.directory + "/data", toPath: folder + "/data")
        try "name: lines\ndata: data\nplan_date: 2026-11-16\nhorizon_days: 7\n"
            .write(toFile: folder + "/lines.yaml", atomically: true, encoding: .utf8)
        #expect(try CommandLineTests.run(["allocate", folder + "/lines.yaml", "--database", url]).status == 0)
        let carrier = try #require(
            try Self.query("select carrier from planner.allocations group by 1 order by count(*) desc limit 1", url)
                .first?[0] ?? nil
        )
        let lines = try CommandLineTests.run(["dispatch", "--carrier", carrier, "--detail", "lines", "--database", url])
        #expect(lines.status == 0, "\(lines.stderr)")
        let rows = lines.stdout.split(separator: "\n")
        #expect(
            rows.first == "carrier,warehouse,ship_date,region,order_id,line,sku,qty,promise_date,weight_kg,volume_l"
        )
        #expect(
            try Self.query("select count(*) from planner.allocations where carrier = '\(carrier)'", url)
                == [[String(rows.count - 1)]]
        )
        let json = try CommandLineTests.run([
            "dispatch", "--carrier", carrier, "--detail", "lines", "--format", "json", "--database", url,
        ])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((document["rows"] as? [Any])?.count == rows.count - 1)

        // The order line of the carrier's first exported line is taken out of orders.csv: the next run has
        // it removed (and may move other lines into the stock it frees).
        let first = rows[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let (order, sku) = (first[4], first[6])
        var orders = try String(contentsOfFile: folder + "/data/orders.csv", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let index = try #require(orders.firstIndex { $0.hasPrefix(order + ",") && $0.contains("," + sku + ",") })
        orders.remove(at: index)
        try (orders.joined(separator: "\n") + "\n").write(
            toFile: folder + "/data/orders.csv",
            atomically: true,
            encoding: .utf8
        )
        #expect(try CommandLineTests.run(["allocate", folder + "/lines.yaml", "--database", url]).status == 0)
        let changes = try CommandLineTests.run(["dispatch", "--carrier", carrier, "--changes", "--database", url])
        #expect(changes.status == 0, "\(changes.stderr)")
        #expect(changes.stderr.contains("carrier '\(carrier)', run 2 since run 1: "))
        let changed = changes.stdout.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        #expect(changed.contains { $0[0] == "removed" && $0[5] == order && $0[7] == sku && $0[8].isEmpty })
        // The change of every pickup's units adds up to the change of the carrier's dispatch plans.
        let units = try Self.query(
            """
            select run_id::text, sum(units)::text from planner.dispatch_plans where carrier = '\(carrier)'
            group by run_id order by run_id
            """,
            url
        )
        let delta = changed.reduce(0) { $0 + (Int($1[8]) ?? 0) - (Int($1[9]) ?? 0) }
        #expect(Int(units[1][1]!)! - Int(units[0][1]!)! == delta)
        let refused = try CommandLineTests.run([
            "dispatch", "--carrier", carrier, "--changes", "--detail", "summary", "--database", url,
        ])
        #expect(refused.status == 64)
    }
}
