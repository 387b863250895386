import Foundation
import PlannerCore
import Testing

@testable import DataGenerator

@Suite("Determinism")
struct DeterminismTests {
    let spec = GeneratorSpec(
        skuCount: 60,
        regionCount: 6,
        warehouseCount: 3,
        historyDays: 120,
        orderCount: 200,
        seed: 99
    )

    @Test("The same spec gives the same data set")
    func sameSpecSameDataSet() {
        expectSameDataSet(DataGenerator.generate(spec), DataGenerator.generate(spec))
    }

    @Test("The same spec gives byte-identical files")
    func sameSpecSameBytes() throws {
        let first = try makeTemporaryDirectory()
        let second = try makeTemporaryDirectory()
        defer {
            removeDirectory(first)
            removeDirectory(second)
        }
        try DataGenerator.write(DataGenerator.generate(spec), to: first)
        try DataGenerator.write(DataGenerator.generate(spec), to: second + "/nested/out")
        for name in DataGenerator.fileNames + ["returns.csv"] {
            let firstBytes = try readFile(first, name)
            #expect(firstBytes.count > 0, "\(name) is empty")
            #expect(firstBytes == (try readFile(second + "/nested/out", name)), "\(name) differs")
        }
    }

    @Test("The demand history does not depend on the number of threads drawing it")
    func threadCountDoesNotMatter() {
        let single = DataGenerator.generate(spec, demandWorkerCount: 1)
        #expect(single.demand.count > 1_000)
        expectSameDataSet(single, DataGenerator.generate(spec, demandWorkerCount: 3))
    }

    @Test("A different seed gives different data")
    func differentSeedDifferentData() {
        var otherSpec = spec
        otherSpec.seed = 100
        let base = DataGenerator.generate(spec)
        let other = DataGenerator.generate(otherSpec)
        #expect(base.skus != other.skus)
        #expect(base.demand != other.demand)
        #expect(base.orders != other.orders)
        #expect(base.suppliers != other.suppliers)
        // Sizes that the spec fixes do not move with the seed.
        #expect(base.skus.count == other.skus.count)
        #expect(base.orders.count == other.orders.count)
    }

    @Test("Demand of a SKU does not depend on how many SKUs are generated after it")
    func demandStreamsArePerSKU() {
        var larger = spec
        larger.skuCount = 80
        let small = DataGenerator.generate(spec).demand
        let big = DataGenerator.generate(larger).demand
        func rows(_ demand: DemandHistory, sku: Int32) -> [[Int32]] {
            (0..<demand.count).filter { demand.skuIndices[$0] == sku }.map {
                [demand.days[$0], demand.regionIndices[$0], demand.quantities[$0]]
            }
        }
        // SKU models come from one stream in index order, so the first 60 SKUs are identical.
        for sku: Int32 in [0, 17, 59] {
            #expect(rows(small, sku: sku) == rows(big, sku: sku))
        }
    }
}
