import Forecasting
import Foundation
import Logging
import PlannerCore
import PlannerInput
import Storage

/// A stage that cannot be merged, or a shard step that cannot run yet, because steps of other shards are missing
/// (exit 75, EX_TEMPFAIL: run them, then this again).
public struct StageNotReady: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// What one shard step stored.
public struct ShardStepOutcome: Sendable {
    public var stageID: String
    public var shard: SKUShard
    public var step: StageStep
    /// The shard's SKUs, those with a forecast, its demand rows.
    public var skus: Int
    public var forecastSKUs: Int
    public var demandRows: Int
    public var seconds: (compute: Double, store: Double)
    /// Shards that still miss the step after this one.
    public var missing: [Int]
}

/// One step of one shard of a stage (`planner forecast SCENARIO --shard K/N --stage ID [--step S]`), and the read of
/// a whole stage by its merge (`planner plan SCENARIO --from-stage ID`). docs/scale-out.md describes the protocol.
///
/// 1. `totals`: the shard's part of the category sums the forecast pools (``PoolingTotals``).
/// 2. `returns`: with the totals of every shard added up, the shard's part of the rate-weighted sales the returns
///    lags are fitted on a second time (``RateWeightedSales``).
/// 3. `forecast`: with both sums of every shard, the shard's SKUs' model selection, the statistics the global
///    stages read and their returns estimates (``StagedSKU``).
/// 4. The merge: every shard's records, checked complete and of the same inputs, then the global stages
///    (``Pipeline/plan(_:stage:allocationDays:times:logger:)``), stored as a normal run.
///
/// Every step is stored in one transaction that replaces what an earlier run of the same step stored, so steps run
/// in any order across shards, twice, or at once; a killed step leaves nothing.
public enum StageRun {
    /// Runs one step of a shard on `input` (loaded with the shard's rows only) and stores it.
    public static func runShard(
        input: PlanningInput,
        shard: SKUShard,
        stageID: String,
        step: StageStep,
        database: PlannerDatabase,
        waitSeconds: Double = 0,
        logger: Logger
    ) async throws -> ShardStepOutcome {
        let startedAt = Date()
        let clock = ContinuousClock()
        let start = clock.now
        try InputDigests.verifyParts(of: input, shards: [shard.index])
        let build = RunFingerprint.currentPlannerBuild()
        let fingerprint = try RunFingerprint.stage(input: input, shardCount: shard.count, plannerBuild: build)
        try database.openStage(
            StageRecord(
                stageID: stageID,
                scenario: input.scenario.name,
                planDate: input.scenario.planDate,
                shardCount: shard.count,
                fingerprint: fingerprint.digest,
                plannerBuild: build
            )
        )
        let members = shard.members(of: input.dataSet.skus)
        let table: OutputTable
        var record = StageShardRecord(
            shard: shard.index,
            step: step,
            fingerprint: fingerprint.digest,
            skus: members.count,
            demandRows: input.dataSet.demand.count,
            startedAt: startedAt
        )
        var forecastSKUs = 0
        switch step {
        case .totals:
            let totals = ForecastStage.poolingTotals(of: input)
            record.earliestDemandDate = totals.earliestDemandDay.map { Day(daysSinceEpoch: $0) }
            record.returnRows = Int(totals.returnRows)
            let rows = StageRows.rows(of: totals)
            table = OutputTable(
                name: "pooling_totals",
                columns: PlannerDatabase.poolingTotalsColumns,
                rowCount: rows.count
            ) {
                emit in
                for row in rows { try emit(row) }
            }
        case .returns, .forecast:
            let deadline = Date().addingTimeInterval(waitSeconds)
            var sums: (totals: PoolingTotals, weightedSales: RateWeightedSales?)
            while true {
                do {
                    sums = try readSums(stageID: stageID, before: step, input: input, database: database)
                    break
                } catch let notReady as StageNotReady {
                    let left = deadline.timeIntervalSinceNow
                    guard left > 0 else { throw notReady }
                    logger.info("waiting for the steps of other shards", metadata: ["stage": "\(stageID)"])
                    try await Task.sleep(for: .seconds(min(5, left)))
                }
            }
            let totals = sums.totals
            logger.info(
                "read the sums of every shard",
                metadata: ["stage": "\(stageID)", "window_days": "\(totals.windowDays)"]
            )
            if let weightedSales = sums.weightedSales {
                let staged = await ForecastStage.stagedSKUs(
                    of: input,
                    members: members,
                    totals: totals,
                    weightedSales: weightedSales
                )
                forecastSKUs = staged.filter { $0.forecast != nil }.count
                let dataSet = input.dataSet
                table = OutputTable(
                    name: "sku_forecasts",
                    columns: PlannerDatabase.stagedSKUColumns,
                    rowCount: staged.count
                ) {
                    emit in
                    for sku in staged { try emit(StageRows.row(of: sku, dataSet: dataSet)) }
                }
            } else {
                let rows = StageRows.rows(
                    of: ForecastStage.rateWeightedSales(of: input, members: members, totals: totals)
                )
                table = OutputTable(
                    name: "rate_weighted_sales",
                    columns: PlannerDatabase.rateWeightedSalesColumns,
                    rowCount: rows.count
                ) {
                    emit in
                    for row in rows { try emit(row) }
                }
            }
        }
        let computed = clock.now
        record.finishedAt = Date()
        try database.writeStageStep(stageID: stageID, record: record, rows: table)
        let stored = clock.now
        let missing = try database.stageStatus(stageID, countingRows: false)?.missing(step) ?? []
        return ShardStepOutcome(
            stageID: stageID,
            shard: shard,
            step: step,
            skus: members.count,
            forecastSKUs: forecastSKUs,
            demandRows: input.dataSet.demand.count,
            seconds: (seconds(computed - start), seconds(stored - computed)),
            missing: missing
        )
    }

