/// One run of the decomposition behind `CoupledFlowSolver` (see there for the scheme and its proof).
struct DecompositionRun {
    /// Each coarser level samples every 8th component of the next finer one...
    static let coarseningFactor = 8
    /// ...as long as it keeps at least this many components (tests lower it to reach the levels on
    /// small instances).
    static let defaultSmallestLevel = 200
    /// A coarse level only estimates prices: it stops at this relative gap or after this many rounds.
    static let coarseGap = 1e-3
    static let coarseRoundLimit = 12
    /// Initial half-width of the box around the prices carried over from a coarser level, the same on
    /// every row, as a fraction of the largest of those prices. The coarse prices were within about
    /// 1% of the optimum on the benchmarks; a box narrower than that error costs a few doubling rounds,
    /// a wider one pulls thousands of near-tied components into the master (0.25%: 0.68 s to solve the issue's
    /// 200,000-line instance, 1%: 1.7 s, 0.1%: 0.62 s with more pricing rounds).
    static let boxFraction = 0.0025
    /// At most this many columns enter the master per round, those of most negative reduced cost (ties by
    /// component index). On days where thousands of components tie at the optimal prices (every warehouse
    /// full), letting all of them in made each master solve take about a second; the level still stops
    /// only when no column prices out, so the limit costs rounds, never exactness.
    static let enteringColumnLimit = 300
    /// Rounds after which a level gives up (each exact round adds a column or widens the box, and both
    /// can happen only finitely often, so this is a guard against a defect, not a tuning knob).
    static let roundLimit = 10_000

    let problem: CoupledFlowProblem
    let smallestLevel: Int
    let clock = ContinuousClock()
    var pricing: ComponentPricing
    var statistics = CoupledFlowStatistics()
    /// Columns of each component (distinct integral flows) and the index of its current choice.
    var columns: [[FlowColumn]] = []
    var references: [Int] = []
    /// Each component's optimum at prices 0.
    var zeroColumns: [FlowColumn] = []

    init(problem: CoupledFlowProblem, workers: Int, smallestLevel: Int = Self.defaultSmallestLevel) {
        self.problem = problem
        self.smallestLevel = max(1, smallestLevel)
        pricing = ComponentPricing(problem: problem, workers: workers)
    }

    mutating func solve() throws -> CoupledFlowSolution {
        let rowCount = problem.couplingCapacityUnits.count
        let zeroPrices = [Double](repeating: 0, count: rowCount)
        let everyComponent = Array(problem.components.indices)
        zeroColumns = try price(everyComponent, prices: zeroPrices)
        columns = zeroColumns.map { [$0] }
        references = [Int](repeating: 0, count: columns.count)
        var usage = [Int](repeating: 0, count: rowCount)
        for componentColumns in columns {
            for (row, units) in zip(componentColumns[0].usageRows, componentColumns[0].usageUnits) {
                usage[row] += units
            }
        }
        if (0..<rowCount).allSatisfy({ usage[$0] <= problem.couplingCapacityUnits[$0] }) {
            return solution(flows: columns.map { $0[0].flowUnits }, prices: zeroPrices)
        }

        var stride = 1
        while problem.components.count / (stride * Self.coarseningFactor) >= smallestLevel {
            stride *= Self.coarseningFactor
        }
        var prices = zeroPrices
        while stride > 1 {
            let members = everyComponent.filter { $0 % stride == 0 }
            var sampleUsage = [Int](repeating: 0, count: rowCount)
            for component in members {
                for (row, units) in zip(columns[component][0].usageRows, columns[component][0].usageUnits) {
                    sampleUsage[row] += units
                }
            }
            // Capacity in proportion to the sample's share of each row's use at prices 0.
            let capacities = (0..<rowCount).map { row in
                let share =
                    usage[row] > 0
                    ? Double(sampleUsage[row]) / Double(usage[row])
                    : Double(members.count) / Double(everyComponent.count)
                return Double(problem.couplingCapacityUnits[row]) * share
            }
            prices = try runLevel(members, capacities: capacities, start: prices, exact: false).prices
            stride /= Self.coarseningFactor
        }
        let capacities = problem.couplingCapacityUnits.map(Double.init)
        let final = try runLevel(everyComponent, capacities: capacities, start: prices, exact: true)

        var choices = references.map { PrimalRecovery.Choice.column($0) }
        if let master = final.master {
            for (slot, component) in master.activeComponents.enumerated() {
                choices[component] = PrimalRecovery.choice(master.weights[slot])
            }
        }
        let start = clock.now
        let recovery = try PrimalRecovery.recover(problem: problem, columns: columns, choices: choices)
        statistics.recoveredComponents = recovery.recoveredComponents
        statistics.componentsReused = pricing.reusedCount
        statistics.componentsSolved = pricing.solvedCount
        statistics.recoverySeconds = FlowLinearProgram.seconds(start.duration(to: clock.now))
        let result = solution(flows: recovery.flowUnits, prices: final.prices)
        if let master = final.master {
            guard result.objective <= master.objective + 1e-6 * max(1, abs(master.objective)) else {
                throw FlowError(
                    "the recovered flows cost \(result.objective), more than the master's \(master.objective)"
                )
            }
        }
        return result
    }

