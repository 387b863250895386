import Allocation
import GLPK
import PlannerCore
import Testing

/// Marginal costs against an independent formulation: the order-level LP (one column per line and
/// warehouse, GLPK) re-solved with one unit of a line moved from its warehouse w to another warehouse w'
/// and the line's other units where they are (x[o,w'] = x*[o,w'] + 1, x[o,w] = x*[o,w] - 1, the line's
/// other columns fixed at x*; every other line free). On random one-day instances with a zero-capacity
/// warehouse, costs on a coarse grid (ties) and tight capacities (degenerate prices): the runner-up's
/// marginal cost is exactly the increase of the optimum, no other warehouse is cheaper to move to, and a
/// line has no runner-up exactly when every such move is infeasible.
@Suite("Allocation: exact marginal costs against a forced LP re-solve")
struct ExactMarginalTests {
    static let settings = AllocationSettings(
        unfilledPenaltyPerUnit: 6,
        nextDayMissPenaltyPerUnit: 1,
        priorityWeights: [1: 3, 2: 2, 3: 1]
    )

    /// 5 warehouses (W4 capacity 0), 3 regions, 4 SKUs, `lines` lines; integer lane costs 1-4 (many ties),
    /// capacities 2-6, stock 0-5.
    static func instance(seed: UInt64, lines: Int) -> DataSet {
        var random = SplitMix64(state: seed)
        let warehouses = (0..<5).map { index in
            Fixtures.warehouse("W\(index)", .regional, capacity: index == 4 ? 0 : random.int(2...6))
        }
        var lanes: [Lane] = []
        for region in 0..<3 {
            for warehouse in 0..<5 where random.int(0...3) > 0 || warehouse == region {
                lanes.append(
                    Fixtures.lane(warehouse, region, days: random.int(1...2), cost: Double(random.int(1...4)), "C")
                )
            }
        }
        var stock: [StockRecord] = []
        for warehouse in 0..<5 {
            for sku in 0..<4 { stock.append(Fixtures.stock(warehouse, sku, random.int(0...5))) }
        }
        let orders = (0..<lines).map { index in
            Fixtures.order(
                "O\(index)",
                sku: random.int(0...3),
                region: random.int(0...2),
                qty: random.int(1...3),
                priority: random.int(1...3)
            )
        }
        return Fixtures.dataSet(skus: 4, regions: 3, warehouses: warehouses, lanes: lanes, stock: stock, orders: orders)
    }

    /// The order-level LP: minimise sum cost x + penalty u; line rows, stock rows, capacity rows.
    struct OrderLP {
        var columns: [(order: Int, warehouse: Int?)] = []
        var costs: [Double] = []
        var data: DataSet

        init(_ data: DataSet, settings: AllocationSettings) {
            self.data = data
            var onHand = [[Int]](repeating: [Int](repeating: 0, count: data.skus.count), count: data.warehouses.count)
            for record in data.stock { onHand[record.warehouseIndex][record.skuIndex] += record.onHand }
            for (orderIndex, line) in data.orders.enumerated() {
                columns.append((orderIndex, nil))
                costs.append(settings.unfilledPenaltyPerUnit * settings.priorityWeight(line.priority))
                for lane in data.lanes where lane.regionIndex == line.regionIndex {
                    guard onHand[lane.warehouseIndex][line.skuIndex] > 0 else { continue }
                    columns.append((orderIndex, lane.warehouseIndex))
                    costs.append(lane.costPerUnit + (lane.transitDays > 1 ? settings.nextDayMissPenaltyPerUnit : 0))
                }
            }
            self.onHand = onHand
        }

        var onHand: [[Int]]

        /// The optimum with column bounds; nil when infeasible.
        func solve(lower: [Int: Double] = [:], upper: [Int: Double] = [:]) throws -> Double? {
            try solveWithValues(lower: lower, upper: upper)?.objective
        }

