import Foundation

/// Skewed SKU popularity for the allocation instance: a Zipf-Mandelbrot law over shuffled ranks.
///
/// The SKU of popularity rank k (0-based) has weight 1 / (k + 1 + offset)^exponent (Mandelbrot's
/// generalisation of Zipf's law; Newman, "Power laws, Pareto distributions and Zipf's law",
/// Contemporary Physics 2005). With exponent 1 and offset 10 over 20,000 SKUs the most popular SKU
/// takes 1.2% of the lines and the top quarter about 80%. Ranks are a seeded shuffle of the SKU
/// indices, so popularity does not follow the SKU numbers.
struct SKUPopularity {
    static let exponent = 1.0
    static let offset = 10.0

    /// Popularity rank per SKU index, 0 the most popular.
    var rankBySKU: [Int]
    /// Share of order lines per SKU index; sums to 1.
    var lineShareBySKU: [Double]

    init(
        skuCount: Int,
        exponent: Double = SKUPopularity.exponent,
        offset: Double = SKUPopularity.offset,
        random: inout SeededRandom
    ) {
        var skuByRank = Array(0..<skuCount)
        random.shuffle(&skuByRank)
        var rankBySKU = [Int](repeating: 0, count: skuCount)
        for (rank, sku) in skuByRank.enumerated() { rankBySKU[sku] = rank }
        var weights = rankBySKU.map { 1 / pow(Double($0 + 1) + offset, exponent) }
        let total = weights.reduce(0, +)
        for index in weights.indices { weights[index] /= total }
        self.rankBySKU = rankBySKU
        self.lineShareBySKU = weights
    }

    /// The long tail: every SKU outside the most popular quarter (rank >= skuCount / 4, rounded up).
    func isLongTail(_ sku: Int) -> Bool {
        rankBySKU[sku] >= (rankBySKU.count + 3) / 4
    }
}