    struct LevelResult {
        var prices: [Double]
        /// The last master (nil when nothing had to be priced: prices 0 are optimal).
        var master: DantzigWolfeMaster.Outcome?
    }

    /// Column generation over `members` with `capacities`. From prices 0 the master is made feasible by
    /// each blocking component's optimum without coupled arcs; from positive prices (a coarser level's)
    /// by the box artificials, and each component starts with its optimum at those prices only. An exact
    /// level stops when no artificial is used and no column prices out; a coarse one also at a small gap.
    mutating func runLevel(
        _ members: [Int],
        capacities: [Double],
        start: [Double],
        exact: Bool
    ) throws -> LevelResult {
        let rowCount = capacities.count
        let coupled = members.filter { !pricing.rowsByComponent[$0].isEmpty }
        var box: DantzigWolfeMaster.Box?
        if start.contains(where: { $0 > 0 }) {
            let largest = start.max() ?? 0
            box = DantzigWolfeMaster.Box(
                center: start,
                width: start.map { _ in Self.boxFraction * largest }
            )
            let priced = try price(coupled, prices: start)
            for (component, column) in zip(coupled, priced) {
                // Keep the columns that can become optimal while the prices stay in the box.
                let cost = column.pricedCost(start)
                columns[component] = columns[component].filter { other in
                    other != column && other.pricedCost(start) - cost <= Self.reach(other, column, box!.width)
                }
                references[component] = columns[component].count
                columns[component].append(column)
            }
        } else {
            for component in members {
                columns[component] = [zeroColumns[component]]
                references[component] = 0
            }
            var usage = [Double](repeating: 0, count: rowCount)
            for component in members {
                for (row, units) in zip(columns[component][0].usageRows, columns[component][0].usageUnits) {
                    usage[row] += Double(units)
                }
            }
            let exceeded = (0..<rowCount).filter { usage[$0] > capacities[$0] }
            if exceeded.isEmpty { return LevelResult(prices: start, master: nil) }
            let blocked = members.filter { component in
                columns[component][0].usageRows.contains(where: exceeded.contains)
            }
            let forbidden = try priceWithoutCoupledArcs(blocked)
            for (component, column) in zip(blocked, forbidden) where !columns[component].contains(column) {
                columns[component].append(column)
            }
        }

        let master = try DantzigWolfeMaster(
            members: members,
            columns: columns,
            references: references,
            capacities: capacities,
            box: box
        )
        var bestBound = -Double.infinity
        var bestPrices = start
        var rounds = 0
        while true {
            let masterStart = clock.now
            let outcome = try master.solve()
            statistics.masterSolves += 1
            statistics.masterSeconds += FlowLinearProgram.seconds(masterStart.duration(to: clock.now))
            let prices = outcome.prices
            guard rounds < Self.roundLimit else {
                throw FlowError("the decomposition did not converge in \(Self.roundLimit) rounds")
            }
            rounds += 1
            statistics.iterations += 1
            let priced = try price(coupled, prices: prices)
            var bound = 0.0
            for row in 0..<rowCount { bound -= prices[row] * capacities[row] }
            for component in members { bound += pricing.lastPricedCost(component, prices: prices) }
            var entering: [(component: Int, column: FlowColumn, reducedCost: Double)] = []
            for (component, column) in zip(coupled, priced) {
                let best = columns[component].reduce(Double.infinity) { min($0, $1.pricedCost(prices)) }
                let reducedCost = column.pricedCost(prices) - best
                if reducedCost < -1e-9 * max(1, abs(best)) && !columns[component].contains(column) {
                    entering.append((component, column, reducedCost))
                }
            }
            if entering.count > Self.enteringColumnLimit {
                entering.sort { lhs, rhs in
                    lhs.reducedCost != rhs.reducedCost
                        ? lhs.reducedCost < rhs.reducedCost : lhs.component < rhs.component
                }
                entering = entering.prefix(Self.enteringColumnLimit).sorted { $0.component < $1.component }
            }
            let boxFree = outcome.artificialRows.isEmpty
            if exact {
                if boxFree && entering.isEmpty { return LevelResult(prices: prices, master: outcome) }
            } else {
                let gap = outcome.objective - bound
                let closed = entering.isEmpty || gap <= Self.coarseGap * max(1, abs(outcome.objective))
                if (boxFree && closed) || rounds >= Self.coarseRoundLimit {
                    return LevelResult(prices: bound > bestBound ? prices : bestPrices, master: outcome)
                }
            }
            for (component, column, _) in entering {
                let reference = columns[component].count == 1 ? (columns[component][0], 0) : nil
                columns[component].append(column)
                try master.add(column, index: columns[component].count - 1, to: component, reference: reference)
            }
            var boxMoved = false
            if bound > bestBound {
                bestBound = bound
                bestPrices = prices
                if box != nil {
                    box!.center = prices
                    boxMoved = true
                }
            }
            for row in outcome.artificialRows {
                box?.width[row] *= 2
                boxMoved = true
            }
            if let box, boxMoved { try master.setBox(box) }
        }
    }

