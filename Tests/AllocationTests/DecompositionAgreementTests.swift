import Allocation
import PlannerCore
import Testing

/// The SKU decomposition and the full GLPK LP (the solver of record) on generated instances of a few
/// thousand lines: same objective, whole units, every invariant, and the same plan twice.
@Suite("Allocation: decomposition agrees with the full LP")
struct DecompositionAgreementTests {
    static let settings = AllocationSettings(
        unfilledPenaltyPerUnit: 12,
        nextDayMissPenaltyPerUnit: 1.5,
        priorityWeights: [1: 4, 2: 2, 3: 1]
    )

    /// 8 warehouses (W5 capacity 0, W7 cloud reaching every region, W6 a second cloud), 30 regions (region
    /// 29 reached only by the clouds), 300 SKUs (SKU 0 stocked nowhere), lane costs on a coarse grid so
    /// ties abound, capacities tight. `shortage` leaves 1 unit of stock per (warehouse, SKU): a total
    /// shortage, every warehouse's stock exhausted.
    static func instance(seed: UInt64, lines: Int, shortage: Bool = false) -> DataSet {
        var random = SplitMix64(state: seed)
        let warehouses = (0..<8).map { index in
            Fixtures.warehouse(
                "W\(index)",
                index >= 6 ? .cloud : .regional,
                capacity: index == 5 ? 0 : index == 7 ? nil : random.int(lines / 4...lines / 2)
            )
        }
        var lanes: [Lane] = []
        for region in 0..<30 {
            if region < 29 {
                for warehouse in 0..<6 where random.int(0...2) == 0 || warehouse == region % 6 {
                    lanes.append(
                        Fixtures.lane(warehouse, region, days: random.int(1...2), cost: Double(random.int(1...4)), "R")
                    )
                }
            }
            lanes.append(Fixtures.lane(6, region, days: 2, cost: Double(random.int(3...6)), "C6"))
            lanes.append(Fixtures.lane(7, region, days: 3, cost: 5, "C7"))
        }
        var stock: [StockRecord] = []
        for warehouse in 0..<8 {
            for sku in 1..<300 where random.int(0...2) > 0 {
                stock.append(Fixtures.stock(warehouse, sku, shortage ? 1 : random.int(0...30)))
            }
        }
        let orders = (0..<lines).map { index in
            Fixtures.order(
                "O\(index / 2)",
                sku: min(299, Int(Double(random.int(0...299)) * Double(random.int(0...299)) / 299)),
                region: random.int(0...29),
                qty: random.int(1...6),
                priority: random.int(1...3),
                dayOffset: random.int(0...3)
            )
        }
        return Fixtures.dataSet(
            skus: 300,
            regions: 30,
            warehouses: warehouses,
            lanes: lanes,
            stock: stock,
            orders: orders
        )
    }

    static func allocate(_ data: DataSet, _ solver: AllocationSolver) throws -> AllocationResult {
        var settings = Self.settings
        settings.solver = solver
        return try Allocator.allocate(
            dataSet: data,
            openOrderIndices: Array(data.orders.indices),
            settings: settings
        )
    }

    @Test(arguments: [(UInt64(1), 2_000, false), (2, 4_000, false), (3, 3_000, true)])
    func sameOptimumAndInvariants(seed: UInt64, lines: Int, shortage: Bool) throws {
        let data = Self.instance(seed: seed, lines: lines, shortage: shortage)
        let lp = try Self.allocate(data, .linearProgram)
        let decomposed = try Self.allocate(data, .decomposition)
        #expect(lp.solverPath == .linearProgram)
        #expect(decomposed.solverPath == .decomposition)
        #expect(abs(lp.objective - decomposed.objective) <= 1e-6 * max(1, abs(lp.objective)))
        // Capacity binds on these instances, so the decomposition had to price it.
        #expect(decomposed.flowStatistics.masterSolves > 0)
        for result in [lp, decomposed] {
            let shipped = result.shippedUnits(warehouseCount: 8, skuCount: 300)
            var onHand = Array(repeating: Array(repeating: 0, count: 300), count: 8)
            for record in data.stock { onHand[record.warehouseIndex][record.skuIndex] += max(0, record.onHand) }
            for warehouse in 0..<8 {
                for sku in 0..<300 { #expect(shipped[warehouse][sku] <= onHand[warehouse][sku]) }
                let total = shipped[warehouse].reduce(0, +)
                if let capacity = data.warehouses[warehouse].dailyCapacityUnits { #expect(total <= capacity) }
            }
            #expect(shipped[5].reduce(0, +) == 0)
            #expect(shipped.allSatisfy { $0[0] == 0 })
            var units = [Int](repeating: 0, count: data.orders.count)
            for line in result.allocated { units[line.orderIndex] += line.quantity }
            for line in result.unfilled { units[line.orderIndex] += line.quantity }
            #expect(units == data.orders.map(\.quantity))
            // Region 29 is served by the clouds only.
            #expect(result.allocated.filter { $0.regionIndex == 29 }.allSatisfy { $0.warehouseIndex >= 6 })
            #expect(result.unfilled.filter { $0.skuIndex == 0 }.allSatisfy { $0.reason == .noStock })
            #expect(result.explanations.count == result.allocated.count + result.unfilled.count)
            #expect(result.explanations.allSatisfy { ($0.marginalCostPerUnit ?? 0) >= 0 })
        }
        if shortage {
            // Every unit in stock somewhere reachable is shipped or blocked by capacity: nothing is uneconomic
            // at these penalties, and most of the demand is unfilled.
            #expect(decomposed.unfilledUnits > decomposed.allocatedUnits)
        }
    }

    @Test func theSamePlanTwice() throws {
        let data = Self.instance(seed: 5, lines: 3_000)
        let first = try Self.allocate(data, .decomposition)
        let second = try Self.allocate(data, .decomposition)
        #expect(first.allocated == second.allocated)
        #expect(first.unfilled == second.unfilled)
        #expect(first.explanations == second.explanations)
        #expect(first.objective == second.objective)
    }
}
