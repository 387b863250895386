import PlannerCore

/// The baseline model `dow_profile_level`: a recent level times a day-of-week profile.
///
/// For each (sku, region), using only history strictly before the plan date (a day without a row
/// sold zero):
/// - level = mean daily units over the last `levelWindowDays` days;
/// - index[weekday] = mean units on that weekday / mean units per day, both over the last
///   `profileWindowDays` days (every index is 1 when that mean is not positive, or when the window
///   holds less than one whole week, see below);
/// - forecast(day) = level * index[weekday(day)] * product of the factors of every uplift that applies.
///
/// A series is produced for each pair with at least one row of quantity > 0 in either window; other
/// pairs are omitted and are forecast as zero. For a SKU whose first sale (any region) lies inside a
/// window, that window is cut to the days since the first sale (``HistoryWindow/effectiveDays``).
/// Forecasts are clamped to finite values >= 0 (negative rows, such as returns, can pull a mean below 0).
public enum BaselineForecaster {
    public static let modelName = "dow_profile_level"

    public static func forecast(
        dataSet: DataSet,
        planDate: Day,
        horizonDays: Int,
        settings: ForecastSettings,
        uplifts: [DemandUplift],
        abcClassBySKU: [ABCClass]
    ) -> DemandForecast {
        precondition(abcClassBySKU.count == dataSet.skus.count, "one ABC class per SKU")
        let horizon = max(0, horizonDays)
        let totals = WindowTotals(dataSet: dataSet, planDate: planDate, settings: settings)
        let upliftFactors = UpliftFactors(
            uplifts: uplifts,
            dataSet: dataSet,
            abcClassBySKU: abcClassBySKU,
            startDay: planDate,
            horizonDays: horizon
        )
        let horizonWeekdays = (0..<horizon).map {
            HistoryWindow.weekday(daysSinceEpoch: planDate.daysSinceEpoch + $0)
        }

        var series: [SeriesForecast] = []
        series.reserveCapacity(totals.seriesCount)
        for slot in totals.slotsInPairOrder() where totals.hasSale[slot] {
            let skuIndex = totals.skuIndex(slot: slot)
            let regionIndex = totals.regionIndex(slot: slot)
            let firstSale = totals.firstSaleDay(skuIndex: skuIndex)
            let level = dailyLevel(
                units: totals.levelUnits[slot],
                days: HistoryWindow.effectiveDays(
                    windowDays: settings.levelWindowDays,
                    planDate: planDate,
                    firstSaleDay: firstSale
                )
            )
            let profile = weekdayIndices(
                unitsByWeekday: Array(totals.weekdayUnits[(slot * 7)..<(slot * 7 + 7)]),
                days: HistoryWindow.effectiveDays(
                    windowDays: settings.profileWindowDays,
                    planDate: planDate,
                    firstSaleDay: firstSale
                ),
                planDate: planDate
            )
            let factors = upliftFactors.factors(skuIndex: skuIndex, regionIndex: regionIndex)
            let units = (0..<horizon).map { offset in
                nonNegativeFinite(level * profile[horizonWeekdays[offset]] * factors[offset])
            }
            series.append(
                SeriesForecast(skuIndex: skuIndex, regionIndex: regionIndex, unitsPerDay: units, model: modelName)
            )
        }
        return DemandForecast(startDay: planDate, horizonDays: horizon, series: series)
    }

    /// Mean daily units: `units / days`.
    static func dailyLevel(units: Double, days: Int) -> Double {
        units / Double(max(1, days))
    }

    /// Day-of-week indices (0 = Monday) from the units sold on each weekday over the `days` days
    /// before `planDate`: (units[w] / occurrences of w) / (total units / days). All 1 when the window
    /// is shorter than a week (some weekday unseen) or sold nothing (or a negative net total).
    static func weekdayIndices(unitsByWeekday: [Double], days: Int, planDate: Day) -> [Double] {
        let flat = Array(repeating: 1.0, count: 7)
        guard days >= 7 else { return flat }
        let windowMean = unitsByWeekday.reduce(0, +) / Double(days)
        guard windowMean > 0 else { return flat }
        let counts = HistoryWindow.weekdayCounts(days: days, before: planDate)
        return (0..<7).map { weekday in unitsByWeekday[weekday] / Double(counts[weekday]) / windowMean }
    }

    private static func nonNegativeFinite(_ value: Double) -> Double {
        value.isFinite && value > 0 ? value : 0
    }
}

/// Units per (sku, region) series in the level and profile windows, gathered in one pass over the
/// columnar history. Series ("slots") are created when a pair first shows a row inside either window.
struct WindowTotals {
    let regionCount: Int
    private(set) var seriesCount = 0
    /// Pair (`sku * regionCount + region`) of each slot.
    private(set) var pairBySlot: [Int] = []
    private(set) var levelUnits: [Double] = []
    /// Seven entries per slot, Monday first.
    private(set) var weekdayUnits: [Double] = []
    private(set) var hasSale: [Bool] = []
    /// Days since epoch of each SKU's first row with quantity > 0 before the plan date; Int.max if none.
    private var firstSaleBySKU: [Int]

    init(dataSet: DataSet, planDate: Day, settings: ForecastSettings) {
        let history = dataSet.demand
        regionCount = dataSet.regions.count
        firstSaleBySKU = Array(repeating: Int.max, count: dataSet.skus.count)
        let planDay = planDate.daysSinceEpoch
        let levelStart = planDay - max(1, settings.levelWindowDays)
        let profileStart = planDay - max(1, settings.profileWindowDays)
        let windowStart = min(levelStart, profileStart)
        var slotByPair = [Int32](repeating: -1, count: dataSet.skus.count * regionCount)

        let skuColumn = history.skuIndices
        let regionColumn = history.regionIndices
        let dayColumn = history.days
        let quantityColumn = history.quantities
        for row in 0..<history.count {
            let day = Int(dayColumn[row])
            guard day < planDay else { continue }
            let quantity = Double(quantityColumn[row])
            let skuIndex = Int(skuColumn[row])
            if quantity > 0, day < firstSaleBySKU[skuIndex] {
                firstSaleBySKU[skuIndex] = day
            }
            guard day >= windowStart else { continue }
            let pair = skuIndex * regionCount + Int(regionColumn[row])
            var slot = Int(slotByPair[pair])
            if slot < 0 {
                slot = seriesCount
                slotByPair[pair] = Int32(slot)
                seriesCount += 1
                pairBySlot.append(pair)
                levelUnits.append(0)
                weekdayUnits.append(contentsOf: repeatElement(0, count: 7))
                hasSale.append(false)
            }
            if day >= levelStart { levelUnits[slot] += quantity }
            if day >= profileStart {
                weekdayUnits[slot * 7 + HistoryWindow.weekday(daysSinceEpoch: day)] += quantity
            }
            if quantity > 0 { hasSale[slot] = true }
        }
    }

    func slotsInPairOrder() -> [Int] {
        (0..<seriesCount).sorted { pairBySlot[$0] < pairBySlot[$1] }
    }

    func skuIndex(slot: Int) -> Int { pairBySlot[slot] / regionCount }

    func regionIndex(slot: Int) -> Int { pairBySlot[slot] % regionCount }

    func firstSaleDay(skuIndex: Int) -> Day? {
        let day = firstSaleBySKU[skuIndex]
        return day == Int.max ? nil : Day(daysSinceEpoch: day)
    }
}
