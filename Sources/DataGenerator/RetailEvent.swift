import PlannerCore

/// A named day of the retail calendar that the generator plants in demand, as written to `events.csv`.
///
/// Days of equal intensity share a name, so a forecaster estimating one uplift factor per name can
/// recover ``plantedFactor`` exactly (it multiplies the weekly profile, see ``RetailCalendar``):
///
/// | name | days | planted factor |
/// | --- | --- | --- |
/// | `pre_peak_dip` | the 7 days before Black Friday week | 0.85 |
/// | `peak_week` | Monday and Tuesday of Black Friday week | 2.0 |
/// | `peak_build` | Wednesday of Black Friday week | 2.2 |
/// | `thanksgiving` | Thursday (US Thanksgiving) | 2.5 |
/// | `black_friday` | the day after the fourth Thursday of November | 4.0 |
/// | `peak_weekend` | Saturday after Black Friday | 3.0 |
/// | `cyber_weekend` | Sunday after Black Friday and Cyber Monday | 2.5 |
/// | `christmas_run_up` | December 1-23 | 1.2 |
/// | `christmas_eve` | December 24 | 0.7 |
/// | `christmas` | December 25-26 | 0.4 |
///
/// December wins over Black Friday week: when Cyber Monday (or that Sunday) falls on December 1 or 2,
/// as in 2024 and 2025, the day is planted at 1.2 and named `christmas_run_up`.
public enum RetailEvent: String, CaseIterable, Sendable {
    case prePeakDip = "pre_peak_dip"
    case peakWeek = "peak_week"
    case peakBuild = "peak_build"
    case thanksgiving = "thanksgiving"
    case blackFriday = "black_friday"
    case peakWeekend = "peak_weekend"
    case cyberWeekend = "cyber_weekend"
    case christmasRunUp = "christmas_run_up"
    case christmasEve = "christmas_eve"
    case christmas = "christmas"

    /// The demand multiplier planted on every day of this name, on top of the weekly profile.
    public var plantedFactor: Double {
        switch self {
        case .prePeakDip: return 0.85
        case .peakWeek: return 2.0
        case .peakBuild: return 2.2
        case .thanksgiving: return 2.5
        case .blackFriday: return 4.0
        case .peakWeekend: return 3.0
        case .cyberWeekend: return 2.5
        case .christmasRunUp: return 1.2
        case .christmasEve: return 0.7
        case .christmas: return 0.4
        }
    }

    /// Every planted event day of the calendar years `years`, one per day, in day order, for all SKUs
    /// and regions (no filters).
    public static func calendarEvents(years: ClosedRange<Int>) -> [CalendarEvent] {
        guard let first = Day(year: years.lowerBound, month: 1, day: 1),
            let last = Day(year: years.upperBound, month: 12, day: 31)
        else { return [] }
        var events: [CalendarEvent] = []
        for offset in 0...first.days(to: last) {
            let day = first.adding(days: offset)
            if let event = RetailCalendar.event(on: day) {
                events.append(CalendarEvent(day: day, name: event.rawValue))
            }
        }
        return events
    }
}
