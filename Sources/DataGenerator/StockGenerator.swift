import PlannerCore

/// Stock on hand and on order per (warehouse, SKU), rows by warehouse then SKU.
///
/// Regional warehouses stock the more popular half of the SKUs (92% of them, 8% of the tail) with
/// 7-21 days of the demand of the regions they serve next day; cloud warehouses stock 85% of the tail
/// with 14-42 days and 35% of the head with 3-10 days of the whole network's demand. 7% of rows are
/// out of stock (0 on hand); a quarter have 7-28 days of demand on order, in whole packs.
enum StockGenerator {
    static func makeStock(
        skus: [SKU],
        expectedUnitsPerDay: [Double],
        regionSplit: RegionSplit,
        warehouses: [Warehouse],
        lanes: [Lane],
        random: inout SeededRandom
    ) -> [StockRecord] {
        let skuCount = skus.count
        let regionCount = regionSplit.regionCount
        let byPopularity = (0..<skuCount).sorted {
            expectedUnitsPerDay[$0] != expectedUnitsPerDay[$1]
                ? expectedUnitsPerDay[$0] > expectedUnitsPerDay[$1] : $0 < $1
        }
        var isHead = [Bool](repeating: false, count: skuCount)
        for sku in byPopularity.prefix((skuCount + 1) / 2) { isHead[sku] = true }

        // Fraction of each region's demand a regional warehouse serves: 1 / (its next-day servers).
        var nextDayServers = [Int](repeating: 0, count: regionCount)
        for lane in lanes where lane.isNextDay && warehouses[lane.warehouseIndex].kind == .regional {
            nextDayServers[lane.regionIndex] += 1
        }
        var servedShare = Array(repeating: [Double](repeating: 0, count: regionCount), count: warehouses.count)
        for lane in lanes where lane.isNextDay && warehouses[lane.warehouseIndex].kind == .regional {
            servedShare[lane.warehouseIndex][lane.regionIndex] = 1 / Double(nextDayServers[lane.regionIndex])
        }

        var records: [StockRecord] = []
        for (warehouseIndex, warehouse) in warehouses.enumerated() {
            for sku in 0..<skuCount {
                let unitsPerDay: Double
                let coverDays: Double
                if warehouse.kind == .regional {
                    guard random.bernoulli(isHead[sku] ? 0.92 : 0.08) else { continue }
                    var local = 0.0
                    for region in 0..<regionCount where servedShare[warehouseIndex][region] > 0 {
                        local += regionSplit.share(sku: sku, region: region) * servedShare[warehouseIndex][region]
                    }
                    unitsPerDay = expectedUnitsPerDay[sku] * local
                    coverDays = random.uniform(7, 21)
                } else {
                    guard random.bernoulli(isHead[sku] ? 0.35 : 0.85) else { continue }
                    unitsPerDay = expectedUnitsPerDay[sku]
                    coverDays = isHead[sku] ? random.uniform(3, 10) : random.uniform(14, 42)
                }
                var onHand = Int((unitsPerDay * coverDays).rounded())
                if onHand == 0 && random.bernoulli(0.5) { onHand = random.int(in: 1...3) }
                if random.bernoulli(0.07) { onHand = 0 }
                var onOrder = 0
                if random.bernoulli(0.25) {
                    let pack = skus[sku].packSize
                    let wanted = unitsPerDay * random.uniform(7, 28)
                    onOrder = max(1, Int((wanted / Double(pack)).rounded(.up))) * pack
                }
                records.append(
                    StockRecord(warehouseIndex: warehouseIndex, skuIndex: sku, onHand: onHand, onOrder: onOrder)
                )
            }
        }
        return records
    }
}
