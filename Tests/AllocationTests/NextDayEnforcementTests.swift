import Allocation
import GLPK
import PlannerCore
import Testing

/// Enforced next-day shares (`allocation.next_day_share` with `enforce: true`): hand cases, and random
/// instances against an order-level MIP solved lexicographically by GLPK (fewest units short, then cheapest).
@Suite("Allocation: enforced next-day share")
struct NextDayEnforcementTests {
    static func settings(
        _ share: Double,
        regions: [String: Double] = [:],
        solver: AllocationSolver
    ) -> AllocationSettings {
        AllocationSettings(
            unfilledPenaltyPerUnit: 50,
            nextDayMissPenaltyPerUnit: 2,
            priorityWeights: [1: 4, 2: 2, 3: 1],
            solver: solver,
            nextDayShareTarget: NextDayShareTarget(defaultShare: share, shareByRegion: regions, enforce: true)
        )
    }

    /// One SKU, region R0 orders 10 units (priority 2, penalty 100). W0 (capacity 8) reaches R0 next day at
    /// 4.0; W1 (no limit) in 2 days at 1.0, effective 3.0 with the miss penalty. Each holds 20.
    /// Unenforced: all 10 from W1, 30. With 80%: T = 8 next-day units, so 8 from W0 (32) and 2 from W1 (6): 38,
    /// the target costs 8 x (4 - 3) = 8 more.
    static func oneRegion() -> DataSet {
        Fixtures.dataSet(
            skus: 1,
            regions: 1,
            warehouses: [
                Fixtures.warehouse("W0", .regional, capacity: 8), Fixtures.warehouse("W1", .cloud, capacity: nil),
            ],
            lanes: [
                Fixtures.lane(0, 0, days: 1, cost: 4, "Fast"), Fixtures.lane(1, 0, days: 2, cost: 1, "Slow"),
            ],
            stock: [Fixtures.stock(0, 0, 20), Fixtures.stock(1, 0, 20)],
            orders: [
                Fixtures.order("A", sku: 0, region: 0, qty: 6, priority: 2),
                Fixtures.order("B", sku: 0, region: 0, qty: 4, priority: 2),
            ]
        )
    }

    @Test(arguments: [AllocationSolver.linearProgram, .decomposition])
    func targetMovesUnitsAtAKnownCost(solver: AllocationSolver) throws {
        let data = Self.oneRegion()
        var reported = Self.settings(0.8, solver: solver)
        reported.nextDayShareTarget?.enforce = false
        let free = try Allocator.allocate(dataSet: data, openOrderIndices: [0, 1], settings: reported)
        #expect(abs(free.objective - 30) < 1e-9)
        #expect(free.nextDayUnits == 0)
        #expect(free.nextDayEnforcement == nil)

        let settings = Self.settings(0.8, solver: solver)
        let result = try Allocator.allocate(dataSet: data, openOrderIndices: [0, 1], settings: settings)
        #expect(abs(result.objective - 38) < 1e-9)
        #expect(result.solverStatus == .optimal && result.mipGap == nil)
        #expect(result.nextDayUnits == 8)
        #expect(result.allocated.filter { $0.warehouseIndex == 0 }.reduce(0) { $0 + $1.quantity } == 8)
        #expect(result.allocated.filter { $0.warehouseIndex == 1 }.reduce(0) { $0 + $1.quantity } == 2)
        #expect(result.unfilled.isEmpty)
        let enforcement = try #require(result.nextDayEnforcement)
        #expect(enforcement.targetUnitsByRegion == [8] && enforcement.fewestUnitsShort == 0)
        let kpis = ServiceKPIs.compute(allocation: result, dataSet: data, target: settings.nextDayShareTarget)
        #expect(kpis[0].targetUnits == 8 && kpis[0].shortfallUnits == 0 && kpis[0].targetMet == true)
        #expect(kpis[0].targetEnforced)
        // Reported only, the same target is missed by all 8 units.
        let reportedKPIs = ServiceKPIs.compute(allocation: free, dataSet: data, target: reported.nextDayShareTarget)
        #expect(reportedKPIs[0].shortfallUnits == 8 && reportedKPIs[0].targetMet == false)
        #expect(!reportedKPIs[0].targetEnforced)
    }

