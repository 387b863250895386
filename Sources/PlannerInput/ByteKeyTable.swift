#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Maps identifiers, as raw UTF-8 bytes, to their index: an open-addressing hash table with linear
/// probing (Knuth, "The Art of Computer Programming", vol. 3, 6.4, algorithm L), built once and then
/// only read, so any number of threads may look up in it at once.
///
/// A slot holds the key's first 16 bytes next to its value, so looking up an id of up to 16 bytes
/// touches one cache line of the table: with 100,000 SKUs the table outgrows the L2 cache and a
/// lookup that chased a pointer to the key's bytes cost three cache misses. No String is built per
/// lookup. Keys are matched byte for byte, so a key spelled with other bytes that Swift's String
/// would call equal (another Unicode normalisation) is not found here; callers treat that as "not sure".
struct ByteKeyTable: Sendable {
    /// Four words a slot: `tag << 32 | (entry + 1)` (0 when empty), `length << 32 | value`, then the
    /// key's first 16 bytes, little-endian and zero padded.
    private let slots: SlotStorage
    /// All keys one after the other, for the bytes of keys longer than 16.
    private let keyBytes: [UInt8]
    /// Key `e` is `keyBytes[keyStarts[e]..<keyStarts[e + 1]]`.
    private let keyStarts: [Int]
    /// Length in bytes of the shortest key (1 for an empty table).
    let shortestKeyBytes: Int
    /// The number of keys.
    let count: Int

    /// Builds the table of `indexByKey`; every index must fit an `Int32`.
    init(indexByKey: [String: Int]) {
        var slotCount = 16
        while slotCount < indexByKey.count * 2 { slotCount *= 2 }
        let slots = SlotStorage(wordCount: slotCount * 4)
        var keyBytes: [UInt8] = []
        var keyStarts = [0]
        var shortest = Int.max
        for (key, value) in indexByKey {
            let entry = keyStarts.count - 1
            let utf8 = Array(key.utf8)
            keyBytes.append(contentsOf: utf8)
            keyStarts.append(keyBytes.count)
            shortest = min(shortest, utf8.count)
            let (head, tail, hash) = utf8.withUnsafeBytes { bytes in
                let (head, tail) = ByteKeyTable.firstWords(bytes)
                return (head, tail, ByteKeyTable.hash(bytes, head, tail))
            }
            var slot = Int(truncatingIfNeeded: hash) & (slotCount - 1)
            while slots[slot * 4] != 0 { slot = (slot + 1) & (slotCount - 1) }
            slots[slot * 4] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(entry + 1)
            slots[slot * 4 + 1] = UInt64(utf8.count) << 32 | UInt64(UInt32(truncatingIfNeeded: value))
            slots[slot * 4 + 2] = head
            slots[slot * 4 + 3] = tail
        }
        self.slots = slots
        self.keyBytes = keyBytes
        self.keyStarts = keyStarts
        self.count = indexByKey.count
        self.shortestKeyBytes = indexByKey.isEmpty ? 1 : max(shortest, 1)
    }

    /// The index of the key made of exactly `key`'s bytes, or nil.
    func index(of key: UnsafeRawBufferPointer) -> Int? {
        withView { $0.index(of: key).map(Int.init) }
    }

    /// Calls `body` with a view that looks up without bounds checks or reference counting, for loops
    /// over millions of rows. The view must not escape `body`.
    func withView<R>(_ body: (View) throws -> R) rethrows -> R {
        try withExtendedLifetime(slots) {
            try keyBytes.withUnsafeBytes { keyBytes in
                try keyStarts.withUnsafeBufferPointer { keyStarts in
                    try body(View(slots: slots.words, keyBytes: keyBytes, keyStarts: keyStarts))
                }
            }
        }
    }

    /// The table's storage, borrowed for the duration of ``withView(_:)``.
    struct View {
        fileprivate let slots: UnsafeBufferPointer<UInt64>
        fileprivate let keyBytes: UnsafeRawBufferPointer
        fileprivate let keyStarts: UnsafeBufferPointer<Int>

        @inline(__always)
        func index(of key: UnsafeRawBufferPointer) -> Int32? {
            var probe = Probe(key)
            loadFirstSlot(&probe)
            return index(of: key, probe: probe)
        }

        /// Loads the first slot `probe` looks at: calling this for many keys before looking them up
        /// lets the processor wait for their cache misses all at once.
        @inline(__always)
        func loadFirstSlot(_ probe: inout Probe) {
            let slot = Int(truncatingIfNeeded: probe.hash) & (slots.count / 4 - 1)
            probe.firstMarker = slots[slot &* 4]
        }

