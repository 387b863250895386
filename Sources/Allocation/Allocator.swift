import Flow
import Foundation
import GLPK
import PlannerCore

/// Allocates open order lines to warehouses over a horizon of `days` days (1 for the daily run) with one
/// model, the time-expanded allocation LP (docs/allocation-model.md):
///
/// minimise sum x[o,w,d] * (cost_per_unit[w,r] + (transit_days[w,r] > 1 ? next_day_miss_penalty_per_unit : 0)
///                         + late_penalty_per_unit_per_day * days late)      (lateness only when days > 1)
///        + sum u[o] * unfilled_penalty_per_unit * priority_weight[p]
/// subject to sum_{w,d} x[o,w,d] + u[o] = q[o]; x[o,w,d] = 0 before o's release day max(0, order_date - start);
/// units of s shipped from w on days <= d <= on hand + arrivals on days <= d; units shipped from w on
/// day d <= its capacity that day; x, u >= 0.
///
/// Solved over buckets (exact, see `Bucket`) as one flow component per SKU (`TimeExpandedNetwork`), either
/// by the SKU decomposition (`CoupledFlowSolver`) or as one GLPK LP (`CompactProgram`); ties between ship
/// days go to the earliest (`EarliestShipPass`); then split to lines in whole units and explained.
///
/// The allocator owns the choice of solver (`AllocationSettings.solver`) and the fallback: `auto` solves
/// models of at most `automaticLPBucketLimit` buckets as one LP and larger ones by decomposition; when the
/// decomposition cannot recover whole units (possible over several days, where the LP is not totally
/// unimodular), the whole model goes to GLPK instead and the result says so
/// (`AllocationSolverPath.linearProgramAfterDecomposition`, `AllocationResult.fallbackReason`).
public enum Allocator {
    /// `AllocationSolver.automatic` solves models with at most this many buckets as one LP, larger ones by
    /// decomposition.
    public static let automaticLPBucketLimit = 2_000

    /// Both processors by default; the pricing of SKU subproblems is embarrassingly parallel.
    public static var defaultWorkerCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// - Parameters:
    ///   - openOrderIndices: indices into `dataSet.orders` of the lines to allocate; nil: every line dated
    ///     on or before the horizon's last day.
    ///   - startDay: day offset 0; nil: the latest order date of the open lines (each line then ships from
    ///     day 0 on). Needed when `days` > 1 or `openOrderIndices` is nil.
    ///   - days: length of the horizon, at least 1.
    ///   - capacityUnits: outbound capacity of a warehouse on a day offset (nil unlimited, 0 an outage);
    ///     nil: the data set's `daily_capacity_units` every day.
    ///   - arrivals: stock arriving within the horizon (stock on hand is day 0 and is read from `dataSet`).
    ///   - dropShipSources: suppliers that may ship drop-ship SKUs straight to customers
    ///     (`DropShipSource.sources`); their lines go to `AllocationResult.dropShipped`.
    ///   - workers: threads pricing the SKU subproblems of the decomposition.
    /// - Throws: `AllocationError` on invalid input, a non-optimal solver status, or a solution that breaks
    ///   the model.
    public static func allocate(
        dataSet: DataSet,
        openOrderIndices: [Int]? = nil,
        startDay: Day? = nil,
        days: Int = 1,
        capacityUnits: ((_ warehouseIndex: Int, _ dayOffset: Int) -> Int?)? = nil,
        arrivals: [StockArrival] = [],
        dropShipSources: [DropShipSource] = [],
        settings: AllocationSettings,
        workers: Int = defaultWorkerCount
    ) throws -> AllocationResult {
        try allocate(
            dataSet: dataSet,
            openOrderIndices: openOrderIndices,
            startDay: startDay,
            days: days,
            capacityUnits: capacityUnits,
            arrivals: arrivals,
            dropShipSources: dropShipSources,
            settings: settings,
            workers: workers,
            solveFlow: nil
        )
    }

