import PlannerCore

/// Units of an unfilled order line sold ahead against a planned receipt: they ship from the receiving
/// warehouse when it arrives and reach the customer on `promiseDate`.
public struct PresoldLine: Sendable, Equatable {
    /// Index into `dataSet.orders`.
    public var orderIndex: Int
    public var warehouseIndex: Int
    public var quantity: Int
    public var receiptDate: Day
    /// receiptDate + the lane's transit days.
    public var promiseDate: Day

    public init(orderIndex: Int, warehouseIndex: Int, quantity: Int, receiptDate: Day, promiseDate: Day) {
        self.orderIndex = orderIndex
        self.warehouseIndex = warehouseIndex
        self.quantity = quantity
        self.receiptDate = receiptDate
        self.promiseDate = promiseDate
    }
}

/// Presale for classes that sell ahead when stock runs out (A-class by default: spot stock plus 30 days of
/// presale, `policy.classes.<class>.presale` and `presale_days`).
///
/// The unfilled units of a line of such a SKU are promised against the earliest planned receipts of the
/// SKU (`StockArrival`s, day offsets from `planDate`) that arrive after day offset `afterDayOffset` and at
/// most `windowDays` after `planDate`, at warehouses with a lane to the
/// line's region; the promise date is the receipt's day plus the lane's transit days. Lines are served in
/// order of priority (1 first), then order date, order id and index, each taking receipts in order of
/// arrival then warehouse index, so a more urgent line gets the earlier receipt; a receipt's units go to
/// one line each, never twice. What stays unfilled had no receipt within the window (with a lane to its
/// region). Receipts are the supply plan's, which was sized on the forecast: presale sells part of them
/// ahead, it does not order more.
public enum Presale {
    /// - Parameters:
    ///   - receipts: planned receipts, `dayOffset` counted from `planDate`.
    ///   - afterDayOffset: receipts on or before this day offset are not counted (they are in the
    ///     allocation's stock: 0 for a one-day allocation, days - 1 over several days).
    ///   - windowDaysBySKU: per SKU index, the presale window in days; nil when its class does not presell.
    /// - Returns: the presold units, sorted by order index, then receipt date, then warehouse index.
    public static func presell(
        unfilled: [UnfilledLine],
        dataSet: DataSet,
        planDate: Day,
        afterDayOffset: Int,
        receipts: [StockArrival],
        windowDaysBySKU: [Int?]
    ) -> [PresoldLine] {
        var remaining: [Int: [(receipt: StockArrival, units: Int)]] = [:]  // by SKU; looked up only
        for receipt in receipts where receipt.units > 0 && receipt.dayOffset > afterDayOffset {
            guard windowDaysBySKU.indices.contains(receipt.skuIndex),
                let window = windowDaysBySKU[receipt.skuIndex],
                receipt.dayOffset <= window
            else { continue }
            remaining[receipt.skuIndex, default: []].append((receipt, receipt.units))
        }
        for sku in remaining.keys.sorted() {
            remaining[sku]!.sort { lhs, rhs in
                lhs.receipt.dayOffset != rhs.receipt.dayOffset
                    ? lhs.receipt.dayOffset < rhs.receipt.dayOffset
                    : lhs.receipt.warehouseIndex < rhs.receipt.warehouseIndex
            }
        }
        var transit: [Int: Int] = [:]  // (warehouse, region) -> transit days; looked up only
        for lane in dataSet.lanes {
            transit[lane.warehouseIndex * dataSet.regions.count + lane.regionIndex] = lane.transitDays
        }
        let candidates = unfilled.filter { remaining[$0.skuIndex] != nil }.sorted { lhs, rhs in
            let lhsOrder = dataSet.orders[lhs.orderIndex]
            let rhsOrder = dataSet.orders[rhs.orderIndex]
            if lhsOrder.priority != rhsOrder.priority { return lhsOrder.priority < rhsOrder.priority }
            if lhsOrder.orderDate != rhsOrder.orderDate { return lhsOrder.orderDate < rhsOrder.orderDate }
            if lhsOrder.orderId != rhsOrder.orderId { return lhsOrder.orderId < rhsOrder.orderId }
            return lhs.orderIndex < rhs.orderIndex
        }
        var presold: [PresoldLine] = []
        for line in candidates {
            var open = line.quantity
            for slot in remaining[line.skuIndex]!.indices where open > 0 {
                let (receipt, units) = remaining[line.skuIndex]![slot]
                guard units > 0,
                    let days = transit[receipt.warehouseIndex * dataSet.regions.count + line.regionIndex]
                else { continue }
                let take = min(open, units)
                let arrival = planDate.adding(days: receipt.dayOffset)
                remaining[line.skuIndex]![slot].units -= take
                open -= take
                if let last = presold.last, last.orderIndex == line.orderIndex,
                    last.warehouseIndex == receipt.warehouseIndex, last.receiptDate == arrival
                {
                    presold[presold.count - 1].quantity += take
                    continue
                }
                presold.append(
                    PresoldLine(
                        orderIndex: line.orderIndex,
                        warehouseIndex: receipt.warehouseIndex,
                        quantity: take,
                        receiptDate: arrival,
                        promiseDate: arrival.adding(days: days)
                    )
                )
            }
        }
        presold.sort { lhs, rhs in
            if lhs.orderIndex != rhs.orderIndex { return lhs.orderIndex < rhs.orderIndex }
            if lhs.receiptDate != rhs.receiptDate { return lhs.receiptDate < rhs.receiptDate }
            return lhs.warehouseIndex < rhs.warehouseIndex
        }
        return presold
    }
}
