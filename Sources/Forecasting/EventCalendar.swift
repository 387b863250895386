import PlannerCore

/// The calendar events of a data set, resolved for one plan date: names numbered, each day split into
/// past (cleaned out of the fit, used to estimate uplift) and future (uplift applied).
struct EventCalendar: Sendable {
    struct Occurrence: Sendable {
        var daysSinceEpoch: Int
        var nameIndex: Int
        /// Index into `DataSet.events`.
        var eventIndex: Int
    }

    /// Distinct event names, ascending.
    let names: [String]
    let past: [Occurrence]
    let future: [Occurrence]
    private let events: [CalendarEvent]
    private let categoryBySKU: [String]

    init(dataSet: DataSet, planDate: Day) {
        events = dataSet.events
        categoryBySKU = dataSet.skus.map(\.category)
        names = Array(Set(dataSet.events.map(\.name))).sorted()
        let nameIndex = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        var past: [Occurrence] = []
        var future: [Occurrence] = []
        for (index, event) in dataSet.events.enumerated() {
            let occurrence = Occurrence(
                daysSinceEpoch: event.day.daysSinceEpoch,
                nameIndex: nameIndex[event.name]!,
                eventIndex: index
            )
            if event.day < planDate { past.append(occurrence) } else { future.append(occurrence) }
        }
        self.past = past
        self.future = future
    }

    /// Whether the occurrence's event covers the SKU (its SKU and category filters).
    func applies(_ occurrence: Occurrence, sku: Int) -> Bool {
        let event = events[occurrence.eventIndex]
        if let skus = event.skuIndices, !EventCalendar.sortedContains(skus, sku) { return false }
        if let categories = event.categories, !categories.contains(categoryBySKU[sku]) { return false }
        return true
    }

    /// Whether the occurrence's event covers every SKU of the category (no SKU filter, and no category filter
    /// or one that lists it).
    func appliesToWholeCategory(_ occurrence: Occurrence, _ category: String) -> Bool {
        let event = events[occurrence.eventIndex]
        return event.skuIndices == nil && (event.categories?.contains(category) ?? true)
    }

    /// Whether the occurrence's event covers the region.
    func applies(_ occurrence: Occurrence, region: Int) -> Bool {
        guard let regions = events[occurrence.eventIndex].regionIndices else { return true }
        return EventCalendar.sortedContains(regions, region)
    }

    /// The region filter of the first day of the name (days of one name are expected to share filters).
    func regionFilter(nameIndex: Int) -> [Int]? {
        for occurrence in past + future where occurrence.nameIndex == nameIndex {
            return events[occurrence.eventIndex].regionIndices
        }
        return nil
    }

    private static func sortedContains(_ values: [Int], _ value: Int) -> Bool {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < values.count && values[low] == value
    }
}

/// The uplift of an event name for one SKU, estimated from its past days: actual units over the
/// cleaned baseline on those days, shrunk toward the category's ratio with a prior worth
/// k = ``priorBaselineUnits`` x the SKU's dispersion (variance / mean of its daily units) baseline units
/// (a Bayesian ratio estimate, as in empirical-Bayes pooling of promotion lifts; Cooper, Baron, Levy,
/// Swisher and Gogos 1999 pool lifts per item by category the same way): factor = (actual + k *
/// categoryFactor) / (baseline + k). Scaling k by the dispersion measures the evidence in sales events
/// rather than units: one 40-unit order of a lumpy SKU on Black Friday is one event, not 40.
enum EventUplift {
    static let priorBaselineUnits = 10.0
    /// Estimated factors are kept within these bounds.
    static let factorRange = 0.05...20.0

    static func factor(actual: Double, baseline: Double, categoryFactor: Double, dispersion: Double) -> Double {
        let prior = priorBaselineUnits * max(1, dispersion)
        let value = (actual + prior * categoryFactor) / (baseline + prior)
        return min(max(value, factorRange.lowerBound), factorRange.upperBound)
    }

    /// A pooled ratio of actual over baseline; 1 when there is no baseline.
    static func pooledFactor(actual: Double, baseline: Double) -> Double {
        guard baseline > 0 else { return 1 }
        return min(max(actual / baseline, factorRange.lowerBound), factorRange.upperBound)
    }

    /// The uplift on the covered regions when an event covering regions with share `share` of the
    /// SKU's units moved its total by `totalFactor`: 1 + (totalFactor - 1) / share.
    static func regionalFactor(totalFactor: Double, share: Double) -> Double {
        guard share > 0 else { return 1 }
        let value = 1 + (totalFactor - 1) / share
        return min(max(value, factorRange.lowerBound), factorRange.upperBound)
    }
}
