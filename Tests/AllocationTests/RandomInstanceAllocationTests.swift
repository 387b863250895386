import Allocation
import GLPK
import PlannerCore
import Testing

/// Invariants on a seeded random instance, and agreement with the unaggregated per-line LP.
@Suite("Allocation: random instance")
struct RandomInstanceAllocationTests {
    static let settings = AllocationSettings(
        unfilledPenaltyPerUnit: 12,
        nextDayMissPenaltyPerUnit: 1.5,
        priorityWeights: [1: 4, 2: 2, 3: 1]
    )
    static let warehouseCount = 5
    static let regionCount = 8
    static let skuCount = 25
    /// Region 6 is reached only by the cloud warehouse (index 4); region 7 by no lane.
    static let cloudOnlyRegion = 6
    static let unreachableRegion = 7

    static func instance(seed: UInt64, orderCount: Int = 300) -> DataSet {
        var random = SplitMix64(state: seed)
        let warehouses = [
            Fixtures.warehouse("W0", .regional, capacity: 120), Fixtures.warehouse("W1", .regional, capacity: nil),
            Fixtures.warehouse("W2", .regional, capacity: 60), Fixtures.warehouse("W3", .regional, capacity: 200),
            Fixtures.warehouse("W4", .cloud, capacity: nil),
        ]
        var lanes: [Lane] = []
        for region in 0..<cloudOnlyRegion {
            for warehouse in 0..<4 where random.int(0...2) > 0 || warehouse == region % 4 {
                let days = random.int(1...3)
                lanes.append(
                    Fixtures.lane(
                        warehouse,
                        region,
                        days: days,
                        cost: Double(random.int(5...80)) / 10,
                        "Car\(warehouse % 2)"
                    )
                )
            }
            if random.int(0...1) == 1 {
                lanes.append(Fixtures.lane(4, region, days: 2, cost: Double(random.int(40...160)) / 10, "Cloud"))
            }
        }
        lanes.append(Fixtures.lane(4, cloudOnlyRegion, days: 3, cost: 9.5, "Cloud"))
        var stock: [StockRecord] = []
        for warehouse in 0..<warehouseCount {
            for sku in 0..<skuCount where random.int(0...3) > 0 {
                stock.append(Fixtures.stock(warehouse, sku, random.int(0...40)))  // includes explicit zeros
            }
        }
        var orders: [OrderLine] = []
        for index in 0..<orderCount {
            orders.append(
                Fixtures.order(
                    "O\(index / 3)",
                    sku: (index % 3) * 8 + random.int(0...7),
                    region: random.int(0...(regionCount - 1)),
                    qty: random.int(1...12),
                    priority: random.int(1...3),
                    dayOffset: random.int(0...4)
                )
            )
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

    static func allocate(_ data: DataSet) throws -> AllocationResult {
        try Allocator.allocate(dataSet: data, openOrderIndices: Array(data.orders.indices), settings: settings)
    }

    @Test(arguments: [UInt64(1), 7, 2025])
    func invariantsHold(seed: UInt64) throws {
        let data = Self.instance(seed: seed)
        let result = try Self.allocate(data)
        let onHand = data.onHandMatrix()
        let shipped = result.shippedUnits(warehouseCount: Self.warehouseCount, skuCount: Self.skuCount)
        for warehouse in 0..<Self.warehouseCount {
            for sku in 0..<Self.skuCount { #expect(shipped[warehouse][sku] <= onHand[warehouse][sku]) }
            if let capacity = data.warehouses[warehouse].dailyCapacityUnits {
                #expect(shipped[warehouse].reduce(0, +) <= capacity)
            }
        }
        var filled = [Int](repeating: 0, count: data.orders.count)
        for line in result.allocated {
            #expect(line.quantity > 0)
            let order = data.orders[line.orderIndex]
            let lane = try #require(
                data.lanes.first { $0.warehouseIndex == line.warehouseIndex && $0.regionIndex == order.regionIndex }
            )
            #expect(line.costPerUnit == lane.costPerUnit && line.transitDays == lane.transitDays)
            #expect(line.carrier == lane.carrier && line.skuIndex == order.skuIndex)
            filled[line.orderIndex] += line.quantity
        }
        var unfilledByOrder = [Int](repeating: 0, count: data.orders.count)
        for line in result.unfilled {
            #expect(line.quantity > 0 && unfilledByOrder[line.orderIndex] == 0)
            unfilledByOrder[line.orderIndex] = line.quantity
        }
        for (index, order) in data.orders.enumerated() {
            #expect(filled[index] + unfilledByOrder[index] == order.quantity)
        }
        // Recomputed here from the lines, independently of the module.
        var objective = 0.0
        for line in result.allocated {
            objective += Double(line.quantity) * Fixtures.effectiveCost(line, Self.settings)
        }
        for line in result.unfilled {
            objective +=
                Double(line.quantity) * 12 * Self.settings.priorityWeight(data.orders[line.orderIndex].priority)
        }
        #expect(abs(objective - result.objective) < 1e-6)
        // Sorted as documented.
        #expect(result.allocated.map { [$0.orderIndex, $0.warehouseIndex] }.isSorted())
        #expect(result.unfilled.map(\.orderIndex) == result.unfilled.map(\.orderIndex).sorted())
        // The instance exercises what it was built for.
        #expect(
            result.unfilled.contains {
                $0.reason == .noLane && data.orders[$0.orderIndex].regionIndex == Self.unreachableRegion
            }
        )
        #expect(result.allocated.contains { data.orders[$0.orderIndex].regionIndex == Self.cloudOnlyRegion })
        #expect(result.bucketCount < data.orders.count)
        #expect(
            (0..<Self.warehouseCount).contains { warehouse in
                data.warehouses[warehouse].dailyCapacityUnits == shipped[warehouse].reduce(0, +)
            }
        )
        try Self.checkReasons(result, data, shipped: shipped)
    }

