import Foundation
import PlannerCore

extension LoadContext {
    /// Reads the optional events.csv (date, name, and optionally skus, categories, regions) into event days
    /// sorted by (day, name). A missing file means no events.
    ///
    /// skus, categories and regions are empty or absent (all) or `;`-separated lists of ids that must exist
    /// (a category must be some SKU's category), without spaces around them. (date, name) is unique.
    func readEvents(_ lookup: EntityLookup, skus: [SKU], _ issues: inout IssueCollector) -> [CalendarEvent] {
        guard FileManager.default.fileExists(atPath: displayPath(EventColumns.fileName)) else { return [] }
        let categories = Set(skus.map(\.category))
        var events: [CalendarEvent] = []
        var duplicates = DuplicateDetector<EventKey>()
        table(EventColumns.fileName, EventColumns.required, optionalColumns: EventColumns.filters, &issues) { row in
            let day = row.day(EventColumns.date)
            let name = row.eventName(EventColumns.name)
            let skuFilter = row.idList(EventColumns.skus, noun: "sku", unknown: "not in skus.csv") {
                lookup.skuIndex[$0]
            }
            let categoryFilter = row.idList(
                EventColumns.categories,
                noun: "category",
                unknown: "no sku in skus.csv has it"
            ) {
                categories.contains($0) ? $0 : nil
            }
            let regionFilter = row.idList(EventColumns.regions, noun: "region", unknown: "not in regions.csv") {
                lookup.regionIndex[$0]
            }
            if let day, let name,
                let earlier = duplicates.earlierLine(of: EventKey(day: day, name: name), line: row.line)
            {
                row.fail(EventColumns.name, "duplicate event '\(name)' on \(day) (first on line \(earlier))")
            }
            guard let day, let name, let skuFilter, let categoryFilter, let regionFilter, !row.hasIssues else { return }
            if let skuIndices = skuFilter, let categoryNames = categoryFilter,
                !skuIndices.contains(where: { categoryNames.contains(skus[$0].category) })
            {
                row.fail(
                    EventColumns.categories,
                    "none of the listed skus is in these categories: the event selects nothing"
                )
                return
            }
            events.append(
                CalendarEvent(
                    day: day,
                    name: name,
                    skuIndices: skuFilter?.sorted(),
                    categories: categoryFilter?.sorted(),
                    regionIndices: regionFilter?.sorted()
                )
            )
        }
        events.sort { $0.day != $1.day ? $0.day < $1.day : $0.name < $1.name }
        return events
    }
}

/// The columns of events.csv, by position in the table's column list: the required ones, then the optional
/// filters (an absent filter column selects everything, like an empty field).
enum EventColumns {
    static let fileName = "events.csv"
    static let required = ["date", "name"]
    static let filters = ["skus", "categories", "regions"]
    static let date = 0
    static let name = 1
    static let skus = 2
    static let categories = 3
    static let regions = 4
    /// Longest event name, in characters.
    static let longestName = 64
}

struct EventKey: Hashable {
    var day: Day
    var name: String
}

extension CSVRow {
    /// An event name: not empty, no surrounding spaces or control characters, at most 64 characters.
    mutating func eventName(_ column: Int) -> String? {
        guard let name = identifier(column) else { return nil }
        guard name.count <= EventColumns.longestName else {
            fail(
                column,
                "'\(name.prefix(20))...' is \(name.count) characters long (at most \(EventColumns.longestName))"
            )
            return nil
        }
        return name
    }

    /// An optional `;`-separated list of ids resolved by `resolve`: `.some(nil)` for an empty field
    /// (everything), nil when an item is empty, unknown (reported with `hint`) or repeated.
    mutating func idList<Value>(
        _ column: Int,
        noun: String,
        unknown hint: String,
        resolve: (String) -> Value?
    ) -> [Value]?? {
        if isEmpty(column) { return .some(nil) }
        guard let text = text(column) else { return nil }
        var values: [Value] = []
        var seen = Set<String>()
        var valid = true
        for item in text.split(separator: ";", omittingEmptySubsequences: false) {
            let id = String(item)
            if id.isEmpty {
                fail(
                    column,
                    "an empty item in \(InputLimits.quoted(text)) (separate ids by one ';', with none at the end)"
                )
                valid = false
            } else if id.trimmingWhitespace() != id {
                fail(column, "\(noun) \(InputLimits.quoted(id)) has leading or trailing spaces")
                valid = false
            } else if !seen.insert(id).inserted {
                fail(column, "\(noun) \(InputLimits.quoted(id)) is listed twice")
                valid = false
            } else if let value = resolve(id) {
                values.append(value)
            } else {
                fail(column, "unknown \(noun) \(InputLimits.quoted(id)) (\(hint))")
                valid = false
            }
        }
        return valid ? .some(values) : nil
    }
}
