import Testing

@testable import PlannerInput

@Suite struct ByteKeyTableTests {
    private static func index(_ table: ByteKeyTable, _ key: String) -> Int? {
        Array(key.utf8).withUnsafeBytes { table.index(of: $0) }
    }

    @Test func findsEveryKeyOfEveryLengthAndNothingElse() {
        // Lengths 0 to 40; long keys share their first 16 bytes and differ only at the end.
        var keys = (0...40).map { String(repeating: "k", count: $0) }
        keys += (0..<2_000).map { "SKU-\(String(100_000 + $0).dropFirst())" }
        keys += (0..<50).map { "a-shared-prefix-of-more-than-16-bytes-\($0)" }
        keys += ["ü", "s-ü-3", "Nord-Ost"]
        let indexByKey = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0 * 7) })
        let table = ByteKeyTable(indexByKey: indexByKey)
        #expect(table.count == keys.count)
        #expect(table.shortestKeyBytes == 1, "never below 1 byte, so the bound on rows per file stays finite")
        for (position, key) in keys.enumerated() {
            #expect(Self.index(table, key) == position * 7, "\(key)")
        }
        for missing in ["SKU-02000", "SKU-0000", "SKU-000000", "a-shared-prefix-of-more-than-16-bytes-50", "u", "K"] {
            #expect(Self.index(table, missing) == nil, "\(missing)")
        }
        #expect(Self.index(table, String(repeating: "k", count: 41)) == nil)
    }

    @Test func anEmptyTableFindsNothing() {
        let table = ByteKeyTable(indexByKey: [:])
        #expect(Self.index(table, "") == nil)
        #expect(Self.index(table, "S1") == nil)
        #expect(table.shortestKeyBytes == 1)
    }
}
