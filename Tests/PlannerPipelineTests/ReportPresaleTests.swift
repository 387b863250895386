import Foundation
import Storage
import TestSupport
import Testing

@testable import PlannerReport

/// The report's presale exceptions: what `planner report` reads from `presale_lines` agrees with the run's
/// `presale_lines.csv`, written by the same `planner plan` through the other output path.
@Suite struct ReportPresaleTests {
    @Test func thePresoldLinesOfTheReportAgreeWithTheRunsCSV() throws {
        let url = try TestCluster.freshDatabase("report_presale")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("report-presale-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let plan = try CommandLineTests.run(
            ["plan", SampleScenario.files.scenarioPath, "--out", out.path, "--database", url, "--quiet"]
        )
        #expect(plan.status == 0, "\(plan.stderr)")

        // presale_lines.csv: order_id, sku, region, warehouse, qty, receipt_date, promise_date.
        let csv = try String(contentsOf: out.appendingPathComponent("presale_lines.csv"), encoding: .utf8)
        var expected: [String: (lines: Int, units: Double, receipt: String, promise: String)] = [:]
        for line in csv.split(separator: "\n").dropFirst() {
            let field = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
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
}
