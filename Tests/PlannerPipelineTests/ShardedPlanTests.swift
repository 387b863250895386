import Forecasting
import Foundation
import Logging
import PlannerCore
import PlannerInput
import PostgresClient
import Storage
import TestSupport
import Testing

@testable import PlannerPipeline

/// A sharded plan (shards forecast their SKUs into a stage in PostgreSQL, the merge plans from it) equals the
/// unsharded plan row for row, in every output table: in process through the real database at two shard counts and
/// two history windows, and through the real `planner` on a partitioned folder, comparing the stored runs.
@Suite struct ShardedPlanTests {
    static let logger: Logger = {
        var logger = Logger(label: "sharded-test")
        logger.logLevel = .critical
        return logger
    }()

    /// The sample scenario with a history window shorter than its 420 days of data (300 days): SKUs first sold
    /// before the window are pooled, not only those of the earliest day.
    static let shortWindowScenario: String = {
        let path = SampleScenario.files.directory + "/peak-short-window.yaml"
        let text =
            try! String(contentsOfFile: SampleScenario.files.scenarioPath, encoding: .utf8)
            + "\noverrides: {forecast: {history_days: 300, fit_days: 200}}\n"
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }()

    /// Every row of every output table as text, without the one timing column (the LP's solve seconds).
    static func comparable(_ tables: [OutputTable]) throws -> [String: [[String?]]] {
        var rows = try rowsByTable(tables)
        if let solves = rows["allocation_solves"],
            let column = tables.first(where: { $0.name == "allocation_solves" })?
                .columns.firstIndex(of: "solve_seconds")
        {
            rows["allocation_solves"] = solves.map { row in
                var row = row
                row[column] = nil
                return row
            }
        }
        return rows
    }

    /// Runs both steps of every shard (in reverse order, the forecasts before the last shard's totals would be
    /// refused), then reads the stage as the merge does.
    static func stage(
        scenario: String,
        shardCount: Int,
        stageID: String,
        database: PlannerDatabase
    ) async throws -> (ForecastStage, PlanningInput) {
        for step in StageStep.allCases {
            for index in (0..<shardCount).reversed() {
                let shard = SKUShard(index: index, count: shardCount)
                let input = try PlanningInputLoader.load(
                    scenarioPath: scenario,
                    configPath: nil,
                    rows: .shard(shard.rowFilter)
                )
                #expect(input.dataSet.demand.skuIndices.allSatisfy { shard.owns(input.dataSet.skus[Int($0)].id) })
                _ = try await StageRun.runShard(
                    input: input,
                    shard: shard,
                    stageID: stageID,
                    step: step,
                    database: database,
                    logger: logger
                )
            }
        }
        let input = try PlanningInputLoader.load(scenarioPath: scenario, configPath: nil, rows: .none)
        #expect(input.dataSet.demand.count == 0 && input.dataSet.returns.isEmpty, "the merge reads no demand rows")
        let (stage, record) = try StageRun.readForMerge(
            stageID: stageID,
            input: input,
            database: database,
            digests: try InputDigests(input: input)
        )
        #expect(record.shardCount == shardCount)
        return (stage, input)
    }

    @Test(arguments: [(2, false), (5, true)])
    func shardedPlanEqualsTheUnshardedPlanRowForRow(shardCount: Int, shortWindow: Bool) async throws {
        let scenario = shortWindow ? Self.shortWindowScenario : SampleScenario.files.scenarioPath
        let url = try TestCluster.freshDatabase("sharded_equal_\(shardCount)")
        let database = try PlannerDatabase(url: url)
        try database.migrate()
        let reference = try await Pipeline.plan(
            try PlanningInputLoader.load(scenarioPath: scenario, configPath: nil),
            logger: Self.logger
        )
        let (stage, input) = try await Self.stage(
            scenario: scenario,
            shardCount: shardCount,
            stageID: "equal-\(shardCount)",
            database: database
        )
        let merged = try await Pipeline.plan(input, stage: stage, logger: Self.logger)
        let expected = try Self.comparable(reference.outputTables)
        let actual = try Self.comparable(merged.outputTables)
        #expect(actual.keys.sorted() == expected.keys.sorted())
        for table in expected.keys.sorted() {
            #expect(actual[table]?.count == expected[table]?.count, "\(table) rows")
            #expect(actual[table] == expected[table], "\(table) differs")
        }
        // The comparison is not vacuous: the plan has forecasts, returns and SKUs of every kind in every shard.
        for table in ["forecasts", "forecast_models", "returns_forecast", "inventory_policies", "supplier_plans"] {
            #expect((expected[table]?.count ?? 0) > 0, "\(table) has rows")
        }
        let models = Set(reference.forecast?.skuForecasts.map(\.model) ?? [])
        #expect(models.contains(.categoryProfile), "new SKUs, forecast from their category's profile")
        #expect(models.count >= 5)
        for index in 0..<shardCount {
            #expect(SKUShard(index: index, count: shardCount).members(of: input.dataSet.skus).count >= 8)
        }
    }

