import PlannerCore

/// Open customer order lines around the plan date.
///
/// Lines per order 1-5 (55/25/12/5/3%), SKUs by popularity (expected units a day) and distinct
/// within an order, one region per order by the regions' shares, quantities mostly 1-5. Priority per
/// order: 10% priority 1, 20% priority 3, the rest 2. Order numbers rise with time: the first 45% of
/// orders are dated `endDate - 1`, the next 45% `endDate`, the last 10% `endDate + 1`.
enum OrderGenerator {
    /// Priority 1 below the first draw threshold, 3 below the second, else 2: 10% / 20% / 70%.
    static let defaultPriorityThresholds = (priority1: 0.10, priority3: 0.30)

    static func makeOrders(
        lineCount: Int,
        skuCount: Int,
        skuWeights: [Double],
        regionShares: [Double],
        endDate: Day,
        priorityThresholds: (priority1: Double, priority3: Double) = defaultPriorityThresholds,
        random: inout SeededRandom
    ) -> [OrderLine] {
        guard lineCount > 0, skuCount > 0 else { return [] }
        var linesPerOrder: [Int] = []
        var remaining = lineCount
        while remaining > 0 {
            let draw = random.uniform()
            let lines = draw < 0.55 ? 1 : draw < 0.80 ? 2 : draw < 0.92 ? 3 : draw < 0.97 ? 4 : 5
            let capped = min(lines, remaining, skuCount)
            linesPerOrder.append(capped)
            remaining -= capped
        }
        let orderCount = linesPerOrder.count
        let width = max(7, String(orderCount).count)
        let skuPicker = CumulativeWeights(skuWeights)
        let regionPicker = CumulativeWeights(regionShares)
        var lines: [OrderLine] = []
        lines.reserveCapacity(lineCount)
        for (orderIndex, lineTotal) in linesPerOrder.enumerated() {
            let orderId = "ORD-" + zeroPadded(orderIndex + 1, width: width)
            let position = Double(orderIndex) / Double(orderCount)
            let date = endDate.adding(days: position < 0.45 ? -1 : position < 0.90 ? 0 : 1)
            let region = regionPicker.sample(&random)
            let priorityDraw = random.uniform()
            let priority =
                priorityDraw < priorityThresholds.priority1 ? 1 : priorityDraw < priorityThresholds.priority3 ? 3 : 2
            var skus: [Int] = []
            while skus.count < lineTotal {
                var sku = skuPicker.sample(&random)
                var attempts = 0
                while skus.contains(sku) {
                    attempts += 1
                    sku = attempts < 20 ? skuPicker.sample(&random) : (sku + 1) % skuCount
                }
                skus.append(sku)
            }
            skus.sort()
            for sku in skus {
                let draw = random.uniform()
                let quantity =
                    draw < 0.50
                    ? 1
                    : draw < 0.72
                        ? 2
                        : draw < 0.84
                            ? 3
                            : draw < 0.90
                                ? 4
                                : draw < 0.94
                                    ? 5
                                    : draw < 0.99 ? random.int(in: 6...10) : random.int(in: 11...24)
                lines.append(
                    OrderLine(
                        orderId: orderId,
                        orderDate: date,
                        skuIndex: sku,
                        regionIndex: region,
                        quantity: quantity,
                        priority: priority
                    )
                )
            }
        }
        return lines
    }
}