    /// Each reason matches its definition; `uneconomic` also checks LP optimality: every warehouse with
    /// stock and capacity left costs at least the line's penalty.
    static func checkReasons(_ result: AllocationResult, _ data: DataSet, shipped: [[Int]]) throws {
        let onHand = data.onHandMatrix()
        for line in result.unfilled {
            let order = data.orders[line.orderIndex]
            let lanes = data.lanes.filter { $0.regionIndex == order.regionIndex }
            let stocked = lanes.filter { onHand[$0.warehouseIndex][order.skuIndex] > 0 }
            let stockLeft = stocked.filter {
                shipped[$0.warehouseIndex][order.skuIndex] < onHand[$0.warehouseIndex][order.skuIndex]
            }
            let capacityLeft = stockLeft.filter { lane in
                data.warehouses[lane.warehouseIndex].dailyCapacityUnits.map {
                    shipped[lane.warehouseIndex].reduce(0, +) < $0
                } ?? true
            }
            switch line.reason {
            case .noLane: #expect(lanes.isEmpty)
            case .noStock: #expect(!lanes.isEmpty && stocked.isEmpty)
            case .stockExhausted: #expect(!stocked.isEmpty && stockLeft.isEmpty)
            case .capacity: #expect(!stockLeft.isEmpty && capacityLeft.isEmpty)
            case .uneconomic:
                #expect(!capacityLeft.isEmpty)
                let penalty = 12 * settings.priorityWeight(order.priority)
                for lane in capacityLeft {
                    let cost = lane.costPerUnit + (lane.transitDays > 1 ? settings.nextDayMissPenaltyPerUnit : 0)
                    #expect(cost >= penalty - 1e-9)
                }
            }
        }
        let reasons = Set(result.unfilled.map(\.reason))
        #expect(reasons.isSuperset(of: [.noLane, .noStock, .capacity, .stockExhausted]))
    }

    /// The unaggregated model (x[o,w] for every lane, zero-stock ones included, and u[o] per line)
    /// solved directly with GLPK has the same optimum as the bucketed LP.
    @Test(arguments: [UInt64(1), 7, 2025])
    func bucketedOptimumEqualsPerLineOptimum(seed: UInt64) throws {
        let data = Self.instance(seed: seed)
        let result = try Self.allocate(data)
        let perLine = try Self.perLineOptimum(data)
        #expect(abs(perLine - result.objective) < 1e-6)
    }

