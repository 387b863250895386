import PlannerCore
import Testing

@Suite struct DayTests {
    @Test func epochIsThursdayFirstJanuary1970() {
        let epoch = Day(daysSinceEpoch: 0)
        #expect(epoch.description == "1970-01-01")
        #expect(epoch.weekday == 3)
    }

    @Test func parsesAndFormatsKnownDates() throws {
        // 2024-02-29 is day 19782 since the epoch (date -d 2024-02-29 +%s / 86400), a Thursday.
        let leap = try #require(Day(iso: "2024-02-29"))
        #expect(leap.daysSinceEpoch == 19_782)
        #expect(leap.weekday == 3)
        #expect(leap.description == "2024-02-29")
        // 2026-11-27 (Black Friday 2026) is a Friday.
        #expect(Day(iso: "2026-11-27")?.weekday == 4)
        #expect(Day(iso: "1969-12-31")?.daysSinceEpoch == -1)
    }

    @Test func rejectsImpossibleOrMalformedDates() {
        #expect(Day(iso: "2023-02-29") == nil)
        #expect(Day(iso: "2024-13-01") == nil)
        #expect(Day(iso: "2024-1-01") == nil)
        #expect(Day(iso: "2024/01/01") == nil)
        #expect(Day(iso: "") == nil)
        #expect(Day(iso: "2100-02-29") == nil)
        #expect(Day(iso: "2000-02-29") != nil)
    }

    @Test func roundTripsEveryDayOfFourCenturies() {
        var day = Day(iso: "1900-01-01")!
        let end = Day(iso: "2300-01-01")!
        while day < end {
            #expect(Day(iso: day.description) == day)
            day = day.adding(days: 1)
        }
    }
}
