import PlannerCore

/// What one unit of each SKU weighs and takes up as shipped (`skus.csv` `unit_weight_kg`, `unit_volume_l`).
///
/// Weight is log-normal around its category's ``CategoryProfile/unitWeightKg`` (sigma 0.7), at least 20 g;
/// volume is the weight over a density drawn uniformly from the category's ``CategoryProfile/densityKgPerLitre``,
/// at least 0.05 l. Weights are rounded to grams and volumes to centilitres in the data set itself, so the files
/// read back to the same values. One stream of its own, two draws per SKU in SKU order, so every other file of
/// a data set is what it was before the columns existed.
enum UnitDimensions {
    /// The random stream of the dimensions; streams 1-9 are the other parts of the data set.
    static let stream: UInt64 = 10

    /// `skus` with `unitWeightKg` and `unitVolumeLitres` set.
    static func assign(to skus: [SKU], seed: UInt64) -> [SKU] {
        let profiles = Dictionary(uniqueKeysWithValues: CategoryProfile.all.map { ($0.name, $0) })
        var random = SeededRandom(seed: seed, stream: stream)
        return skus.map { sku in
            let weightDraw = random.logNormal(median: profiles[sku.category]?.unitWeightKg ?? 1, sigma: 0.7)
            let density = profiles[sku.category]?.densityKgPerLitre ?? 0.2...0.5
            let densityDraw = random.uniform(density.lowerBound, density.upperBound)
            let weight = max(0.02, (weightDraw * 1000).rounded() / 1000)
            var dimensioned = sku
            dimensioned.unitWeightKg = weight
            dimensioned.unitVolumeLitres = max(0.05, cents(weight / densityDraw))
            return dimensioned
        }
    }
}