    /// `allocate` with the coupled flow solver given: tests hand it solvers of their own (a reference LP, or
    /// one that returns a fractional or broken flow) to check what the allocator does with their answers.
    static func allocate(
        dataSet: DataSet,
        startDay: Day,
        days: Int,
        capacityUnits: @escaping (_ warehouseIndex: Int, _ dayOffset: Int) -> Int?,
        arrivals: [StockArrival] = [],
        settings: AllocationSettings,
        solveFlow: (CoupledFlowProblem) throws -> CoupledFlowSolution
    ) throws -> AllocationResult {
        try withoutActuallyEscaping(solveFlow) { solve in
            try allocate(
                dataSet: dataSet,
                openOrderIndices: nil,
                startDay: startDay,
                days: days,
                capacityUnits: capacityUnits,
                arrivals: arrivals,
                dropShipSources: [],
                settings: settings,
                workers: 1,
                solveFlow: solve
            )
        }
    }

    /// The allocation with the flow solver chosen by `settings.solver` (`solveFlow` nil) or given.
    private static func allocate(
        dataSet: DataSet,
        openOrderIndices: [Int]?,
        startDay: Day?,
        days: Int,
        capacityUnits: ((_ warehouseIndex: Int, _ dayOffset: Int) -> Int?)?,
        arrivals: [StockArrival],
        dropShipSources: [DropShipSource],
        settings: AllocationSettings,
        workers: Int,
        solveFlow: ((CoupledFlowProblem) throws -> CoupledFlowSolution)?
    ) throws -> AllocationResult {
        let clock = ContinuousClock()
        let buildStart = clock.now
        guard days >= 1 else { throw AllocationError("days \(days) must be at least 1") }
        guard startDay != nil || (openOrderIndices != nil && days == 1) else {
            throw AllocationError("a horizon of several days, or lines chosen by date, needs a start day")
        }
        let open =
            openOrderIndices
            ?? Self.openOrderIndices(dataSet: dataSet, startDay: startDay!, days: days)
        let start =
            startDay
            ?? open.map { dataSet.orders.indices.contains($0) ? dataSet.orders[$0].orderDate : Day(daysSinceEpoch: 0) }
            .max() ?? Day(daysSinceEpoch: 0)
        let warehouses = dataSet.warehouses
        let horizon = try Horizon(
            dataSet: dataSet,
            startDay: start,
            days: days,
            capacityUnits: capacityUnits ?? { warehouseIndex, _ in warehouses[warehouseIndex].dailyCapacityUnits },
            arrivals: arrivals,
            dropShipSources: dropShipSources,
            settings: settings
        )
        let buckets = try Bucket.buckets(
            dataSet: dataSet,
            openOrderIndices: open,
            startDay: start,
            days: days,
            settings: settings
        )
        let targets = try NextDayTargets(buckets: buckets, dataSet: dataSet, settings: settings)
        var network = TimeExpandedNetwork(buckets: buckets, horizon: horizon, nextDay: targets)
        let maximumNextDay = try targets.map { try NextDayMaxFlow(network: network, buckets: buckets, targets: $0) }

        var path: AllocationSolverPath
        switch settings.solver {
        case .linearProgram: path = .linearProgram
        case .decomposition: path = .decomposition
        case .automatic: path = buckets.count <= automaticLPBucketLimit ? .linearProgram : .decomposition
        }
        var solved = Solved()
        var fallbackReason: String?
        let buildSeconds = seconds(since: buildStart)
        let solveStart = clock.now
        if !network.problem.components.isEmpty {
            var penaltyFactor = 1.0
            while true {
                if let solveFlow {
                    solved = try solveWithFlowSolver(network: network, solve: solveFlow)
                } else if path == .linearProgram || path == .linearProgramAfterDecomposition {
                    solved = try solveLP(
                        buckets: buckets,
                        network: network,
                        horizon: horizon,
                        skuCount: dataSet.skus.count,
                        start: maximumNextDay
                    )
                } else {
                    do {
                        solved = try solveWithFlowSolver(network: network) { problem in
                            try CoupledFlowSolver.solve(
                                problem,
                                workers: workers,
                                roundingTimeLimitSeconds: roundingTimeLimitSeconds
                            )
                        }
                    } catch let error as AllocationError {
                        // The time-expanded LP is not totally unimodular: a recovery that meets a fractional vertex
                        // cannot branch on the mixed SKUs alone, so the whole model goes to GLPK's branch and bound.
                        guard days > 1, targets == nil else { throw error }
                        fallbackReason = error.message
                        path = .linearProgramAfterDecomposition
                        solved = try solveLP(
                            buckets: buckets,
                            network: network,
                            horizon: horizon,
                            skuCount: dataSet.skus.count,
                            start: nil
                        )
                    }
                }
                try AllocationVerification.checkFlow(
                    CoupledFlowSolution(
                        flowUnits: solved.flowUnits,
                        objective: solved.objective,
                        couplingPrices: solved.couplingPrices,
                        statistics: solved.statistics
                    ),
                    problem: network.problem
                )
                // The penalty must make every unit short cost more than any plan saves by it: a plan short by
                // more than the fewest possible says it did not, so it is raised and the model solved again.
                guard let maximumNextDay, penaltyFactor < Self.largestPenaltyFactor,
                    unitsShort(solved.flowUnits, network: network) > maximumNextDay.fewestUnitsShort
                else { break }
                penaltyFactor *= 16
                network = TimeExpandedNetwork(
                    buckets: buckets,
                    horizon: horizon,
                    nextDay: targets,
                    penaltyFactor: penaltyFactor
                )
            }
        }
        let solveSeconds = seconds(since: solveStart)
        var flowUnits = solved.flowUnits
        // The penalties the solver paid for units short of next-day targets are no cost of the plan's lines.
        let shortPenalty = network.nextDayPenaltyPerUnit * Double(unitsShort(flowUnits, network: network))
        EarliestShipPass.apply(flowUnits: &flowUnits, network: network, days: days)

        let splitStart = clock.now
        let split = Disaggregation(
            dataSet: dataSet,
            buckets: buckets,
            network: network,
            horizon: horizon,
            flowUnits: flowUnits
        )
        try AllocationVerification.checkLines(
            allocated: split.allocated,
            unfilled: split.unfilled,
            dropShipped: split.dropShipped,
            buckets: buckets,
            dataSet: dataSet,
            horizon: horizon
        )
        let objective = modelObjective(
            allocated: split.allocated,
            unfilled: split.unfilled,
            dropShipped: split.dropShipped,
            dataSet: dataSet,
            settings: settings
        )
        // Each unit keeps its arc's cost through the tie pass and the split: the objectives agree up to rounding.
        let solverObjective = solved.objective - shortPenalty
        guard abs(objective - solverObjective) <= 1e-6 * max(1, abs(solved.objective)) else {
            throw AllocationError("objective of the lines \(objective) differs from the solver's \(solverObjective)")
        }
        // Not proven optimal: the gap to the cheapest plan short of the next-day targets by the fewest units. Every
        // such plan costs at least the LP bound less the penalty of those units (the LP bound is below its
        // penalised cost), whatever the LP's own units short.
        let gap = solved.lowerBound.map { bound in
            let costBound = bound - network.nextDayPenaltyPerUnit * Double(maximumNextDay?.fewestUnitsShort ?? 0)
            return IntegerSolveResult.relativeGap(objective: objective, bound: min(objective, costBound))
        }
        var result = AllocationResult(
            allocated: split.allocated,
            unfilled: split.unfilled,
            objective: objective,
            solverStatus: (gap ?? 0) > 1e-9 ? .feasible : .optimal,
            solveSeconds: solveSeconds,
            variableCount: network.problem.components.isEmpty ? 0 : solved.variableCount ?? network.arcCount,
            constraintCount: network.problem.components.isEmpty
                ? 0 : solved.constraintCount ?? network.nodeCount + network.problem.couplingCapacityUnits.count,
            bucketCount: buckets.count
        )
        result.dropShipped = split.dropShipped
        result.solverPath = path
        result.horizonDays = days
        result.fallbackReason = fallbackReason
        result.buildSeconds = buildSeconds
        result.flowStatistics = solved.statistics
        result.mipGap = gap
        if let targets, let maximumNextDay {
            result.nextDayEnforcement = NextDayEnforcement(
                targetUnitsByRegion: targets.targetUnitsByRegion,
                fewestUnitsShort: maximumNextDay.fewestUnitsShort,
                penaltyPerUnit: network.nextDayPenaltyPerUnit
            )
        }
        var prices = [Double](repeating: 0, count: dataSet.warehouses.count)
        if !solved.couplingPrices.isEmpty {
            for warehouseIndex in prices.indices {
                if let row = network.couplingRowByWarehouseDay[warehouseIndex][0] {
                    prices[warehouseIndex] = solved.couplingPrices[row]
                }
            }
        }
        result.capacityPriceByWarehouse = prices
        result.disaggregationSeconds = seconds(since: splitStart)
        let explanationStart = clock.now
        if !network.problem.components.isEmpty {
            result.explanations = try ExplanationBuilder(
                dataSet: dataSet,
                buckets: buckets,
                horizon: horizon,
                network: network,
                flowUnits: flowUnits,
                couplingPrices: solved.couplingPrices
            ).explain(allocated: split.allocated, unfilled: split.unfilled, dropShipped: split.dropShipped)
        }
        result.explanationSeconds = seconds(since: explanationStart)
        return result
    }

