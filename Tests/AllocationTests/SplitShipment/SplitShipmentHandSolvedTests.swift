import GLPK
import PlannerCore
import Testing

@testable import Allocation

/// A hand-solved split. Warehouses W0, W1 (no capacity limit); SKUs A = 0, B = 1, C = 2; regions R0, R1.
/// Lanes: W0 -> R0 1 day 1.00 Fast; W1 -> R0 1 day 2.00 Fast; W0 -> R1 2 days 1.50 Slow (3.50 with the
/// next-day miss penalty 2). Stock: W0 A 1, C 1; W1 A 1, B 1. Penalties 50 x {1: 4, 2: 2, 3: 1}.
/// Lines: 0 = O1 A R0 1 p2; 1 = O1 B R0 1 p2; 2 = O2 C R1 2 p3.
///
/// LP: A from W0 (1.00, W1 would cost 2.00), B from W1 (only W1 holds B), one C from W0 (3.50 < 50) and
/// one C unfilled (W0's only C is shipped: stock_exhausted, 50). Objective 1 + 2 + 3.5 + 50 = 56.5, and O1
/// is split: splitting saves 1.00 over shipping O1 whole from W1 (2 + 2 = 4).
/// Fixed cost 5: split O1 costs 3 + 5 = 8 > 4, so O1 ships whole from W1; objective 4 + 3.5 + 50 = 57.5.
/// Fixed cost 0.5: split costs 3.5 < 4, so the LP's plan stays; objective 56.5 + 0.5 = 57.
@Suite("Split shipments: hand-solved instance")
struct SplitShipmentHandSolvedTests {
    static let settings = AllocationSettings(
        unfilledPenaltyPerUnit: 50,
        nextDayMissPenaltyPerUnit: 2,
        priorityWeights: [1: 4, 2: 2, 3: 1]
    )

    static func dataSet() -> DataSet {
        Fixtures.dataSet(
            skus: 3,
            regions: 2,
            warehouses: [
                Fixtures.warehouse("W0", .regional, capacity: nil), Fixtures.warehouse("W1", .regional, capacity: nil),
            ],
            lanes: [
                Fixtures.lane(0, 0, days: 1, cost: 1, "Fast"),
                Fixtures.lane(1, 0, days: 1, cost: 2, "Fast"),
                Fixtures.lane(0, 1, days: 2, cost: 1.5, "Slow"),
            ],
            stock: [
                Fixtures.stock(0, 0, 1), Fixtures.stock(0, 2, 1), Fixtures.stock(1, 0, 1), Fixtures.stock(1, 1, 1),
            ],
            orders: [
                Fixtures.order("O1", sku: 0, region: 0, qty: 1, priority: 2),
                Fixtures.order("O1", sku: 1, region: 0, qty: 1, priority: 2),
                Fixtures.order("O2", sku: 2, region: 1, qty: 2, priority: 3),
            ]
        )
    }

    static func allocate(
        _ data: DataSet = dataSet(),
        fixedCost: Double,
        strategy: SplitShipmentAllocator.Strategy = .init()
    ) throws -> SplitShipmentResult {
        try SplitShipmentAllocator.allocate(
            dataSet: data,
            openOrderIndices: Array(data.orders.indices),
            settings: settings,
            splitShipments: SplitShipmentSettings(fixedCostPerExtraShipment: fixedCost, timeLimitSeconds: 30),
            strategy: strategy
        )
    }

    /// (order index, warehouse, quantity, transit days, cost per unit, carrier) of each allocated line.
    static func summary(_ lines: [AllocatedLine]) -> [String] {
        lines.map {
            "\($0.orderIndex) W\($0.warehouseIndex) \($0.quantity) \($0.transitDays)d \($0.costPerUnit) \($0.carrier)"
        }
    }

    static let unfilledC = UnfilledLine(
        orderIndex: 2,
        skuIndex: 2,
        regionIndex: 1,
        quantity: 1,
        reason: .stockExhausted
    )

