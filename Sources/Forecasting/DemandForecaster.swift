import Foundation
import PlannerCore

/// Forecasts every SKU's daily demand from its history, selecting a model per SKU by backtest
/// (``SeriesModelSelector``), and splits it over regions by each region's recent share (top-down).
///
/// Calendar events (`DataSet.events`): past days are cleaned out of the fit and give each SKU an
/// uplift per event name (``EventUplift``, pooled toward the category); future days multiply the
/// forecast by it. A region-scoped event's uplift applies to its regions only, scaled so that the SKU
/// total moves as measured. Scenario uplifts multiply on top. Quantiles per day are the baseline plus
/// the empirical backtest error quantile, times the uplift, floored at 0.
///
/// SKUs are independent, so they are forecast in chunks on every core (a task group); the result is
/// the same for any number of workers.
public enum DemandForecaster {
    /// SKUs per task: small enough to balance two to sixteen cores, large enough to amortise a task.
    static let chunkSize = 256

    public static func forecast(
        dataSet: DataSet,
        planDate: Day,
        horizonDays: Int,
        settings: ForecastSettings,
        uplifts: [DemandUplift],
        abcClassBySKU: [ABCClass],
        keepsAllCandidates: Bool = false,
        workerCount: Int = ProcessInfo.processInfo.activeProcessorCount
    ) async -> DemandForecast {
        let results = await selectModels(
            dataSet: dataSet,
            planDate: planDate,
            horizonDays: horizonDays,
            settings: settings,
            totals: PoolingTotals(dataSet: dataSet, planDate: planDate, settings: settings),
            keepsAllCandidates: keepsAllCandidates,
            workerCount: workerCount
        )
        return assemble(
            results,
            dataSet: dataSet,
            planDate: planDate,
            horizonDays: horizonDays,
            uplifts: uplifts,
            abcClassBySKU: abcClassBySKU
        )
    }

    /// The first pass, per SKU and in parallel: model selection of every member SKU that sold before the plan date,
    /// in SKU order. `totals` are the pooling totals of ALL SKUs (of every shard, ``PoolingTotals/merged(_:)``);
    /// `members` the SKUs whose demand rows `dataSet` holds (nil: all). The result of a SKU depends only on its own
    /// rows and on `totals`, so shards give exactly the results one process gives.
    public static func selectModels(
        dataSet: DataSet,
        planDate: Day,
        horizonDays: Int,
        settings: ForecastSettings,
        totals: PoolingTotals,
        members: [Int]? = nil,
        keepsAllCandidates: Bool = false,
        workerCount: Int = ProcessInfo.processInfo.activeProcessorCount
    ) async -> [SKUModelResult] {
        let horizon = max(0, horizonDays)
        let matrix = DailyDemandMatrix(
            dataSet: dataSet,
            planDate: planDate,
            settings: settings,
            windowDays: totals.windowDays,
            members: members
        )
        let categoryIndex = Dictionary(uniqueKeysWithValues: totals.categories.enumerated().map { ($1, $0) })
        let categoryBySKU = dataSet.skus.map { categoryIndex[$0.category]! }
        let profiles = totals.categoryWeekdayProfiles()
        let calendar = EventCalendar(dataSet: dataSet, planDate: planDate)
        let pooling = CategoryPooling(totals: totals, calendar: calendar)
        let selector = SeriesModelSelector(
            settings: settings,
            horizonDays: horizon,
            eventNameCount: calendar.names.count,
            keepsAllCandidates: keepsAllCandidates
        )
        let skus = matrix.members.filter { matrix.firstSaleColumn(sku: $0) != nil }
        let chunkCount = (skus.count + chunkSize - 1) / chunkSize
        let workers = max(1, min(workerCount, chunkCount))
        let progress = StageProgress.current
        progress?.begin("forecast", total: skus.count, unit: "SKUs")
        defer { progress?.end() }

        return await withTaskGroup(of: [(Int, [SKUModelResult])].self) { group in
            for worker in 0..<workers {
                group.addTask {
                    let workspace = ForecastWorkspace(
                        capacityDays: matrix.dayCount,
                        horizonDays: horizon,
                        backtestDays: settings.backtestDays,
                        backtestHorizonDays: settings.backtestHorizonDays
                    )
                    var done: [(Int, [SKUModelResult])] = []
                    for chunk in stride(from: worker, to: chunkCount, by: workers) {
                        let members = skus[(chunk * chunkSize)..<min(skus.count, (chunk + 1) * chunkSize)]
                        let chunkResults = members.map { sku in
                            var result = selectModel(
                                sku: sku,
                                matrix: matrix,
                                calendar: calendar,
                                profiles: profiles,
                                pooling: pooling,
                                categoryBySKU: categoryBySKU,
                                selector: selector,
                                workspace: workspace
                            )
                            result.regionShares = matrix.regionShares(sku: sku)
                            return result
                        }
                        done.append((chunk, chunkResults))
                        progress?.advance(by: members.count)
                    }
                    return done
                }
            }
            var byChunk = [[SKUModelResult]](repeating: [], count: chunkCount)
            for await finished in group {
                for (chunk, chunkResults) in finished { byChunk[chunk] = chunkResults }
            }
            return byChunk.flatMap { $0 }
        }
    }

