import PlannerCore

/// Stock on hand per (warehouse, SKU) for the allocation instance, sized on the day's expected units.
///
/// A SKU's expected units are `lines x share of lines x 2.315` (the mean line quantity of
/// ``OrderGenerator``). 1.5% of SKUs are stocked nowhere. The popular quarter is stocked at each
/// regional warehouse with probability 0.9, with 1.2-3.0 times the expected units that warehouse
/// serves (``PeakNetworkGenerator/servedShares(regionalCount:lanes:regionWeights:)``) plus 0-2 units,
/// and at each cloud with probability 0.7 (at least one), with 0.4-1.0 times the SKU's expected units
/// plus 0-3. The long tail is stocked only at clouds: at each with probability 0.75 (at least one),
/// with 1.0-3.0 times its expected units plus 1-4. 4% of rows are out of stock (0 on hand). Rows by
/// warehouse, then SKU; nothing is on order.
enum PeakStockGenerator {
    static let meanLineQuantity = 2.315
    static let unstockedShare = 0.015

    static func makeStock(
        lineCount: Int,
        popularity: SKUPopularity,
        regionalCount: Int,
        cloudCount: Int,
        lanes: [Lane],
        regionShares: [Double],
        stockFactor: Double = 1,
        random: inout SeededRandom
    ) -> [StockRecord] {
        let skuCount = popularity.lineShareBySKU.count
        let warehouseCount = regionalCount + cloudCount
        let servedShare = PeakNetworkGenerator.servedShares(
            regionalCount: regionalCount,
            lanes: lanes,
            regionWeights: regionShares
        )

        // Draw per SKU (the same draws for any line count), then emit rows by warehouse.
        var onHand = Array(repeating: [Int?](repeating: nil, count: skuCount), count: warehouseCount)
        for sku in 0..<skuCount {
            let expectedUnits = Double(lineCount) * popularity.lineShareBySKU[sku] * meanLineQuantity * stockFactor
            let stocked = !random.bernoulli(unstockedShare)
            if popularity.isLongTail(sku) {
                var clouds = (0..<cloudCount).filter { _ in random.bernoulli(0.75) }
                if clouds.isEmpty { clouds = [random.int(in: 0...(cloudCount - 1))] }
                for cloud in clouds {
                    let units = Int((expectedUnits * random.uniform(1.0, 3.0)).rounded()) + random.int(in: 1...4)
                    onHand[regionalCount + cloud][sku] = units
                }
            } else {
                for warehouse in 0..<regionalCount where random.bernoulli(0.9) {
                    let local = expectedUnits * servedShare[warehouse]
                    onHand[warehouse][sku] = Int((local * random.uniform(1.2, 3.0)).rounded()) + random.int(in: 0...2)
                }
                var clouds = (0..<cloudCount).filter { _ in random.bernoulli(0.7) }
                if clouds.isEmpty { clouds = [random.int(in: 0...(cloudCount - 1))] }
                for cloud in clouds {
                    let units = Int((expectedUnits * random.uniform(0.4, 1.0)).rounded()) + random.int(in: 0...3)
                    onHand[regionalCount + cloud][sku] = units
                }
            }
            for warehouse in 0..<warehouseCount where onHand[warehouse][sku] != nil && random.bernoulli(0.04) {
                onHand[warehouse][sku] = 0
            }
            if !stocked {
                for warehouse in 0..<warehouseCount { onHand[warehouse][sku] = nil }
            }
        }

        var records: [StockRecord] = []
        for warehouse in 0..<warehouseCount {
            for sku in 0..<skuCount {
                guard let units = onHand[warehouse][sku] else { continue }
                records.append(StockRecord(warehouseIndex: warehouse, skuIndex: sku, onHand: units, onOrder: 0))
            }
        }
        return records
    }
}
