import Foundation
import Storage
import TestSupport
import Testing

@testable import PlannerReport

/// `planner report` on one stored plan of the generated sample, checked against what the same `planner plan` wrote
/// through the other output path, its CSV files.
@Suite(.serialized) struct ReportSampleRunTests {
    /// The sample planned once into a database of its own, with its CSV files: (database URL, CSV folder). A
    /// scenario that extends it switches on alerts its plan breaches (the disrupted supplier's SKUs go to backups).
    static let planned: Result<(String, URL), any Error> = Result {
        let url = try TestCluster.freshDatabase("report_sample_run")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("report-sample-\(UUID().uuidString)")
        let scenario = SampleScenario.files.directory + "/peak-alerts.yaml"
        try """
        extends: \((SampleScenario.files.scenarioPath as NSString).lastPathComponent)
        name: test-peak-alerts
        overrides: {alerts: {max_unfilled_units: 0, backup_supplier_order: true}}
        """.write(toFile: scenario, atomically: true, encoding: .utf8)
        let plan = try CommandLineTests.run(["plan", scenario, "--out", out.path, "--database", url, "--quiet"])
        guard plan.status == 0 else { throw CocoaError(.featureUnsupported, userInfo: ["stderr": plan.stderr]) }
        return (url, out)
    }

