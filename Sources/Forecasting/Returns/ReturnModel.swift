import Foundation
import PlannerCore

/// How a SKU's return rate and lag were estimated.
public enum ReturnEstimateSource: String, Sendable, CaseIterable {
    /// Its own rate and lag (at least ``ReturnModel/ownLagMinimumUnits`` returned units in the lag window).
    case own
    /// Its own returns and sales for the rate, shrunk toward its category's; the category's lag.
    case pooled
}

/// One SKU's returns: the share of sold units that come back, the lag, and how they grade.
public struct ReturnEstimate: Sendable, Equatable {
    public var skuIndex: Int
    /// Returned units per unit sold.
    public var rate: Double
    public var lag: ReturnLag
    public var source: ReturnEstimateSource
    /// Units returned in the estimation window.
    public var returnedUnits: Int
    /// Share of returned units per grade (resellable, defective, scrap), summing to 1.
    public var gradeShares: [ReturnGrade: Double]

    public init(
        skuIndex: Int,
        rate: Double,
        lag: ReturnLag,
        source: ReturnEstimateSource,
        returnedUnits: Int,
        gradeShares: [ReturnGrade: Double]
    ) {
        self.skuIndex = skuIndex
        self.rate = rate
        self.lag = lag
        self.source = source
        self.returnedUnits = returnedUnits
        self.gradeShares = gradeShares
    }
}

extension ReturnEstimate {
    /// Expected returned units on each of `horizonDays` days, from the lag filter's state on the first of them
    /// (left by the sales before it) and `sold(offset)` units sold on each day: r x(t), x stepped day by day.
    func expectedReturns(from state: SIMD2<Double>, horizonDays: Int, sold: (Int) -> Double) -> [Double] {
        var state = state
        return (0..<horizonDays).map { offset in
            let units = rate * state[1]
            state = lag.step(state, sold: sold(offset))
            return units
        }
    }
}

/// Return rates and lags per SKU, estimated from `returns.csv` and the sales before the plan date.
///
/// Model: each unit sold on day s comes back with probability r on day s + L, L a ``ReturnLag`` of mean m.
/// Per category, m is the value (on a grid of 2 to 60 days, refined by a parabola through the best point and its
/// neighbours) whose expected returns r x(t) (x the lagged sales) have the largest Poisson likelihood (r at its
/// maximum, sum y / sum x) for the category's daily returns over the last ``lagWindowDays`` days. It is fitted
/// twice: on the category's sales, then on each SKU's sales weighted by its rate from the first fit, so that SKUs
/// which return more weigh more in the shape of the returns. The category's rate is returned units / x summed over
/// the last ``windowDays`` days (the ratio estimator, unbiased for Poisson returns). A SKU with at least
/// ``ownLagMinimumUnits`` returned units in the lag window gets its own m and r the same way; any other SKU gets its
/// category's m and r = (R + k r_c) / (E + k), R its returned units, E its lagged sales in the window (the expected
/// returns at rate 1), k = ``priorReturnedUnits`` / r_c: its own evidence shrunk toward the category's rate with the
/// weight of 10 returned units (the empirical-Bayes pooling of ``EventUplift``).
/// Grade shares: `returns.grade_shares` when configured; else the SKU's graded returns shrunk toward its
/// category's shares and those toward all SKUs' (10 graded units each); with no graded return at all, every
/// unit counts as defective (never resold: the safe side for supply).
public struct ReturnModel: Sendable {
    public static let windowDays = 364
    /// Days of returns the lag is fitted on: a lag shows only where sales move (weeks, peaks), so two years.
    public static let lagWindowDays = 728
    /// History before the window whose sales still return inside it (mean lags up to 60 days).
    public static let warmupDays = 365
    /// Returned units in the lag window from which a SKU's own lag is fitted: a lag shows only through how sales
    /// move, so a SKU needs many returns before its own lag beats its category's.
    public static let ownLagMinimumUnits = 5_000
    public static let priorReturnedUnits = 10.0
    public static let priorGradedUnits = 10.0
    static let meanLagGrid: [Double] =
        Array(stride(from: 2.0, through: 30, by: 1)) + Array(stride(from: 32.0, through: 60, by: 2))

    public let planDate: Day
    /// By SKU index; nil for a SKU whose category has no returns.
    public let estimates: [ReturnEstimate?]