        /// The index of `key`, hashed into `probe` and its first slot loaded.
        @inline(__always)
        func index(of key: UnsafeRawBufferPointer, probe: Probe) -> Int32? {
            if probe.firstMarker == 0 { return nil }
            let tag = probe.hash & 0xFFFF_FFFF_0000_0000
            let lengthTag = UInt64(key.count) << 32
            let mask = slots.count / 4 - 1
            var slot = Int(truncatingIfNeeded: probe.hash) & mask
            while true {
                let base = slot &* 4
                let marker = slots[base]
                if marker == 0 { return nil }
                let lengthAndValue = slots[base &+ 1]
                if marker & 0xFFFF_FFFF_0000_0000 == tag && lengthAndValue & 0xFFFF_FFFF_0000_0000 == lengthTag
                    && slots[base &+ 2] == probe.head && slots[base &+ 3] == probe.tail
                    && (key.count <= 16 || restMatches(entry: Int(truncatingIfNeeded: marker & 0xFFFF_FFFF) - 1, key))
                {
                    return Int32(truncatingIfNeeded: lengthAndValue)
                }
                slot = (slot &+ 1) & mask
            }
        }

        /// Whether the bytes of a key longer than 16 bytes after the first 16 equal entry `entry`'s.
        private func restMatches(entry: Int, _ key: UnsafeRawBufferPointer) -> Bool {
            let start = keyStarts[entry] + 16
            let length = key.count - 16
            guard let stored = keyBytes.baseAddress, let probe = key.baseAddress else { return false }
            return memcmp(stored + start, probe + 16, length) == 0
        }
    }

    /// Slot words on 64-byte boundaries, so a 32-byte slot never straddles two cache lines.
    ///
    /// `@unchecked Sendable`: written only by ``ByteKeyTable/init(indexByKey:)`` before the table is
    /// shared, then only read.
    private final class SlotStorage: @unchecked Sendable {
        let words: UnsafeBufferPointer<UInt64>

        init(wordCount: Int) {
            let words = UnsafeMutableRawPointer.allocate(byteCount: wordCount * 8, alignment: 64)
                .initializeMemory(as: UInt64.self, repeating: 0, count: wordCount)
            self.words = UnsafeBufferPointer(start: words, count: wordCount)
        }

        subscript(_ index: Int) -> UInt64 {
            get { words[index] }
            set { UnsafeMutablePointer(mutating: words.baseAddress!)[index] = newValue }
        }

        deinit {
            words.deallocate()
        }
    }

    /// A key ready to look up: its first 16 bytes as words, its hash, and the marker word of the
    /// first slot it probes once ``View/loadFirstSlot(_:)`` has read it.
    struct Probe {
        let head: UInt64
        let tail: UInt64
        let hash: UInt64
        var firstMarker: UInt64 = 0

        @inline(__always)
        init(_ key: UnsafeRawBufferPointer) {
            (head, tail) = ByteKeyTable.firstWords(key)
            hash = ByteKeyTable.hash(key, head, tail)
        }
    }

    /// The first 16 bytes of `bytes` as two little-endian words, zero padded; reads no byte past the end.
    @inline(__always)
    static func firstWords(_ bytes: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        guard let base = bytes.baseAddress else { return (0, 0) }
        let count = bytes.count
        if count >= 16 { return (word(base, 8), word(base + 8, 8)) }
        if count >= 8 { return (word(base, 8), word(base + 8, count &- 8)) }
        return (word(base, count), 0)
    }

    /// `count` (0...8) bytes at `base` as a little-endian word, zero padded, without reading further.
    @inline(__always)
    private static func word(_ base: UnsafeRawPointer, _ count: Int) -> UInt64 {
        if count == 8 { return UInt64(littleEndian: base.loadUnaligned(as: UInt64.self)) }
        if count >= 4 {
            // Two overlapping 4-byte loads: the bytes they share are the same.
            let low = UInt64(UInt32(littleEndian: base.loadUnaligned(as: UInt32.self)))
            let high = UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)))
            return low | high << UInt64(8 &* (count &- 4))
        }
        var word: UInt64 = 0
        var offset = 0
        while offset < count {
            word |= UInt64(base.load(fromByteOffset: offset, as: UInt8.self)) << UInt64(8 &* offset)
            offset &+= 1
        }
        return word
    }

    /// A 64-bit hash of `bytes`, whose first 16 bytes are `head` and `tail`: each word mixed in by a
    /// multiply and a shift (the finaliser of MurmurHash3's 64-bit variant, Austin Appleby).
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer, _ head: UInt64, _ tail: UInt64) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(truncatingIfNeeded: bytes.count &+ 1)
        hash = (hash ^ head) &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        if bytes.count > 16, let base = bytes.baseAddress {
            var offset = 16
            while offset < bytes.count {
                let length = min(8, bytes.count &- offset)
                hash = (hash ^ word(base + offset, length)) &* 0xFF51_AFD7_ED55_8CCD
                hash ^= hash >> 33
                offset &+= 8
            }
        }
        hash = (hash ^ (hash >> 29)) &* 0xFF51_AFD7_ED55_8CCD
        return hash ^ (hash >> 32)
    }
}