    /// The second pass, sequential: pools event uplifts by category over `results` (every SKU's, in SKU order),
    /// applies event and scenario uplifts per region and builds the SKU and region forecasts.
    public static func assemble(
        _ results: [SKUModelResult],
        dataSet: DataSet,
        planDate: Day,
        horizonDays: Int,
        uplifts: [DemandUplift],
        abcClassBySKU: [ABCClass]
    ) -> DemandForecast {
        precondition(abcClassBySKU.count == dataSet.skus.count, "one ABC class per SKU")
        precondition(zip(results, results.dropFirst()).allSatisfy { $0.skuIndex < $1.skuIndex }, "results in SKU order")
        let categories = PoolingTotals.categories(of: dataSet)
        let categoryIndex = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
        return ForecastAssembly(
            dataSet: dataSet,
            planDate: planDate,
            horizonDays: max(0, horizonDays),
            calendar: EventCalendar(dataSet: dataSet, planDate: planDate),
            categoryBySKU: dataSet.skus.map { categoryIndex[$0.category]! },
            categoryCount: categories.count,
            uplifts: uplifts,
            abcClassBySKU: abcClassBySKU
        ).assemble(results)
    }

    private static func selectModel(
        sku: Int,
        matrix: DailyDemandMatrix,
        calendar: EventCalendar,
        profiles: [SIMD8<Double>],
        pooling: CategoryPooling,
        categoryBySKU: [Int],
        selector: SeriesModelSelector,
        workspace: ForecastWorkspace
    ) -> SKUModelResult {
        let firstColumn = matrix.firstSaleColumn(sku: sku) ?? 0
        let row = matrix.row(sku: sku)
        let firstDay = matrix.firstDay.daysSinceEpoch + firstColumn
        var pastEvents: [SeriesModelSelector.PastEvent] = []
        for occurrence in calendar.past where occurrence.daysSinceEpoch >= firstDay {
            guard calendar.applies(occurrence, sku: sku) else { continue }
            pastEvents.append(.init(column: occurrence.daysSinceEpoch - firstDay, nameIndex: occurrence.nameIndex))
        }
        return selector.select(
            skuIndex: sku,
            series: UnsafeBufferPointer(rebasing: row[firstColumn..<row.count]),
            firstDaysSinceEpoch: firstDay,
            pastEvents: pastEvents,
            categoryProfile: profiles[categoryBySKU[sku]],
            categoryYearly: pooling.yearly[categoryBySKU[sku]],
            categoryEventFactors: pooling.eventFactors[categoryBySKU[sku]],
            workspace: workspace
        )
    }
}