    public var isEmpty: Bool { !estimates.contains { $0 != nil } }

    /// Estimates given outright, by SKU index.
    public init(planDate: Day, estimates: [ReturnEstimate?]) {
        self.planDate = planDate
        self.estimates = estimates
    }

    public init(dataSet: DataSet, planDate: Day, settings: ReturnsSettings) {
        self.planDate = planDate
        let skuCount = dataSet.skus.count
        guard !dataSet.returns.isEmpty else {
            estimates = Array(repeating: nil, count: skuCount)
            return
        }
        let planDay = planDate.daysSinceEpoch
        let window = ReturnModel.lagWindowDays
        let rateWindow = ReturnModel.windowDays
        let span = window + ReturnModel.warmupDays
        let firstDay = planDay - span
        let categories = Array(Set(dataSet.skus.map(\.category))).sorted()
        let categoryIndex = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
        let categoryBySKU = dataSet.skus.map { categoryIndex[$0.category]! }

        // Returned units in the window per SKU and per category day; graded counts over all history.
        var returnedBySKU = [Int](repeating: 0, count: skuCount)
        var lagWindowReturnedBySKU = [Int](repeating: 0, count: skuCount)
        var categoryReturns = [Double](repeating: 0, count: categories.count * window)
        var graded = [SIMD4<Double>](repeating: .zero, count: skuCount)
        for record in dataSet.returns where record.day.daysSinceEpoch < planDay {
            if let grade = record.grade {
                graded[record.skuIndex][ReturnGrade.allCases.firstIndex(of: grade)!] += Double(record.quantity)
            }
            let column = record.day.daysSinceEpoch - (planDay - window)
            guard column >= 0 else { continue }
            if column >= window - rateWindow { returnedBySKU[record.skuIndex] += record.quantity }
            lagWindowReturnedBySKU[record.skuIndex] += record.quantity
            categoryReturns[categoryBySKU[record.skuIndex] * window + column] += Double(record.quantity)
        }
        let ownSKUs = (0..<skuCount).filter { lagWindowReturnedBySKU[$0] >= ReturnModel.ownLagMinimumUnits }
        let ownSlot = Dictionary(uniqueKeysWithValues: ownSKUs.enumerated().map { ($1, $0) })
        var ownReturns = [Double](repeating: 0, count: ownSKUs.count * window)
        for record in dataSet.returns {
            guard let slot = ownSlot[record.skuIndex] else { continue }
            let column = record.day.daysSinceEpoch - (planDay - window)
            guard column >= 0, column < window else { continue }
            ownReturns[slot * window + column] += Double(record.quantity)
        }

        // Daily sales over the window and its warm-up: per category, and per SKU with its own lag.
        var categorySales = [Double](repeating: 0, count: categories.count * span)
        var ownSales = [Double](repeating: 0, count: ownSKUs.count * span)
        let demand = dataSet.demand
        for row in 0..<demand.count {
            let column = Int(demand.days[row]) - firstDay
            guard column >= 0, column < span else { continue }
            let sku = Int(demand.skuIndices[row])
            let units = Double(demand.quantities[row])
            categorySales[categoryBySKU[sku] * span + column] += units
            if let slot = ownSlot[sku] { ownSales[slot * span + column] += units }
        }
        var categoryFits = (0..<categories.count).map { category in
            ReturnModel.fit(
                sales: categorySales[(category * span)..<((category + 1) * span)],
                returns: categoryReturns[(category * window)..<((category + 1) * window)]
            )
        }
        let ownFits = ownSKUs.indices.map { slot in
            ReturnModel.fit(
                sales: ownSales[(slot * span)..<((slot + 1) * span)],
                returns: ownReturns[(slot * window)..<((slot + 1) * window)]
            )
        }

        // Each pooled SKU's exposure: its sales weighted by the chance their return lands in the window.
        func exposures(_ fits: [(rate: Double, lag: ReturnLag)?]) -> [Double] {
            let weights = fits.map { fit in fit.map { ReturnModel.windowWeights(lag: $0.lag, span: span) } }
            var exposure = [Double](repeating: 0, count: skuCount)
            for row in 0..<demand.count {
                let age = planDay - Int(demand.days[row])
                guard age >= 1, age <= span else { continue }
                let sku = Int(demand.skuIndices[row])
                guard ownSlot[sku] == nil, let table = weights[categoryBySKU[sku]] else { continue }
                exposure[sku] += Double(demand.quantities[row]) * table[age - 1]
            }
            return exposure
        }
        /// A pooled SKU's rate: its returned units over its exposure, shrunk toward its category's rate.
        func pooledRate(_ sku: Int, exposure: [Double], category: Double) -> Double {
            let prior = category > 0 ? ReturnModel.priorReturnedUnits / category : 0
            return prior > 0 ? (Double(returnedBySKU[sku]) + prior * category) / (exposure[sku] + prior) : 0
        }
        var exposure = exposures(categoryFits)

        // The category's returns are its SKUs' sales each at its own rate (they differ within a category), lagged.
        // The first fit takes them all at one rate, so a SKU's sales pattern weighs with its share of the sales
        // rather than of the returns: the lag is fitted once more on the sales weighted by each SKU's estimated
        // rate, which leaves the shape of the returns to the lag alone.
        var weightedSales = [Double](repeating: 0, count: categories.count * span)
        let rateBySKU = (0..<skuCount).map { sku -> Double in
            if let slot = ownSlot[sku], let fit = ownFits[slot] { return fit.rate }
            guard let category = categoryFits[categoryBySKU[sku]] else { return 0 }
            return pooledRate(sku, exposure: exposure, category: category.rate)
        }
        for row in 0..<demand.count {
            let column = Int(demand.days[row]) - firstDay
            guard column >= 0, column < span else { continue }
            let sku = Int(demand.skuIndices[row])
            weightedSales[categoryBySKU[sku] * span + column] += Double(demand.quantities[row]) * rateBySKU[sku]
        }
        categoryFits = categoryFits.indices.map { category in
            guard categoryFits[category] != nil,
                let refitted = ReturnModel.fit(
                    sales: weightedSales[(category * span)..<((category + 1) * span)],
                    returns: categoryReturns[(category * window)..<((category + 1) * window)]
                ),
                let rate = ReturnModel.rate(
                    sales: categorySales[(category * span)..<((category + 1) * span)],
                    returns: categoryReturns[(category * window)..<((category + 1) * window)],
                    lag: refitted.lag
                )
            else { return categoryFits[category] }
            return (rate, refitted.lag)
        }
        exposure = exposures(categoryFits)

        let shares = ReturnModel.gradeShares(
            graded: graded,
            categoryBySKU: categoryBySKU,
            categoryCount: categories.count,
            configured: settings.gradeShares
        )
        estimates = (0..<skuCount).map { sku in
            if let slot = ownSlot[sku], let fit = ownFits[slot] {
                return ReturnEstimate(
                    skuIndex: sku,
                    rate: fit.rate,
                    lag: fit.lag,
                    source: .own,
                    returnedUnits: returnedBySKU[sku],
                    gradeShares: shares[sku]
                )
            }
            guard let category = categoryFits[categoryBySKU[sku]] else { return nil }
            return ReturnEstimate(
                skuIndex: sku,
                rate: pooledRate(sku, exposure: exposure, category: category.rate),
                lag: category.lag,
                source: .pooled,
                returnedUnits: returnedBySKU[sku],
                gradeShares: shares[sku]
            )
        }
    }