    /// 85% of 10 is 8.5: the target is 9 units, more than W0's capacity of 8 next-day units. The run does not
    /// fail: it ships the 8 it can next day and says it is 1 unit short.
    @Test(arguments: [AllocationSolver.linearProgram, .decomposition])
    func targetAboveCapacityIsShortByTheRest(solver: AllocationSolver) throws {
        let data = Self.oneRegion()
        let settings = Self.settings(0.85, solver: solver)
        let result = try Allocator.allocate(dataSet: data, openOrderIndices: [0, 1], settings: settings)
        #expect(result.nextDayEnforcement?.targetUnitsByRegion == [9])
        #expect(result.nextDayEnforcement?.fewestUnitsShort == 1)
        #expect(result.nextDayUnits == 8)
        #expect(abs(result.objective - 38) < 1e-9)
        let kpis = ServiceKPIs.compute(allocation: result, dataSet: data, target: settings.nextDayShareTarget)
        #expect(kpis[0].shortfallUnits == 1 && kpis[0].targetMet == false)
    }

    /// Two regions want W0's 8 next-day units, 8 each (80% of 10). R0's slow lane costs 3.0 effective, R1's
    /// 7.0 (cost 5 + 2), W0's fast lanes 4.0 to both. At least 8 units are short in all; each next-day unit
    /// moved from R1 to R0 costs (4 - 3) + (7 - 4) = 4 more, so R1 keeps all 8 and R0 is 8 short:
    /// R0 10 x 3 + R1 8 x 4 + 2 x 7 = 76, the unenforced plan.
    @Test(arguments: [AllocationSolver.linearProgram, .decomposition])
    func infeasibleTargetsAreReportedPerRegion(solver: AllocationSolver) throws {
        let data = Fixtures.dataSet(
            skus: 1,
            regions: 2,
            warehouses: [
                Fixtures.warehouse("W0", .regional, capacity: 8), Fixtures.warehouse("W1", .cloud, capacity: nil),
            ],
            lanes: [
                Fixtures.lane(0, 0, days: 1, cost: 4, "Fast"), Fixtures.lane(1, 0, days: 2, cost: 1, "Slow"),
                Fixtures.lane(0, 1, days: 1, cost: 4, "Fast"), Fixtures.lane(1, 1, days: 2, cost: 5, "Slow"),
            ],
            stock: [Fixtures.stock(0, 0, 30), Fixtures.stock(1, 0, 30)],
            orders: [
                Fixtures.order("A", sku: 0, region: 0, qty: 10, priority: 2),
                Fixtures.order("B", sku: 0, region: 1, qty: 10, priority: 2),
            ]
        )
        let settings = Self.settings(0.8, solver: solver)
        let result = try Allocator.allocate(dataSet: data, openOrderIndices: [0, 1], settings: settings)
        #expect(result.nextDayEnforcement?.targetUnitsByRegion == [8, 8])
        #expect(result.nextDayEnforcement?.fewestUnitsShort == 8)
        #expect(abs(result.objective - 76) < 1e-9)
        let kpis = ServiceKPIs.compute(allocation: result, dataSet: data, target: settings.nextDayShareTarget)
        #expect(kpis.map(\.shortfallUnits) == [8, 0, 8])
        #expect(kpis.map(\.targetUnits) == [8, 8, 16])
        #expect(kpis.map(\.unitsNextDay) == [0, 8, 8])
    }

