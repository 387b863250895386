/// Projected stock of one SKU at one warehouse, day by day over the horizon (fractional units allowed,
/// since forecasts are fractional). Day offsets count from the plan date.
struct StockProjection {
    private(set) var onHand: Double
    /// Units arriving at the start of each horizon day.
    private var arrivals: [Double]
    /// Every unit ordered and not yet received, including those arriving after the horizon and
    /// placeholders for units nobody could supply (which never arrive).
    private var outstanding: Double = 0
    /// The last day processed by `advance`, -1 before the first.
    private var currentOffset = -1

    init(onHand: Double, horizonDays: Int) {
        self.onHand = onHand
        arrivals = Array(repeating: 0, count: max(0, horizonDays))
    }

    /// Inventory position: on hand plus everything outstanding.
    var inventoryPosition: Double { onHand + outstanding }

    /// Books `quantity` to arrive at day `offset` (nil: never). An arrival on a day already processed
    /// (a zero lead time) is received at once.
    mutating func addIncoming(_ quantity: Double, arrivingAt offset: Int?) {
        guard let offset else {
            outstanding += quantity
            return
        }
        if offset <= currentOffset {
            onHand += quantity
        } else {
            outstanding += quantity
            if offset < arrivals.count { arrivals[offset] += quantity }
        }
    }

    /// Processes day `offset`: receives its arrivals, then ships its demand.
    mutating func advance(to offset: Int, demand: Double) {
        currentOffset = offset
        onHand += arrivals[offset]
        outstanding -= arrivals[offset]
        onHand -= demand
    }

    /// First day from the current one on with projected on-hand stock below zero, counting only
    /// receipts already booked; nil if none within the horizon.
    func stockoutOffset(demand: [Double]) -> Int? {
        var stock = onHand
        if stock < 0 { return currentOffset }
        var offset = currentOffset + 1
        while offset < arrivals.count {
            stock += arrivals[offset] - demand[offset]
            if stock < 0 { return offset }
            offset += 1
        }
        return nil
    }
}
