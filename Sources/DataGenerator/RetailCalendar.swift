import PlannerCore

/// Demand multipliers every SKU shares: a weekly profile and the retail calendar.
///
/// - Weekly profile (Monday to Sunday) 0.90, 0.90, 0.95, 1.00, 1.05, 1.15, 1.05 divided by its mean:
///   online retail sells more at the weekend.
/// - Black Friday, the day after the fourth Thursday of November: x4.0 on the day; its week
///   (Monday to Sunday) x2.0, 2.0, 2.2, 2.5 (Thanksgiving), 4.0, 3.0, 2.5, Cyber Monday after it
///   x2.5. The seven days before that week dip to x0.85 (shoppers wait for the deals).
/// - December 1-23 x1.2 (gifts), December 24 x0.7, December 25-26 x0.4 (holidays).
enum RetailCalendar {
    static let weeklyProfile: [Double] = {
        let raw = [0.90, 0.90, 0.95, 1.00, 1.05, 1.15, 1.05]
        let mean = raw.reduce(0, +) / Double(raw.count)
        return raw.map { $0 / mean }
    }()

    /// Factors for Monday of Black Friday week through Cyber Monday.
    static let blackFridayWeek: [Double] = [2.0, 2.0, 2.2, 2.5, 4.0, 3.0, 2.5, 2.5]
    static let preBlackFridayDip = 0.85

    /// Black Friday of `year`: the day after US Thanksgiving, the fourth Thursday of November. (It is
    /// the fourth Friday except when November starts on a Friday: 2024-11-29 is the fifth.)
    static func blackFriday(year: Int) -> Day {
        let first = Day(year: year, month: 11, day: 1)!
        let daysToThursday = (3 - first.weekday + 7) % 7  // weekday 3 = Thursday
        return first.adding(days: daysToThursday + 21 + 1)
    }

    /// The retail-calendar factor of `day`, without the weekly profile.
    static func eventFactor(_ day: Day) -> Double {
        let (year, month, dayOfMonth) = day.civil
        if month == 12 {
            if dayOfMonth <= 23 { return 1.2 }
            if dayOfMonth == 24 { return 0.7 }
            if dayOfMonth <= 26 { return 0.4 }
            return 1.0
        }
        guard month == 11 else { return 1.0 }
        let weekStart = blackFriday(year: year).adding(days: -4)
        let offset = weekStart.days(to: day)
        if offset >= 0 && offset < blackFridayWeek.count { return blackFridayWeek[offset] }
        if offset >= -7 && offset < 0 { return preBlackFridayDip }
        return 1.0
    }

    /// Weekly profile times retail-calendar factor.
    static func factor(_ day: Day) -> Double {
        weeklyProfile[day.weekday] * eventFactor(day)
    }

    /// Day of the year as an angle, 2 pi * (dayOfYear - 1) / 365.25, for yearly seasonality.
    static func yearAngle(_ day: Day) -> Double {
        let year = day.civil.year
        let dayOfYear = Day(year: year, month: 1, day: 1)!.days(to: day)
        return 2 * Double.pi * Double(dayOfYear) / 365.25
    }
}
