import PlannerCore

/// The stretch of history a stage reads: the `windowDays` days strictly before the plan date,
/// shortened for a SKU that is newer than the window.
public enum HistoryWindow {
    /// Days in the window for a SKU whose first sale (first history row with quantity > 0, any
    /// region, before the plan date) was on `firstSaleDay`: `min(windowDays, planDate - firstSaleDay)`,
    /// at least 1. Days before a SKU's first sale are not zero-demand days: the SKU did not exist yet.
    /// With no sale at all, the full window (at least 1 day).
    public static func effectiveDays(windowDays: Int, planDate: Day, firstSaleDay: Day?) -> Int {
        let window = max(1, windowDays)
        guard let firstSaleDay else { return window }
        return max(1, min(window, firstSaleDay.days(to: planDate)))
    }

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