    /// How much the reduced cost of `column` against `reference` can fall while each price moves by at
    /// most `width`: sum_k width_k |usage_k(column) - usage_k(reference)|.
    static func reach(_ column: FlowColumn, _ reference: FlowColumn, _ width: [Double]) -> Double {
        var total = 0.0
        for (row, units) in zip(column.usageRows, column.usageUnits) {
            total += width[row] * Double(abs(units - reference.usage(ofRow: row)))
        }
        for (row, units) in zip(reference.usageRows, reference.usageUnits) where column.usage(ofRow: row) == 0 {
            total += width[row] * Double(units)
        }
        return total
    }

    /// Optimal flows at `prices` (see `ComponentPricing`), timed as subproblem seconds.
    mutating func price(_ indices: [Int], prices: [Double]) throws -> [FlowColumn] {
        let start = clock.now
        defer { statistics.subproblemSeconds += FlowLinearProgram.seconds(start.duration(to: clock.now)) }
        return try pricing.price(indices, prices: prices)
    }

    /// Optimal flows without coupled arcs, timed as subproblem seconds.
    mutating func priceWithoutCoupledArcs(_ indices: [Int]) throws -> [FlowColumn] {
        let start = clock.now
        defer { statistics.subproblemSeconds += FlowLinearProgram.seconds(start.duration(to: clock.now)) }
        return try pricing.priceWithoutCoupledArcs(indices)
    }

    /// The solution for `flows`, its objective summed arc by arc in component order.
    func solution(flows: [[Int]], prices: [Double]) -> CoupledFlowSolution {
        CoupledFlowSolution(
            flowUnits: flows,
            objective: FlowObjective.objective(of: flows, in: problem),
            couplingPrices: prices,
            statistics: statistics
        )
    }
}