    /// How long GLPK's branch and bound may look for whole units when the LP's vertex is fractional and no
    /// exact fallback exists (enforced next-day targets): the result then says how far it may be from optimal.
    public static let roundingTimeLimitSeconds = 10.0

    /// The next-day penalty is raised (x16) at most to this multiple of its starting value.
    static let largestPenaltyFactor = 256.0

    /// Units short of the next-day targets in a flow of `network`: the overflow of its next-day rows.
    static func unitsShort(_ flowUnits: [[Int]], network: TimeExpandedNetwork) -> Int {
        guard network.shareRowByRegion.contains(where: { $0 != nil }) else { return 0 }
        return network.problem.overflowUnits(usedUnits: network.problem.usedUnits(of: flowUnits)).reduce(0, +)
    }

    /// A solver path's answer, as a flow of the network.
    struct Solved {
        var flowUnits: [[Int]] = []
        /// Cost of the flow, with the penalties of units short of next-day targets.
        var objective = 0.0
        /// The LP bound when the whole-unit plan is not proven optimal (branch and bound within a time limit).
        var lowerBound: Double?
        /// Per coupling row of the network, >= 0.
        var couplingPrices: [Double] = []
        var statistics = CoupledFlowStatistics()
        /// The LP path's model size (nil: the network's).
        var variableCount: Int?
        var constraintCount: Int?
    }

