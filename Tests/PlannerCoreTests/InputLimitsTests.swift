import PlannerCore
import Testing

@Suite struct InputLimitsTests {
    @Test func identifiersAreCheckedForLengthInBytesAndControlCharacters() {
        #expect(InputLimits.problem(with: String(repeating: "é", count: 100), maxBytes: 200) == nil)
        #expect(
            InputLimits.problem(with: String(repeating: "é", count: 101), maxBytes: 200)
                == "is 202 bytes long; at most 200 bytes are allowed"
        )
        #expect(
            InputLimits.problem(with: "a\u{0}b", maxBytes: 200) == "contains the control character U+0000; remove it"
        )
        #expect(
            InputLimits.problem(with: "a\u{7F}", maxBytes: 200) == "contains the control character U+007F; remove it"
        )
        #expect(
            InputLimits.problem(with: "a\u{9B}", maxBytes: 200) == "contains the control character U+009B; remove it"
        )
        #expect(InputLimits.problem(with: "Straße 中", maxBytes: 200) == nil)
    }

    @Test func messagesShowValuesShortAndEscaped() {
        #expect(InputLimits.quoted("a\tb") == "'a\\u{0009}b'")
        let long = String(repeating: "x", count: 3000)
        #expect(InputLimits.quoted(long) == "'" + String(repeating: "x", count: 60) + "... (3000 bytes)'")
        #expect(InputLimits.shortened("1e300") == "1e300")
    }

    @Test func theAcceptedDatesAreTheDocumentedYears() {
        #expect(InputLimits.contains(Day(iso: "1900-01-01")!))
        #expect(InputLimits.contains(Day(iso: "2999-12-31")!))
        #expect(!InputLimits.contains(Day(iso: "1899-12-31")!))
        #expect(!InputLimits.contains(Day(iso: "3000-01-01")!))
    }

    @Test func saturatingSumsHoldAtIntMax() {
        #expect([1, 2, 3].saturatingSum { $0 } == 6)
        #expect([Int.max - 1, 1].saturatingSum { $0 } == Int.max)
        #expect([Int.max, 1, 5].saturatingSum { $0 } == Int.max)
    }
}
