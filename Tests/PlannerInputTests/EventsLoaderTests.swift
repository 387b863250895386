import Foundation
import PlannerCore
import Testing

@testable import PlannerInput

@Suite struct EventsLoaderTests {
    /// The fixture's SKUs plus S3 in another category, so category filters can select something else.
    static let threeSKUs = """
        sku,name,category,unit_cost,unit_price,holding_cost_rate,order_cost,pack_size,moq
        S1,Kettle,kitchen,10,25,0.25,50,1,0
        S2,"Mug, blue",kitchen,2.5,6.99,0.2,20,6,12
        S3,Rake,garden,4,9,0.2,20,1,0

        """

    func load(events: String) throws -> (DataSet?, [InputIssue], String) {
        let fixture = try Fixture(replacing: ["skus.csv": Self.threeSKUs, "events.csv": events])
        var data: DataSet? = nil
        let found = issues { data = try DataSetLoader.load(directory: fixture.dataDirectory) }
        return (data, found, fixture.dataDirectory + "/events.csv")
    }

    @Test func anAbsentFileMeansNoEvents() throws {
        let fixture = try Fixture()
        #expect(!FileManager.default.fileExists(atPath: fixture.dataDirectory + "/events.csv"))
        let data = try DataSetLoader.load(directory: fixture.dataDirectory)
        #expect(data.events.isEmpty)
        #expect(DataSetLoader.optionalFileNames == ["events.csv", "returns.csv"])
    }