    /// The whole model as one GLPK LP. With next-day rows (`start`: the maximum next-day flow's plan), a
    /// fractional vertex is branched on from that plan within `roundingTimeLimitSeconds`.
    static func solveLP(
        buckets: [Bucket],
        network: TimeExpandedNetwork,
        horizon: Horizon,
        skuCount: Int,
        start: NextDayMaxFlow?
    ) throws
        -> Solved
    {
        let program = CompactProgram(buckets: buckets, network: network, horizon: horizon, skuCount: skuCount)
        let solution = try program.solve(
            timeLimitMilliseconds: start.map { _ in Int(roundingTimeLimitSeconds * 1000) },
            initialValues: start.map { program.columnValues(of: $0.flowUnits, network: network) }
        )
        let flows = try program.flowUnits(values: solution.values, network: network, buckets: buckets)
        // GLPK's dual of a <= row in a minimisation is <= 0; the capacity price is its negation.
        let prices = program.rowByCouplingRow.map { row in row.map { max(0, -solution.rowDuals[$0]) } ?? 0 }
        var statistics = CoupledFlowStatistics()
        statistics.masterSolves = 1
        return Solved(
            flowUnits: flows,
            objective: solution.objective,
            lowerBound: solution.lowerBound,
            couplingPrices: prices,
            statistics: statistics,
            variableCount: program.columnCount,
            constraintCount: program.rowCount
        )
    }

