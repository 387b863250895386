import PlannerCore

/// ABC classes and the revenue behind them, per SKU index.
public struct ABCClassification: Sendable, Equatable {
    public var classes: [ABCClass]
    /// Revenue (units * unit price) over the 365 days before the plan date.
    public var revenue: [Double]

    public init(classes: [ABCClass], revenue: [Double]) {
        self.classes = classes
        self.revenue = revenue
    }
}

/// Pareto (ABC) classification by revenue.
///
/// Revenue = sum of quantity * unit price over the 365 days before the plan date (days
/// `planDate - 365 ... planDate - 1`). SKUs are ranked by revenue, highest first, ties by SKU id
/// ascending. With `share` = revenue of the SKUs ranked strictly above a SKU / total positive revenue,
/// a SKU is A when share < a, else B when share < b, else C. So the top seller is always A, and the SKU
/// that crosses the A threshold is still A. SKUs with revenue <= 0 are C; if no SKU has positive
/// revenue, all are C.
public enum ABCClassifier {
    public static let revenueWindowDays = 365

    public static func classify(dataSet: DataSet, planDate: Day, thresholds: ABCThresholds) -> ABCClassification {
        let revenue = revenueBySKU(dataSet: dataSet, planDate: planDate)
        let classes = classes(revenue: revenue, ids: dataSet.skus.map(\.id), thresholds: thresholds)
        return ABCClassification(classes: classes, revenue: revenue)
    }

    /// Revenue per SKU index over the window; 0 for a SKU without demand rows in `dataSet` (which may hold only
    /// one shard's rows).
    public static func revenueBySKU(dataSet: DataSet, planDate: Day) -> [Double] {
        let history = dataSet.demand
        let end = planDate.daysSinceEpoch
        let start = end - revenueWindowDays
        var units = Array(repeating: 0.0, count: dataSet.skus.count)
        let dayColumn = history.days
        let skuColumn = history.skuIndices
        let quantityColumn = history.quantities
        for row in 0..<history.count {
            let day = Int(dayColumn[row])
            guard day >= start, day < end else { continue }
            units[Int(skuColumn[row])] += Double(quantityColumn[row])
        }
        return zip(units, dataSet.skus).map { $0 * $1.unitPrice }
    }

    /// The classification rule on given revenues (see the type's documentation).
    public static func classes(revenue: [Double], ids: [String], thresholds: ABCThresholds) -> [ABCClass] {
        var result = Array(repeating: ABCClass.C, count: revenue.count)
        let total = revenue.reduce(0) { $0 + max(0, $1) }
        guard total > 0 else { return result }
        let ranked = revenue.indices.filter { revenue[$0] > 0 }.sorted { lhs, rhs in
            revenue[lhs] != revenue[rhs] ? revenue[lhs] > revenue[rhs] : ids[lhs] < ids[rhs]
        }
        var above = 0.0
        for index in ranked {
            let share = above / total
            result[index] = share < thresholds.a ? .A : (share < thresholds.b ? .B : .C)
            above += revenue[index]
        }
        return result
    }
}
