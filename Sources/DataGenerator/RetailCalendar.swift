import PlannerCore

/// Demand multipliers every SKU shares: a weekly profile and the retail calendar.
///
/// - Weekly profile (Monday to Sunday) 0.90, 0.90, 0.95, 1.00, 1.05, 1.15, 1.05 divided by its mean:
///   online retail sells more at the weekend.
/// - Black Friday, the day after the fourth Thursday of November: x4.0 on the day; its week
///   (Monday to Sunday) x2.0, 2.0, 2.2, 2.5 (Thanksgiving), 4.0, 3.0, 2.5, Cyber Monday after it
///   x2.5. The seven days before that week dip to x0.85 (shoppers wait for the deals).
/// - December 1-23 x1.2 (gifts), December 24 x0.7, December 25-26 x0.4 (holidays).
/// Each of these days is a named ``RetailEvent``; the generated data set lists them in `events.csv`.
enum RetailCalendar {
    static let weeklyProfile: [Double] = {
        let raw = [0.90, 0.90, 0.95, 1.00, 1.05, 1.15, 1.05]
        let mean = raw.reduce(0, +) / Double(raw.count)
        return raw.map { $0 / mean }
    }()

    /// The events of Monday of Black Friday week through Cyber Monday: factors 2.0, 2.0, 2.2, 2.5, 4.0,
    /// 3.0, 2.5, 2.5.
    static let blackFridayWeek: [RetailEvent] = [
        .peakWeek, .peakWeek, .peakBuild, .thanksgiving, .blackFriday, .peakWeekend, .cyberWeekend, .cyberWeekend,
    ]

    /// Black Friday of `year`: the day after US Thanksgiving, the fourth Thursday of November. (It is
    /// the fourth Friday except when November starts on a Friday: 2024-11-29 is the fifth.)
    static func blackFriday(year: Int) -> Day {
        let first = Day(year: year, month: 11, day: 1)!
        let daysToThursday = (3 - first.weekday + 7) % 7  // weekday 3 = Thursday
        return first.adding(days: daysToThursday + 21 + 1)
    }

    /// The named event planted on `day`, or nil for an ordinary day. December comes first, so a Cyber
    /// Monday on December 1 or 2 is a `christmas_run_up` day.
    static func event(on day: Day) -> RetailEvent? {
        let (year, month, dayOfMonth) = day.civil
        if month == 12 {
            if dayOfMonth <= 23 { return .christmasRunUp }
            if dayOfMonth == 24 { return .christmasEve }
            if dayOfMonth <= 26 { return .christmas }
            return nil
        }
        guard month == 11 else { return nil }
        let weekStart = blackFriday(year: year).adding(days: -4)
        let offset = weekStart.days(to: day)
        if offset >= 0 && offset < blackFridayWeek.count { return blackFridayWeek[offset] }
        if offset >= -7 && offset < 0 { return .prePeakDip }
        return nil
    }

    /// The retail-calendar factor of `day`, without the weekly profile: its event's planted factor, else 1.
    static func eventFactor(_ day: Day) -> Double {
        event(on: day)?.plantedFactor ?? 1.0
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
