import Foundation
import PlannerCore
import Testing

@testable import DataGenerator

@Suite("Retail calendar events")
struct RetailEventTests {
    func day(_ year: Int, _ month: Int, _ dayOfMonth: Int) -> Day {
        Day(year: year, month: month, day: dayOfMonth)!
    }

    @Test("2025 (Black Friday 2025-11-28, Cyber Monday on December 1): every event day by hand")
    func eventsOf2025() {
        var expected: [(Day, String)] = []
        for dayOfMonth in 17...23 { expected.append((day(2025, 11, dayOfMonth), "pre_peak_dip")) }
        expected += [
            (day(2025, 11, 24), "peak_week"), (day(2025, 11, 25), "peak_week"), (day(2025, 11, 26), "peak_build"),
            (day(2025, 11, 27), "thanksgiving"), (day(2025, 11, 28), "black_friday"),
            (day(2025, 11, 29), "peak_weekend"), (day(2025, 11, 30), "cyber_weekend"),
        ]
        // Cyber Monday 2025-12-01 is planted at December's 1.2, so it is named that way.
        for dayOfMonth in 1...23 { expected.append((day(2025, 12, dayOfMonth), "christmas_run_up")) }
        expected += [
            (day(2025, 12, 24), "christmas_eve"), (day(2025, 12, 25), "christmas"), (day(2025, 12, 26), "christmas"),
        ]

        let events = RetailEvent.calendarEvents(years: 2025...2025)
        #expect(events.count == 40)
        #expect(events.map(\.day) == expected.map(\.0))
        #expect(events.map(\.name) == expected.map(\.1))
        #expect(events.allSatisfy { $0.skuIndices == nil && $0.categories == nil && $0.regionIndices == nil })
    }

    @Test("2026: Black Friday 2026-11-27, the Sunday and Cyber Monday both in November are cyber_weekend")
    func cyberWeekendOf2026() {
        let events = RetailEvent.calendarEvents(years: 2026...2026)
        #expect(events.filter { $0.name == "cyber_weekend" }.map(\.day) == [day(2026, 11, 29), day(2026, 11, 30)])
        #expect(events.filter { $0.name == "black_friday" }.map(\.day) == [day(2026, 11, 27)])
        #expect(events.first?.day == day(2026, 11, 16) && events.first?.name == "pre_peak_dip")
        #expect(events.count == 41)
    }

    @Test("Planted factors per name are the documented ones, and the calendar plants exactly them")
    func plantedFactors() {
        let expected: [String: Double] = [
            "pre_peak_dip": 0.85, "peak_week": 2.0, "peak_build": 2.2, "thanksgiving": 2.5, "black_friday": 4.0,
            "peak_weekend": 3.0, "cyber_weekend": 2.5, "christmas_run_up": 1.2, "christmas_eve": 0.7,
            "christmas": 0.4,
        ]
        #expect(
            Dictionary(uniqueKeysWithValues: RetailEvent.allCases.map { ($0.rawValue, $0.plantedFactor) }) == expected
        )
        // The factor of Black Friday week, Monday..Cyber Monday, and of the dip, as RetailCalendar documents it,
        // except that a day in December gets December's 1.2.
        let weekFactors = [2.0, 2.0, 2.2, 2.5, 4.0, 3.0, 2.5, 2.5]
        for year in 2020...2035 {
            let monday = RetailCalendar.blackFriday(year: year).adding(days: -4)
            for (offset, factor) in weekFactors.enumerated() {
                let date = monday.adding(days: offset)
                let planted = date.civil.month == 12 ? 1.2 : factor
                #expect(RetailCalendar.eventFactor(date) == planted, "\(date)")
            }
            for offset in 1...7 { #expect(RetailCalendar.eventFactor(monday.adding(days: -offset)) == 0.85) }
            #expect(RetailCalendar.eventFactor(monday.adding(days: -8)) == 1.0)
        }
        // Every named day of those years carries its name's factor; every other day carries 1.
        let events = RetailEvent.calendarEvents(years: 2020...2035)
        let nameByDay = Dictionary(uniqueKeysWithValues: events.map { ($0.day, $0.name) })
        var date = day(2020, 1, 1)
        while date <= day(2035, 12, 31) {
            let factor = nameByDay[date].map { expected[$0]! } ?? 1.0
            #expect(RetailCalendar.eventFactor(date) == factor, "\(date)")
            date = date.adding(days: 1)
        }
    }

    @Test("A generated data set lists every event day of its history's years and of the year after its end")
    func generatedEvents() {
        // History 2024-11-16 ... 2026-11-15 and the year 2027: 39 + 40 + 41 + 41 days (no cyber_weekend in
        // 2024, whose Sunday and Cyber Monday fall on December 1 and 2).
        let events = twoYearDataSet.events
        #expect(events.count == 161)
        #expect(events == RetailEvent.calendarEvents(years: 2024...2027))
        #expect(events.first?.day == day(2024, 11, 18))
        #expect(events.last?.day == day(2027, 12, 26))
        #expect(
            events.filter { $0.name == "black_friday" }.map(\.day)
                == [2024, 2025, 2026, 2027].map {
                    RetailCalendar.blackFriday(year: $0)
                }
        )
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.day < $1.day }, "sorted by day, one a day")
    }

    @Test("events.csv holds every event; lists of ids are joined by ';' and empty filters are empty fields")
    func writtenEvents() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeDirectory(directory) }
        try DataGenerator.write(twoYearDataSet, to: directory)
        let rows = parseCSV(try readFile(directory, "events.csv"))
        #expect(rows.first == ["date", "name", "skus", "categories", "regions"])
        #expect(rows.count == 1 + twoYearDataSet.events.count)
        for (row, event) in zip(rows.dropFirst(), twoYearDataSet.events) {
            #expect(row == [event.day.description, event.name, "", "", ""])
        }

        var filtered = twoYearDataSet
        filtered.events = [
            CalendarEvent(day: day(2025, 6, 1), name: "promo", skuIndices: [0, 2], categories: ["a", "b"]),
            CalendarEvent(day: day(2025, 6, 2), name: "regional", regionIndices: [1, 3]),
        ]
        let other = try makeTemporaryDirectory()
        defer { removeDirectory(other) }
        try DataGenerator.write(filtered, to: other)
        let skus = filtered.skus.map(\.id)
        let regions = filtered.regions.map(\.id)
        #expect(
            parseCSV(try readFile(other, "events.csv")) == [
                ["date", "name", "skus", "categories", "regions"],
                ["2025-06-01", "promo", "\(skus[0]);\(skus[2])", "a;b", ""],
                ["2025-06-02", "regional", "", "", "\(regions[1]);\(regions[3])"],
            ]
        )
    }
}
