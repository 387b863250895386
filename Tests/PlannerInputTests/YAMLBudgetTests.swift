import Testing

@testable import PlannerInput

/// The node budget counts what the composer would build, aliases expanded, and stops at the alias that crosses it.
@Suite struct YAMLBudgetTests {
    // The mapping, keys a and b, the sequence with its two scalars, and the alias: a copy of the 3-node sequence.
    static let document = Array("a: &x [1, 2]\nb: *x\n".utf8)

    @Test func aliasesCountAsCopiesOfTheirAnchor() {
        #expect(YAMLBudget.check(Self.document, maxExpandedNodes: 9) == nil)
        #expect(
            YAMLBudget.check(Self.document, maxExpandedNodes: 8)
                == YAMLBudget.Violation(
                    line: 2,
                    column: 4,
                    message: "the document expands to more than 8 nodes (aliases count as copies of their anchor); "
                        + "this file is not read further"
                )
        )
    }

    @Test func aBillionLaughsStopsAtTheCrossingAlias() {
        var lines = ["a0: &a0 [q, q, q, q, q, q, q, q, q, q]"]
        for level in 1...9 {
            lines.append(
                "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]"
            )
        }
        let violation = YAMLBudget.check(Array(lines.joined(separator: "\n").utf8))
        // Before line 5: the mapping, 4 keys and the sequences a0-a3 of 11, 111, 1,111 and 11,111 nodes: 12,359.
        // Line 5 adds its key and sequence (12,361), then 11,111 per alias to a3: the 8th reaches 101,249 > 100,000.
        // It starts at column 10 + 7 x 5 = 45 ("a4: &a4 [" is 9 characters, each "*a3, " 5).
        #expect(violation?.line == 5)
        #expect(violation?.column == 45)
    }

    @Test func aFileOverTheSizeLimitIsRefusedBeforeParsing() {
        let bytes = Array(repeating: UInt8(ascii: "a"), count: YAMLBudget.maxFileBytes + 1)
        #expect(YAMLBudget.check(bytes)?.message == "the file is longer than \(YAMLBudget.maxFileBytes) bytes")
    }

    @Test func syntaxErrorsAreLeftToTheComposer() {
        #expect(YAMLBudget.check(Array("a: [1, 2\n".utf8)) == nil)
    }
}
