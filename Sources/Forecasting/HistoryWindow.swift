import PlannerCore

/// Weekday arithmetic on days counted since 1970-01-01 (a Thursday).
public enum HistoryWindow {
    /// Day of the week (0 = Monday ... 6 = Sunday) of a day given as days since 1970-01-01.
    @inlinable
    public static func weekday(daysSinceEpoch: Int) -> Int {
        let shifted = (daysSinceEpoch + 3) % 7
        return shifted >= 0 ? shifted : shifted + 7
    }

    /// How many times each weekday occurs among the `days` days ending the day before `planDate`.
    public static func weekdayCounts(days: Int, before planDate: Day) -> [Int] {
        let length = max(0, days)
        var counts = Array(repeating: length / 7, count: 7)
        // The first `length % 7` days of the window are the ones beyond whole weeks.
        let firstDay = planDate.daysSinceEpoch - length
        for offset in 0..<(length % 7) {
            counts[weekday(daysSinceEpoch: firstDay + offset)] += 1
        }
        return counts
    }
}