    static func perLineOptimum(_ data: DataSet) throws -> Double {
        let program = try LinearProgram(name: "per-line allocation")
        let onHand = data.onHandMatrix()
        var entries: [(row: Int, column: Int, value: Double)] = []
        var stockRow: [[Int?]] = Array(repeating: Array(repeating: nil, count: skuCount), count: warehouseCount)
        var capacityRow = [Int?](repeating: nil, count: warehouseCount)
        for (index, order) in data.orders.enumerated() {
            let row = try program.addRow(.fixed(Double(order.quantity)))
            #expect(row == index)
            let unfilled = try program.addColumn(objective: 12 * settings.priorityWeight(order.priority))
            entries.append((row, unfilled, 1))
        }
        for (index, order) in data.orders.enumerated() {
            for lane in data.lanes where lane.regionIndex == order.regionIndex {
                let cost = lane.costPerUnit + (lane.transitDays > 1 ? settings.nextDayMissPenaltyPerUnit : 0)
                let column = try program.addColumn(objective: cost)
                entries.append((index, column, 1))
                let w = lane.warehouseIndex
                if stockRow[w][order.skuIndex] == nil {
                    stockRow[w][order.skuIndex] = try program.addRow(.upper(Double(onHand[w][order.skuIndex])))
                }
                entries.append((stockRow[w][order.skuIndex]!, column, 1))
                if let capacity = data.warehouses[w].dailyCapacityUnits {
                    if capacityRow[w] == nil { capacityRow[w] = try program.addRow(.upper(Double(capacity))) }
                    entries.append((capacityRow[w]!, column, 1))
                }
            }
        }
        try program.setMatrix(entries: entries)
        let solution = try program.solveSimplex()
        #expect(solution.status == .optimal)
        return solution.objective
    }

    @Test func allocationIsDeterministic() throws {
        let data = Self.instance(seed: 42)
        let first = try Self.allocate(data)
        let second = try Self.allocate(data)
        #expect(first.allocated == second.allocated)
        #expect(first.unfilled == second.unfilled)
        #expect(first.objective == second.objective)
        #expect(first.variableCount == second.variableCount && first.constraintCount == second.constraintCount)
    }

    @Test func dispatchPlanTotalsMatchAllocationPerCarrier() throws {
        let data = Self.instance(seed: 7)
        let result = try Self.allocate(data)
        let plan = DispatchPlanner.plan(allocation: result, shipDate: Fixtures.day0)
        var expectedUnits: [String: Int] = [:]
        var expectedLines: [String: Int] = [:]
        for line in result.allocated {
            expectedUnits[line.carrier, default: 0] += line.quantity
            expectedLines[line.carrier, default: 0] += 1
        }
        var planUnits: [String: Int] = [:]
        var planLines: [String: Int] = [:]
        for row in plan {
            planUnits[row.carrier, default: 0] += row.units
            planLines[row.carrier, default: 0] += row.orderLines
            #expect(row.shipDate == Fixtures.day0)
        }
        #expect(planUnits == expectedUnits)
        #expect(planLines == expectedLines)
        #expect(expectedUnits.count >= 2)
        let keys = plan.map { "\($0.carrier)|\($0.warehouseIndex)|\($0.regionIndex)" }
        #expect(Set(keys).count == plan.count)
        #expect(plan.map { [$0.carrier, String($0.warehouseIndex), String($0.regionIndex)] }.isSortedByKey())
    }
}

extension Array where Element == [Int] {
    func isSorted() -> Bool {
        zip(self, dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) || $0 == $1 }
    }
}

extension Array where Element == [String] {
    /// Sorted by carrier, then warehouse index and region index compared as numbers.
    func isSortedByKey() -> Bool {
        func key(_ row: [String]) -> (String, Int, Int) { (row[0], Int(row[1])!, Int(row[2])!) }
        return zip(self, dropFirst()).allSatisfy { key($0) <= key($1) }
    }
}