    @Test func poolingTotalsOfTheShardsAddUpToTheTotalsOfAll() throws {
        let all = try SampleScenario.input()
        let whole = ForecastStage.poolingTotals(of: all)
        for count in [3, 7] {
            let parts = try (0..<count).map { index in
                ForecastStage.poolingTotals(
                    of: try PlanningInputLoader.load(
                        scenarioPath: SampleScenario.files.scenarioPath,
                        configPath: nil,
                        rows: .shard(SKUShard(index: index, count: count).rowFilter)
                    )
                )
            }
            #expect(PoolingTotals.merged(parts) == whole, "\(count) parts")
            #expect(PoolingTotals.merged(parts.reversed()) == whole, "\(count) parts in reverse")
            #expect(parts.map(\.returnRows).reduce(0, +) == Int64(all.dataSet.returns.count))
        }
        #expect(whole.returnRows > 0 && whole.categorySales.contains { $0 > 0 })
        #expect(whole.windowDays == 420, "420 days of history, the whole window")
    }

    /// The second fit of the returns lags reads sales weighted by every SKU's first-fit rate: the shards' parts add
    /// up to exactly what one process sums, in any order, and read back from their rows unchanged.
    @Test func rateWeightedSalesOfTheShardsAddUpToTheSumOverAll() throws {
        let all = try SampleScenario.input()
        let totals = ForecastStage.poolingTotals(of: all)
        let whole = ForecastStage.rateWeightedSales(of: all, members: Array(all.dataSet.skus.indices), totals: totals)
        #expect(!whole.isZero, "the sample has returns")
        // Not the plain sales: the weights are the SKUs' rates, below 1 here.
        let category = try #require(
            whole.categories.indices.first { whole.scaledUnits(ofCategory: $0).contains { $0 != 0 } }
        )
        let weighted = whole.scaledUnits(ofCategory: category).reduce(Int128(0), +)
        let plain = totals.categorySales[(category * ReturnModel.span)..<((category + 1) * ReturnModel.span)]
            .reduce(Int64(0), +)
        #expect(weighted > 0 && weighted < Int128(plain) << RateWeightedSales.fractionBits)
        for count in [3, 7] {
            let parts = try (0..<count).map { index in
                let shard = SKUShard(index: index, count: count)
                let input = try PlanningInputLoader.load(
                    scenarioPath: SampleScenario.files.scenarioPath,
                    configPath: nil,
                    rows: .shard(shard.rowFilter)
                )
                return ForecastStage.rateWeightedSales(
                    of: input,
                    members: shard.members(of: input.dataSet.skus),
                    totals: totals
                )
            }
            #expect(RateWeightedSales.merged(parts) == whole, "\(count) parts")
            #expect(RateWeightedSales.merged(parts.reversed()) == whole, "\(count) parts in reverse")
            let rows = parts.enumerated().flatMap { shard, part in
                StageRows.rows(of: part).map { [String(shard)] + $0 }
            }
            #expect(try StageRows.weightedSales(rows: rows, categories: totals.categories) == whole, "read back")
        }
    }

    @Test func stageValuesReadBackBitForBit() throws {
        let values: [Double] = [-0.0, 0, .infinity, -.infinity, 0.1, 1e-300, .leastNonzeroMagnitude, 6.275862068965517]
        for value in values {
            let back = try #require(Double(StageRows.text(value)))
            #expect(back.bitPattern == value.bitPattern, "\(value)")
        }
        #expect(StageRows.text(.nan) == "NaN" && Double(StageRows.text(.nan))?.isNaN == true)
        #expect(StageRows.array([1.5, nil, -0.0]) == "{1.5,NULL,-0}")
        #expect(
            try StageRows.optionalDoubles("{1.5,NULL,-0}", "x").map { $0?.bitPattern }
                == [1.5, nil, -0.0].map { $0?.bitPattern }
        )
        #expect(throws: StageReadError.self) { try StageRows.doubles("{1,x}", "x") }
    }
}