    @Test func theLPSplitsTheOrderToSaveOneUnitOfMoney() throws {
        let data = Self.dataSet()
        let linear = try Allocator.allocate(
            dataSet: data,
            openOrderIndices: Array(data.orders.indices),
            settings: Self.settings
        )
        #expect(abs(linear.objective - 56.5) < 1e-9)
        #expect(Self.summary(linear.allocated) == ["0 W0 1 1d 1.0 Fast", "1 W1 1 1d 2.0 Fast", "2 W0 1 2d 1.5 Slow"])
        #expect(linear.unfilled == [Self.unfilledC])
        #expect(splitOrderCount(allocated: linear.allocated, dataSet: data) == 1)
    }

    /// The default path finds the consolidation before the search (GLPK then proves it optimal); the plain
    /// search, from no incumbent, finds the same plan itself.
    @Test(arguments: [false, true])
    func fixedCostFiveShipsTheOrderWholeFromOneWarehouse(plainSearch: Bool) throws {
        let result = try Self.allocate(fixedCost: 5, strategy: plainSearch ? .plainSearch : .init())
        #expect(result.status == .optimal)
        #expect(result.source == (plainSearch ? .integerProgram : .consolidation))
        #expect(abs(result.objective - 57.5) < 1e-9)
        #expect(result.allocation.objective == result.objective && result.allocation.solverStatus == .optimal)
        #expect(
            Self.summary(result.allocation.allocated) == [
                "0 W1 1 1d 2.0 Fast", "1 W1 1 1d 2.0 Fast", "2 W0 1 2d 1.5 Slow",
            ]
        )
        #expect(result.allocation.unfilled == [Self.unfilledC])
        #expect(result.splitOrderCount == 0 && result.shipmentCount == 2)
        #expect(result.counts == ShipmentCounts(shippingOrders: 2, shipments: 2, splitOrders: 0))
        #expect(result.fixedShipmentCost == 0)
        #expect(abs(result.linearProgramObjective - 56.5) < 1e-9)
        #expect(abs(result.bestBound - 57.5) < 1e-9 && result.relativeGap == 0)
        #expect(result.solverReturnCode == nil)
        #expect(result.allocation.variableCount == 12 && result.allocation.constraintCount == 13)
    }

    /// No move saves (single source W1 costs 4 > 3 + 0.5; dropping W0 moves A to W1 for +1 - 0.5), so
    /// the LP's plan is the seed, and GLPK proves it optimal. The plain search finds a plan of the same
    /// cost, and an incumbent replaces the LP's lines only when cheaper.
    @Test(arguments: [false, true])
    func fixedCostHalfKeepsTheSplit(plainSearch: Bool) throws {
        let result = try Self.allocate(fixedCost: 0.5, strategy: plainSearch ? .plainSearch : .init())
        #expect(result.status == .optimal && result.source == .linearProgram)
        #expect(abs(result.objective - 57) < 1e-9)
        #expect(
            Self.summary(result.allocation.allocated) == [
                "0 W0 1 1d 1.0 Fast", "1 W1 1 1d 2.0 Fast", "2 W0 1 2d 1.5 Slow",
            ]
        )
        #expect(result.allocation.unfilled == [Self.unfilledC])
        #expect(result.splitOrderCount == 1 && result.shipmentCount == 3)
        #expect(abs(result.fixedShipmentCost - 0.5) < 1e-12)
        #expect(result.relativeGap == 0 && abs(result.bestBound - 57) < 1e-9)
    }

    /// With W1 limited to 1 unit a day, O1 cannot ship whole from either warehouse (W0 holds no B), so
    /// even at a fixed cost of 5 it stays split: 56.5 + 5 = 61.5.
    @Test(arguments: [false, true])
    func capacityKeepsTheSplitDespiteTheFixedCost(plainSearch: Bool) throws {
        var data = Self.dataSet()
        data.warehouses[1].dailyCapacityUnits = 1
        let result = try Self.allocate(data, fixedCost: 5, strategy: plainSearch ? .plainSearch : .init())
        #expect(result.status == .optimal)
        #expect(abs(result.objective - 61.5) < 1e-9)
        #expect(
            Self.summary(result.allocation.allocated) == [
                "0 W0 1 1d 1.0 Fast", "1 W1 1 1d 2.0 Fast", "2 W0 1 2d 1.5 Slow",
            ]
        )
        #expect(result.splitOrderCount == 1 && abs(result.fixedShipmentCost - 5) < 1e-12)
    }

    /// F = 0: the LP plan meets the LP bound, so no search runs; the plain search finds the same cost.
    @Test func zeroFixedCostIsTheLP() throws {
        let shortcut = try Self.allocate(fixedCost: 0)
        #expect(shortcut.status == .optimal && shortcut.source == .linearProgram)
        #expect(abs(shortcut.objective - 56.5) < 1e-9 && shortcut.splitOrderCount == 1)
        let searched = try Self.allocate(fixedCost: 0, strategy: .plainSearch)
        #expect(searched.status == .optimal)
        #expect(abs(searched.objective - 56.5) < 1e-9)
        #expect(searched.allocation.unfilled == [Self.unfilledC])
    }

    /// The consolidation alone: from the LP's units (x0 W0 = 1, x1 W1 = 1, x2 W0 = 1) the single source
    /// W1 saves 5 + 3 - 4 = 4; dropping W0 saves the same but is priced later, so single source wins.
    @Test func consolidationShipsTheOrderFromOneWarehouse() throws {
        let data = Self.dataSet()
        let network = try AllocationNetwork(dataSet: data, settings: Self.settings)
        let program = SplitShipmentProgram(
            dataSet: data,
            openOrderIndices: [0, 1, 2],
            network: network,
            settings: Self.settings,
            fixedCostPerExtraShipment: 5
        )
        // Shipments: x0 W0, x0 W1, x1 W1, x2 W0.
        let linear = try Allocator.allocate(dataSet: data, openOrderIndices: [0, 1, 2], settings: Self.settings)
        let units = try #require(program.shipmentUnits(allocated: linear.allocated))
        #expect(units == [1, 0, 1, 1])
        let improved = ShipmentConsolidation.improve(
            shipmentUnits: units,
            program: program,
            dataSet: data,
            network: network,
            fixedCost: 5
        )
        #expect(improved == [0, 1, 1, 1])
        #expect(
            ShipmentConsolidation.improve(
                shipmentUnits: units,
                program: program,
                dataSet: data,
                network: network,
                fixedCost: 0.5
            ) == units
        )
        #expect(program.columnValues(shipmentUnits: improved) == [0, 1, 1, 0, 0, 1, 0, 1, 1, 1, 1, 1])
    }

    /// The model's layout: O1 has y(W0), y(W1), z, u0, x0(W0), x0(W1), u1, x1(W1); O2 has y(W0), z, u2,
    /// x2(W0). Rows: 3 line, 4 stock ((W0, A), (W0, C), (W1, A), (W1, B)), no capacity, 4 link, 2 order.
    /// M of x2(W0) is min(2 ordered, 1 on hand) = 1.
    @Test func modelLayout() throws {
        let data = Self.dataSet()
        let network = try AllocationNetwork(dataSet: data, settings: Self.settings)
        let program = SplitShipmentProgram(
            dataSet: data,
            openOrderIndices: [2, 1, 0],
            network: network,
            settings: Self.settings,
            fixedCostPerExtraShipment: 5
        )
        try program.validate()
        #expect(program.columnCount == 12 && program.rowCount == 13)
        #expect(program.orders.map(\.orderId) == ["O1", "O2"])
        #expect(program.lines.map(\.orderIndex) == [0, 1, 2])
        #expect(program.kindByColumn.filter { $0 == .binary }.count == 3)
        #expect(program.kindByColumn.filter { $0 == .integer }.count == 4)
        #expect(program.shipments.map(\.warehouseIndex) == [0, 1, 1, 0])
        #expect(program.shipments.map(\.maxUnits) == [1, 1, 1, 1])
        #expect(program.objectiveByColumn == [5, 5, -5, 100, 1, 2, 100, 2, 5, -5, 50, 3.5])
        #expect(program.entries.count == 7 + 4 + 8 + 5)  // line, stock, link and order rows
    }
}
