import PlannerCore

/// XYZ classes and the weekly coefficient of variation behind them, per SKU index.
public struct XYZClassification: Sendable, Equatable {
    public var classes: [XYZClass]
    /// sd / mean of weekly units; nil for a SKU without demand in the window (class Z).
    public var weeklyCV: [Double?]

    public init(classes: [XYZClass], weeklyCV: [Double?]) {
        self.classes = classes
        self.weeklyCV = weeklyCV
    }
}

/// XYZ classification by the variability of weekly demand.
///
/// Weekly units are summed over the 52 weeks of 7 days ending the day before the plan date (days
/// `planDate - 364 ... planDate - 1`, week 0 the oldest). A SKU first sold inside that window is measured from
/// the week of its first sale, so a new SKU is not called erratic for the weeks before it existed.
/// CV = population standard deviation / mean of those weekly totals; X when CV <= x, Y when x < CV <= y,
/// else Z (defaults x = 0.5, y = 1.0); a SKU with no demand in the window is Z with no CV.
public enum XYZClassifier {
    public static let weeks = 52

    public static func classify(dataSet: DataSet, planDate: Day, thresholds: XYZThresholds) -> XYZClassification {
        let weekly = weeklyUnits(dataSet: dataSet, planDate: planDate)
        let variation = weekly.map(coefficientOfVariation)
        return XYZClassification(classes: variation.map { classify($0, thresholds: thresholds) }, weeklyCV: variation)
    }

    /// Weekly units per SKU from the week of its first sale in the window (empty without demand).
    static func weeklyUnits(dataSet: DataSet, planDate: Day) -> [[Double]] {
        let end = planDate.daysSinceEpoch
        let start = end - weeks * 7
        var units = Array(repeating: Array(repeating: 0.0, count: weeks), count: dataSet.skus.count)
        var firstWeek = Array(repeating: weeks, count: dataSet.skus.count)
        let history = dataSet.demand
        for row in 0..<history.count {
            let day = Int(history.days[row])
            let quantity = Double(history.quantities[row])
            guard day >= start, day < end, quantity > 0 else { continue }
            let sku = Int(history.skuIndices[row])
            let week = (day - start) / 7
            units[sku][week] += quantity
            firstWeek[sku] = min(firstWeek[sku], week)
        }
        return units.indices.map { sku in firstWeek[sku] < weeks ? Array(units[sku][firstWeek[sku]...]) : [] }
    }

    /// The weekly CV of each of `members` (ascending SKU indices, aligned with the result) from the demand rows of
    /// `dataSet`, which may hold only theirs (a shard's): the same values ``classify(dataSet:planDate:thresholds:)``
    /// finds, in memory for the members only.
    public static func weeklyCV(dataSet: DataSet, planDate: Day, members: [Int]) -> [Double?] {
        let end = planDate.daysSinceEpoch
        let start = end - weeks * 7
        var position = [Int32](repeating: -1, count: dataSet.skus.count)
        for (index, sku) in members.enumerated() { position[sku] = Int32(index) }
        var units = [Double](repeating: 0, count: members.count * weeks)
        var firstWeek = [Int](repeating: weeks, count: members.count)
        let history = dataSet.demand
        for row in 0..<history.count {
            let day = Int(history.days[row])
            let quantity = Double(history.quantities[row])
            guard day >= start, day < end, quantity > 0 else { continue }
            let member = Int(position[Int(history.skuIndices[row])])
            precondition(member >= 0, "a demand row of a SKU that is not a member")
            let week = (day - start) / 7
            units[member * weeks + week] += quantity
            firstWeek[member] = min(firstWeek[member], week)
        }
        return members.indices.map { member in
            firstWeek[member] < weeks
                ? coefficientOfVariation(Array(units[(member * weeks + firstWeek[member])..<((member + 1) * weeks)]))
                : nil
        }
    }

    /// Population sd / mean; nil for no weeks or a zero mean.
    public static func coefficientOfVariation(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let count = Double(values.count)
        let mean = values.reduce(0, +) / count
        guard mean > 0 else { return nil }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count
        return variance.squareRoot() / mean
    }

    /// The class of a coefficient of variation; nil (no demand) is Z.
    public static func classify(_ variation: Double?, thresholds: XYZThresholds) -> XYZClass {
        guard let variation else { return .Z }
        if variation <= thresholds.x { return .X }
        return variation <= thresholds.y ? .Y : .Z
    }
}
