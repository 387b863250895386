import Foundation
import Logging
import PlannerCore
import Storage
import Testing

@testable import PlannerPipeline

/// `--metrics-file`: the text exposition format as written, read back by the strict parser of the tests.
@Suite struct MetricsFileTests {
    let logger = Logger(label: "test")

    @Test func renderingIsPinnedEscapedAndInTheOrderGiven() {
        let text = PrometheusText.render([
            PrometheusGauge(
                name: "b_total_units",
                help: "Units \\ of \"all\"\nkinds.",
                samples: [
                    ([("kind", "plan"), ("scenario", "peak \"A\"\\B\nC")], 200_000),
                    ([("kind", "plan"), ("scenario", "other")], 0.953),
                    ([("kind", "plan"), ("scenario", "other")], 7),
                ]
            ),
            PrometheusGauge(name: "a_empty", help: "left out", samples: []),
            PrometheusGauge(
                name: "a_values",
                help: "Odd values.",
                samples: [
                    ([], 1.7e-05), ([("v", "big")], 1.5e300), ([("v", "inf")], .infinity),
                    ([("v", "ninf")], -.infinity),
                    ([("v", "nan")], .nan), ([("v", "neg")], -3),
                ]
            ),
        ])
        #expect(
            text == #"""
                # HELP b_total_units Units \\ of "all"\nkinds.
                # TYPE b_total_units gauge
                b_total_units{kind="plan",scenario="peak \"A\"\\B\nC"} 200000
                b_total_units{kind="plan",scenario="other"} 0.953
                # HELP a_values Odd values.
                # TYPE a_values gauge
                a_values 1.7e-05
                a_values{v="big"} 1.5e+300
                a_values{v="inf"} +Inf
                a_values{v="ninf"} -Inf
                a_values{v="nan"} NaN
                a_values{v="neg"} -3

                """#
        )
        let parsed = try? PrometheusTextParser.parse(text)
        #expect(parsed?.map(\.name) == ["b_total_units", "a_values"])
        #expect(parsed?.first?.help == "Units \\ of \"all\"\nkinds.")
        #expect(parsed?.first?.samples.first?.labels["scenario"] == "peak \"A\"\\B\nC")
        #expect(parsed?.last?.samples.map(\.value).dropLast(2).map { $0 } == [1.7e-05, 1.5e300, .infinity, -.infinity])
    }

    @Test func aRunsMetricsParseAndCarryItsFigures() throws {
        let input = try SampleScenario.input()
        var result = try Pipeline.allocateOnly(input, date: nil, logger: logger)
        result.alerts = AlertCheck.evaluate(
            result,
            settings: AlertSettings(minimumFillRate: 1, maximumUnfilledUnits: 1_000_000),
            baseline: .none
        )
        let metrics = RunMetrics(result: result, runID: 42, published: true)
        let completed = Date(timeIntervalSince1970: 1_796_595_123.5)
        let families = try PrometheusTextParser.parse(Data(metrics.prometheusText(completedAt: completed).utf8))
        #expect(families.allSatisfy { $0.type == "gauge" && $0.help?.isEmpty == false })
        func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
            let run = ["kind": "allocate", "scenario": "test-peak"]
            return families.first { $0.name == name }?.samples
                .first { $0.labels == run.merging(labels) { $1 } }?.value
        }
        #expect(value("planner_run_id") == 42)
        #expect(value("planner_run_unchanged") == 0)
        #expect(value("planner_run_published") == 1)
        #expect(value("planner_run_plan_date_timestamp_seconds") == 1_794_787_200)  // 2026-11-16T00:00:00Z
        #expect(value("planner_run_completed_timestamp_seconds") == 1_796_595_123.5)
        let summary = result.summary(runID: 42)
        #expect(value("planner_allocated_units") == Double(summary.allocatedUnits))
        #expect(value("planner_unfilled_units") == Double(summary.unfilledUnits))
        #expect(value("planner_fill_rate_ratio") == summary.fillRate)
        for table in result.outputTables {
            #expect(value("planner_table_rows", ["table": table.name]) == Double(table.rowCount), "\(table.name)")
        }
        for stage in result.stageTimes.stages {
            #expect(value("planner_stage_seconds", ["stage": stage.name]) == stage.seconds, "\(stage.name)")
        }
        #expect(value("planner_run_seconds") == result.stageTimes.totalSeconds)
        let overall = try #require(result.serviceKPIs.last)
        #expect(overall.regionIndex == nil)
        #expect(value("planner_next_day_share_ratio") == overall.unitShareNextDay)
        for kpi in result.serviceKPIs.dropLast() {
            let region = input.dataSet.regions[kpi.regionIndex!].id
            #expect(value("planner_region_next_day_share_ratio", ["region": region]) == kpi.unitShareNextDay)
        }
        #expect(value("planner_alert_breaches", ["alert": "fill_rate"]) == 1)
        #expect(value("planner_alert_breaches", ["alert": "unfilled_units"]) == 0)
        #expect(value("planner_alert_breaches", ["alert": "next_day_share"]) == nil, "not checked, not written")
        // The same figures give the same bytes.
        #expect(metrics.prometheusText(completedAt: completed) == metrics.prometheusText(completedAt: completed))
        // A dry run has no run id and no publication.
        let dry = try PrometheusTextParser.parse(
            RunMetrics(result: result, runID: nil, published: nil).prometheusText(completedAt: completed)
        )
        #expect(!dry.contains { $0.name == "planner_run_id" || $0.name == "planner_run_published" })
    }

    @Test func theParserRefusesWhatTheFormatForbids() {
        let cases: [(text: String, line: Int)] = [
            ("a 1", 1),  // no final line feed
            ("a 1 1700000000000\n", 1),  // a timestamp
            ("# TYPE a gauge\n# TYPE a gauge\na 1\n", 2),
            ("# HELP a x\n# HELP a y\na 1\n", 2),
            ("a 1\n# TYPE a gauge\n", 2),  // TYPE after samples
            ("# TYPE a histogramm\na 1\n", 1),
            ("a 1\nb 2\na{x=\"1\"} 3\n", 3),  // a's lines interrupted
            ("a{x=\"1\"} 1\na{x=\"1\"} 2\n", 2),  // the same series twice
            ("a{x=\"1\",x=\"2\"} 1\n", 1),
            ("a{x=\"\\t\"} 1\n", 1),  // an escape the format does not have
            ("a{x=1} 1\n", 1),
            ("a{x=\"1\" 1\n", 1),
            ("a{1x=\"1\"} 1\n", 1),
            ("1a 1\n", 1),
            ("a one\n", 1),
            ("a\n", 1),
            ("# HELP a bad \\q escape\na 1\n", 1),
        ]
        for (text, line) in cases {
            #expect(throws: PrometheusTextParser.Failure.self, "\(text)") { try PrometheusTextParser.parse(text) }
            do {
                _ = try PrometheusTextParser.parse(text)
            } catch let failure as PrometheusTextParser.Failure {
                #expect(failure.line == line, "\(text): \(failure)")
            } catch {}
        }
        // What it accepts besides: comments, blank lines, tabs, a trailing comma, untyped families, histograms.
        let accepted = try? PrometheusTextParser.parse(
            """
            # a comment
            \ta{x="1",} \t 2.5e3

            # TYPE h histogram
            h_bucket{le="1"} 3
            h_bucket{le="+Inf"} 4
            h_sum 7
            h_count 4

            """
        )
        #expect(accepted?.map(\.name) == ["a", "h"])
        #expect(accepted?.first?.samples.first == .init(name: "a", labels: ["x": "1"], value: 2500))
        #expect(accepted?.last?.samples.count == 4)
    }

    @Test func theFileIsReplacedWholeAndNoTemporaryFileStays() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/planner.prom"
        try PrometheusText.writeAtomically("old 1\n", to: path)
        // A link where the temporary file goes is removed, not followed.
        let target = folder + "/target"
        try "kept\n".write(toFile: target, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: folder + "/.planner.prom.tmp-\(getpid())",
            withDestinationPath: target
        )
        try PrometheusText.writeAtomically("new 2\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new 2\n")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "kept\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["planner.prom", "target"])
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o644)
        #expect(throws: MetricsFileError.self) {
            try PrometheusText.writeAtomically("x 1\n", to: folder + "/missing/planner.prom")
        }
    }
}
