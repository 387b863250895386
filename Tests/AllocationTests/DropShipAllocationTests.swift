import Allocation
import GLPK
import PlannerCore
import Testing

/// Drop-ship suppliers as sources of the allocation (`DropShipSource`): hand cases and an order-level LP.
@Suite("Allocation: drop-ship suppliers")
struct DropShipAllocationTests {
    static let settings = AllocationSettings(
        unfilledPenaltyPerUnit: 50,
        nextDayMissPenaltyPerUnit: 2,
        priorityWeights: [1: 4, 2: 2, 3: 1]
    )

    /// One SKU; W0 (no limit) reaches R0 in 2 days at 4.0, effective 6.0; R1 has no lane. SUP1 drop-ships S0
    /// at `cost` with a lead time of `leadDays` and `weekly` units a week; SUP2's offer of S0 has no drop-ship
    /// cost, so customer orders never go to it. Orders: A (R0, 6 units), B (R1, 3 units), both priority 2.
    static func dataSet(cost: Double = 1.5, leadDays: Double = 1, weekly: Int? = 70) -> DataSet {
        var data = Fixtures.dataSet(
            skus: 1,
            regions: 2,
            warehouses: [Fixtures.warehouse("W0", .regional, capacity: nil)],
            lanes: [Fixtures.lane(0, 0, days: 2, cost: 4, "Slow")],
            stock: [Fixtures.stock(0, 0, 50)],
            orders: [
                Fixtures.order("A", sku: 0, region: 0, qty: 6, priority: 2),
                Fixtures.order("B", sku: 0, region: 1, qty: 3, priority: 2),
            ]
        )
        data.suppliers = [
            SupplierOffer(
                supplier: "SUP1",
                skuIndex: 0,
                role: .primary,
                rank: 1,
                leadTimeDays: leadDays,
                leadTimeSdDays: 0,
                unitCost: 1,
                weeklyCapacityUnits: weekly,
                moq: 1,
                allowsDropShip: true,
                dropShipCostPerUnit: cost
            ),
            SupplierOffer(
                supplier: "SUP2",
                skuIndex: 0,
                role: .backup,
                rank: 1,
                leadTimeDays: 1,
                leadTimeSdDays: 0,
                unitCost: 1,
                weeklyCapacityUnits: nil,
                moq: 1,
                allowsDropShip: true
            ),
        ]
        return data
    }

    static func allocate(
        _ data: DataSet,
        dropShip: Bool = true,
        solver: AllocationSolver = .linearProgram,
        days: Int = 1
    ) throws -> AllocationResult {
        var settings = Self.settings
        settings.solver = solver
        let sources = DropShipSource.sources(
            dataSet: data,
            scenario: Fixtures.scenario(),
            startDay: Fixtures.day0,
            days: days,
            dropShipSKUs: [dropShip]
        )
        return try Allocator.allocate(
            dataSet: data,
            startDay: Fixtures.day0,
            days: days,
            dropShipSources: sources,
            settings: settings
        )
    }

    /// One day of `data` with the drop-ship `sources` given, by `solver`.
    static func allocate(
        _ data: DataSet,
        sources: [DropShipSource],
        solver: AllocationSolver
    ) throws
        -> AllocationResult
    {
        var settings = Self.settings
        settings.solver = solver
        return try Allocator.allocate(
            dataSet: data,
            startDay: Fixtures.day0,
            dropShipSources: sources,
            settings: settings
        )
    }

