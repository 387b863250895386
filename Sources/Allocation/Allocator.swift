import Flow
import Foundation
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
            settings: settings
        )
        let buckets = try Bucket.buckets(
            dataSet: dataSet,
            openOrderIndices: open,
            startDay: start,
            days: days,
            settings: settings
        )
        let network = TimeExpandedNetwork(buckets: buckets, horizon: horizon)

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
            if let solveFlow {
                solved = try solveWithFlowSolver(network: network, solve: solveFlow)
            } else if path == .linearProgram {
                solved = try solveLP(buckets: buckets, network: network, horizon: horizon, skuCount: dataSet.skus.count)
            } else {
                do {
                    solved = try solveWithFlowSolver(network: network) { problem in
                        try CoupledFlowSolver.solve(problem, workers: workers)
                    }
                } catch let error as AllocationError {
                    // The time-expanded LP is not totally unimodular: a recovery that meets a fractional vertex
                    // cannot branch on the mixed SKUs alone, so the whole model goes to GLPK's branch and bound.
                    guard days > 1 else { throw error }
                    fallbackReason = error.message
                    path = .linearProgramAfterDecomposition
                    solved = try solveLP(
                        buckets: buckets,
                        network: network,
                        horizon: horizon,
                        skuCount: dataSet.skus.count
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
        }
        let solveSeconds = seconds(since: solveStart)
        var flowUnits = solved.flowUnits
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
            buckets: buckets,
            dataSet: dataSet,
            horizon: horizon
        )
        let objective = modelObjective(
            allocated: split.allocated,
            unfilled: split.unfilled,
            dataSet: dataSet,
            settings: settings
        )
        // Each unit keeps its arc's cost through the tie pass and the split: the objectives agree up to rounding.
        guard abs(objective - solved.objective) <= 1e-6 * max(1, abs(solved.objective)) else {
            throw AllocationError("objective of the lines \(objective) differs from the solver's \(solved.objective)")
        }
        var result = AllocationResult(
            allocated: split.allocated,
            unfilled: split.unfilled,
            objective: objective,
            solverStatus: .optimal,
            solveSeconds: solveSeconds,
            variableCount: network.problem.components.isEmpty ? 0 : solved.variableCount ?? network.arcCount,
            constraintCount: network.problem.components.isEmpty
                ? 0 : solved.constraintCount ?? network.nodeCount + network.problem.couplingCapacityUnits.count,
            bucketCount: buckets.count
        )
        result.solverPath = path
        result.horizonDays = days
        result.fallbackReason = fallbackReason
        result.buildSeconds = buildSeconds
        result.flowStatistics = solved.statistics
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
            ).explain(allocated: split.allocated, unfilled: split.unfilled)
        }
        result.explanationSeconds = seconds(since: explanationStart)
        return result
    }

    /// A solver path's answer, as a flow of the network.
    struct Solved {
        var flowUnits: [[Int]] = []
        var objective = 0.0
        /// Per coupling row of the network, >= 0.
        var couplingPrices: [Double] = []
        var statistics = CoupledFlowStatistics()
        /// The LP path's model size (nil: the network's).
        var variableCount: Int?
        var constraintCount: Int?
    }

    static func solveLP(
        buckets: [Bucket],
        network: TimeExpandedNetwork,
        horizon: Horizon,
        skuCount: Int
    ) throws
        -> Solved
    {
        let program = CompactProgram(buckets: buckets, network: network, horizon: horizon, skuCount: skuCount)
        let (values, objective, duals) = try program.solve()
        let flows = try program.flowUnits(values: values, network: network, days: horizon.days)
        // GLPK's dual of a <= row in a minimisation is <= 0; the capacity price is its negation.
        let prices = program.capacityRowByCouplingRow.map { row in row.map { max(0, -duals[$0]) } ?? 0 }
        var statistics = CoupledFlowStatistics()
        statistics.masterSolves = 1
        return Solved(
            flowUnits: flows,
            objective: objective,
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
    /// + sum unfilled quantity * unfilled_penalty_per_unit * priority_weight[priority].
    public static func modelObjective(
        allocated: [AllocatedLine],
        unfilled: [UnfilledLine],
        dataSet: DataSet,
        settings: AllocationSettings
    ) -> Double {
        var total = 0.0
        for line in allocated {
            let missPenalty = line.transitDays > 1 ? settings.nextDayMissPenaltyPerUnit : 0
            let latePenalty = line.daysLate.map { settings.latePenaltyPerUnitPerDay * Double($0) } ?? 0
            total += Double(line.quantity) * (line.costPerUnit + missPenalty + latePenalty)
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