    /// The generator wrote Scenarios/sample/events.csv (2024-2027 retail calendar); it loads as the generator meant.
    @Test func loadsTheGeneratedSampleCalendar() throws {
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Scenarios/sample").standardized.path
        let events = try DataSetLoader.load(directory: sample).events
        #expect(events.count == 161)
        #expect(events.allSatisfy { $0.skuIndices == nil && $0.categories == nil && $0.regionIndices == nil })
        let namesOf2025 = events.filter { $0.day.civil.year == 2025 && $0.day.civil.month == 11 }.map(\.name)
        #expect(
            namesOf2025 == Array(repeating: "pre_peak_dip", count: 7) + [
                "peak_week", "peak_week", "peak_build", "thanksgiving", "black_friday", "peak_weekend", "cyber_weekend",
            ]
        )
        #expect(events.first { $0.name == "black_friday" }?.day == Day(year: 2024, month: 11, day: 29))
        #expect(events.last == CalendarEvent(day: Day(year: 2027, month: 12, day: 26)!, name: "christmas"))
    }

    @Test func readsFiltersAsSortedListsAndSortsEventsByDayThenName() throws {
        let (data, found, _) = try load(
            events: """
                date,name,skus,categories,regions
                2025-11-28,black_friday,,,
                2025-11-27,thanksgiving,S3;S1,,R2
                2025-11-28,clearance,S2;S1,kitchen,
                2025-12-24,christmas_eve,,garden;kitchen,R2;R1

                """
        )
        #expect(found == [])
        let events = try #require(data?.events)
        let blackFriday = Day(year: 2025, month: 11, day: 28)!
        #expect(
            events == [
                CalendarEvent(
                    day: Day(year: 2025, month: 11, day: 27)!,
                    name: "thanksgiving",
                    skuIndices: [0, 2],
                    regionIndices: [1]
                ),
                CalendarEvent(day: blackFriday, name: "black_friday"),
                CalendarEvent(day: blackFriday, name: "clearance", skuIndices: [0, 1], categories: ["kitchen"]),
                CalendarEvent(
                    day: Day(year: 2025, month: 12, day: 24)!,
                    name: "christmas_eve",
                    categories: ["garden", "kitchen"],
                    regionIndices: [0, 1]
                ),
            ]
        )
    }

    /// The filter columns are optional: `date,name` alone is a calendar for everything, and any subset of the
    /// filters may be given; an absent filter selects everything, like an empty field.
    @Test func acceptsDateAndNameAloneAndAnySubsetOfTheFilters() throws {
        let (bare, bareIssues, _) = try load(events: "date,name\n2025-11-28,black_friday\n2025-11-27,thanksgiving\n")
        #expect(bareIssues == [])
        #expect(
            bare?.events == [
                CalendarEvent(day: Day(year: 2025, month: 11, day: 27)!, name: "thanksgiving"),
                CalendarEvent(day: Day(year: 2025, month: 11, day: 28)!, name: "black_friday"),
            ]
        )
        let (regional, regionalIssues, _) = try load(
            events: "date,regions,name\n2026-01-05,R2,promo\n2026-01-06,,x\n"
        )
        #expect(regionalIssues == [])
        #expect(
            regional?.events == [
                CalendarEvent(day: Day(year: 2026, month: 1, day: 5)!, name: "promo", regionIndices: [1]),
                CalendarEvent(day: Day(year: 2026, month: 1, day: 6)!, name: "x"),
            ]
        )
        let (_, badIssues, path) = try load(events: "date,name,categories\n2026-01-05,promo,toys\n")
        #expect(
            badIssues.map(\.description) == [
                "\(path):2:3: error: categories: unknown category 'toys' (no sku in skus.csv has it)"
            ]
        )
    }

    @Test func acceptsTheColumnsInAnyOrderAndAHeaderOnlyFile() throws {
        let (reordered, reorderedIssues, _) = try load(
            events: "regions,name,date,categories,skus\nR1,promo,2026-01-05,,S2\n"
        )
        #expect(reorderedIssues == [])
        #expect(
            reordered?.events == [
                CalendarEvent(
                    day: Day(year: 2026, month: 1, day: 5)!,
                    name: "promo",
                    skuIndices: [1],
                    regionIndices: [0]
                )
            ]
        )
        let longestName = String(repeating: "x", count: 64)
        let (long, longIssues, _) = try load(
            events: "date,name,skus,categories,regions\n2026-01-05,\(longestName),,,\n"
        )
        #expect(longIssues == [])
        #expect(long?.events.map(\.name) == [longestName], "64 characters is the longest name allowed")
        let (empty, emptyIssues, _) = try load(events: "date,name,skus,categories,regions\n")
        #expect(emptyIssues == [])
        #expect(empty?.events == [])
    }

    @Test func reportsEachBrokenFieldWithLineAndColumn() throws {
        let longName = String(repeating: "a", count: 65)
        let (data, found, path) = try load(
            events: """
                date,name,skus,categories,regions
                2025-11-31,promo,,,
                ,promo,,,
                2025-11-28,,,,
                2025-11-28,\(longName),,,
                2025-11-28,"tab\there",,,
                2025-11-28,promo,S1;S9,,
                2025-11-28,promo2,,toys,
                2025-11-28,promo3,,,R1;R7
                2025-11-28,promo4,S1;;S2,,
                2025-11-28,promo5,S1;,,
                2025-11-28,promo6,,,R2;R2
                2025-11-28,promo7," S1",,
                2025-11-28,promo8,S1; S2,,

                """
        )
        #expect(data == nil)
        #expect(
            found.map(\.description) == [
                "\(path):2:1: error: date: expected a date YYYY-MM-DD that exists, found '2025-11-31'",
                "\(path):3:1: error: date: expected a date YYYY-MM-DD that exists, found ''",
                "\(path):4:2: error: name: must not be empty",
                "\(path):5:2: error: name: 'aaaaaaaaaaaaaaaaaaaa...' is 65 characters long (at most 64)",
                "\(path):6:2: error: name: 'tab\\u{0009}here' contains the control character U+0009; remove it",
                "\(path):7:3: error: skus: unknown sku 'S9' (not in skus.csv)",
                "\(path):8:4: error: categories: unknown category 'toys' (no sku in skus.csv has it)",
                "\(path):9:5: error: regions: unknown region 'R7' (not in regions.csv)",
                "\(path):10:3: error: skus: an empty item in 'S1;;S2' (separate ids by one ';', with none at the end)",
                "\(path):11:3: error: skus: an empty item in 'S1;' (separate ids by one ';', with none at the end)",
                "\(path):12:5: error: regions: region 'R2' is listed twice",
                "\(path):13:3: error: skus: ' S1' has leading or trailing spaces",
                "\(path):14:3: error: skus: sku ' S2' has leading or trailing spaces",
            ]
        )
    }

    @Test func rejectsARepeatedDayAndNameNamingTheFirstLine() throws {
        let (_, found, path) = try load(
            events: """
                date,name,skus,categories,regions
                2025-11-28,black_friday,,,
                2025-11-28,peak_weekend,,,
                2025-11-29,black_friday,,,
                2025-11-28,black_friday,S1,,

                """
        )
        #expect(
            found.map(\.description) == [
                "\(path):5:2: error: name: duplicate event 'black_friday' on 2025-11-28 (first on line 2)"
            ]
        )
    }

    @Test func rejectsAnEventWhoseSkusAndCategoriesSelectNothing() throws {
        let (_, found, path) = try load(events: "date,name,skus,categories,regions\n2025-11-28,promo,S1;S2,garden,\n")
        #expect(
            found.map(\.description) == [
                "\(path):2:4: error: categories: none of the listed skus is in these categories: the event selects "
                    + "nothing"
            ]
        )
    }

    @Test func reportsAWrongHeaderAndSkipsTheEventsWhenBaseFilesAreBroken() throws {
        let (_, headerIssues, path) = try load(events: "date,name,sku,categories,regions\n2025-11-28,promo,,,\n")
        #expect(
            headerIssues.map(\.description) == [
                "\(path):1:3: error: unknown column 'sku'; expected the columns date, name and optionally skus, "
                    + "categories, regions"
            ]
        )
        let (_, missingIssues, _) = try load(events: "name,skus\npromo,S1\n")
        #expect(missingIssues.map(\.message) == ["missing column 'date'"])

        let fixture = try Fixture(replacing: [
            "regions.csv": "region\nR1\n", "events.csv": "date,name,skus,categories,regions\nbad,promo,,,\n",
        ])
        let found = issues { _ = try DataSetLoader.load(directory: fixture.dataDirectory) }
        #expect(!found.contains { $0.file.hasSuffix("events.csv") })
        #expect(found.last?.message.contains("events and returns were not checked") == true)
    }
}