    /// The rows of one CSV file of the run, split on commas (the sample's identifiers hold none).
    static func csvRows(_ name: String, in out: URL) throws -> [[String]] {
        try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func thePresoldLinesOfTheReportAgreeWithTheRunsCSV() throws {
        let (url, out) = try Self.planned.get()

        // presale_lines.csv: order_id, sku, region, warehouse, qty, receipt_date, promise_date.
        var expected: [String: (lines: Int, units: Double, receipt: String, promise: String)] = [:]
        for field in try Self.csvRows("presale_lines.csv", in: out) {
            let key = field[1] + "@" + field[3]
            let now = expected[key] ?? (0, 0, field[5], field[6])
            expected[key] = (
                now.lines + 1, now.units + (Double(field[4]) ?? .nan), min(now.receipt, field[5]),
                max(now.promise, field[6])
            )
        }
        #expect(!expected.isEmpty, "the sample scenario sells A-class lines ahead")

        let run = try StoredRun.read(1, from: try PlannerDatabase(url: url))
        #expect(run.presold.count == min(10, expected.count))
        #expect(zip(run.presold, run.presold.dropFirst()).allSatisfy { $0.units >= $1.units }, "most units first")
        for row in run.presold {
            let want = try #require(expected[row.sku + "@" + row.warehouse], "\(row.sku) at \(row.warehouse)")
            #expect(row.lines == want.lines && row.units == want.units)
            #expect(row.firstReceiptDate == want.receipt && row.lastPromiseDate == want.promise)
        }
        let largest = expected.values.map(\.units).max() ?? 0
        #expect(run.presold.first?.units == largest)

        // The exceptions section shows one row per presold SKU and warehouse, with its units as printed.
        let html = ExceptionsTable(run: run).html()
        let section = try #require(html.range(of: "Unfilled lines sold ahead against receipts"))
        let table = html[section.upperBound...].components(separatedBy: "</table>")[0]
        let rows = table.components(separatedBy: "<tr><td>").count - 1
        #expect(rows == run.presold.count)
        for row in run.presold {
            #expect(html.contains("<tr><td>\(row.sku)</td><td>\(row.warehouse)</td><td>\(row.lines)</td>"))
        }
    }

    @Test func reportSkusChartsTheChosenSKUsWithTheirStoredStockAndRefusesAnUnknownOne() throws {
        let (url, out) = try Self.planned.get()
        // inventory_policies.csv: sku, warehouse, abc_class, ..., stocking (column 16).
        let policies = try Self.csvRows("inventory_policies.csv", in: out)
        let classA = policies.filter { $0[2] == "A" }
        let other = try #require(policies.first { $0[2] == "C" }?[0], "the sample has class C SKUs")
        let chosenA = try #require(classA.last?[0])
        let page = out.appendingPathComponent("chosen.html").path
        let report = try CommandLineTests.run(
            ["report", "1", "--skus", other, chosenA, "--out", page, "--database", url, "--quiet"]
        )
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        /// The subject of each chart of one kind, from its accessible name ("SUBJECT: what it shows").
        func subjects(_ kind: String, _ suffix: String) -> [String] {
            html.components(separatedBy: "data-chart=\"\(kind)\"").dropFirst().compactMap { chart in
                chart.components(separatedBy: "aria-label=\"").dropFirst().first?.components(separatedBy: suffix).first
            }
        }
        let forecastTitles = subjects("forecast", ": history and forecast")
        #expect(forecastTitles == [other, chosenA], "the chosen SKUs, in the order given")
        // Projected stock per SKU is stored for class A policies only: the C SKU has none, the A SKU one per
        // warehouse that holds its policy, each drawn with its safety stock and reorder point.
        let warehouses = classA.filter { $0[0] == chosenA && $0[16] != "drop_ship" }.map { $0[1] }.sorted()
        let stockTitles = subjects("stock", ": projected stock")
        #expect(!warehouses.isEmpty)
        #expect(stockTitles == warehouses.map { "\(chosenA) at \($0)" })

        let unknown = try CommandLineTests.run(
            ["report", "1", "--skus", "NO-SUCH-SKU", "--out", page + ".2", "--database", url, "--quiet"]
        )
        #expect(unknown.status == 65, "\(unknown.stderr)")
        #expect(unknown.stderr.contains("--skus: run 1 has no forecast for sku 'NO-SUCH-SKU'"), "\(unknown.stderr)")
        #expect(!FileManager.default.fileExists(atPath: page + ".2"), "nothing written")
        #expect(!unknown.stderr.contains("reading the database failed"))

        // An allocate run has no forecast, stock or KPIs to show: a data error too, not a failure of the planner.
        let allocate = try CommandLineTests.run(
            ["allocate", SampleScenario.files.scenarioPath, "--database", url, "--quiet"]
        )
        #expect(allocate.status == 0, "\(allocate.stderr)")
        let allocateRun = try CommandLineTests.count(
            "select max(run_id) from planner.runs where kind = 'allocate'",
            url
        )
        let refused = try CommandLineTests.run(
            ["report", String(allocateRun), "--out", page + ".3", "--database", url, "--quiet"]
        )
        #expect(refused.status == 65, "\(refused.stderr)")
        #expect(refused.stderr.contains("run \(allocateRun) is an allocate run"), "\(refused.stderr)")
    }

    @Test func theAlertsOfTheReportAreTheRunsBreaches() throws {
        let (url, out) = try Self.planned.get()
        // alerts.csv: alert, region, sku, warehouse, supplier, observed, threshold, message.
        var breaches: [String: Int] = [:]
        for row in try Self.csvRows("alerts.csv", in: out) { breaches[row[0], default: 0] += 1 }
        #expect(breaches["unfilled_units"] == 1 && (breaches["backup_supplier_order"] ?? 0) > StoredRun.alertsShown)

        let run = try StoredRun.read(1, from: try PlannerDatabase(url: url))
        #expect(run.alerts.map(\.kind) == breaches.keys.sorted())
        for group in run.alerts {
            #expect(group.breaches == breaches[group.kind], "\(group.kind)")
            #expect(group.messages.count == min(StoredRun.alertsShown, group.breaches), "\(group.kind)")
        }
        let html = ExceptionsTable(run: run).html()
        let listed = html.components(separatedBy: "<li class=\"breach\">backup_supplier_order: ").count - 1
        #expect(listed == StoredRun.alertsShown)
        let more = (breaches["backup_supplier_order"] ?? 0) - StoredRun.alertsShown
        #expect(html.contains("<li>backup_supplier_order: and \(more) more (planner.alerts lists each)</li>"))
        #expect(html.contains("<li class=\"breach\">unfilled_units: "))
    }
}
