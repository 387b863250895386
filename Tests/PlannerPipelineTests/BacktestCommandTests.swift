import Foundation
import Testing

/// `planner backtest` run as a user would, on the sample data set shipped in Scenarios/sample.
@Suite struct BacktestCommandTests {
    static let sampleData = CommandLineTests.packageRoot + "/Scenarios/sample"

    /// The planner built with these tests (next to the test runner), else the one `make test` builds.
    static let binary: String = {
        let sibling = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("planner").path
        return FileManager.default.isExecutableFile(atPath: sibling) ? sibling : CommandLineTests.binary
    }()

    static func run(_ arguments: [String]) throws -> CommandLineTests.Outcome {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "planner-backtest-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let out = folder.appendingPathComponent("stdout")
        let err = folder.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return CommandLineTests.Outcome(
            status: process.terminationStatus,
            stdout: try String(contentsOf: out, encoding: .utf8),
            stderr: try String(contentsOf: err, encoding: .utf8)
        )
    }

    static func rows(_ path: String) throws -> [[String]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    static func isClose(_ lhs: Double, _ rhs: Double) -> Bool {
        abs(lhs - rhs) <= 1e-9 * max(1, abs(lhs), abs(rhs))
    }

    @Test func metricsRecomputeFromTheForecastsAndTheScenarioFormGivesTheSameFiles() throws {
        let out = FileManager.default.temporaryDirectory.path + "/planner-backtest-out-\(UUID().uuidString)"
        let outcome = try Self.run(["backtest", Self.sampleData, "--holdout", "28", "--out", out])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("holdout 2026-10-19 to 2026-11-15 (28 days)"))
        #expect(outcome.stdout.contains("\nall: "))
        #expect(outcome.stdout.contains("selected vs seasonal_naive: MASE "))

        let metrics = try Self.rows(out + "/metrics.csv")
        let forecasts = try Self.rows(out + "/forecasts.csv")
        let summary = try Self.rows(out + "/summary.csv")
        #expect(metrics.first == ["sku", "model", "selected", "mae", "rmse", "bias", "mase", "rmsse", "class"])
        #expect(forecasts.first == ["sku", "date", "model", "selected", "forecast", "actual"])
        #expect(summary.first == ["class", "model", "skus", "mae", "rmse", "bias", "mase", "rmsse"])

        // (sku, model) -> selected flag, forecasts and actuals over the holdout, from forecasts.csv.
        var series: [String: (selected: String, dates: [String], forecast: [Double], actual: [Double])] = [:]
        for row in forecasts.dropFirst() {
            let key = row[0] + " " + row[2]
            var entry = series[key] ?? (row[3], [], [], [])
            #expect(entry.selected == row[3])
            entry.dates.append(row[1])
            entry.forecast.append(try #require(Double(row[4])))
            entry.actual.append(try #require(Double(row[5])))
            series[key] = entry
        }
        #expect(series.count == metrics.count - 1, "one forecast series per metrics row")
        var selectedBySKU: [String: Int] = [:]
        var seasonalNaiveSKUs: Set<String> = []
        var classBySKU: [String: String] = [:]
        for row in metrics.dropFirst() {
            let entry = try #require(series[row[0] + " " + row[1]])
            #expect(entry.selected == row[2])
            if row[2] == "true" { selectedBySKU[row[0], default: 0] += 1 }
            if row[1] == "seasonal_naive" { seasonalNaiveSKUs.insert(row[0]) }
            #expect(entry.dates.count == 28)
            #expect(entry.dates.first == "2026-10-19" && entry.dates.last == "2026-11-15")
            let errors = zip(entry.actual, entry.forecast).map { $0 - $1 }
            let mae = errors.map(abs).reduce(0, +) / 28
            let rmse = (errors.map { $0 * $0 }.reduce(0, +) / 28).squareRoot()
            let bias = -errors.reduce(0, +) / 28
            #expect(Self.isClose(try #require(Double(row[3])), mae), "\(row)")
            #expect(Self.isClose(try #require(Double(row[4])), rmse), "\(row)")
            #expect(Self.isClose(try #require(Double(row[5])), bias), "\(row)")
            // MASE and RMSSE are empty together: a zero naive scale.
            #expect(row[6].isEmpty == row[7].isEmpty)
            #expect(["smooth", "erratic", "intermittent", "lumpy", "new", "inactive"].contains(row[8]), "\(row)")
            #expect(classBySKU.updateValue(row[8], forKey: row[0]) ?? row[8] == row[8], "one class per SKU")
        }
        #expect(!selectedBySKU.isEmpty)
        #expect(selectedBySKU.values.allSatisfy { $0 == 1 }, "exactly one selected model per SKU")
        #expect(seasonalNaiveSKUs == Set(selectedBySKU.keys), "seasonal naive scored for every SKU")
        for (demandClass, count) in Dictionary(grouping: classBySKU.values, by: { $0 }).mapValues(\.count) {
            let row = try #require(summary.first { $0[0] == demandClass && $0[1] == "selected" })
            #expect(Int(row[2]) == count, "the summary's SKUs of class \(demandClass) are the metrics' SKUs of it")
        }
        let all = try #require(summary.first { $0[0] == "all" && $0[1] == "selected" })
        #expect(Int(all[2]) == selectedBySKU.count)

        let viaScenario = FileManager.default.temporaryDirectory.path + "/planner-backtest-out-\(UUID().uuidString)"
        let scenarioOutcome = try Self.run([
            "backtest", "--scenario", CommandLineTests.packageRoot + "/Scenarios/baseline.yaml", "--out", viaScenario,
        ])
        #expect(scenarioOutcome.status == 0, "\(scenarioOutcome.stderr)")
        for file in ["metrics.csv", "forecasts.csv", "summary.csv"] {
            #expect(
                FileManager.default.contents(atPath: out + "/" + file)
                    == FileManager.default.contents(atPath: viaScenario + "/" + file),
                "\(file): same bytes from the data folder and from the scenario naming it"
            )
        }
    }

    @Test func badDataExitsWith65AndListsTheLocatedProblem() throws {
        let broken = FileManager.default.temporaryDirectory.path + "/planner-backtest-broken-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: Self.sampleData, toPath: broken)
        var lines = try String(contentsOfFile: broken + "/demand.csv", encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var fields = lines[2].split(separator: ",").map(String.init)
        fields[3] = "many"
        lines[2] = fields.joined(separator: ",")
        try lines.joined(separator: "\n").write(toFile: broken + "/demand.csv", atomically: true, encoding: .utf8)

        let outcome = try Self.run(["backtest", broken, "--out", broken + "/out"])
        #expect(outcome.status == 65)
        #expect(outcome.stderr.contains("\(broken)/demand.csv:3:4: error:"), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: broken + "/out/metrics.csv"))
    }

    @Test func aHoldoutOutOfRangeOrNoDataIsACommandLineError() throws {
        for holdout in ["0", "366"] {
            let outcome = try Self.run(["backtest", Self.sampleData, "--holdout", holdout])
            #expect(outcome.status == 64)
            #expect(outcome.stderr.contains("--holdout must be 1 to 365 days, found \(holdout)"))
        }
        let neither = try Self.run(["backtest"])
        #expect(neither.status == 64)
        #expect(neither.stderr.contains("give a data folder or --scenario FILE"))
    }
}