    /// Whether the `returns` step of a shard must read its rows: false only when every shard has stored its totals
    /// and no shard has a returns row, so that every rate-weighted sale is 0 whatever the rows hold.
    public static func returnsStepReadsRows(stageID: String, database: PlannerDatabase) throws -> Bool {
        guard let status = try database.stageStatus(stageID, countingRows: false), status.missing(.totals).isEmpty
        else { return true }
        return status.shards.contains { $0.step == .totals && ($0.returnRows ?? 1) > 0 }
    }

    /// What `step` reads of every shard, added up: the pooling totals, and for the `forecast` step the rate-weighted
    /// sales; ``StageNotReady`` while some shard has not done the steps before `step`.
    static func readSums(
        stageID: String,
        before step: StageStep,
        input: PlanningInput,
        database: PlannerDatabase
    ) throws -> (totals: PoolingTotals, weightedSales: RateWeightedSales?) {
        var rowsByShard: [Int: [[String?]]] = [:]
        var weightedRows: [[String?]] = []
        var status: StageStatus? = nil
        var needed: [StageStep] = []
        var earlier = step.previous
        while let found = earlier {
            needed.insert(found, at: 0)
            earlier = found.previous
        }
        try database.readStage(
            stageID,
            readsSKUs: false,
            check: { found in
                status = found
                for earlier in needed {
                    let missing = found.missing(earlier)
                    guard missing.isEmpty else {
                        throw StageNotReady(
                            message: "stage '\(stageID)': the \(earlier.rawValue) step of "
                                + StageStatus.describe(missing, of: found.stage.shardCount) + " is missing; run "
                                + "`planner forecast SCENARIO --shard K/\(found.stage.shardCount) --stage \(stageID) "
                                + "--step \(earlier.rawValue)` for them first"
                        )
                    }
                }
            },
            totals: { row in rowsByShard[Int(row[0] ?? "") ?? -1, default: []].append(row) },
            weightedSales: step == .forecast ? { weightedRows.append($0) } : nil,
            sku: { _ in }
        )
        guard let status else { throw StageRefusal(message: "stage '\(stageID)' does not exist") }
        let totals = try mergedTotals(status: status, rowsByShard: rowsByShard, input: input)
        guard step == .forecast else { return (totals, nil) }
        do {
            return (totals, try StageRows.weightedSales(rows: weightedRows, categories: totals.categories))
        } catch {
            throw StageRefusal(message: "stage '\(stageID)': \(error)")
        }
    }

