import PlannerCore

/// Supplier offers: one primary per SKU and, for about 70% of SKUs, one or two backups.
///
/// 10-30 suppliers (about the square root of the SKU count), each with a base lead time of 5-21 days
/// and a reliability (lead-time SD 0.5-3 days); each category buys mainly from 3 of them, so one
/// supplier's disruption hits many SKUs. Primary (rank 1): the SKU's unit cost and MOQ, lead time
/// base +-2 days, weekly capacity unlimited (half) or 2-5 weeks' demand. Backups (rank 1, 2): 5-20%
/// dearer, lead time 0.5-1.5 times the primary's, capacity unlimited 60% of the time else 1-3 weeks'
/// demand. Capacities and MOQs are whole packs. Rows by SKU, primary first, then by rank.
enum SupplierGenerator {
    struct Supplier {
        var id: String
        var leadTimeDays: Double
        var leadTimeSdDays: Double
    }

    static func supplierCount(skuCount: Int) -> Int {
        min(30, max(10, Int(Double(skuCount).squareRoot())))
    }

    static func makeOffers(
        skus: [SKU],
        expectedUnitsPerDay: [Double],
        random: inout SeededRandom
    ) -> [SupplierOffer] {
        let count = supplierCount(skuCount: skus.count)
        let width = max(2, String(count).count)
        let suppliers = (0..<count).map { index in
            Supplier(
                id: "SUP" + zeroPadded(index + 1, width: width),
                leadTimeDays: Double(random.int(in: 5...21)),
                leadTimeSdDays: tenths(random.uniform(0.5, 3.0))
            )
        }
        var preferred: [String: [Int]] = [:]
        for category in CategoryProfile.all {
            var order = Array(0..<count)
            random.shuffle(&order)
            preferred[category.name] = Array(order.prefix(3))
        }

        var offers: [SupplierOffer] = []
        for (skuIndex, sku) in skus.enumerated() {
            let weeklyUnits = expectedUnitsPerDay[skuIndex] * 7
            let pack = sku.packSize
            func wholePacks(_ units: Double) -> Int { max(1, Int((units / Double(pack)).rounded(.up))) * pack }

            let favourites = preferred[sku.category] ?? [0]
            let primary =
                random.bernoulli(0.8)
                ? favourites[random.int(in: 0...(favourites.count - 1))]
                : random.int(in: 0...(count - 1))
            let primaryLeadTime = min(21, max(5, suppliers[primary].leadTimeDays + Double(random.int(in: -2...2))))
            let primaryCapacity: Int? =
                random.bernoulli(0.5) ? nil : max(wholePacks(weeklyUnits * random.uniform(2, 5)), sku.moq)
            offers.append(
                SupplierOffer(
                    supplier: suppliers[primary].id,
                    skuIndex: skuIndex,
                    role: .primary,
                    rank: 1,
                    leadTimeDays: primaryLeadTime,
                    leadTimeSdDays: suppliers[primary].leadTimeSdDays,
                    unitCost: sku.unitCost,
                    weeklyCapacityUnits: primaryCapacity,
                    moq: sku.moq
                )
            )

            let draw = random.uniform()
            let backupCount = draw < 0.30 ? 0 : draw < 0.72 ? 1 : 2
            var taken: Set<Int> = [primary]
            for rank in stride(from: 1, through: backupCount, by: 1) {
                var backup = random.int(in: 0...(count - 1))
                while taken.contains(backup) { backup = (backup + 1) % count }
                taken.insert(backup)
                let leadTime = max(2, (primaryLeadTime * random.uniform(0.5, 1.5)).rounded())
                let moq = pack * random.int(in: 1...4) * (sku.moq / pack >= 10 ? 5 : 1)
                let capacity: Int? =
                    random.bernoulli(0.6) ? nil : max(wholePacks(weeklyUnits * random.uniform(1, 3)), moq)
                offers.append(
                    SupplierOffer(
                        supplier: suppliers[backup].id,
                        skuIndex: skuIndex,
                        role: .backup,
                        rank: rank,
                        leadTimeDays: leadTime,
                        leadTimeSdDays: suppliers[backup].leadTimeSdDays,
                        unitCost: cents(sku.unitCost * random.uniform(1.05, 1.20)),
                        weeklyCapacityUnits: capacity,
                        moq: moq
                    )
                )
            }
        }
        return offers
    }
}
