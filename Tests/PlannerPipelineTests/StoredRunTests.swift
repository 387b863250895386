import Foundation
import Logging
import PlannerCore
import PostgresClient
import Storage
import TestSupport
import Testing

@testable import PlannerPipeline

@Suite struct StoredRunTests {
    let logger = Logger(label: "test")

    @Test func aPlanRunStoresEveryRowOfEveryTableUnderOneCompleteRun() async throws {
        let url = try TestCluster.freshDatabase("pipeline_stored_run")
        let result = try await Pipeline.plan(try SampleScenario.input(), logger: logger)
        let runID = try Self.store(result, url: url)
        let connection = try PostgresConnection(url: url)
        let run = try connection.query(
            "select kind, scenario, plan_date::text, status, (summary->>'allocated_units')::int, "
                + "(summary->>'fill_rate')::float8, (summary->>'run_id')::bigint = run_id "
                + "from planner.runs where run_id = $1",
            parameters: [String(runID)]
        )
        let summary = result.summary(runID: nil)
        #expect(
            run == [
                [
                    "plan", "test-peak", "2026-11-16", "complete", String(summary.allocatedUnits),
                    "\(summary.fillRate)", "t",
                ]
            ]
        )
        let expected = try rowsByTable(result.outputTables)
        for table in result.outputTables {
            let count = try connection.query(
                "select count(*) from planner.\(table.name) where run_id = $1",
                parameters: [String(runID)]
            )
            #expect(count == [[String(table.rowCount)]], "\(table.name)")
            #expect(expected[table.name]?.count == table.rowCount)
        }
        #expect(
            result.outputTables.map(\.name).sorted() == [
                "alerts", "allocation_explanations", "allocation_solves", "allocations", "dispatch_lines",
                "dispatch_plans", "forecast_models", "forecasts", "inventory_policies", "operating_kpis",
                "presale_lines", "region_next_day", "returns_forecast", "scenario_events", "service_kpis",
                "sku_classes", "sku_history", "stock_projection", "supplier_plans", "supply_shortfalls",
                "unfilled_lines", "warehouse_load", "warehouse_stock",
            ]
        )
        // Units stored per warehouse equal the allocation in memory, and the dispatch plans agree with them.
        let stored = try connection.query(
            "select sum(qty)::int, (select sum(units)::int from planner.dispatch_plans where run_id = $1) "
                + "from planner.allocations where run_id = $1",
            parameters: [String(runID)]
        )
        #expect(stored == [[String(summary.allocatedUnits), String(summary.allocatedUnits)]])
        // A stored forecast row reads back as the same number.
        let firstSeries = try #require(result.forecast?.series.first)
        let sku = result.input.dataSet.skus[firstSeries.skuIndex].id
        let region = result.input.dataSet.regions[firstSeries.regionIndex].id
        let units = try connection.query(
            "select units from planner.forecasts where run_id = $1 and sku = $2 and region = $3 order by date limit 1",
            parameters: [String(runID), sku, region]
        )
        #expect(units.first?.first??.description == format(firstSeries.unitsPerDay[0]))
    }

    @Test func quantilesAndForecastModelsAreStoredAsTheForecastComputedThem() async throws {
        let url = try TestCluster.freshDatabase("pipeline_forecast_models")
        let result = try await Pipeline.plan(try SampleScenario.input(), logger: logger)
        let forecast = try #require(result.forecast)
        let data = result.input.dataSet
        let runID = try Self.store(result, url: url)
        let connection = try PostgresConnection(url: url)
        let run = [String(runID)]

        // One forecast_models row per SKU forecast, in SKU order, and only SKUs that exist.
        #expect(!forecast.skuForecasts.isEmpty)
        let skus = try connection.query(
            "select sku from planner.forecast_models where run_id = $1 order by sku",
            parameters: run
        )
        #expect(skus.map { $0[0] ?? "" } == forecast.skuForecasts.map { data.skus[$0.skuIndex].id }.sorted())

        // Every forecast row's model is its SKU's model, and its quantiles are ordered.
        let disagreeing = try connection.query(
            """
            select count(*) from planner.forecasts f
            left join planner.forecast_models m on m.run_id = f.run_id and m.sku = f.sku
            where f.run_id = $1 and (m.model is distinct from f.model or not (f.p50 <= f.p80 and f.p80 <= f.p95))
            """,
            parameters: run
        )
        #expect(disagreeing == [["0"]])
        // The quantiles come from the forecast's error spread, not the units fallback.
        let spread = try connection.query(
            "select count(*) > 0 from planner.forecasts where run_id = $1 and p95 > p50",
            parameters: run
        )
        #expect(spread == [["t"]])

        // The SKU with the most history: every statistic, as text.
        let sku = try #require(forecast.skuForecasts.first { $0.backtest?.meanAbsoluteScaledError != nil })
        let backtest = try #require(sku.backtest)
        let row = try connection.query(
            """
            select demand_class, adi::text, cv2::text, model, parameters, backtest_mae::text, backtest_rmse::text,
                   backtest_bias::text, backtest_mase::text, backtest_rmsse::text, error_sd_1d::text,
                   error_sd_7d::text, error_sd_28d::text, event_factors
            from planner.forecast_models where run_id = $1 and sku = $2
            """,
            parameters: [String(runID), data.skus[sku.skuIndex].id]
        )
        #expect(
            row == [
                [
                    sku.demandClass.rawValue, format(sku.averageDemandInterval), format(sku.squaredVariation),
                    sku.model.rawValue, sku.parameters, format(backtest.meanAbsoluteError),
                    format(backtest.rootMeanSquaredError), format(backtest.bias),
                    backtest.meanAbsoluteScaledError.map(format), backtest.rootMeanSquaredScaledError.map(format),
                    format(sku.errorSD(overDays: 1)), format(sku.errorSD(overDays: 7)),
                    format(sku.errorSD(overDays: 28)), formatEventFactors(sku.eventFactors),
                ]
            ]
        )
        // The error of a total over more days spreads wider.
        #expect(sku.errorSD(overDays: 1) > 0)
        #expect(sku.errorSD(overDays: 1) < sku.errorSD(overDays: 7))
        #expect(sku.errorSD(overDays: 7) < sku.errorSD(overDays: 28))
        // The sample has a retail calendar: each SKU lists its factor per event name, by name.
        let names = sku.eventFactors.map(\.name)
        #expect(!names.isEmpty)
        #expect(names == names.sorted())
        #expect(formatEventFactors(sku.eventFactors).split(separator: ";").count == names.count)
    }

    @Test func theCSVFilesHoldTheStoredRowsWithNullAsAnEmptyField() async throws {
        let url = try TestCluster.freshDatabase("pipeline_csv_matches_db")
        let result = try await Pipeline.plan(try SampleScenario.input(), logger: logger)
        let runID = try Self.store(result, url: url)
        let connection = try PostgresConnection(url: url)
        let out = SampleScenario.files.directory + "/csv-\(UUID().uuidString)"
        let folder = try StagedOutputFolder(destination: out)
        try folder.write(tables: result.outputTables, summaryJSON: "{}")
        try folder.publish()
        for name in ["forecasts", "forecast_models"] {
            let table = try #require(result.outputTables.first { $0.name == name })
            let text = try String(contentsOfFile: out + "/" + StagedOutputFolder.fileName(for: name), encoding: .utf8)
            // No value of these two tables needs CSV quoting: ids, numbers, names and `;`-lists.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.first.map(String.init) == table.columns.joined(separator: ","), "\(name) header")
            let columns = table.columns.map { "coalesce(\($0)::text, '')" }.joined(separator: " || ',' || ")
            let stored = try connection.query(
                "select \(columns) from planner.\(name) where run_id = $1",
                parameters: [String(runID)]
            )
            #expect(lines.dropFirst().map(String.init).sorted() == stored.map { $0[0] ?? "" }.sorted(), "\(name)")
        }
    }

    @Test func theSummaryNamesTheModelsUsedAndTheirBacktestAccuracy() async throws {
        let result = try await Pipeline.plan(try SampleScenario.input(), logger: logger)
        let forecast = try #require(result.forecast)
        let counts = result.forecastModelCounts
        #expect(counts.reduce(0) { $0 + $1.skus } == forecast.skuForecasts.count)
        #expect(zip(counts, counts.dropFirst()).allSatisfy { $0.skus >= $1.skus })
        let mases = forecast.skuForecasts.compactMap { $0.backtest?.meanAbsoluteScaledError }
        let mean = try #require(result.backtestMeanMASE)
        #expect(mean.skus == mases.count)
        #expect(abs(mean.mean - mases.reduce(0, +) / Double(mases.count)) < 1e-12)
        let lines = SummaryReport.text(result, runID: nil, database: nil).split(separator: "\n").map(String.init)
        let listed = counts.map { "\($0.model) \($0.skus)" }.joined(separator: ", ")
        #expect(lines.contains("  models        \(forecast.skuForecasts.count) SKUs: \(listed)"))
        #expect(
            lines.contains(
                "  backtest      MASE \(String(format: "%.2f", mean.mean)) (mean over \(mases.count) SKUs; "
                    + "below 1 beats the in-sample naive forecast)"
            )
        )
        // summary.json (and planner.runs.summary) carry them once set, and leave them out otherwise.
        var summary = result.summary(runID: nil)
        summary.forecastModels = Dictionary(uniqueKeysWithValues: counts.map { ($0.model, $0.skus) })
        summary.backtestMeanMASE = mean.mean
        let fields = try #require(
            try JSONSerialization.jsonObject(with: Data(summary.json().utf8)) as? [String: Any]
        )
        #expect(fields["forecast_models"] as? [String: Int] == summary.forecastModels)
        // Foundation's JSON parser may read the last digit one ulp off.
        #expect(abs(try #require(fields["backtest_mase"] as? Double) - mean.mean) < 1e-12)
        summary.forecastModels = [:]
        summary.backtestMeanMASE = nil
        #expect(!summary.json().contains("forecast_models"))
        #expect(!summary.json().contains("backtest_mase"))
    }

    @Test func everyStoredRowReadsBackExactlyAsComputed() async throws {
        let url = try TestCluster.freshDatabase("pipeline_exact_rows")
        let result = try await Pipeline.plan(try SampleScenario.input(), logger: logger)
        let runID = try Self.store(result, url: url)
        let connection = try PostgresConnection(url: url)
        func sorted(_ rows: [[String?]]) -> [[String?]] {
            rows.sorted { $0.map { $0 ?? "\u{0}" }.lexicographicallyPrecedes($1.map { $0 ?? "\u{0}" }) }
        }
        for table in result.outputTables {
            var computed: [[String?]] = []
            try table.forEachRow { computed.append($0) }
            let columns = table.columns.map { "\($0)::text" }.joined(separator: ", ")
            let stored = try connection.query(
                "select \(columns) from planner.\(table.name) where run_id = $1",
                parameters: [String(runID)]
            )
            #expect(stored.count == computed.count, "\(table.name)")
            #expect(sorted(stored) == sorted(computed), "\(table.name): every value, as text")
        }
    }

    @Test func runsGetNewIdsAndIdenticalRows() async throws {
        let url = try TestCluster.freshDatabase("pipeline_two_runs")
        let result = try await Pipeline.plan(try SampleScenario.input(), logger: logger)
        let first = try Self.store(result, url: url)
        let again = try await Pipeline.plan(try SampleScenario.input(), logger: logger)
        let second = try Self.store(again, url: url)
        #expect(second > first)
        let connection = try PostgresConnection(url: url)
        let difference = try connection.query(
            """
            select count(*) from (
              (select order_id, sku, warehouse, qty from planner.allocations where run_id = $1
               except all select order_id, sku, warehouse, qty from planner.allocations where run_id = $2)
              union all
              (select order_id, sku, warehouse, qty from planner.allocations where run_id = $2
               except all select order_id, sku, warehouse, qty from planner.allocations where run_id = $1)) d
            """,
            parameters: [String(first), String(second)]
        )
        #expect(difference == [["0"]])
    }

    @Test func anUnreachableDatabaseIsReportedAsUnavailable() throws {
        let result = try Pipeline.allocateOnly(try SampleScenario.input(), date: nil, logger: logger)
        let target = DatabaseTarget.server(
            try ConnectionSettings("postgresql:///planner?host=/nonexistent-socket-dir"),
            source: .flag
        )
        do {
            _ = try RunSession.open(
                target: target,
                kind: result.kind,
                statementTimeoutSeconds: nil,
                retry: RunSession.Retry(attempts: 2, firstPauseSeconds: 0.01),
                logger: logger
            )
            Issue.record("expected a StoreError")
        } catch let error as StoreError {
            #expect(error.kind == .unavailable)
        }
    }

    @Test func theDatabaseTargetFollowsFlagThenEnvironmentThenConfiguration() throws {
        var configuration = PlannerConfiguration()
        let environment = [DatabaseTarget.environmentVariable: "postgresql://env"]
        #expect(
            try DatabaseTarget.resolve(
                flag: "postgresql://flag",
                environment: environment,
                configuration: configuration
            )
                == .server(ConnectionSettings("postgresql://flag"), source: .flag)
        )
        #expect(
            try DatabaseTarget.resolve(flag: nil, environment: environment, configuration: configuration)
                == .server(ConnectionSettings("postgresql://env"), source: .environment)
        )
        configuration.databaseURL = "postgresql://config"
        #expect(
            try DatabaseTarget.resolve(flag: nil, environment: [:], configuration: configuration)
                == .server(ConnectionSettings("postgresql://config"), source: .configuration)
        )
        #expect(
            try DatabaseTarget.resolve(flag: "", environment: [:], configuration: PlannerConfiguration())
                == .embedded(directory: ".planner")
        )
    }

    /// Stores `result` as `planner plan` and `allocate` do: a session on the database, then one write.
    static func store(_ result: PlanResult, url: String) throws -> Int64 {
        let session = try RunSession.open(
            target: .server(try ConnectionSettings(url), source: .flag),
            kind: result.kind,
            statementTimeoutSeconds: nil,
            logger: Logger(label: "test")
        )
        return try session.write(result, startedAt: Date(), publishes: false, fingerprint: nil)
    }

}
