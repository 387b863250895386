import GLPK
import PlannerCore
import Testing

@testable import Allocation

/// Seeded instances of multi-line orders: the MIP against the LP, the invariants of every plan,
/// determinism, and a search stopped by the clock.
@Suite("Split shipments: generated instances")
struct SplitShipmentRandomTests {
    static let settings = AllocationSettings(
        unfilledPenaltyPerUnit: 12,
        nextDayMissPenaltyPerUnit: 1.5,
        priorityWeights: [1: 4, 2: 2, 3: 1]
    )
    static let warehouseCount = 4
    static let regionCount = 5
    static let skuCount = 12

    /// Orders of 1 to 4 lines (distinct SKUs, one region, one priority); W1 has capacity 40, W3 is a
    /// cloud warehouse reaching every region at a higher cost; stock (0...maxStock a record) is thin by
    /// default, so orders split.
    static func instance(seed: UInt64, orderCount: Int, maxStock: Int = 12) -> DataSet {
        var random = SplitMix64(state: seed)
        let warehouses = [
            Fixtures.warehouse("W0", .regional, capacity: nil), Fixtures.warehouse("W1", .regional, capacity: 40),
            Fixtures.warehouse("W2", .regional, capacity: 90), Fixtures.warehouse("W3", .cloud, capacity: nil),
        ]
        var lanes: [Lane] = []
        for region in 0..<regionCount {
            for warehouse in 0..<3 where random.int(0...2) > 0 || warehouse == region % 3 {
                let cost = Double(random.int(5...40)) / 10
                lanes.append(Fixtures.lane(warehouse, region, days: random.int(1...2), cost: cost, "Car\(warehouse)"))
            }
            lanes.append(Fixtures.lane(3, region, days: 2, cost: Double(random.int(30...70)) / 10, "Cloud"))
        }
        var stock: [StockRecord] = []
        for warehouse in 0..<warehouseCount {
            for sku in 0..<skuCount where random.int(0...3) > 0 {
                stock.append(Fixtures.stock(warehouse, sku, random.int(0...maxStock)))
            }
        }
        var orders: [OrderLine] = []
        for order in 0..<orderCount {
            let region = random.int(0...(regionCount - 1))
            let priority = random.int(1...3)
            let firstSku = random.int(0...(skuCount - 1))
            for line in 0..<random.int(1...4) {
                orders.append(
                    Fixtures.order(
                        "O\(order)",
                        sku: (firstSku + 3 * line) % skuCount,
                        region: region,
                        qty: random.int(1...6),
                        priority: priority,
                        dayOffset: random.int(0...3)
                    )
                )
            }
        }
        return Fixtures.dataSet(
            skus: skuCount,
            regions: regionCount,
            warehouses: warehouses,
            lanes: lanes,
            stock: stock,
            orders: orders
        )
    }

    static func allocate(
        _ data: DataSet,
        fixedCost: Double,
        timeLimitSeconds: Double = 60,
        strategy: SplitShipmentAllocator.Strategy = .init()
    ) throws -> SplitShipmentResult {
        try SplitShipmentAllocator.allocate(
            dataSet: data,
            openOrderIndices: Array(data.orders.indices),
            settings: settings,
            splitShipments: SplitShipmentSettings(
                fixedCostPerExtraShipment: fixedCost,
                timeLimitSeconds: timeLimitSeconds
            ),
            strategy: strategy
        )
    }

    static func linear(_ data: DataSet) throws -> AllocationResult {
        try Allocator.allocate(dataSet: data, openOrderIndices: Array(data.orders.indices), settings: settings)
    }

