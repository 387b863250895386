import PlannerCore

/// The sums over SKUs that the forecast pools by category, taken from the demand and returns rows of some SKUs
/// (one shard's, or all of them). Everything is whole units in 64 bits, so the totals of disjoint sets of SKUs add
/// up to exactly the totals of their union, in any order (``merged(_:)``): a sharded forecast pools the same
/// numbers as one process.
///
/// What pools, with P the plan date, H `historyDays` and the window [P - H, P) clipped to the earliest demand row:
/// - ``CategoryPooling``: the daily units of the category's SKUs that first sold on or before the window's first
///   day, for the category's yearly profile and event factors. Which SKUs those are depends on the earliest demand
///   row of all SKUs, so two sets are kept: SKUs first sold on or before P - H (`established`), and SKUs first sold
///   on these rows' earliest day, after P - H (`earliestCohort`, which counts only where that day is the earliest of
///   all).
/// - The weekday profile of new SKUs: units per weekday over the last min(56, H) days of SKUs first sold at least
///   `newSKUDays` days before P.
/// - ``ReturnModel``: daily units sold over its span, daily units returned over its lag window, and graded returned
///   units, per category.
public struct PoolingTotals: Sendable, Equatable {
    public let planDate: Day
    public let historyDays: Int
    public let newSKUDays: Int
    /// Distinct categories of skus.csv, ascending: the index of every per-category array.
    public let categories: [String]
    /// The earliest day of any demand row (any quantity, any date); nil without rows.
    public var earliestDemandDay: Int?
    /// Units per (category, day of [P - H, P)) of SKUs first sold on or before P - H; and how many such SKUs.
    public var establishedUnits: [Int64]
    public var establishedSKUs: [Int64]
    /// The same of SKUs first sold on `earliestDemandDay`, after P - H.
    public var earliestCohortUnits: [Int64]
    public var earliestCohortSKUs: [Int64]
    /// Units per (category, weekday 0 = Monday ... 6) over the last ``weekdayDays`` days before P of SKUs first sold
    /// on or before P - `newSKUDays`.
    public var weekdayUnits: [Int64]
    /// Rows of returns.csv (any date).
    public var returnRows: Int64
    /// Units sold per (category, day of [P - ``ReturnModel/span``, P)).
    public var categorySales: [Int64]
    /// Units returned per (category, day of [P - ``ReturnModel/lagWindowDays``, P)).
    public var categoryReturns: [Int64]
    /// Graded units returned before P per (category, grade in ``ReturnGrade/allCases`` order).
    public var categoryGraded: [Int64]

    /// Days of the weekday profile: the last 56, or the whole history window when it is shorter.
    public var weekdayDays: Int { min(56, historyDays) }

    /// Empty totals: no SKU, nothing sold or returned.
    public init(planDate: Day, settings: ForecastSettings, categories: [String]) {
        self.planDate = planDate
        historyDays = max(0, settings.historyDays)
        newSKUDays = settings.newSKUDays
        self.categories = categories
        let count = categories.count
        earliestDemandDay = nil
        establishedUnits = Array(repeating: 0, count: count * historyDays)
        establishedSKUs = Array(repeating: 0, count: count)
        earliestCohortUnits = Array(repeating: 0, count: count * historyDays)
        earliestCohortSKUs = Array(repeating: 0, count: count)
        weekdayUnits = Array(repeating: 0, count: count * 7)
        returnRows = 0
        categorySales = Array(repeating: 0, count: count * ReturnModel.span)
        categoryReturns = Array(repeating: 0, count: count * ReturnModel.lagWindowDays)
        categoryGraded = Array(repeating: 0, count: count * ReturnGrade.allCases.count)
    }

    /// The totals of the SKUs whose rows `dataSet` holds: all of them, or one shard's (its demand and returns rows
    /// only; every SKU of skus.csv is still listed, so categories and indices are those of the whole data set).
    public init(dataSet: DataSet, planDate: Day, settings: ForecastSettings) {
        self.init(planDate: planDate, settings: settings, categories: Self.categories(of: dataSet))
        let categoryIndex = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
        let categoryBySKU = dataSet.skus.map { categoryIndex[$0.category]! }
        let planDay = planDate.daysSinceEpoch
        let history = dataSet.demand
        // First sale (units > 0, before P) of every SKU, and the earliest row.
        var firstSale = [Int32](repeating: Int32.max, count: dataSet.skus.count)
        var earliest = Int32.max
        for row in 0..<history.count {
            let day = history.days[row]
            earliest = min(earliest, day)
            guard Int(day) < planDay, history.quantities[row] > 0 else { continue }
            let sku = Int(history.skuIndices[row])
            if day < firstSale[sku] { firstSale[sku] = day }
        }
        earliestDemandDay = history.count > 0 ? Int(earliest) : nil
        let windowStart = planDay - historyDays
        let weekdayStart = planDay - weekdayDays
        let establishedBy = Int32(clamping: windowStart)
        let weekdayBy = Int32(clamping: planDay - newSKUDays)
        for sku in firstSale.indices where firstSale[sku] != Int32.max {
            if firstSale[sku] <= establishedBy {
                establishedSKUs[categoryBySKU[sku]] += 1
            } else if firstSale[sku] == earliest {
                earliestCohortSKUs[categoryBySKU[sku]] += 1
            }
        }
        let salesStart = planDay - ReturnModel.span
        for row in 0..<history.count {
            let day = Int(history.days[row])
            guard day < planDay else { continue }
            let sku = Int(history.skuIndices[row])
            let category = categoryBySKU[sku]
            let units = Int64(history.quantities[row])
            if day >= salesStart { categorySales[category * ReturnModel.span + day - salesStart] += units }
            guard day >= windowStart else { continue }
            let first = firstSale[sku]
            if first <= establishedBy {
                establishedUnits[category * historyDays + day - windowStart] += units
            } else if first == earliest {
                earliestCohortUnits[category * historyDays + day - windowStart] += units
            }
            if day >= weekdayStart, first <= weekdayBy {
                weekdayUnits[category * 7 + HistoryWindow.weekday(daysSinceEpoch: day)] += units
            }
        }
        returnRows = Int64(dataSet.returns.count)
        let returnsStart = planDay - ReturnModel.lagWindowDays
        let gradeCount = ReturnGrade.allCases.count
        for record in dataSet.returns where record.day.daysSinceEpoch < planDay {
            let category = categoryBySKU[record.skuIndex]
            let units = Int64(record.quantity)
            if let grade = record.grade {
                categoryGraded[category * gradeCount + ReturnGrade.allCases.firstIndex(of: grade)!] += units
            }
            let column = record.day.daysSinceEpoch - returnsStart
            if column >= 0 { categoryReturns[category * ReturnModel.lagWindowDays + column] += units }
        }
    }