    /// The rate and lag of one series, or nil without returns or sales. `sales` covers the warm-up then the
    /// lag window; `returns` the lag window. The lag is fitted on the whole lag window, the rate on its last
    /// ``windowDays`` days.
    static func fit(sales: ArraySlice<Double>, returns: ArraySlice<Double>) -> (rate: Double, lag: ReturnLag)? {
        let meanLagGrid = ReturnModel.meanLagGrid
        let scores = meanLagGrid.map { evaluate(sales: sales, returns: returns, lag: ReturnLag(meanDays: $0)) }
        guard
            let bestIndex = scores.indices.filter({ scores[$0] != nil }).max(by: {
                scores[$0]!.likelihood < scores[$1]!.likelihood
            })
        else { return nil }
        // A parabola through the best grid point and its neighbours places the maximum between grid points.
        var mean = meanLagGrid[bestIndex]
        if bestIndex > 0, bestIndex + 1 < meanLagGrid.count, let low = scores[bestIndex - 1],
            let high = scores[bestIndex + 1]
        {
            let (x0, x1, x2) = (meanLagGrid[bestIndex - 1], mean, meanLagGrid[bestIndex + 1])
            let (y0, y1, y2) = (low.likelihood, scores[bestIndex]!.likelihood, high.likelihood)
            let denominator = (x0 - x1) * (x0 - x2) * (x1 - x2)
            let a = (x2 * (y1 - y0) + x1 * (y0 - y2) + x0 * (y2 - y1)) / denominator
            let b = (x2 * x2 * (y0 - y1) + x1 * x1 * (y2 - y0) + x0 * x0 * (y1 - y2)) / denominator
            if a < 0 { mean = min(max(-b / (2 * a), x0), x2) }
        }
        let lag = ReturnLag(meanDays: mean)
        guard let refined = evaluate(sales: sales, returns: returns, lag: lag) else { return nil }
        return (refined.rate, lag)
    }

