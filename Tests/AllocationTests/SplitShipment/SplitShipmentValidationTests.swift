import Allocation
import PlannerCore
import Testing

@Suite("Split shipments: validation and counts")
struct SplitShipmentValidationTests {
    static func allocate(_ data: DataSet, _ splitShipments: SplitShipmentSettings) throws -> SplitShipmentResult {
        try SplitShipmentAllocator.allocate(
            dataSet: data,
            openOrderIndices: Array(data.orders.indices),
            settings: SplitShipmentHandSolvedTests.settings,
            splitShipments: splitShipments
        )
    }

    static func message(_ error: any Error) -> String {
        (error as? AllocationError)?.message ?? ""
    }

    @Test func runsAboveMaxLinesAreRefusedWithAWayOut() throws {
        let data = SplitShipmentHandSolvedTests.dataSet()
        #expect {
            try Self.allocate(data, SplitShipmentSettings(fixedCostPerExtraShipment: 5, maxLines: 2))
        } throws: { error in
            let message = Self.message(error)
            return message.contains("3 open order lines exceed allocation.split_shipments.max_lines = 2")
                && message.contains("drop the integer mode")
        }
        let atTheLimit = try Self.allocate(data, SplitShipmentSettings(fixedCostPerExtraShipment: 5, maxLines: 3))
        #expect(atTheLimit.status == .optimal)
    }

    @Test(arguments: [-1.0, .nan, .infinity])
    func invalidFixedCostsAreRejected(fixedCost: Double) throws {
        #expect {
            try Self.allocate(
                SplitShipmentHandSolvedTests.dataSet(),
                SplitShipmentSettings(fixedCostPerExtraShipment: fixedCost)
            )
        } throws: { Self.message($0).contains("fixed_cost_per_extra_shipment") }
    }

    @Test(arguments: [0.0, -3, .nan])
    func invalidTimeLimitsAreRejected(seconds: Double) throws {
        #expect {
            try Self.allocate(
                SplitShipmentHandSolvedTests.dataSet(),
                SplitShipmentSettings(fixedCostPerExtraShipment: 1, timeLimitSeconds: seconds)
            )
        } throws: { Self.message($0).contains("time_limit_seconds") }
    }

    /// The MIP has no next-day share rows, so an enforced share is refused rather than ignored; a reported
    /// one (not enforced) is fine.
    @Test func anEnforcedNextDayShareIsRefused() throws {
        let data = SplitShipmentHandSolvedTests.dataSet()
        var settings = SplitShipmentHandSolvedTests.settings
        settings.nextDayShareTarget = NextDayShareTarget(defaultShare: 0.9, enforce: true)
        let splitShipments = SplitShipmentSettings(fixedCostPerExtraShipment: 5)
        #expect {
            try SplitShipmentAllocator.allocate(
                dataSet: data,
                openOrderIndices: Array(data.orders.indices),
                settings: settings,
                splitShipments: splitShipments
            )
        } throws: { Self.message($0).contains("cannot enforce the next-day share target") }
        settings.nextDayShareTarget?.enforce = false
        settings.splitShipments = splitShipments
        let result = try SplitShipmentAllocator.allocate(
            dataSet: data,
            openOrderIndices: Array(data.orders.indices),
            settings: settings,
            splitShipments: splitShipments
        )
        #expect(result.status == .optimal && abs(result.objective - 57.5) < 1e-9)
    }

    /// Bad data is caught before any model is built (here by the LP's validation).
    @Test func badDataNeverReachesGLPK() throws {
        var data = SplitShipmentHandSolvedTests.dataSet()
        data.lanes.append(Fixtures.lane(0, 0, days: 1, cost: 3, "Twice"))
        #expect {
            try Self.allocate(data, SplitShipmentSettings(fixedCostPerExtraShipment: 1))
        } throws: { Self.message($0).contains("two lanes from warehouse W0 to region R0") }
    }

    /// Lines 0 and 1 are order A (warehouses 0 and 1: split), lines 2 and 3 order B (both warehouse 0),
    /// line 4 order C with zero units (ignored); line 5 is order A again from warehouse 1.
    @Test func countsGroupLinesByOrderId() throws {
        let data = Fixtures.dataSet(
            skus: 3,
            regions: 1,
            warehouses: [
                Fixtures.warehouse("W0", .regional, capacity: nil), Fixtures.warehouse("W1", .cloud, capacity: nil),
            ],
            lanes: [],
            stock: [],
            orders: [
                Fixtures.order("A", sku: 0, region: 0, qty: 2, priority: 1),
                Fixtures.order("A", sku: 1, region: 0, qty: 2, priority: 1),
                Fixtures.order("B", sku: 0, region: 0, qty: 1, priority: 2),
                Fixtures.order("B", sku: 1, region: 0, qty: 1, priority: 2),
                Fixtures.order("C", sku: 0, region: 0, qty: 1, priority: 2),
                Fixtures.order("A", sku: 2, region: 0, qty: 1, priority: 1),
            ]
        )
        func line(_ orderIndex: Int, _ warehouseIndex: Int, _ quantity: Int) -> AllocatedLine {
            AllocatedLine(
                orderIndex: orderIndex,
                skuIndex: data.orders[orderIndex].skuIndex,
                regionIndex: 0,
                warehouseIndex: warehouseIndex,
                quantity: quantity,
                transitDays: 1,
                costPerUnit: 1,
                carrier: "X"
            )
        }
        let allocated = [line(0, 0, 2), line(1, 1, 2), line(2, 0, 1), line(3, 0, 1), line(4, 1, 0), line(5, 1, 1)]
        let counts = ShipmentCounts(allocated: allocated, dataSet: data)
        #expect(counts == ShipmentCounts(shippingOrders: 2, shipments: 3, splitOrders: 1))
        #expect(counts.extraShipments == 1)
        #expect(splitOrderCount(allocated: allocated, dataSet: data) == 1)
        #expect(splitOrderCount(allocated: allocated.reversed(), dataSet: data) == 1)
        #expect(splitOrderCount(allocated: [], dataSet: data) == 0)
    }
}