    /// A region's own share wins over the default; a share of 0 asks for nothing (no row).
    @Test func regionShareOverridesTheDefault() throws {
        let data = Self.oneRegion()
        let none = Self.settings(0.8, regions: ["R0": 0], solver: .linearProgram)
        let result = try Allocator.allocate(dataSet: data, openOrderIndices: [0, 1], settings: none)
        #expect(result.nextDayEnforcement == nil)
        #expect(abs(result.objective - 30) < 1e-9)
        let half = Self.settings(0.8, regions: ["R0": 0.5], solver: .linearProgram)
        let halfResult = try Allocator.allocate(dataSet: data, openOrderIndices: [0, 1], settings: half)
        #expect(halfResult.nextDayUnits == 5 && abs(halfResult.objective - 35) < 1e-9)
    }

    /// Found by searching random instances for one whose LP relaxation is fractional (the next-day rows break
    /// total unimodularity, docs/allocation-model.md). Capacities W0 1, W1 3, W2 3; half of each region's units
    /// next day (targets 1, 2, 1). The order-level MIP (`reference`) is 235 with 1 unit short (R0's 2 units of
    /// S2 stay unfilled so that W2's one S2 ships next day to R1); its LP relaxation is 190. The full LP path
    /// branches and proves 235; the decomposition rounds its mixed SKUs by branch and bound, finds a whole-unit
    /// plan (235 here) and, unable to prove it, reports the gap to the LP bound: (235 - 190) / 235.
    @Test func fractionalRelaxationIsRoundedToWholeUnits() throws {
        let data = Fixtures.dataSet(
            skus: 3,
            regions: 3,
            warehouses: [
                Fixtures.warehouse("W0", .regional, capacity: 1), Fixtures.warehouse("W1", .regional, capacity: 3),
                Fixtures.warehouse("W2", .regional, capacity: 3),
            ],
            lanes: [
                Fixtures.lane(0, 0, days: 1, cost: 6, "C"), Fixtures.lane(2, 0, days: 2, cost: 7, "C"),
                Fixtures.lane(0, 1, days: 2, cost: 4, "C"), Fixtures.lane(1, 1, days: 2, cost: 2, "C"),
                Fixtures.lane(2, 1, days: 1, cost: 7, "C"), Fixtures.lane(1, 2, days: 1, cost: 6, "C"),
                Fixtures.lane(2, 2, days: 2, cost: 5, "C"),
            ],
            stock: [
                Fixtures.stock(0, 0, 2), Fixtures.stock(1, 0, 3), Fixtures.stock(1, 1, 3), Fixtures.stock(1, 2, 3),
                Fixtures.stock(2, 0, 2), Fixtures.stock(2, 1, 3), Fixtures.stock(2, 2, 1),
            ],
            orders: [
                Fixtures.order("O0", sku: 1, region: 2, qty: 1, priority: 2),
                Fixtures.order("O1", sku: 2, region: 1, qty: 2, priority: 2),
                Fixtures.order("O2", sku: 2, region: 2, qty: 1, priority: 2),
                Fixtures.order("O3", sku: 2, region: 0, qty: 2, priority: 2),
                Fixtures.order("O4", sku: 0, region: 1, qty: 2, priority: 2),
            ]
        )
        let expected = try Self.reference(data, Self.settings(0.5, solver: .linearProgram))
        #expect(expected.short == 1 && abs(expected.cost - 235) < 1e-9 && abs(expected.relaxedCost - 190) < 1e-9)
        for solver in [AllocationSolver.linearProgram, .decomposition] {
            let settings = Self.settings(0.5, solver: solver)
            let result = try Allocator.allocate(
                dataSet: data,
                openOrderIndices: Array(data.orders.indices),
                settings: settings
            )
            #expect(result.nextDayEnforcement?.targetUnitsByRegion == [1, 2, 1])
            #expect(result.nextDayEnforcement?.fewestUnitsShort == 1)
            #expect(Self.unitsShort(result, data, settings) == 1)
            #expect(abs(result.objective - 235) < 1e-9, "\(solver)")
            if solver == .linearProgram {
                #expect(result.solverStatus == .optimal && result.mipGap == nil)
            } else {
                #expect(result.solverStatus == .feasible)
                #expect(abs((result.mipGap ?? 0) - 45.0 / 235) < 1e-9)
                #expect(result.flowStatistics.recoveredComponents > 0)
            }
        }
    }

