import PlannerCore
import Testing

@testable import DataGenerator

@Suite("Unit weight and volume of generated SKUs")
struct UnitDimensionTests {
    @Test("Every SKU gets a weight and a volume within the input limits, its density within its category's range")
    func withinLimitsAndCategoryDensity() throws {
        let skus = twoYearDataSet.skus
        let profiles = Dictionary(uniqueKeysWithValues: CategoryProfile.all.map { ($0.name, $0) })
        for sku in skus {
            let weight = try #require(sku.unitWeightKg)
            let volume = try #require(sku.unitVolumeLitres)
            #expect(weight >= 0.02 && weight <= InputLimits.unitWeightKgMax, "\(sku.id)")
            #expect(volume >= 0.05 && volume <= InputLimits.unitVolumeLitresMax, "\(sku.id)")
            // Grams and centilitres: the file's text reads back as the same double.
            #expect((weight * 1000).rounded() / 1000 == weight)
            #expect((volume * 100).rounded() / 100 == volume)
            let density = try #require(profiles[sku.category]).densityKgPerLitre
            // The volume is rounded to 0.01 l (and floored at 0.05 l), so the density is checked with that slack.
            if volume > 0.05 {
                #expect(weight / (volume + 0.005) <= density.upperBound, "\(sku.id)")
                #expect(weight / max(volume - 0.005, 0.001) >= density.lowerBound, "\(sku.id)")
            }
        }
        // Log-normal around the category median with sigma 0.7: half the draws lie below the median, so over the
        // catalog the share below is near 0.5 (150 SKUs: standard deviation 0.04).
        let below = skus.filter { $0.unitWeightKg! < profiles[$0.category]!.unitWeightKg }.count
        #expect((0.35...0.65).contains(Double(below) / Double(skus.count)), "\(below) of \(skus.count)")
    }

    @Test("The dimensions come from a stream of their own: the catalog is what it was without them")
    func ownStream() {
        var random = SeededRandom(seed: twoYearSpec.seed, stream: 1)
        let plain = CatalogGenerator.makeSKUs(count: twoYearSpec.skuCount, random: &random)
        let generated = twoYearDataSet.skus.map { sku in
            var stripped = sku
            stripped.unitWeightKg = nil
            stripped.unitVolumeLitres = nil
            return stripped
        }
        #expect(generated == plain)
        #expect(UnitDimensions.assign(to: plain, seed: twoYearSpec.seed) == twoYearDataSet.skus)
        #expect(UnitDimensions.assign(to: plain, seed: twoYearSpec.seed + 1) != twoYearDataSet.skus)
    }

    @Test("A data set without dimensions is written without the columns; one SKU without them gets empty fields")
    func optionalColumnsInTheFile() throws {
        var data = twoYearDataSet
        let directory = try makeTemporaryDirectory()
        defer { removeDirectory(directory) }
        for index in data.skus.indices {
            data.skus[index].unitWeightKg = nil
            data.skus[index].unitVolumeLitres = nil
        }
        try DataGenerator.write(data, to: directory)
        let plain = String(decoding: try readFile(directory, "skus.csv"), as: UTF8.self)
        #expect(plain.hasPrefix(DataSetWriter.skuHeader.joined(separator: ",") + "\n"))
        data.skus[1].unitWeightKg = 2.5
        try DataGenerator.write(data, to: directory)
        let lines = String(decoding: try readFile(directory, "skus.csv"), as: UTF8.self).split(separator: "\n")
        #expect(lines[0].hasSuffix(",moq,unit_weight_kg,unit_volume_l"))
        #expect(lines[1].hasSuffix(",,"))
        #expect(lines[2].hasSuffix(",2.5,"))
    }
}