    /// Every plan: lanes exist and match, whole units within stock and capacity, each line's shipped plus
    /// unfilled units equal its quantity, the objective recomputed here from the lines, and the bound.
    static func checkPlan(_ result: SplitShipmentResult, _ data: DataSet, fixedCost: Double) throws {
        let plan = result.allocation
        let onHand = data.onHandMatrix()
        let shipped = plan.shippedUnits(warehouseCount: warehouseCount, skuCount: skuCount)
        for warehouse in 0..<warehouseCount {
            for sku in 0..<skuCount { #expect(shipped[warehouse][sku] <= max(0, onHand[warehouse][sku])) }
            if let capacity = data.warehouses[warehouse].dailyCapacityUnits {
                #expect(shipped[warehouse].reduce(0, +) <= capacity)
            }
        }
        var filled = [Int](repeating: 0, count: data.orders.count)
        var objective = 0.0
        var warehousesByOrder: [String: Set<Int>] = [:]
        for line in plan.allocated {
            let order = data.orders[line.orderIndex]
            let lane = try #require(
                data.lanes.first { $0.warehouseIndex == line.warehouseIndex && $0.regionIndex == order.regionIndex }
            )
            #expect(line.quantity > 0 && line.costPerUnit == lane.costPerUnit && line.carrier == lane.carrier)
            filled[line.orderIndex] += line.quantity
            objective += Double(line.quantity) * Fixtures.effectiveCost(line, settings)
            warehousesByOrder[order.orderId, default: []].insert(line.warehouseIndex)
        }
        var unfilled = [Int](repeating: 0, count: data.orders.count)
        for line in plan.unfilled {
            unfilled[line.orderIndex] += line.quantity
            objective += Double(line.quantity) * 12 * settings.priorityWeight(data.orders[line.orderIndex].priority)
        }
        for (index, order) in data.orders.enumerated() { #expect(filled[index] + unfilled[index] == order.quantity) }
        let shipments = warehousesByOrder.values.reduce(0) { $0 + $1.count }
        objective += fixedCost * Double(shipments - warehousesByOrder.count)
        #expect(abs(objective - result.objective) < 1e-6)
        #expect(result.shipmentCount == shipments)
        #expect(result.splitOrderCount == warehousesByOrder.values.filter { $0.count >= 2 }.count)
        // The bound sits between the LP optimum and the objective; the gap is GLPK's formula.
        #expect(result.bestBound >= result.linearProgramObjective - 1e-9)
        #expect(result.bestBound <= result.objective && result.relativeGap >= 0)
        let gap = abs(result.objective - result.bestBound) / (abs(result.objective) + Double.ulpOfOne)
        #expect(result.status == .optimal ? result.relativeGap == 0 : abs(result.relativeGap - gap) < 1e-12)
        #expect(plan.allocated.map { [$0.orderIndex, $0.warehouseIndex] }.isSorted())
    }

    /// With F = 0 the MIP is the per-line LP with integral shipments, which has the LP's optimum: GLPK's
    /// search alone, from no incumbent, must find it.
    @Test(arguments: [UInt64(1), 7, 2025])
    func zeroFixedCostMatchesTheLPOptimum(seed: UInt64) throws {
        let data = Self.instance(seed: seed, orderCount: 40)
        let linear = try Self.linear(data)
        let result = try Self.allocate(data, fixedCost: 0, strategy: .plainSearch)
        #expect(result.status == .optimal)
        #expect(abs(result.objective - linear.objective) < 1e-6)
        try Self.checkPlan(result, data, fixedCost: 0)
    }

    /// A fixed cost of 3 (the LP splits orders, so the search runs): the default path and the plain
    /// search reach the same optimum, no dearer than the LP's plan charged its extra shipments. So the
    /// plan has no more extra shipments than the LP's: its lane and penalty cost is at least the LP
    /// optimum, so 3 x its extra shipments cannot exceed the LP plan's.
    @Test(arguments: [UInt64(1), 7, 2025])
    func fixedCostPlanIsOptimalAndNoDearerThanTheLPPlan(seed: UInt64) throws {
        let data = Self.instance(seed: seed, orderCount: 30)
        let linear = try Self.linear(data)
        let linearCounts = ShipmentCounts(allocated: linear.allocated, dataSet: data)
        #expect(linearCounts.splitOrders > 0)
        let result = try Self.allocate(data, fixedCost: 3)
        #expect(result.status == .optimal)
        #expect(result.objective <= linear.objective + 3 * Double(linearCounts.extraShipments) + 1e-9)
        #expect(result.objective >= linear.objective - 1e-9)
        #expect(result.counts.extraShipments <= linearCounts.extraShipments)
        try Self.checkPlan(result, data, fixedCost: 3)
        let plain = try Self.allocate(data, fixedCost: 3, strategy: .plainSearch)
        #expect(plain.status == .optimal)
        #expect(abs(plain.objective - result.objective) < 1e-6)
        try Self.checkPlan(plain, data, fixedCost: 3)
    }

    /// With ample stock and no capacity limit the consolidation removes extra shipments before the search;
    /// a 1 ms limit stops GLPK before it can add anything, so the consolidated plan is what comes back,
    /// valid and cheaper than the LP's plan.
    @Test(arguments: [UInt64(3), 11])
    func consolidationImprovesTheLPPlan(seed: UInt64) throws {
        var data = Self.instance(seed: seed, orderCount: 120, maxStock: 60)
        for warehouse in data.warehouses.indices { data.warehouses[warehouse].dailyCapacityUnits = nil }
        let linear = try Self.linear(data)
        let linearCounts = ShipmentCounts(allocated: linear.allocated, dataSet: data)
        #expect(linearCounts.extraShipments > 0)
        let result = try Self.allocate(data, fixedCost: 5, timeLimitSeconds: 0.001)
        #expect(result.source == .consolidation)
        #expect(result.objective < linear.objective + 5 * Double(linearCounts.extraShipments) - 1e-9)
        #expect(result.counts.extraShipments < linearCounts.extraShipments)
        try Self.checkPlan(result, data, fixedCost: 5)
    }

    @Test func sameInputGivesTheSameLines() throws {
        let data = Self.instance(seed: 42, orderCount: 40)
        let first = try Self.allocate(data, fixedCost: 2)
        let second = try Self.allocate(data, fixedCost: 2)
        #expect(first.status == .optimal && second.status == .optimal)
        #expect(first.allocation.allocated == second.allocation.allocated)
        #expect(first.allocation.unfilled == second.allocation.unfilled)
        #expect(first.objective == second.objective && first.counts == second.counts)
    }

    /// A 1 ms limit stops the search at once; whatever comes back is a valid plan no dearer than the LP's
    /// plan with its shipment costs, with a bound no lower than the LP optimum.
    @Test func timeLimitReturnsAValidPlanWithItsGap() throws {
        let data = Self.instance(seed: 99, orderCount: 300)
        let linear = try Self.linear(data)
        let linearCounts = ShipmentCounts(allocated: linear.allocated, dataSet: data)
        let result = try Self.allocate(data, fixedCost: 4, timeLimitSeconds: 0.001)
        if result.status == .feasible { #expect(result.solverReturnCode == "GLP_ETMLIM") }
        #expect(result.objective <= linear.objective + 4 * Double(linearCounts.extraShipments) + 1e-9)
        try Self.checkPlan(result, data, fixedCost: 4)
    }
}