        func solveWithValues(
            lower: [Int: Double] = [:],
            upper: [Int: Double] = [:]
        ) throws
            -> (objective: Double, values: [Double])?
        {
            let program = try LinearProgram(name: "order-level")
            program.direction = .minimize
            try program.addColumns(count: columns.count)
            for (column, cost) in costs.enumerated() { try program.setObjective(column: column, coefficient: cost) }
            for column in columns.indices {
                let low = lower[column] ?? 0
                if let high = upper[column] {
                    guard high >= low else { return nil }
                    try program.setBounds(column: column, high == low ? .fixed(low) : .range(low, high))
                } else if low > 0 {
                    try program.setBounds(column: column, .lower(low))
                }
            }
            var entries: [(row: Int, column: Int, value: Double)] = []
            for (orderIndex, line) in data.orders.enumerated() {
                let row = try program.addRow(.fixed(Double(line.quantity)))
                for (column, entry) in columns.enumerated() where entry.order == orderIndex {
                    entries.append((row, column, 1))
                }
            }
            for warehouse in data.warehouses.indices {
                for sku in data.skus.indices where onHand[warehouse][sku] > 0 {
                    let row = try program.addRow(.upper(Double(onHand[warehouse][sku])))
                    for (column, entry) in columns.enumerated()
                    where entry.warehouse == warehouse && data.orders[entry.order].skuIndex == sku {
                        entries.append((row, column, 1))
                    }
                }
                if let capacity = data.warehouses[warehouse].dailyCapacityUnits {
                    let used = columns.indices.filter { columns[$0].warehouse == warehouse }
                    guard !used.isEmpty else { continue }
                    let row = try program.addRow(.upper(Double(capacity)))
                    for column in used { entries.append((row, column, 1)) }
                }
            }
            try program.setMatrix(entries: entries)
            let result = try program.solveSimplex(SimplexOptions(method: .primal, presolve: true))
            if result.status == .noFeasible || result.status == .infeasible { return nil }
            #expect(result.status == .optimal)
            return (result.objective, try program.columnValues())
        }

        func column(order: Int, warehouse: Int) -> Int? {
            columns.firstIndex { $0.order == order && $0.warehouse == warehouse }
        }
    }

    @Test(arguments: Array(UInt64(1)...UInt64(40)))
    func runnerUpMarginalIsTheForcedIncrease(seed: UInt64) throws {
        let data = Self.instance(seed: seed, lines: 14)
        for solver in [AllocationSolver.linearProgram, .decomposition] {
            var settings = Self.settings
            settings.solver = solver
            let result = try Allocator.allocate(
                dataSet: data,
                openOrderIndices: Array(data.orders.indices),
                settings: settings
            )
            let program = OrderLP(data, settings: settings)
            let base = try #require(try program.solve())
            #expect(abs(base - result.objective) < 1e-6, "seed \(seed): order-level LP \(base) vs \(result.objective)")
            var plan: [Int: Double] = [:]  // column -> units
            for line in result.allocated {
                plan[program.column(order: line.orderIndex, warehouse: line.warehouseIndex)!, default: 0] +=
                    Double(line.quantity)
            }
            for line in result.unfilled {
                let column = try #require(
                    program.columns.firstIndex { $0.order == line.orderIndex && $0.warehouse == nil }
                )
                plan[column, default: 0] += Double(line.quantity)
            }
            for explanation in result.explanations where explanation.outcome == .allocated {
                let order = explanation.orderIndex
                let from = try #require(explanation.warehouseIndex)
                let fromColumn = try #require(program.column(order: order, warehouse: from))
                let lineColumns = program.columns.indices.filter { program.columns[$0].order == order }
                var forced: [Int: Double?] = [:]
                for warehouse in data.warehouses.indices where warehouse != from {
                    guard let column = program.column(order: order, warehouse: warehouse) else { continue }
                    var fixed: [Int: Double] = [:]
                    for other in lineColumns { fixed[other] = plan[other] ?? 0 }
                    fixed[column] = (plan[column] ?? 0) + 1
                    fixed[fromColumn] = (plan[fromColumn] ?? 0) - 1
                    let value = try program.solve(lower: fixed, upper: fixed)
                    forced.updateValue(value.map { $0 - base }, forKey: warehouse)
                }
                let context = "seed \(seed) \(solver) order \(order) from W\(from): forced \(forced)"
                if let runnerUp = explanation.runnerUpWarehouseIndex {
                    let marginal = try #require(explanation.marginalCostPerUnit)
                    let increase = try #require(
                        forced[runnerUp] ?? nil,
                        "\(context): runner-up W\(runnerUp) impossible"
                    )
                    #expect(abs(increase - marginal) < 1e-6, "\(context): marginal \(marginal) for W\(runnerUp)")
                    for case (let warehouse, let other?) in forced {
                        #expect(other >= marginal - 1e-6, "\(context): W\(warehouse) is cheaper than the runner-up")
                    }
                    #expect(runnerUp != 4, "\(context): a zero-capacity warehouse cannot take the unit")
                } else {
                    #expect(forced.values.allSatisfy { $0 == nil }, "\(context): no runner-up, yet a move is possible")
                }
            }
        }
    }
}
