import PlannerCore

/// What a category's SKUs have in common, from the summed daily units of its SKUs that sold before the
/// history window began (so their rows cover it all; ``PoolingTotals``, summed over every shard): a yearly
/// profile (``YearlyProfile``, nil under two years of window) and the uplift of each calendar-event name
/// (actual / cleaned baseline of the category total, see ``EventCleaning``; 1 without evidence). SKUs too
/// young for their own evidence borrow both.
struct CategoryPooling {
    let yearly: [YearlyProfile?]
    /// `eventFactors[category][name]`.
    let eventFactors: [[Double]]

    init(totals: PoolingTotals, calendar: EventCalendar) {
        let dayCount = totals.windowDays
        let nameCount = calendar.names.count
        let categories = totals.categories
        let firstDay = totals.windowFirstDay.daysSinceEpoch
        var yearly: [YearlyProfile?] = []
        var eventFactors: [[Double]] = []
        var isEventDay = [Bool](repeating: false, count: dayCount)
        for category in categories.indices {
            let (units, members) = totals.pooledUnits(category: category)
            var pooled = units
            guard members > 0, dayCount > 0 else {
                yearly.append(nil)
                eventFactors.append(Array(repeating: 1, count: nameCount))
                continue
            }
            let events = calendar.past.compactMap { occurrence -> SeriesModelSelector.PastEvent? in
                let column = occurrence.daysSinceEpoch - firstDay
                guard column >= 0, column < dayCount, calendar.appliesToWholeCategory(occurrence, categories[category])
                else { return nil }
                return .init(column: column, nameIndex: occurrence.nameIndex)
            }
            for day in 0..<dayCount { isEventDay[day] = false }
            for event in events { isEventDay[event.column] = true }
            yearly.append(
                pooled.withUnsafeBufferPointer { values in
                    YearlyProfile.estimate(
                        values: values,
                        firstDaysSinceEpoch: firstDay,
                        isExcluded: { isEventDay[$0] }
                    )
                }
            )
            var actual = [Double](repeating: 0, count: nameCount)
            var baseline = [Double](repeating: 0, count: nameCount)
            pooled.withUnsafeMutableBufferPointer { values in
                isEventDay.withUnsafeMutableBufferPointer { flags in
                    for day in 0..<dayCount { flags[day] = false }
                    EventCleaning.clean(
                        values,
                        firstDaysSinceEpoch: firstDay,
                        events: events,
                        isEventDay: flags,
                        actual: &actual,
                        baseline: &baseline
                    )
                }
            }
            eventFactors.append(
                (0..<nameCount).map { EventUplift.pooledFactor(actual: actual[$0], baseline: baseline[$0]) }
            )
        }
        self.yearly = yearly
        self.eventFactors = eventFactors
    }
}