    /// SUP1 delivers next day at 1.5 a unit, W0 takes two days at 6.0 effective: all 9 units go to the supplier,
    /// B's too (no lane reaches R1, the supplier does): 9 x 1.5 = 13.5. Without drop-ship, A ships from W0 (36)
    /// and B is unfilled (no lane, 3 x 100): 336.
    @Test(arguments: [AllocationSolver.linearProgram, .decomposition])
    func theSupplierWinsOnCost(solver: AllocationSolver) throws {
        let data = Self.dataSet()
        let result = try Self.allocate(data, solver: solver)
        #expect(result.allocated.isEmpty && result.unfilled.isEmpty)
        #expect(
            result.dropShipped == [
                DropShipLine(
                    orderIndex: 0,
                    skuIndex: 0,
                    regionIndex: 0,
                    offerIndex: 0,
                    quantity: 6,
                    costPerUnit: 1.5,
                    deliveryDays: 1
                ),
                DropShipLine(
                    orderIndex: 1,
                    skuIndex: 0,
                    regionIndex: 1,
                    offerIndex: 0,
                    quantity: 3,
                    costPerUnit: 1.5,
                    deliveryDays: 1
                ),
            ]
        )
        #expect(abs(result.objective - 13.5) < 1e-9)
        // Explained as drop-ship; moving a unit of A back to W0 costs 6.0 - 1.5 (the supplier has capacity left).
        let explanation = try #require(result.explanations.first { $0.orderIndex == 0 })
        #expect(explanation.outcome == .dropShip && explanation.supplierOfferIndex == 0)
        #expect(explanation.warehouseIndex == nil && explanation.laneCostPerUnit == 1.5)
        #expect(explanation.runnerUpWarehouseIndex == 0 && explanation.runnerUpSupplierOfferIndex == nil)
        #expect(abs((explanation.marginalCostPerUnit ?? -1) - 4.5) < 1e-9)
        // B has no lane: nothing else can serve it.
        let onlySupplier = try #require(result.explanations.first { $0.orderIndex == 1 })
        #expect(onlySupplier.outcome == .dropShip && onlySupplier.runnerUpWarehouseIndex == nil)
        #expect(onlySupplier.marginalCostPerUnit == nil)
        // Both units next day: delivered within a day, shipped today.
        let kpis = ServiceKPIs.compute(allocation: result, dataSet: data, target: nil)
        #expect(kpis.map(\.unitsNextDay) == [6, 3, 9])

