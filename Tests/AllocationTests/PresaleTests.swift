import Allocation
import PlannerCore
import Testing

/// Presale on hand cases: priority decides who gets the earliest receipt, receipts are not sold twice, the
/// window and the lanes bound what counts, and the promise date is the receipt plus the lane's transit.
@Suite("Allocation: presale against planned receipts")
struct PresaleTests {
    static let planDate = Fixtures.day0

    /// One SKU, two regions; W0 reaches R0 in 1 day and R1 in 3, W1 reaches R0 only (2 days).
    static func data(orders: [OrderLine]) -> DataSet {
        Fixtures.dataSet(
            skus: 2,
            regions: 2,
            warehouses: [
                Fixtures.warehouse("W0", .regional, capacity: nil), Fixtures.warehouse("W1", .regional, capacity: nil),
            ],
            lanes: [
                Fixtures.lane(0, 0, days: 1, cost: 1, "A"), Fixtures.lane(0, 1, days: 3, cost: 2, "A"),
                Fixtures.lane(1, 0, days: 2, cost: 1, "B"),
            ],
            stock: [],
            orders: orders
        )
    }

    static func unfilled(_ data: DataSet) -> [UnfilledLine] {
        data.orders.enumerated().map { index, line in
            UnfilledLine(
                orderIndex: index,
                skuIndex: line.skuIndex,
                regionIndex: line.regionIndex,
                quantity: line.quantity,
                reason: .noStock
            )
        }
    }

    static func receipt(_ warehouse: Int, day: Int, units: Int, sku: Int = 0) -> StockArrival {
        StockArrival(warehouseIndex: warehouse, skuIndex: sku, dayOffset: day, units: units)
    }

    /// Two A-class lines want 3 units each; W0 receives 3 on day 5 and 3 on day 12. The priority-1 line,
    /// though ordered later, gets the day-5 receipt (promise day 6); the priority-2 line the day-12 one.
    @Test func priorityDecidesWhoGetsTheEarliestReceipt() {
        let data = Self.data(orders: [
            Fixtures.order("EARLY-P2", sku: 0, region: 0, qty: 3, priority: 2, dayOffset: -2),
            Fixtures.order("LATE-P1", sku: 0, region: 0, qty: 3, priority: 1, dayOffset: 0),
        ])
        let presold = Presale.presell(
            unfilled: Self.unfilled(data),
            dataSet: data,
            planDate: Self.planDate,
            afterDayOffset: 0,
            receipts: [Self.receipt(0, day: 12, units: 3), Self.receipt(0, day: 5, units: 3)],
            windowDaysBySKU: [30, nil]
        )
        #expect(
            presold == [
                PresoldLine(
                    orderIndex: 0,
                    warehouseIndex: 0,
                    quantity: 3,
                    receiptDate: Self.planDate.adding(days: 12),
                    promiseDate: Self.planDate.adding(days: 13)
                ),
                PresoldLine(
                    orderIndex: 1,
                    warehouseIndex: 0,
                    quantity: 3,
                    receiptDate: Self.planDate.adding(days: 5),
                    promiseDate: Self.planDate.adding(days: 6)
                ),
            ]
        )
    }

    /// One receipt of 4 units for three lines of 3: the first (by priority) takes 3, the second the last
    /// unit, the third nothing (no receipt left within the window); a receipt beyond 30 days, one on the
    /// plan date (already in the day's stock) and one at a warehouse without a lane to R1 do not count; a
    /// SKU of a class without presale is left alone.
    @Test func receiptsAreNotSoldTwiceAndOnlyWithinTheWindowAndReach() {
        let data = Self.data(orders: [
            Fixtures.order("A", sku: 0, region: 1, qty: 3, priority: 1),
            Fixtures.order("B", sku: 0, region: 1, qty: 3, priority: 2),
            Fixtures.order("C", sku: 0, region: 1, qty: 3, priority: 3),
            Fixtures.order("D", sku: 1, region: 0, qty: 2, priority: 1),
        ])
        let presold = Presale.presell(
            unfilled: Self.unfilled(data),
            dataSet: data,
            planDate: Self.planDate,
            afterDayOffset: 0,
            receipts: [
                Self.receipt(0, day: 20, units: 4), Self.receipt(0, day: 31, units: 50),
                Self.receipt(0, day: 0, units: 50), Self.receipt(1, day: 2, units: 50),
                Self.receipt(0, day: 3, units: 9, sku: 1),
            ],
            windowDaysBySKU: [30, nil]
        )
        let day20 = Self.planDate.adding(days: 20)
        let promise = Self.planDate.adding(days: 23)  // W0 -> R1 takes 3 days
        #expect(
            presold == [
                PresoldLine(orderIndex: 0, warehouseIndex: 0, quantity: 3, receiptDate: day20, promiseDate: promise),
                PresoldLine(orderIndex: 1, warehouseIndex: 0, quantity: 1, receiptDate: day20, promiseDate: promise),
            ]
        )
    }

    /// A line split over two receipts of one warehouse and day is one row; over two days, two rows.
    @Test func oneRowPerLineReceiptDayAndWarehouse() {
        let data = Self.data(orders: [Fixtures.order("A", sku: 0, region: 0, qty: 5, priority: 1)])
        let presold = Presale.presell(
            unfilled: Self.unfilled(data),
            dataSet: data,
            planDate: Self.planDate,
            afterDayOffset: 0,
            receipts: [
                Self.receipt(0, day: 4, units: 1), Self.receipt(0, day: 4, units: 1), Self.receipt(1, day: 4, units: 1),
                Self.receipt(0, day: 9, units: 5),
            ],
            windowDaysBySKU: [30, 30]
        )
        #expect(presold.map(\.quantity) == [2, 1, 2])
        #expect(presold.map(\.warehouseIndex) == [0, 1, 0])
        #expect(presold.map(\.promiseDate) == [4 + 1, 4 + 2, 9 + 1].map { Self.planDate.adding(days: $0) })
    }
}
