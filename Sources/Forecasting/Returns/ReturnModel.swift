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
/// neighbours) whose expected returns r x(t) (x the lagged sales)
/// have the largest Poisson likelihood (r at its maximum, sum y / sum x) for the category's daily returns over the last ``lagWindowDays`` days; its rate is
/// returned units / x summed over the last ``windowDays`` days (the ratio estimator, unbiased for Poisson returns). A SKU with at
/// least ``ownLagMinimumUnits`` returned units in the lag window gets its own m and r the same way; any other SKU
/// gets its category's m and r = (R + k r_c) / (E + k), R its returned units, E its lagged sales in the window
/// (the expected returns at rate 1), k = ``priorReturnedUnits`` / r_c: its own evidence shrunk toward the
/// category's rate with the weight of 10 returned units (the empirical-Bayes pooling of ``EventUplift``).
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
        let totals = PoolingTotals(dataSet: dataSet, planDate: planDate, settings: ForecastSettings())
        self.init(
            planDate: planDate,
            estimates: ReturnModel.estimates(
                dataSet: dataSet,
                planDate: planDate,
                settings: settings,
                totals: totals,
                members: Array(dataSet.skus.indices)
            )
        )
    }

    /// Days of sales a category's lag is fitted on: the lag window and the warm-up before it.
    public static let span = lagWindowDays + warmupDays

    /// The estimates of the `members` (ascending SKU indices, aligned with the result) from their own returns and
    /// sales rows in `dataSet` and their categories' rate and lag, fitted on `totals` (every SKU's, of every shard).
    /// Nil for a SKU whose category has no returns, and for every SKU when no SKU has any.
    public static func estimates(
        dataSet: DataSet,
        planDate: Day,
        settings: ReturnsSettings,
        totals: PoolingTotals,
        members: [Int]
    ) -> [ReturnEstimate?] {
        guard totals.returnRows > 0 else { return Array(repeating: nil, count: members.count) }
        let planDay = planDate.daysSinceEpoch
        let window = lagWindowDays
        let span = ReturnModel.span
        let categoryIndex = Dictionary(uniqueKeysWithValues: totals.categories.enumerated().map { ($1, $0) })
        let categoryBySKU = dataSet.skus.map { categoryIndex[$0.category]! }
        var position = [Int32](repeating: -1, count: dataSet.skus.count)
        for (index, sku) in members.enumerated() { position[sku] = Int32(index) }

        // Returned units in the window per member; graded counts over all history.
        var returnedBySKU = [Int](repeating: 0, count: members.count)
        var lagWindowReturnedBySKU = [Int](repeating: 0, count: members.count)
        var graded = [SIMD4<Double>](repeating: .zero, count: members.count)
        for record in dataSet.returns where record.day.daysSinceEpoch < planDay {
            let member = Int(position[record.skuIndex])
            precondition(member >= 0, "a returns row of a SKU that is not a member")
            if let grade = record.grade {
                graded[member][ReturnGrade.allCases.firstIndex(of: grade)!] += Double(record.quantity)
            }
            let column = record.day.daysSinceEpoch - (planDay - window)
            guard column >= 0 else { continue }
            if column >= window - windowDays { returnedBySKU[member] += record.quantity }
            lagWindowReturnedBySKU[member] += record.quantity
        }
        let ownMembers = members.indices.filter { lagWindowReturnedBySKU[$0] >= ownLagMinimumUnits }
        var ownSlot = [Int32](repeating: -1, count: members.count)
        for (slot, member) in ownMembers.enumerated() { ownSlot[member] = Int32(slot) }
        var ownReturns = [Double](repeating: 0, count: ownMembers.count * window)
        for record in dataSet.returns {
            let slot = Int(ownSlot[Int(position[record.skuIndex])])
            guard slot >= 0 else { continue }
            let column = record.day.daysSinceEpoch - (planDay - window)
            guard column >= 0, column < window else { continue }
            ownReturns[slot * window + column] += Double(record.quantity)
        }

        // Daily sales over the window and its warm-up of the members with their own lag.
        let firstDay = planDay - span
        var ownSales = [Double](repeating: 0, count: ownMembers.count * span)
        let demand = dataSet.demand
        if !ownMembers.isEmpty {
            for row in 0..<demand.count {
                let column = Int(demand.days[row]) - firstDay
                guard column >= 0, column < span else { continue }
                let slot = Int(ownSlot[Int(position[Int(demand.skuIndices[row])])])
                if slot >= 0 { ownSales[slot * span + column] += Double(demand.quantities[row]) }
            }
        }
        let categoryFits = totals.categories.indices.map { category in
            ReturnModel.fit(
                sales: totals.categorySales[(category * span)..<((category + 1) * span)].map(Double.init)[...],
                returns: totals.categoryReturns[(category * window)..<((category + 1) * window)].map(Double.init)[...]
            )
        }
        let ownFits = ownMembers.indices.map { slot in
            ReturnModel.fit(
                sales: ownSales[(slot * span)..<((slot + 1) * span)],
                returns: ownReturns[(slot * window)..<((slot + 1) * window)]
            )
        }

        // Each pooled SKU's exposure: its sales weighted by the chance their return lands in the window.
        let weights = categoryFits.map { fit in fit.map { ReturnModel.windowWeights(lag: $0.lag, span: span) } }
        var exposure = [Double](repeating: 0, count: members.count)
        for row in 0..<demand.count {
            let age = planDay - Int(demand.days[row])
            guard age >= 1, age <= span else { continue }
            let sku = Int(demand.skuIndices[row])
            let member = Int(position[sku])
            precondition(member >= 0, "a demand row of a SKU that is not a member")
            guard ownSlot[member] < 0, let table = weights[categoryBySKU[sku]] else { continue }
            exposure[member] += Double(demand.quantities[row]) * table[age - 1]
        }

        let categoryShares = ReturnModel.categoryGradeShares(totals: totals, configured: settings.gradeShares)
        return members.indices.map { member in
            let sku = members[member]
            let shares =
                settings.gradeShares
                ?? categoryShares.map { gradeDictionary(shrunk(graded[member], toward: $0[categoryBySKU[sku]])) }
                ?? gradeDictionary(SIMD4(0, 1, 0, 0))
            let slot = Int(ownSlot[member])
            if slot >= 0, let fit = ownFits[slot] {
                return ReturnEstimate(
                    skuIndex: sku,
                    rate: fit.rate,
                    lag: fit.lag,
                    source: .own,
                    returnedUnits: returnedBySKU[member],
                    gradeShares: shares
                )
            }
            guard let category = categoryFits[categoryBySKU[sku]] else { return nil }
            let returned = Double(returnedBySKU[member])
            let prior = category.rate > 0 ? ReturnModel.priorReturnedUnits / category.rate : 0
            let rate = prior > 0 ? (returned + prior * category.rate) / (exposure[member] + prior) : 0
            return ReturnEstimate(
                skuIndex: sku,
                rate: rate,
                lag: category.lag,
                source: .pooled,
                returnedUnits: returnedBySKU[member],
                gradeShares: shares
            )
        }
    }

    /// The rate and lag of one series, or nil without returns or sales. `sales` covers the warm-up then the
    /// lag window; `returns` the lag window. The lag is fitted on the whole lag window, the rate on its last
    /// ``windowDays`` days.
    static func fit(sales: ArraySlice<Double>, returns: ArraySlice<Double>) -> (rate: Double, lag: ReturnLag)? {
        let rateStart = returns.count - min(windowDays, returns.count)
        let returned = returns.dropFirst(rateStart).reduce(0, +)
        let allReturned = returns.reduce(0, +)
        guard returned > 0 else { return nil }
        let warmup = sales.count - returns.count
        let x = UnsafeMutableBufferPointer<Double>.allocate(capacity: returns.count)
        defer { x.deallocate() }
        // Poisson log-likelihood of the returns at mean lag `mean`, with the rate at its maximum
        // r = sum y / sum x: sum y log(r x) - r sum x; and the rate over the last windowDays days.
        func evaluate(_ mean: Double) -> (likelihood: Double, rate: Double)? {
            let lag = ReturnLag(meanDays: mean)
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
        let scores = meanLagGrid.map(evaluate)
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
        guard let refined = evaluate(mean) else { return nil }
        return (refined.rate, ReturnLag(meanDays: mean))
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
