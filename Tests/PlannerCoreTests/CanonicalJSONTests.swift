import PlannerCore
import Testing

@Suite struct CanonicalJSONTests {
    enum Colour: String { case deepRed = "deep_red" }
    enum Shape { case round }
    struct Inner {
        var maxLines: Int
        var share: Double?
    }
    struct Outer {
        var databaseURL: String
        var newSKUDays: Int
        var abcThresholds: [Int: Double]
        var colour: Colour
        var shape: Shape
        var day: Day
        var tags: Set<String>
        var inner: Inner
        var nothing: Inner?
        var text: String
    }

    @Test func propertiesBecomeSortedSnakeCaseKeysWithCanonicalValues() {
        let value = Outer(
            databaseURL: "postgresql://u:secret@h/db",
            newSKUDays: 28,
            abcThresholds: [2: 0.95, 1: 0.8],
            colour: .deepRed,
            shape: .round,
            day: Day(iso: "2026-11-16")!,
            tags: ["b", "a"],
            inner: Inner(maxLines: 5_000, share: nil),
            nothing: nil,
            text: "a \"quote\"\n"
        )
        #expect(
            CanonicalJSON.encode(value, omitting: ["databaseURL"])
                == #"{"abc_thresholds":{"1":0.8,"2":0.95},"colour":"deep_red","day":"2026-11-16","inner":{"max_lines":5000,"share":null},"new_sku_days":28,"nothing":null,"shape":"round","tags":["a","b"],"text":"a \"quote\"\n"}"#
        )
        #expect(CanonicalJSON.encode(value).contains("secret"), "only what is omitted is left out")
    }

    @Test func namesWithAcronymsSplitWhereAPersonWould() {
        #expect(CanonicalJSON.snakeCase("databaseURL") == "database_url")
        #expect(CanonicalJSON.snakeCase("newSKUDays") == "new_sku_days")
        #expect(CanonicalJSON.snakeCase("abcThresholds") == "abc_thresholds")
        #expect(CanonicalJSON.snakeCase("p80UnitsPerDay") == "p80_units_per_day")
    }
}
