import PlannerCore

/// Which SKUs' primary suppliers allow drop-shipping (suppliers.csv `drop_ship`), and at what cost per unit
/// (`drop_ship_cost_per_unit`).
///
/// Drop-shipping suits the long tail: the half of the catalog with the lowest expected revenue (expected units
/// a day times unit price; ties by index, the later SKU in the tail), near class C by count. About
/// `tailDropShipShare` of those SKUs allow it on their primary offer; backups never do. One uniform per SKU, in index
/// order, from its own stream, so the choice draws nothing from the other parts' streams and every other file
/// of a data set is what it was before the column existed.
enum DropShipSelection {
    /// The random stream of the selection; streams 1-8 are the other parts of the data set.
    static let stream: UInt64 = 9
    /// Fraction of the catalog, lowest expected revenue first, that counts as the long tail.
    static let longTailFraction = 0.5
    /// Fraction of long-tail SKUs whose primary supplier allows drop-shipping.
    static let tailDropShipShare = 0.4

    /// Whether each SKU (by index) allows drop-shipping on its primary offer.
    static func allowsDropShip(skus: [SKU], expectedUnitsPerDay: [Double], seed: UInt64) -> [Bool] {
        let revenue = skus.indices.map { expectedUnitsPerDay[$0] * skus[$0].unitPrice }
        let byRevenue = skus.indices.sorted { revenue[$0] != revenue[$1] ? revenue[$0] > revenue[$1] : $0 < $1 }
        let headCount = skus.count - Int((Double(skus.count) * longTailFraction).rounded(.down))
        var inTail = [Bool](repeating: false, count: skus.count)
        for index in byRevenue.dropFirst(headCount) { inTail[index] = true }
        var random = SeededRandom(seed: seed, stream: stream)
        return skus.indices.map { index in
            let draw = random.uniform()
            return inTail[index] && draw < tailDropShipShare
        }
    }

    /// The random stream of the drop-ship costs.
    static let costStream: UInt64 = 10
    /// Drop-ship costs per unit are drawn uniformly from this range, in cents: about what a lane costs, so that the
    /// allocation sends some lines to the supplier and keeps others in the warehouses.
    static let costCents = 150...600

    /// `offers` with `allowsDropShip` set on the primary offer of every SKU in `allowed`, and a drop-ship cost per
    /// unit on those (one draw per such offer, in offer order, from its own stream, so that no other field of any
    /// file changes).
    static func mark(_ offers: [SupplierOffer], allowed: [Bool], seed: UInt64 = 0) -> [SupplierOffer] {
        var random = SeededRandom(seed: seed, stream: costStream)
        return offers.map { offer in
            var marked = offer
            marked.allowsDropShip = offer.role == .primary && allowed[offer.skuIndex]
            marked.dropShipCostPerUnit =
                marked.allowsDropShip
                ? Double(costCents.lowerBound + Int(random.uniform() * Double(costCents.count))) / 100 : nil
            return marked
        }
    }
}
