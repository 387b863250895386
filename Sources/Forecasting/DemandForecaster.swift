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
        precondition(abcClassBySKU.count == dataSet.skus.count, "one ABC class per SKU")
        let horizon = max(0, horizonDays)
        let matrix = DailyDemandMatrix(dataSet: dataSet, planDate: planDate, settings: settings)
        let categories = Array(Set(dataSet.skus.map(\.category))).sorted()
        let categoryIndex = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
        let categoryBySKU = dataSet.skus.map { categoryIndex[$0.category]! }
        let profiles = matrix.categoryWeekdayProfiles(
            categoryBySKU: categoryBySKU,
            categoryCount: categories.count,
            days: 56,
            newSKUDays: settings.newSKUDays
        )
        let calendar = EventCalendar(dataSet: dataSet, planDate: planDate)
        let pooling = CategoryPooling(
            matrix: matrix,
            categoryBySKU: categoryBySKU,
            categoryCount: categories.count,
            categories: categories,
            calendar: calendar
        )
        let selector = SeriesModelSelector(
            settings: settings,
            horizonDays: horizon,
            eventNameCount: calendar.names.count,
            keepsAllCandidates: keepsAllCandidates
        )
        let skus = (0..<matrix.skuCount).filter { matrix.firstSaleColumn(sku: $0) != nil }
        let chunkCount = (skus.count + chunkSize - 1) / chunkSize
        let workers = max(1, min(workerCount, chunkCount))
        let progress = StageProgress.current
        progress?.begin("forecast", total: skus.count, unit: "SKUs")
        defer { progress?.end() }

        let results = await withTaskGroup(of: [(Int, [SKUModelResult])].self) { group in
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
                            selectModel(
                                sku: sku,
                                matrix: matrix,
                                calendar: calendar,
                                profiles: profiles,
                                pooling: pooling,
                                categoryBySKU: categoryBySKU,
                                selector: selector,
                                workspace: workspace
                            )
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

        return ForecastAssembly(
            dataSet: dataSet,
            planDate: planDate,
            horizonDays: horizon,
            matrix: matrix,
            calendar: calendar,
            categoryBySKU: categoryBySKU,
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
