extension SupplyPlanner {
    /// One warehouse's order need on one day: `needed` units in all, of which `essential` restore its level.
    struct Request {
        var position: Int
        var needed: Int
        var essential: Int
        var supplied = 0
        /// The day's order lines, one per supplier and reason: both passes' units from one supplier are one
        /// purchase order. The stock-out is the one projected when the line was first placed.
        var lines: [(line: Line, stockout: Int?)] = []

        init(position: Int, needed: Int, essential: Int) {
            self.position = position
            self.needed = needed
            self.essential = essential
        }

        mutating func add(_ line: Line, stockout: Int?) {
            if line.candidate != nil,
                let existing = lines.firstIndex(where: {
                    $0.line.candidate == line.candidate && $0.line.reason == line.reason
                })
            {
                lines[existing].line.quantity += line.quantity
            } else {
                lines.append((line, stockout))
            }
        }
    }

    /// Each warehouse's share of the SKU's forecast demand over the horizon; equal shares when it is zero.
    static func demandShares(_ demand: [[Double]]) -> [Double] {
        let totals = demand.map { $0.reduce(0, +) }
        let sum = totals.reduce(0, +)
        guard sum > 0 else { return totals.map { _ in 1 / Double(max(totals.count, 1)) } }
        return totals.map { $0 / sum }
    }

    /// Order up to s + Q: ceil(s + Q - IP), at least 1. A margin of 1e-9 keeps float noise in
    /// fractional forecasts from adding a unit (100.0000000001 orders 100).
    static func unitsToOrder(reorderPoint: Double, orderQuantity: Double, inventoryPosition: Double) -> Int {
        max(1, Int((reorderPoint + orderQuantity - inventoryPosition - 1e-9).rounded(.up)))
    }

    /// Units without which the inventory position stays below the reorder point: ceil(s - IP), at least 1
    /// (the same 1e-9 margin as `unitsToOrder`).
    static func essentialUnits(reorderPoint: Double, inventoryPosition: Double) -> Int {
        max(1, Int((reorderPoint - inventoryPosition - 1e-9).rounded(.up)))
    }

    /// Order trigger: IP <= s, except that a reorder point <= 0 triggers only on a negative IP.
    static func needsOrder(inventoryPosition: Double, reorderPoint: Double) -> Bool {
        inventoryPosition <= reorderPoint && (reorderPoint > 0 || inventoryPosition < 0)
    }
}
