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
///
/// Sharded, the category sums come from every shard (``PoolingTotals``, then ``RateWeightedSales``, each a sum over
/// SKUs that adds up exactly in any order), the rest from the shard's own SKUs: ``estimates(dataSet:planDate:settings:
/// totals:weightedSales:members:)`` gives every SKU the estimate one process gives it.
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
        let totals = PoolingTotals(dataSet: dataSet, planDate: planDate, settings: ForecastSettings())
        let members = Array(dataSet.skus.indices)
        self.init(
            planDate: planDate,
            estimates: ReturnModel.estimates(
                dataSet: dataSet,
                planDate: planDate,
                settings: settings,
                totals: totals,
                weightedSales: ReturnModel.rateWeightedSales(
                    dataSet: dataSet,
                    planDate: planDate,
                    totals: totals,
                    members: members
                ),
                members: members
            )
        )
    }

    /// Days of sales a category's lag is fitted on: the lag window and the warm-up before it.
    public static let span = lagWindowDays + warmupDays

    /// The first fit of every category (by index of `totals.categories`): its lag and rate on its plain sales.
    static func firstFits(totals: PoolingTotals) -> [(rate: Double, lag: ReturnLag)?] {
        totals.categories.indices.map { category in
            ReturnModel.fit(sales: totals.sales(ofCategory: category), returns: totals.returns(ofCategory: category))
        }
    }

    /// The `members`' part (ascending SKU indices whose demand and returns rows `dataSet` holds, and no other's) of
    /// the rate-weighted sales the second fit reads: each sales row times its SKU's rate from the first fit (on
    /// `totals`, every shard's). All zero when no SKU has returns.
    public static func rateWeightedSales(
        dataSet: DataSet,
        planDate: Day,
        totals: PoolingTotals,
        members: [Int]
    ) -> RateWeightedSales {
        var weighted = RateWeightedSales(categories: totals.categories)
        guard totals.returnRows > 0 else { return weighted }
        let own = MemberReturns(dataSet: dataSet, planDate: planDate, totals: totals, members: members)
        let first = firstFits(totals: totals)
        let exposure = own.exposure(fits: first)
        let rateByMember = members.indices.map { member -> Double in
            if let fit = own.ownFit(member) { return fit.rate }
            guard let category = first[own.categoryBySKU[members[member]]] else { return 0 }
            return own.pooledRate(member, exposure: exposure, categoryRate: category.rate)
        }
        let firstDay = planDate.daysSinceEpoch - span
        let demand = dataSet.demand
        for row in 0..<demand.count {
            let column = Int(demand.days[row]) - firstDay
            guard column >= 0, column < span else { continue }
            let sku = Int(demand.skuIndices[row])
            let member = Int(own.position[sku])
            precondition(member >= 0, "a demand row of a SKU that is not a member")
            weighted.add(
                Double(demand.quantities[row]) * rateByMember[member],
                category: own.categoryBySKU[sku],
                column: column
            )
        }
        return weighted
    }

    /// The estimates of the `members` (ascending SKU indices, aligned with the result) from their own returns and
    /// sales rows in `dataSet` and their categories' rate and lag, fitted on `totals` and `weightedSales` (every
    /// SKU's, of every shard). Nil for a SKU whose category has no returns, and for every SKU when no SKU has any.
    public static func estimates(
        dataSet: DataSet,
        planDate: Day,
        settings: ReturnsSettings,
        totals: PoolingTotals,
        weightedSales: RateWeightedSales,
        members: [Int]
    ) -> [ReturnEstimate?] {
        guard totals.returnRows > 0 else { return Array(repeating: nil, count: members.count) }
        let own = MemberReturns(dataSet: dataSet, planDate: planDate, totals: totals, members: members)
        let first = firstFits(totals: totals)
        // A category's returns are its SKUs' sales each at its own rate (they differ within a category), lagged. The
        // first fit takes them all at one rate, so a SKU's sales pattern weighs with its share of the sales rather
        // than of the returns: the lag is fitted once more on the sales weighted by each SKU's first-fit rate, which
        // leaves the shape of the returns to the lag alone; the rate is then read again at that lag.
        let categoryFits = first.indices.map { category -> (rate: Double, lag: ReturnLag)? in
            guard first[category] != nil,
                let refitted = ReturnModel.fit(
                    sales: weightedSales.sales(ofCategory: category),
                    returns: totals.returns(ofCategory: category)
                ),
                let rate = ReturnModel.rate(
                    sales: totals.sales(ofCategory: category),
                    returns: totals.returns(ofCategory: category),
                    lag: refitted.lag
                )
            else { return first[category] }
            return (rate, refitted.lag)
        }
        let exposure = own.exposure(fits: categoryFits)

        let categoryShares = ReturnModel.categoryGradeShares(totals: totals, configured: settings.gradeShares)
        return members.indices.map { member in
            let sku = members[member]
            let category = own.categoryBySKU[sku]
            let shares =
                settings.gradeShares
                ?? categoryShares.map { gradeDictionary(shrunk(own.graded[member], toward: $0[category])) }
                ?? gradeDictionary(SIMD4(0, 1, 0, 0))
            if let fit = own.ownFit(member) {
                return ReturnEstimate(
                    skuIndex: sku,
                    rate: fit.rate,
                    lag: fit.lag,
                    source: .own,
                    returnedUnits: own.returnedBySKU[member],
                    gradeShares: shares
                )
            }
            guard let fit = categoryFits[category] else { return nil }
            return ReturnEstimate(
                skuIndex: sku,
                rate: own.pooledRate(member, exposure: exposure, categoryRate: fit.rate),
                lag: fit.lag,
                source: .pooled,
                returnedUnits: own.returnedBySKU[member],
                gradeShares: shares
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

    /// The grade shares each category's SKUs are shrunk toward: its graded returns shrunk toward all SKUs' shares
    /// (``priorGradedUnits`` each); nil when shares are configured or no return was graded (then every unit counts
    /// as defective).
    static func categoryGradeShares(totals: PoolingTotals, configured: [ReturnGrade: Double]?) -> [SIMD4<Double>]? {
        guard configured == nil else { return nil }
        let gradeCount = ReturnGrade.allCases.count
        let categoryCounts = totals.categories.indices.map { category in
            var counts = SIMD4<Double>.zero
            for grade in 0..<gradeCount { counts[grade] = Double(totals.categoryGraded[category * gradeCount + grade]) }
            return counts
        }
        let total = categoryCounts.reduce(SIMD4<Double>.zero, +)
        guard total.sum() > 0 else { return nil }
        let overall = total / total.sum()
        return categoryCounts.map { shrunk($0, toward: overall) }
    }

    /// Graded counts shrunk toward `prior` shares with the weight of ``priorGradedUnits``.
    static func shrunk(_ counts: SIMD4<Double>, toward prior: SIMD4<Double>) -> SIMD4<Double> {
        (counts + priorGradedUnits * prior) / (counts.sum() + priorGradedUnits)
    }

    static func gradeDictionary(_ shares: SIMD4<Double>) -> [ReturnGrade: Double] {
        Dictionary(uniqueKeysWithValues: ReturnGrade.allCases.enumerated().map { ($1, shares[$0]) })
    }
}