    /// Distinct categories of the data set's SKUs, ascending.
    public static func categories(of dataSet: DataSet) -> [String] {
        Array(Set(dataSet.skus.map(\.category))).sorted()
    }

    /// Whether two parts were taken for the same plan, settings and categories, so they can be added.
    public func isCompatible(with other: PoolingTotals) -> Bool {
        planDate == other.planDate && historyDays == other.historyDays && newSKUDays == other.newSKUDays
            && categories == other.categories
    }

    /// The totals of the union of disjoint parts (nil when `parts` is empty or they are not compatible). The earliest
    /// cohort is kept only from the parts whose earliest row is the earliest of all.
    public static func merged(_ parts: [PoolingTotals]) -> PoolingTotals? {
        guard var result = parts.first, parts.allSatisfy({ $0.isCompatible(with: result) }) else { return nil }
        let earliest = parts.compactMap(\.earliestDemandDay).min()
        result.earliestDemandDay = earliest
        func sum(_ field: KeyPath<PoolingTotals, [Int64]>, from members: [PoolingTotals]) -> [Int64] {
            var total = [Int64](repeating: 0, count: result[keyPath: field].count)
            for part in members {
                for index in total.indices { total[index] += part[keyPath: field][index] }
            }
            return total
        }
        let cohort = parts.filter { $0.earliestDemandDay != nil && $0.earliestDemandDay == earliest }
        result.establishedUnits = sum(\.establishedUnits, from: parts)
        result.establishedSKUs = sum(\.establishedSKUs, from: parts)
        result.earliestCohortUnits = sum(\.earliestCohortUnits, from: cohort)
        result.earliestCohortSKUs = sum(\.earliestCohortSKUs, from: cohort)
        result.weekdayUnits = sum(\.weekdayUnits, from: parts)
        result.returnRows = parts.reduce(0) { $0 + $1.returnRows }
        result.categorySales = sum(\.categorySales, from: parts)
        result.categoryReturns = sum(\.categoryReturns, from: parts)
        result.categoryGraded = sum(\.categoryGraded, from: parts)
        return result
    }

    // MARK: - What the forecast reads

    /// Days of the forecast's history window: min(H, P - earliest demand day), at least 0.
    public var windowDays: Int {
        guard let earliestDemandDay else { return 0 }
        return max(0, min(historyDays, planDate.daysSinceEpoch - earliestDemandDay))
    }

    /// The window's first day.
    public var windowFirstDay: Day { Day(daysSinceEpoch: planDate.daysSinceEpoch - windowDays) }

    /// Daily units over the window (``windowDays`` values) of the category's SKUs first sold on or before the window's
    /// first day, and how many they are: what ``CategoryPooling`` pools.
    func pooledUnits(category: Int) -> (units: [Double], skus: Int64) {
        let days = windowDays
        let offset = category * historyDays + historyDays - days
        // The window starts at P - H: the established SKUs. It starts later only at the earliest row, which no SKU
        // sold before: then the SKUs first sold on it (and no established SKU exists).
        let usesCohort = days < historyDays
        var units = [Double](repeating: 0, count: days)
        for day in 0..<days {
            units[day] = Double(establishedUnits[offset + day] + (usesCohort ? earliestCohortUnits[offset + day] : 0))
        }
        return (units, establishedSKUs[category] + (usesCohort ? earliestCohortSKUs[category] : 0))
    }

    /// Units per weekday of the category's SKUs that are not new, over the last min(56, window) days; zeros when the
    /// window is shorter than `newSKUDays` (every SKU is new).
    func weekdayTotals(category: Int) -> SIMD8<Double> {
        var totals = SIMD8<Double>(repeating: 0)
        guard windowDays >= newSKUDays else { return totals }
        for weekday in 0..<7 { totals[weekday] = Double(weekdayUnits[category * 7 + weekday]) }
        return totals
    }

    /// The category's units sold per day of [P - ``ReturnModel/span``, P), what its returns lag is fitted on.
    func sales(ofCategory category: Int) -> ArraySlice<Double> {
        categorySales[(category * ReturnModel.span)..<((category + 1) * ReturnModel.span)].map(Double.init)[...]
    }

    /// The category's units returned per day of [P - ``ReturnModel/lagWindowDays``, P).
    func returns(ofCategory category: Int) -> ArraySlice<Double> {
        let window = ReturnModel.lagWindowDays
        return categoryReturns[(category * window)..<((category + 1) * window)].map(Double.init)[...]
    }
}