    /// The rate over the last ``windowDays`` days at a given lag, or nil without returns or sales.
    static func rate(sales: ArraySlice<Double>, returns: ArraySlice<Double>, lag: ReturnLag) -> Double? {
        evaluate(sales: sales, returns: returns, lag: lag)?.rate
    }

    /// Poisson log-likelihood of the returns at `lag`, with the rate at its maximum r = sum y / sum x:
    /// sum y log(r x) - r sum x; and the rate over the last windowDays days (returned units over x there).
    static func evaluate(
        sales: ArraySlice<Double>,
        returns: ArraySlice<Double>,
        lag: ReturnLag
    ) -> (likelihood: Double, rate: Double)? {
        let rateStart = returns.count - min(windowDays, returns.count)
        let returned = returns.dropFirst(rateStart).reduce(0, +)
        let allReturned = returns.reduce(0, +)
        guard returned > 0 else { return nil }
        let warmup = sales.count - returns.count
        let x = UnsafeMutableBufferPointer<Double>.allocate(capacity: returns.count)
        defer { x.deallocate() }
        var state = SIMD2<Double>.zero
        var day = 0
        for sold in sales {
            if day >= warmup { x[day - warmup] = state[1] }
            state = lag.step(state, sold: sold)
            day += 1
        }
        var sumX = 0.0
        var recentX = 0.0
        for (index, value) in x.enumerated() {
            sumX += value
            if index >= rateStart { recentX += value }
        }
        guard sumX > 0, recentX > 0 else { return nil }
        let rate = allReturned / sumX
        var likelihood = -allReturned
        for (index, y) in returns.enumerated() where y > 0 {
            likelihood += x[index] > 0 ? y * log(rate * x[index]) : -1e9
        }
        return (likelihood, returned / recentX)
    }

    /// weight[age - 1]: the chance that a unit sold `age` days before the plan date comes back inside the window,
    /// P(age - window <= L <= age - 1).
    static func windowWeights(lag: ReturnLag, span: Int) -> [Double] {
        (1...span).map { age in
            lag.survival(days: max(0, age - windowDays - 1)) - lag.survival(days: age - 1)
        }
    }

    /// Grade shares per SKU (see the type's documentation).
    static func gradeShares(
        graded: [SIMD4<Double>],
        categoryBySKU: [Int],
        categoryCount: Int,
        configured: [ReturnGrade: Double]?
    ) -> [[ReturnGrade: Double]] {
        func dictionary(_ shares: SIMD4<Double>) -> [ReturnGrade: Double] {
            Dictionary(uniqueKeysWithValues: ReturnGrade.allCases.enumerated().map { ($1, shares[$0]) })
        }
        if let configured { return Array(repeating: configured, count: graded.count) }
        func shrunk(_ counts: SIMD4<Double>, toward prior: SIMD4<Double>) -> SIMD4<Double> {
            (counts + priorGradedUnits * prior) / (counts.sum() + priorGradedUnits)
        }
        let total = graded.reduce(SIMD4<Double>.zero, +)
        guard total.sum() > 0 else { return Array(repeating: dictionary(SIMD4(0, 1, 0, 0)), count: graded.count) }
        let overall = total / total.sum()
        var categoryCounts = [SIMD4<Double>](repeating: .zero, count: categoryCount)
        for (sku, counts) in graded.enumerated() { categoryCounts[categoryBySKU[sku]] += counts }
        let categoryShares = categoryCounts.map { shrunk($0, toward: overall) }
        return graded.enumerated().map { sku, counts in
            dictionary(shrunk(counts, toward: categoryShares[categoryBySKU[sku]]))
        }
    }
}
