import PlannerCore

/// Takes past calendar-event days out of a series before models are fitted, and measures each event's
/// uplift on the way.
///
/// The baseline of an event day d is the mean of the non-event days within ``radiusDays`` of d, times the
/// SKU's weekday index of d. The weekday index, over the non-event days of the last 364 days, is
/// (units on weekday w + k) / (days of weekday w x mean + k), shrunk toward 1 by k = 7 units so that a
/// slow seller's index is not noise. The event day's value is replaced by its baseline, and the actual
/// and baseline units are added to the event's name (uplift = actual / baseline, see ``EventUplift``).
/// With the SKU's own yearly index S (``YearlyProfile``), the neighbours are divided by S before averaging and
/// the baseline is multiplied by S of the event day, so the uplift measures the event on top of the season
/// (a December promotion of a December-peaking SKU is not credited with the season).
/// A day without non-event neighbours (a SKU launched into the peak), and every event day of a young SKU (its
/// neighbours are earlier, lower days of its ramp), is instead the day's units divided by the category's
/// pooled factor of the event (``CategoryPooling``).
enum EventCleaning {
    static let radiusDays = 28
    static let weekdayPriorUnits = 7.0

    /// `isEventDay` must come in all false; it goes out marking the event days.
    static func clean(
        _ values: UnsafeMutableBufferPointer<Double>,
        firstDaysSinceEpoch: Int,
        events: [SeriesModelSelector.PastEvent],
        isEventDay: UnsafeMutableBufferPointer<Bool>,
        yearlyIndex: UnsafeBufferPointer<Double>? = nil,
        priorFactors: [Double]? = nil,
        deflatesEveryDay: Bool = false,
        actual: inout [Double],
        baseline: inout [Double]
    ) {
        let count = values.count
        for event in events where event.column >= 0 && event.column < count { isEventDay[event.column] = true }

        var weekdayUnits = SIMD8<Double>(repeating: 0)
        var weekdayDays = SIMD8<Double>(repeating: 0)
        var total = 0.0
        var days = 0.0
        for column in max(0, count - 364)..<count where !isEventDay[column] {
            let weekday = HistoryWindow.weekday(daysSinceEpoch: firstDaysSinceEpoch + column)
            weekdayUnits[weekday] += values[column]
            weekdayDays[weekday] += 1
            total += values[column]
            days += 1
        }
        let mean = days > 0 ? total / days : 0
        var index = SIMD8<Double>(repeating: 1)
        if mean > 0 {
            for weekday in 0..<7 {
                index[weekday] =
                    (weekdayUnits[weekday] + weekdayPriorUnits)
                    / (weekdayDays[weekday] * mean + weekdayPriorUnits)
            }
        }

        // Baselines read the original values of neighbours that are not event days, so the order of
        // replacement does not matter.
        var replacements: [(column: Int, value: Double)] = []
        replacements.reserveCapacity(events.count)
        for event in events where event.column >= 0 && event.column < count {
            let column = event.column
            var sum = 0.0
            var used = 0
            var indexSum = 0.0
            for neighbour in max(0, column - radiusDays)...min(count - 1, column + radiusDays)
            where !isEventDay[neighbour] {
                sum += values[neighbour] / (yearlyIndex?[neighbour] ?? 1)
                indexSum += index[HistoryWindow.weekday(daysSinceEpoch: firstDaysSinceEpoch + neighbour)]
                used += 1
            }
            // The neighbours' mean, de-seasonalised by their mean weekday index, times this day's index.
            let level = used > 0 && indexSum > 0 ? sum / indexSum : 0
            var value =
                level * index[HistoryWindow.weekday(daysSinceEpoch: firstDaysSinceEpoch + column)]
                * (yearlyIndex?[column] ?? 1)
            if let priorFactors, used == 0 || deflatesEveryDay {
                value = values[column] / priorFactors[event.nameIndex]
            }
            actual[event.nameIndex] += values[column]
            baseline[event.nameIndex] += value
            replacements.append((column, value))
        }
        for replacement in replacements { values[replacement.column] = replacement.value }
    }
}