    /// The totals of every shard that stored them, from their rows, added up.
    private static func mergedTotals(
        status: StageStatus,
        rowsByShard: [Int: [[String?]]],
        input: PlanningInput
    ) throws -> PoolingTotals {
        let stageID = status.stage.stageID
        let categories = PoolingTotals.categories(of: input.dataSet)
        var parts: [PoolingTotals] = []
        for shard in status.shards where shard.step == .totals {
            do {
                parts.append(
                    try StageRows.totals(
                        rows: rowsByShard[shard.shard] ?? [],
                        shard: shard,
                        planDate: input.scenario.planDate,
                        settings: input.configuration.forecast,
                        categories: categories
                    )
                )
            } catch {
                throw StageRefusal(message: "stage '\(stageID)': \(error)")
            }
        }
        guard let merged = PoolingTotals.merged(parts) else {
            throw StageRefusal(message: "stage '\(stageID)': the shards' pooling totals do not fit together")
        }
        return merged
    }

    /// Reads a complete stage for its merge: every shard has stored its totals and forecast, with the fingerprint
    /// the merge's own inputs give (same data, scenario, configuration, planner build and shard count), and every
    /// SKU of skus.csv is there once, in the shard its id hashes to. Throws ``StageRefusal`` (another stage's inputs,
    /// or rows that do not add up), ``StageNotReady`` (steps missing).
    public static func readForMerge(
        stageID: String,
        input: PlanningInput,
        database: PlannerDatabase,
        digests: InputDigests
    ) throws -> (stage: ForecastStage, record: StageRecord) {
        let build = RunFingerprint.currentPlannerBuild()
        let dataSet = input.dataSet
        var rowsByShard: [Int: [[String?]]] = [:]
        var skus = [StagedSKU?](repeating: nil, count: dataSet.skus.count)
        var status: StageStatus? = nil
        var readError: (any Error)? = nil
        try database.readStage(
            stageID,
            readsSKUs: true,
            check: { found in
                status = found
                let stage = found.stage
                let expected = try RunFingerprint.stage(
                    input: input,
                    shardCount: stage.shardCount,
                    plannerBuild: build,
                    digests: digests
                )
                let merge = StageRecord(
                    stageID: stageID,
                    scenario: input.scenario.name,
                    planDate: input.scenario.planDate,
                    shardCount: stage.shardCount,
                    fingerprint: expected.digest,
                    plannerBuild: build
                )
                if let mismatch = stage.mismatch(with: merge) { throw StageRefusal(message: mismatch) }
                if let foreign = found.foreignSteps.first {
                    throw StageRefusal(
                        message: "stage '\(stageID)': the \(foreign.step.rawValue) step of shard \(foreign.shard) was "
                            + "stored with other inputs (fingerprint \(foreign.fingerprint.prefix(12)))"
                    )
                }
                let parts = StageStep.allCases.compactMap { step -> String? in
                    let missing = found.missing(step)
                    guard !missing.isEmpty else { return nil }
                    return "\(step.rawValue) step of " + StageStatus.describe(missing, of: stage.shardCount)
                }
                guard parts.isEmpty else {
                    throw StageNotReady(
                        message: "stage '\(stageID)' is not complete, missing: the " + parts.joined(separator: "; the ")
                            + " (a shard that failed or has not run yet); run them, then merge again"
                    )
                }
            },
            totals: { row in rowsByShard[Int(row[0] ?? "") ?? -1, default: []].append(row) },
            sku: { row in
                guard readError == nil else { return }
                do {
                    let (shard, sku) = try StageRows.sku(from: row, dataSet: dataSet)
                    let id = dataSet.skus[sku.skuIndex].id
                    guard skus[sku.skuIndex] == nil else { throw StageReadError("sku '\(id)' is stored twice") }
                    let owner = SKUShard.shard(of: id, count: status?.stage.shardCount ?? 1)
                    guard owner == shard else {
                        throw StageReadError("sku '\(id)' was stored by shard \(shard), its shard is \(owner)")
                    }
                    skus[sku.skuIndex] = sku
                } catch {
                    readError = error
                }
            }
        )
        guard let status else { throw StageRefusal(message: "stage '\(stageID)' does not exist") }
        if let readError { throw StageRefusal(message: "stage '\(stageID)': \(readError)") }
        let absent = skus.indices.filter { skus[$0] == nil }
        guard absent.isEmpty else {
            throw StageRefusal(
                message: "stage '\(stageID)' has no row for \(absent.count) SKU(s) of skus.csv, such as '"
                    + dataSet.skus[absent[0]].id + "': skus.csv changed, or the stage was written by another planner"
            )
        }
        let totals = try mergedTotals(status: status, rowsByShard: rowsByShard, input: input)
        return (ForecastStage(totals: totals, skus: skus.compactMap { $0 }), status.stage)
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
