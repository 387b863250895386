/// The pricing oracle of the decomposition: each component's optimal flow at given coupling prices,
/// remembered between calls so that a round re-solves only what the new prices change.
///
/// For each component it keeps the last optimal flow, its node potentials, and the prices of the
/// component's own coupling rows at that solve. A call at new prices then (1) returns the remembered
/// flow when the component's rows kept their prices, (2) returns it when its residual graph still has
/// no negative cycle: at once when every row's price stays inside the box where the old potentials
/// still give every residual arc a reduced cost >= 0 (`Memory.validLow`/`validHigh`, a check per row),
/// else by correcting its old potentials (`SuccessiveShortestPaths.isOptimal`; few labels move when
/// prices move a little), or (3) solves the component again.
/// Every answer is an optimal flow at the requested prices; which of several optimal flows is returned
/// depends only on the sequence of calls, so the decomposition stays deterministic.
struct ComponentPricing {
    struct Memory: Sendable {
        var column: FlowColumn
        var potentials: [Double]
        /// Prices of `rowsByComponent[c]`, in that order, when the flow was computed.
        var rowPrices: [Double]
        /// Per row of `rowsByComponent[c]`: while every row's price stays within [low, high], `potentials`
        /// keep every residual reduced cost >= 0, so the flow stays optimal without any work.
        var validLow: [Double]
        var validHigh: [Double]

        /// The price box in which `potentials` prove `column`'s flow optimal: a forward-residual arc of row k
        /// with reduced cost r >= 0 stays >= 0 while lambda_k falls by at most r, a backward-residual one
        /// (flow > 0, r <= 0) stays <= 0 while lambda_k rises by at most -r; other arcs do not move.
        init(column: FlowColumn, potentials: [Double], rowPrices: [Double], component: FlowComponent, rows: [Int]) {
            self.column = column
            self.potentials = potentials
            self.rowPrices = rowPrices
            var fall = [Double](repeating: .infinity, count: rows.count)
            var rise = [Double](repeating: .infinity, count: rows.count)
            for (arc, units) in zip(component.arcs, column.flowUnits) {
                guard let row = arc.couplingRow, let slot = rows.firstIndex(of: row) else { continue }
                let reduced = arc.costPerUnit + rowPrices[slot] + potentials[arc.tail] - potentials[arc.head]
                if units < (arc.capacityUnits ?? Int.max) { fall[slot] = min(fall[slot], max(0, reduced)) }
                if units > 0 { rise[slot] = min(rise[slot], max(0, -reduced)) }
            }
            validLow = zip(rowPrices, fall).map { $0 - $1 }
            validHigh = zip(rowPrices, rise).map { $0 + $1 }
        }

        func isValid(at prices: [Double]) -> Bool {
            for slot in prices.indices where prices[slot] < validLow[slot] || prices[slot] > validHigh[slot] {
                return false
            }
            return true
        }
    }

    let problem: CoupledFlowProblem
    let workers: Int
    /// Coupling rows each component's arcs are tagged with, ascending.
    let rowsByComponent: [[Int]]
    /// Arcs + nodes of each component: its share of a pricing round, for scheduling.
    let weights: [Int]
    private(set) var memory: [Memory?]
    /// Components solved from scratch and components whose memory answered, over all calls.
    private(set) var solvedCount = 0
    private(set) var reusedCount = 0

    init(problem: CoupledFlowProblem, workers: Int) {
        self.problem = problem
        self.workers = workers
        rowsByComponent = problem.components.map { component in
            var rows: [Int] = []
            for arc in component.arcs {
                if let row = arc.couplingRow, !rows.contains(row) { rows.append(row) }
            }
            return rows.sorted()
        }
        memory = [Memory?](repeating: nil, count: problem.components.count)
        weights = problem.components.map { $0.arcs.count + $0.supply.count }
    }

    /// Optimal flows of `indices` at `prices` (one per index, in order), on `workers` threads. The first
    /// error in index order is rethrown.
    mutating func price(_ indices: [Int], prices: [Double]) throws -> [FlowColumn] {
        let problem = self.problem
        let rowsByComponent = self.rowsByComponent
        let remembered = memory
        let weights = indices.map { self.weights[$0] }
        let results = ParallelPricing.map(count: indices.count, workers: workers, weights: weights) {
            slot,
            solver -> Result<(Memory, Bool), Error> in
            let index = indices[slot]
            let component = problem.components[index]
            let rowPrices = rowsByComponent[index].map { prices[$0] }
            let rows = rowsByComponent[index]
            if let known = remembered[index] {
                if known.rowPrices == rowPrices || known.isValid(at: rowPrices) { return .success((known, true)) }
                if let potentials = solver.potentialsIfStillOptimal(
                    component,
                    couplingPrices: prices,
                    flowUnits: known.column.flowUnits,
                    potentials: known.potentials
                ) {
                    let memory = Memory(
                        column: known.column,
                        potentials: potentials,
                        rowPrices: rowPrices,
                        component: component,
                        rows: rows
                    )
                    return .success((memory, true))
                }
            }
            return Result {
                let flow = try solver.solveValidated(
                    component,
                    couplingPrices: prices,
                    forbidCoupledArcs: false,
                    componentIndex: index
                )
                let column = FlowColumn(flow, component: component)
                let memory = Memory(
                    column: column,
                    potentials: solver.lastPotentials,
                    rowPrices: rowPrices,
                    component: component,
                    rows: rows
                )
                return (memory, false)
            }
        }
        var columns: [FlowColumn] = []
        columns.reserveCapacity(indices.count)
        for (index, result) in zip(indices, results) {
            let (known, reused) = try result.get()
            memory[index] = known
            columns.append(known.column)
            if reused { reusedCount += 1 } else { solvedCount += 1 }
        }
        return columns
    }

    /// Optimal flows of `indices` with every coupled arc forbidden (not remembered).
    func priceWithoutCoupledArcs(_ indices: [Int]) throws -> [FlowColumn] {
        let problem = self.problem
        let weights = indices.map { self.weights[$0] }
        let results = ParallelPricing.map(count: indices.count, workers: workers, weights: weights) {
            slot,
            solver -> Result<FlowColumn, Error> in
            let component = problem.components[indices[slot]]
            return Result {
                let flow = try solver.solveValidated(
                    component,
                    couplingPrices: [],
                    forbidCoupledArcs: true,
                    componentIndex: indices[slot]
                )
                return FlowColumn(flow, component: component)
            }
        }
        return try results.map { try $0.get() }
    }

    /// The remembered optimum of component `index` at `prices` (valid when its rows' prices are those of
    /// its last pricing): the Lagrangian term phi_c(prices).
    func lastPricedCost(_ index: Int, prices: [Double]) -> Double {
        memory[index]?.column.pricedCost(prices) ?? .nan
    }
}