        let stocked = try Self.allocate(data, dropShip: false, solver: solver)
        #expect(stocked.dropShipped.isEmpty && abs(stocked.objective - 336) < 1e-9)
        #expect(stocked.unfilled.map(\.reason) == [.noLane])
    }

    /// 14 units a week accrue 2 a day (ceil(14 / 7)): on a one-day run the supplier ships 2 units. A (the
    /// earlier order) takes them (2 x 1.5); A's other 4 ship from W0 (4 x 6.0); B, which only the supplier
    /// reaches, is unfilled since the supplier is full (3 x 100; `stock_exhausted`): 327. The 2 units are worth
    /// more to B (saves 100 - 1.5 each) than to A (6 - 1.5), so the plan gives them to B instead: A 6 from W0
    /// (36), B 2 drop-shipped (3) and 1 unfilled (100) = 139.
    @Test(arguments: [AllocationSolver.linearProgram, .decomposition])
    func capacityForcesTheWarehouse(solver: AllocationSolver) throws {
        let data = Self.dataSet(weekly: 14)
        let result = try Self.allocate(data, solver: solver)
        #expect(abs(result.objective - 139) < 1e-9)
        #expect(result.allocated.map(\.quantity) == [6] && result.allocated.first?.orderIndex == 0)
        #expect(result.dropShipped.map(\.quantity) == [2] && result.dropShipped.first?.orderIndex == 1)
        #expect(result.unfilled.map(\.quantity) == [1] && result.unfilled.first?.reason == .stockExhausted)
        // A's units are held back from the supplier by its capacity: moving one there takes it from B, which
        // then goes unfilled: 1.5 - 6.0 + (100 - 1.5) = 94.
        let warehouse = try #require(result.explanations.first { $0.orderIndex == 0 })
        #expect(warehouse.outcome == .allocated && warehouse.runnerUpSupplierOfferIndex == 0)
        #expect(warehouse.runnerUpWarehouseIndex == nil && warehouse.runnerUpLaneCostPerUnit == 1.5)
        #expect(abs((warehouse.marginalCostPerUnit ?? -1) - 94) < 1e-9)
    }

    /// Delivery in 3 days (lead time 2.5, rounded up): the supplier then pays the next-day miss penalty too,
    /// 1.5 + 2 = 3.5, still below W0's 6.0, so on one day all 9 units go to it (31.5). Over 7 days lateness is
    /// priced (5 a unit a day) against the promise, the day after the order date: shipped on day 0, W0's units
    /// arrive 1 day late (6 + 5 = 11) and the supplier's 2 (3.5 + 10 = 13.5), so A ships from W0 and B, which
    /// only the supplier reaches, from the supplier: 66 + 40.5.
    @Test func leadTimeSetsDeliveryAndLateness() throws {
        let data = Self.dataSet(leadDays: 2.5, weekly: nil)
        let oneDay = try Self.allocate(data)
        #expect(oneDay.dropShipped.map(\.deliveryDays) == [3, 3])
        #expect(abs(oneDay.objective - 9 * 3.5) < 1e-9)
        let week = try Self.allocate(data, days: 7)
        #expect(week.allocated.map(\.quantity) == [6])
        #expect(week.dropShipped.map(\.quantity) == [3] && week.dropShipped.first?.daysLate == 2)
        #expect(abs(week.objective - (6 * 11 + 3 * 13.5)) < 1e-9)
    }

    /// A scenario disruption of the supplier with capacity factor 0 on the plan date: no drop-ship that day.
    @Test func aDisruptedSupplierShipsNothing() throws {
        let data = Self.dataSet()
        var scenario = Fixtures.scenario()
        scenario.supplierDisruptions = [
            SupplierDisruption(
                supplier: "SUP1",
                from: Fixtures.day0,
                to: Fixtures.day0,
                capacityFactor: 0,
                extraLeadTimeDays: 0
            )
        ]
        let sources = DropShipSource.sources(
            dataSet: data,
            scenario: scenario,
            startDay: Fixtures.day0,
            days: 1,
            dropShipSKUs: [true]
        )
        #expect(sources.isEmpty)
        // Over two days it can ship on day 1 only, its capacity accrued from then on: 10 units.
        let later = DropShipSource.sources(
            dataSet: data,
            scenario: scenario,
            startDay: Fixtures.day0,
            days: 2,
            dropShipSKUs: [true]
        )
        #expect(
            later == [
                DropShipSource(
                    offerIndex: 0,
                    skuIndex: 0,
                    costPerUnit: 1.5,
                    deliveryDaysByDay: [nil, 1],
                    unitsByDay: [0, 10]
                )
            ]
        )
    }

    /// Weekly capacity accrues as ceil(W x days / 7) by each day: 3 a week gives 1, 0, 1, 0, 1, 0, 0.
    @Test func capacityAccruesDayByDay() {
        let sources = DropShipSource.sources(
            dataSet: Self.dataSet(weekly: 3),
            scenario: Fixtures.scenario(),
            startDay: Fixtures.day0,
            days: 7,
            dropShipSKUs: [true]
        )
        #expect(sources.map(\.unitsByDay) == [[1, 0, 1, 0, 1, 0, 0]])
        #expect(sources.first.map { $0.unitsByDay!.reduce(0, +) } == 3)
    }

    /// A random one-day instance: 3 warehouses (capacities 25, 15, none), 4 regions, 8 SKUs, 40 lines; drop-ship
    /// offers on the even SKUs (SUP0 without a limit, the others 0-40 a week, lead times 0.5-2 days), of which
    /// SUP2's and SUP6's SKUs are not of a drop-ship class.
    static func instance(seed: UInt64) -> (data: DataSet, sources: [DropShipSource], dropShipSKUs: [Bool]) {
        var random = SplitMix64(state: seed)
        let skuCount = 8
        var data = Fixtures.dataSet(
            skus: skuCount,
            regions: 4,
            warehouses: [
                Fixtures.warehouse("W0", .regional, capacity: 25), Fixtures.warehouse("W1", .regional, capacity: 15),
                Fixtures.warehouse("W2", .cloud, capacity: nil),
            ],
            lanes: (0..<4).flatMap { region in
                (0..<3).compactMap { warehouse -> Lane? in
                    guard warehouse == 2 || random.int(0...2) > 0 else { return nil }
                    let cost = Double(random.int(4...30)) / 4
                    return Fixtures.lane(warehouse, region, days: random.int(1...3), cost: cost, "C\(warehouse)")
                }
            },
            stock: (0..<3).flatMap { warehouse in
                (0..<skuCount).map { sku in Fixtures.stock(warehouse, sku, random.int(0...12)) }
            },
            orders: (0..<40).map { index in
                Fixtures.order(
                    "O\(index)",
                    sku: random.int(0...(skuCount - 1)),
                    region: random.int(0...3),
                    qty: random.int(1...5),
                    priority: random.int(1...3)
                )
            }
        )
        data.suppliers = (0..<skuCount).filter { $0 % 2 == 0 }.map { sku in
            SupplierOffer(
                supplier: "SUP\(sku)",
                skuIndex: sku,
                role: .primary,
                rank: 1,
                leadTimeDays: Double(random.int(1...4)) / 2,
                leadTimeSdDays: 0,
                unitCost: 1,
                weeklyCapacityUnits: sku == 0 ? nil : random.int(0...40),
                moq: 1,
                allowsDropShip: true,
                dropShipCostPerUnit: Double(random.int(2...24)) / 4
            )
        }
        let dropShipSKUs = (0..<skuCount).map { $0 % 4 != 2 }
        let sources = DropShipSource.sources(
            dataSet: data,
            scenario: Fixtures.scenario(),
            startDay: Fixtures.day0,
            days: 1,
            dropShipSKUs: dropShipSKUs
        )
        return (data, sources, dropShipSKUs)
    }

    /// Random one-day instances (`instance(seed:)`): both solvers and an order-level LP built here (a column
    /// per order line and lane or drop-ship offer, rows per line, per (warehouse, SKU) stock, per warehouse
    /// capacity and per offer capacity) reach the same optimum, and every drop-shipped unit is accounted for.
    @Test(arguments: [UInt64(5), 6, 7, 8, 9, 10])
    func agreesWithTheOrderLevelLP(seed: UInt64) throws {
        let (data, sources, dropShipSKUs) = Self.instance(seed: seed)
        var objectives: [Double] = []
        for solver in [AllocationSolver.linearProgram, .decomposition] {
            let result = try Self.allocate(data, sources: sources, solver: solver)
            objectives.append(result.objective)
            #expect(result.dropShipped.allSatisfy { dropShipSKUs[$0.skuIndex] })
            // Each instance sends some units to suppliers and keeps some in the warehouses.
            #expect(result.dropShippedUnits > 0 && result.allocatedUnits > 0, "seed \(seed)")
            let units =
                result.allocatedUnits + result.dropShippedUnits + result.unfilledUnits
            #expect(units == data.orders.reduce(0) { $0 + $1.quantity })
        }
        let reference = try #require(try Self.orderLevelOptimum(data, sources: sources))
        #expect(abs(objectives[0] - reference) < 1e-6, "seed \(seed)")
        #expect(abs(objectives[1] - reference) < 1e-6, "seed \(seed)")
    }

    /// A column of the order-level LP: an order line served from a model source (a warehouse, or from
    /// `warehouses.count` on the drop-ship source of that index), or left unfilled (`source` nil).
    struct Route: Hashable {
        var order: Int
        var source: Int?
    }

    /// The order-level LP's optimum with the columns of `fixed` fixed at their values; nil when infeasible.
    static func orderLevelOptimum(
        _ data: DataSet,
        sources: [DropShipSource],
        fixed: [Route: Double] = [:]
    ) throws -> Double? {
        let program = try LinearProgram(name: "order-level drop-ship")
        var entries: [(row: Int, column: Int, value: Double)] = []
        var stockRow: [Int: Int] = [:]
        var capacityRow: [Int: Int] = [:]
        var offerRow: [Int: Int] = [:]
        let onHand = data.onHandMatrix()
        func column(_ route: Route, cost: Double) throws -> Int {
            let column = try program.addColumn(objective: cost)
            if let value = fixed[route] {
                guard value >= 0 else { throw Infeasible() }
                try program.setBounds(column: column, .fixed(value))
            }
            return column
        }
        do {
            for (orderIndex, order) in data.orders.enumerated() {
                let row = try program.addRow(.fixed(Double(order.quantity)))
                let unfilled = Route(order: orderIndex, source: nil)
                entries.append((row, try column(unfilled, cost: 50 * settings.priorityWeight(order.priority)), 1))
                for lane in data.lanes where lane.regionIndex == order.regionIndex {
                    let route = Route(order: orderIndex, source: lane.warehouseIndex)
                    let column = try column(route, cost: lane.costPerUnit + (lane.transitDays > 1 ? 2 : 0))
                    entries.append((row, column, 1))
                    let key = lane.warehouseIndex * 100 + order.skuIndex
                    if stockRow[key] == nil {
                        stockRow[key] = try program.addRow(
                            .upper(Double(onHand[lane.warehouseIndex][order.skuIndex]))
                        )
                    }
                    entries.append((stockRow[key]!, column, 1))
                    if let capacity = data.warehouses[lane.warehouseIndex].dailyCapacityUnits {
                        if capacityRow[lane.warehouseIndex] == nil {
                            capacityRow[lane.warehouseIndex] = try program.addRow(.upper(Double(capacity)))
                        }
                        entries.append((capacityRow[lane.warehouseIndex]!, column, 1))
                    }
                }
                for (index, source) in sources.enumerated() where source.skuIndex == order.skuIndex {
                    let delivery = try #require(source.deliveryDaysByDay[0])
                    let route = Route(order: orderIndex, source: data.warehouses.count + index)
                    let column = try column(route, cost: source.costPerUnit + (delivery > 1 ? 2 : 0))
                    entries.append((row, column, 1))
                    if let units = source.unitsByDay?[0] {
                        if offerRow[index] == nil { offerRow[index] = try program.addRow(.upper(Double(units))) }
                        entries.append((offerRow[index]!, column, 1))
                    }
                }
            }
        } catch is Infeasible {
            return nil
        }
        try program.setMatrix(entries: entries)
        let result = try program.solveSimplex(SimplexOptions(method: .primal, presolve: false))
        if result.status == .noFeasible || result.status == .infeasible { return nil }
        #expect(result.status == .optimal)
        return result.objective
    }

    private struct Infeasible: Error {}

    /// Explanations with drop-ship suppliers are exact: on 40 random instances, for every warehouse or
    /// drop-shipped part of a line, forcing one of its units to each other source (the line's other units where
    /// they are, every other line free) and re-solving the order-level LP with GLPK changes the optimum by exactly
    /// the runner-up's marginal cost for the runner-up (a warehouse or a supplier), by no less for any other
    /// source, and a part has no runner-up exactly when every such move is infeasible.
    @Test func marginalCostsAreTheForcedIncrease() throws {
        var checkedDropShip = 0
        var checkedSupplierRunnerUp = 0
        for seed in UInt64(1)...40 {
            try Self.checkMarginals(
                seed: seed,
                checkedDropShip: &checkedDropShip,
                checkedSupplierRunnerUp: &checkedSupplierRunnerUp
            )
        }
        // The instances put suppliers on both sides of the comparison, many times.
        #expect(checkedDropShip > 100 && checkedSupplierRunnerUp > 20, "\(checkedDropShip) \(checkedSupplierRunnerUp)")
    }

    static func checkMarginals(seed: UInt64, checkedDropShip: inout Int, checkedSupplierRunnerUp: inout Int) throws {
        let (data, sources, _) = Self.instance(seed: seed)
        let warehouseCount = data.warehouses.count
        var sourceByOffer: [Int: Int] = [:]
        for (index, source) in sources.enumerated() { sourceByOffer[source.offerIndex] = warehouseCount + index }
        let base = try #require(try Self.orderLevelOptimum(data, sources: sources))
        for solver in [AllocationSolver.linearProgram, .decomposition] {
            let result = try Self.allocate(data, sources: sources, solver: solver)
            #expect(abs(result.objective - base) < 1e-6)
            var plan: [Route: Double] = [:]
            for line in result.allocated {
                plan[Route(order: line.orderIndex, source: line.warehouseIndex), default: 0] += Double(line.quantity)
            }
            for line in result.dropShipped {
                plan[Route(order: line.orderIndex, source: sourceByOffer[line.offerIndex]!), default: 0] +=
                    Double(line.quantity)
            }
            for line in result.unfilled {
                plan[Route(order: line.orderIndex, source: nil), default: 0] += Double(line.quantity)
            }
            for explanation in result.explanations where explanation.outcome != .unfilled {
                let order = explanation.orderIndex
                let line = data.orders[order]
                let from = try #require(
                    explanation.warehouseIndex ?? explanation.supplierOfferIndex.flatMap { sourceByOffer[$0] }
                )
                let candidates =
                    data.lanes.filter { $0.regionIndex == line.regionIndex }.map(\.warehouseIndex)
                    + sources.indices.filter { sources[$0].skuIndex == line.skuIndex }.map { warehouseCount + $0 }
                let lineRoutes = ([nil] + candidates).map { Route(order: order, source: $0) }
                var forced: [Int: Double?] = [:]
                for target in candidates where target != from {
                    var fixed: [Route: Double] = [:]
                    for route in lineRoutes { fixed[route] = plan[route] ?? 0 }
                    fixed[Route(order: order, source: target), default: 0] += 1
                    fixed[Route(order: order, source: from), default: 0] -= 1
                    let value = try Self.orderLevelOptimum(data, sources: sources, fixed: fixed)
                    forced.updateValue(value.map { $0 - base }, forKey: target)
                }
                let context = "seed \(seed) \(solver) order \(order) from \(from): forced \(forced)"
                let runnerUp =
                    explanation.runnerUpWarehouseIndex
                    ?? explanation.runnerUpSupplierOfferIndex.flatMap { sourceByOffer[$0] }
                if let runnerUp {
                    let marginal = try #require(explanation.marginalCostPerUnit, "\(context)")
                    let increase = try #require(forced[runnerUp] ?? nil, "\(context): runner-up \(runnerUp) impossible")
                    #expect(abs(increase - marginal) < 1e-6, "\(context): marginal \(marginal) for \(runnerUp)")
                    for case (let target, let other?) in forced {
                        #expect(other >= marginal - 1e-6, "\(context): \(target) is cheaper than the runner-up")
                    }
                    if runnerUp >= warehouseCount { checkedSupplierRunnerUp += 1 }
                } else {
                    #expect(forced.values.allSatisfy { $0 == nil }, "\(context): no runner-up, yet a move is possible")
                }
                if explanation.outcome == .dropShip { checkedDropShip += 1 }
            }
        }
    }
}