    // MARK: Random instances against an independent order-level MIP

    static let warehouseCount = 4
    static let regionCount = 4
    static let skuCount = 6

    static func instance(seed: UInt64) -> DataSet {
        var random = SplitMix64(state: seed)
        let warehouses = [
            Fixtures.warehouse("W0", .regional, capacity: 30), Fixtures.warehouse("W1", .regional, capacity: 22),
            Fixtures.warehouse("W2", .regional, capacity: 36), Fixtures.warehouse("W3", .cloud, capacity: nil),
        ]
        var lanes: [Lane] = []
        for region in 0..<regionCount {
            for warehouse in 0..<3 where random.int(0...2) > 0 || warehouse == region % 3 {
                lanes.append(
                    Fixtures.lane(
                        warehouse,
                        region,
                        days: random.int(0...4) < 3 ? 1 : 2,
                        cost: Double(random.int(4...40)) / 4,
                        "C"
                    )
                )
            }
            lanes.append(Fixtures.lane(3, region, days: 2, cost: Double(random.int(2...20)) / 4, "Cloud"))
        }
        var stock: [StockRecord] = []
        for warehouse in 0..<warehouseCount {
            for sku in 0..<skuCount where random.int(0...3) > 0 {
                stock.append(Fixtures.stock(warehouse, sku, random.int(4...30)))
            }
        }
        var orders: [OrderLine] = []
        for index in 0..<36 {
            orders.append(
                Fixtures.order(
                    "O\(index)",
                    sku: random.int(0...(skuCount - 1)),
                    region: random.int(0...(regionCount - 1)),
                    qty: random.int(1...6),
                    priority: random.int(1...3)
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

    /// The order-level model with next-day rows as a MIP: phase 1 the fewest units short in all, phase 2 the
    /// cheapest plan no shorter, both proven optimal by GLPK; and phase 2's LP relaxation. Returns (units short,
    /// cost, relaxation's cost).
    static func reference(
        _ data: DataSet,
        _ settings: AllocationSettings
    ) throws -> (short: Int, cost: Double, relaxedCost: Double) {
        let onHand = data.onHandMatrix()
        let target = try #require(settings.nextDayShareTarget)
        let regionCount = data.regions.count
        let skuCount = data.skus.count
        var openByRegion = [Int](repeating: 0, count: regionCount)
        for order in data.orders { openByRegion[order.regionIndex] += order.quantity }

        func build() throws -> (LinearProgram, costs: [Double], shortColumns: [Int]) {
            let program = try LinearProgram(name: "next-day reference")
            var entries: [(row: Int, column: Int, value: Double)] = []
            var costs: [Double] = []
            var stockRow: [Int: Int] = [:]
            var capacityRow: [Int: Int] = [:]
            var nextDayRow: [Int: Int] = [:]
            for region in 0..<regionCount {
                let share = target.share(forRegion: data.regions[region].id)
                var units = 0
                while Double(units) / Double(max(1, openByRegion[region])) < share - 1e-12 { units += 1 }
                nextDayRow[region] = try program.addRow(.lower(Double(units)))
            }
            var shortColumns: [Int] = []
            for region in 0..<regionCount {
                let column = try program.addColumn(bounds: .nonNegative)
                costs.append(0)
                entries.append((nextDayRow[region]!, column, 1))
                shortColumns.append(column)
            }
            for order in data.orders {
                let row = try program.addRow(.fixed(Double(order.quantity)))
                let unfilled = try program.addColumn()
                costs.append(50 * settings.priorityWeight(order.priority))
                entries.append((row, unfilled, 1))
                for lane in data.lanes where lane.regionIndex == order.regionIndex {
                    let column = try program.addColumn()
                    costs.append(lane.costPerUnit + (lane.transitDays > 1 ? 2 : 0))
                    entries.append((row, column, 1))
                    let stockKey = lane.warehouseIndex * skuCount + order.skuIndex
                    if stockRow[stockKey] == nil {
                        stockRow[stockKey] = try program.addRow(
                            .upper(Double(onHand[lane.warehouseIndex][order.skuIndex]))
                        )
                    }
                    entries.append((stockRow[stockKey]!, column, 1))
                    if let capacity = data.warehouses[lane.warehouseIndex].dailyCapacityUnits {
                        if capacityRow[lane.warehouseIndex] == nil {
                            capacityRow[lane.warehouseIndex] = try program.addRow(.upper(Double(capacity)))
                        }
                        entries.append((capacityRow[lane.warehouseIndex]!, column, 1))
                    }
                    if lane.transitDays <= 1 { entries.append((nextDayRow[order.regionIndex]!, column, 1)) }
                }
            }
            try program.setMatrix(entries: entries)
            for column in 0..<program.columnCount { try program.setKind(column: column, .integer) }
            return (program, costs, shortColumns)
        }

        let (first, _, firstShort) = try build()
        for column in firstShort { try first.setObjective(column: column, coefficient: 1) }
        let phase1 = try first.solveInteger(IntegerOptions(presolve: true))
        let fewest = try #require(phase1.objective).rounded()

        let (second, costs, secondShort) = try build()
        for (column, cost) in costs.enumerated() where cost != 0 {
            try second.setObjective(column: column, coefficient: cost)
        }
        let budget = try second.addRow(.upper(fewest))
        try second.setRowEntries(budget, secondShort.map { ($0, 1) })
        let relaxation = try second.solveSimplex(SimplexOptions(method: .primal, presolve: false))
        let phase2 = try second.solveInteger(IntegerOptions(presolve: false))
        #expect(phase2.status == .optimal)
        return (Int(fewest), try #require(phase2.objective), relaxation.objective)
    }

    static func unitsShort(_ result: AllocationResult, _ data: DataSet, _ settings: AllocationSettings) -> Int {
        let kpis = ServiceKPIs.compute(allocation: result, dataSet: data, target: settings.nextDayShareTarget)
        return kpis.dropLast().reduce(0) { $0 + ($1.shortfallUnits ?? 0) }
    }

    @Test(arguments: Array(UInt64(1)...12))
    func agreesWithTheOrderLevelMIP(seed: UInt64) throws {
        let data = Self.instance(seed: seed)
        for share in [0.4, 0.7] {
            var byRegion: [String: Double] = ["R1": 0.3]
            byRegion["R2"] = share == 0.7 ? 0.95 : 0.6
            for solver in [AllocationSolver.linearProgram, .decomposition] {
                let settings = Self.settings(share, regions: byRegion, solver: solver)
                let expected = try Self.reference(data, settings)
                let result = try Allocator.allocate(
                    dataSet: data,
                    openOrderIndices: Array(data.orders.indices),
                    settings: settings
                )
                let short = Self.unitsShort(result, data, settings)
                #expect(result.nextDayEnforcement?.fewestUnitsShort == expected.short, "seed \(seed) \(share)")
                // Never better than the proven lexicographic optimum; equal to it when the run says optimal.
                #expect(short >= expected.short)
                if short == expected.short {
                    #expect(result.objective >= expected.cost - 1e-6)
                }
                if result.solverStatus == .optimal {
                    #expect(short == expected.short, "seed \(seed) share \(share) \(solver)")
                    #expect(abs(result.objective - expected.cost) < 1e-6, "seed \(seed) share \(share) \(solver)")
                } else {
                    #expect((result.mipGap ?? 0) > 0)
                }
            }
        }
    }
}
