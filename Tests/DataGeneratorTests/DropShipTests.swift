import Foundation
import PlannerCore
import Testing

@testable import DataGenerator

@Suite("Drop-ship flag of suppliers.csv")
struct DropShipTests {
    /// The spec of ``DeterminismTests``; its files were hashed before the drop_ship column existed.
    let spec = GeneratorSpec(
        skuCount: 60,
        regionCount: 6,
        warehouseCount: 3,
        historyDays: 120,
        orderCount: 200,
        seed: 99
    )

    /// FNV-1a (64 bit) of each file `planner generate --skus 60 --regions 6 --warehouses 3 --days 120
    /// --orders 200 --seed 99` wrote at commit 44a1303, before the column; suppliers.csv without it.
    static let hashesBeforeTheColumn: [String: UInt64] = [
        "demand.csv": 0xf9a0_9628_2327_09d4,
        "events.csv": 0xe41e_16be_e801_30db,
        "lanes.csv": 0xfb96_99dc_33dc_e8c6,
        "orders.csv": 0x5f51_04bd_1e7e_2391,
        "regions.csv": 0x9bc7_8c5d_f459_f2e1,
        "skus.csv": 0x4130_d5c4_e138_867a,
        "stock.csv": 0x4f57_a60b_9a87_15e6,
        "suppliers.csv": 0x04b7_fb9b_71ae_923e,
        "warehouses.csv": 0xa52d_edf4_c5ba_6a2a,
    ]

    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    @Test("Adding the column changes no other byte of any file")
    func otherFilesAreUnchanged() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeDirectory(directory) }
        try DataGenerator.write(DataGenerator.generate(spec), to: directory)
        #expect(Set(DataGenerator.fileNames) == Set(Self.hashesBeforeTheColumn.keys))
        for name in DataGenerator.fileNames where name != "suppliers.csv" && name != "skus.csv" {
            #expect(Self.fnv1a(try readFile(directory, name)) == Self.hashesBeforeTheColumn[name], "\(name)")
        }
        // suppliers.csv minus its last field is the old file, and so is skus.csv minus its last two (the unit
        // weight and volume, which came later); no number field contains a comma.
        let suppliers = try Self.droppingLastFields(1, of: try readFile(directory, "suppliers.csv"))
        #expect(suppliers.dropped.allSatisfy { ["drop_ship", "true", "false"].contains($0[0]) })
        #expect(Self.fnv1a(suppliers.kept) == Self.hashesBeforeTheColumn["suppliers.csv"])
        let skus = try Self.droppingLastFields(2, of: try readFile(directory, "skus.csv"))
        #expect(skus.dropped.first == ["unit_weight_kg", "unit_volume_l"])
        #expect(skus.dropped.dropFirst().allSatisfy { $0.allSatisfy { Double($0) != nil } })
        #expect(Self.fnv1a(skus.kept) == Self.hashesBeforeTheColumn["skus.csv"])
    }

    /// The file's bytes without the last `count` fields of every line, and those fields (header first).
    static func droppingLastFields(_ count: Int, of bytes: [UInt8]) throws -> (kept: [UInt8], dropped: [[String]]) {
        var kept: [UInt8] = []
        var dropped: [[String]] = []
        for line in bytes.split(separator: 10, omittingEmptySubsequences: false).dropLast() {
            var end = line.endIndex
            for _ in 0..<count {
                end = try #require(line[..<end].lastIndex(of: UInt8(ascii: ",")))
            }
            dropped.append(
                line[(end + 1)...].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map {
                    String(decoding: $0, as: UTF8.self)
                }
            )
            kept += line[..<end] + [10]
        }
        return (kept, dropped)
    }

    @Test("Only primary offers of long-tail SKUs allow drop-shipping, about 40% of the tail")
    func primaryOffersOfTheLongTail() {
        let data = twoYearDataSet
        let allowed = data.suppliers.filter(\.allowsDropShip)
        #expect(allowed.allSatisfy { $0.role == .primary })
        // 75 long-tail SKUs at 0.4 each: 30 expected, standard deviation 4.2.
        #expect((18...42).contains(allowed.count))
        #expect(Set(allowed.map(\.skuIndex)).count == allowed.count)
    }

    @Test("The head half by expected revenue never allows it; ties put the later SKU in the tail")
    func headAndTailByRevenue() {
        func sku(_ index: Int, price: Double) -> SKU {
            SKU(
                id: "S\(index)",
                name: "n",
                category: "c",
                unitCost: 1,
                unitPrice: price,
                holdingCostRate: 0.2,
                orderCost: 10,
                packSize: 1,
                moq: 0
            )
        }
        // Revenues 5, 1, 4, 2, 3, 3: the head is SKUs 0, 2, 4 (4 before 5 at equal revenue), the tail 5, 3, 1.
        let skus = [
            sku(0, price: 1), sku(1, price: 0.5), sku(2, price: 2), sku(3, price: 1), sku(4, price: 1.5),
            sku(5, price: 3),
        ]
        let units = [5.0, 2, 2, 2, 2, 1]
        for seed: UInt64 in 0..<200 {
            let flags = DropShipSelection.allowsDropShip(skus: skus, expectedUnitsPerDay: units, seed: seed)
            #expect(flags.count == 6)
            #expect(!flags[0] && !flags[2] && !flags[4])
        }
        let tailCounts = (0..<200 as Range<UInt64>).map { seed in
            DropShipSelection.allowsDropShip(skus: skus, expectedUnitsPerDay: units, seed: seed)
        }.reduce(into: [0, 0, 0, 0, 0, 0]) { counts, flags in
            for index in flags.indices where flags[index] { counts[index] += 1 }
        }
        // 200 seeds at 0.4: 80 expected per tail SKU, standard deviation 6.9.
        for index in [1, 3, 5] { #expect((55...105).contains(tailCounts[index]), "SKU \(index): \(tailCounts[index])") }
    }

    @Test("The flag is the same for the same seed and changes with the seed")
    func deterministic() {
        let flags = DataGenerator.generate(spec).suppliers.map(\.allowsDropShip)
        #expect(flags == DataGenerator.generate(spec).suppliers.map(\.allowsDropShip))
        #expect(flags.contains(true))
        var other = spec
        other.seed = 100
        let otherFlags = DataGenerator.generate(other).suppliers.map(\.allowsDropShip)
        #expect(otherFlags.contains(true))
        #expect(flags != otherFlags)
    }

    @Test("Marking sets primaries of allowed SKUs only and changes nothing else")
    func markTouchesOnlyTheFlag() {
        let offers = DataGenerator.generate(spec).suppliers
        let cleared = offers.map { offer -> SupplierOffer in
            var copy = offer
            copy.allowsDropShip = false
            return copy
        }
        let allowed = (0..<spec.skuCount).map { $0 % 3 == 0 }
        let marked = DropShipSelection.mark(cleared, allowed: allowed)
        for (before, after) in zip(cleared, marked) {
            var unflagged = after
            unflagged.allowsDropShip = false
            #expect(unflagged == before)
            #expect(after.allowsDropShip == (after.role == .primary && after.skuIndex % 3 == 0))
        }
    }
}