    static func solveWithFlowSolver(
        network: TimeExpandedNetwork,
        solve: (CoupledFlowProblem) throws -> CoupledFlowSolution
    ) throws -> Solved {
        let solution: CoupledFlowSolution
        do {
            solution = try solve(network.problem)
        } catch let error as FlowError {
            throw AllocationError(error.message)
        }
        return Solved(
            flowUnits: solution.flowUnits,
            objective: solution.objective,
            lowerBound: solution.isProvenOptimal ? nil : solution.lowerBound,
            couplingPrices: solution.couplingPrices,
            statistics: solution.statistics
        )
    }

    /// Indices into `dataSet.orders` of the lines open within the horizon (order date <= start + days - 1),
    /// ascending.
    public static func openOrderIndices(dataSet: DataSet, startDay: Day, days: Int) -> [Int] {
        let lastDay = startDay.adding(days: days - 1)
        return dataSet.orders.indices.filter { dataSet.orders[$0].orderDate <= lastDay }
    }

    /// A scenario's capacity per (warehouse index, day offset): `Scenario.capacityUnits(of:on:)` on
    /// start day + offset.
    public static func capacityUnits(
        scenario: Scenario,
        dataSet: DataSet,
        startDay: Day
    ) -> @Sendable (_ warehouseIndex: Int, _ dayOffset: Int) -> Int? {
        let warehouses = dataSet.warehouses
        return { warehouseIndex, dayOffset in
            scenario.capacityUnits(of: warehouses[warehouseIndex], on: startDay.adding(days: dayOffset))
        }
    }

    /// The model's objective recomputed from per-line results, summed in the results' order:
    /// sum quantity * (cost_per_unit + miss penalty when transit_days > 1 + late penalty * days late)
    /// over warehouse lines, then the same over drop-shipped lines (the supplier's cost and delivery days),
    /// + sum unfilled quantity * unfilled_penalty_per_unit * priority_weight[priority].
    public static func modelObjective(
        allocated: [AllocatedLine],
        unfilled: [UnfilledLine],
        dropShipped: [DropShipLine] = [],
        dataSet: DataSet,
        settings: AllocationSettings
    ) -> Double {
        var total = 0.0
        func add(quantity: Int, costPerUnit: Double, transitDays: Int, daysLate: Int?) {
            let missPenalty = transitDays > 1 ? settings.nextDayMissPenaltyPerUnit : 0
            let latePenalty = daysLate.map { settings.latePenaltyPerUnitPerDay * Double($0) } ?? 0
            total += Double(quantity) * (costPerUnit + missPenalty + latePenalty)
        }
        for line in allocated {
            add(
                quantity: line.quantity,
                costPerUnit: line.costPerUnit,
                transitDays: line.transitDays,
                daysLate: line.daysLate
            )
        }
        for line in dropShipped {
            add(
                quantity: line.quantity,
                costPerUnit: line.costPerUnit,
                transitDays: line.deliveryDays,
                daysLate: line.daysLate
            )
        }
        for line in unfilled {
            let weight = settings.priorityWeight(dataSet.orders[line.orderIndex].priority)
            total += Double(line.quantity) * settings.unfilledPenaltyPerUnit * weight
        }
        return total
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = start.duration(to: .now).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
    }
}
