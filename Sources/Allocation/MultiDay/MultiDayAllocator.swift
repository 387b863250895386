import Flow
import PlannerCore

/// Allocates order lines over a horizon of `days` days as a time-expanded min-cost flow (issue 5,
/// `--days N`):
///
/// minimise sum x[o,w,d] * (cost_per_unit[w,r] + (transit_days[w,r] > 1 ? next_day_miss_penalty_per_unit : 0)
///                         + late_penalty_per_unit_per_day * max(0, start + d + transit_days[w,r] - promise[o]))
///        + sum u[o] * unfilled_penalty_per_unit * priority_weight[p]
/// subject to sum_{w,d} x[o,w,d] + u[o] = q[o]; x[o,w,d] = 0 before o's release day max(0, order_date - start);
/// units of s shipped from w on days <= d <= on hand + arrivals on days <= d; units shipped from w on
/// day d <= its capacity that day; x, u >= 0. Lines are open when order_date <= start + days - 1.
/// Solved over (sku, region, priority, release day, promise date) buckets, which is exact (see
/// `MultiDayBucket`), as one flow component per SKU (see `MultiDayFlowNetwork`) by the injected solver;
/// ties between ship days go to the earliest (see `EarliestShipPass`); then split to lines in whole units.
/// With days = 1 and a zero late penalty this is `OrderAllocator`'s model.
public enum MultiDayAllocator {
    /// - Parameters:
    ///   - startDay: day offset 0 of the horizon.
    ///   - days: length of the horizon, at least 1.
    ///   - capacityUnits: outbound capacity of a warehouse on a day offset; nil is unlimited, 0 an outage
    ///     (for a scenario: `capacityUnits(scenario:dataSet:startDay:)`).
    ///   - arrivals: stock arriving within the horizon (stock on hand is day 0 and is read from `dataSet`).
    ///   - solve: the coupled flow solver, `CoupledFlowSolver` (decomposition) or `FlowLinearProgram`. It
    ///     must return an integral optimum; the time-expanded LP can have fractional vertices (see
    ///     `MultiDayFlowNetwork`), so an LP path must branch (GLPK `glp_intopt`) when it meets one.
    /// - Throws: `AllocationError` on invalid input, or a solver answer that breaks the model.
    public static func allocate(
        dataSet: DataSet,
        startDay: Day,
        days: Int,
        capacityUnits: (_ warehouseIndex: Int, _ dayOffset: Int) -> Int?,
        arrivals: [StockArrival],
        settings: AllocationSettings,
        solve: (CoupledFlowProblem) throws -> CoupledFlowSolution
    ) throws -> AllocationResult {
        let horizon = try MultiDayHorizon(
            dataSet: dataSet,
            startDay: startDay,
            days: days,
            capacityUnits: capacityUnits,
            arrivals: arrivals,
            settings: settings
        )
        let buckets = try MultiDayBucket.buckets(dataSet: dataSet, startDay: startDay, days: days, settings: settings)
        let network = MultiDayFlowNetwork(buckets: buckets, horizon: horizon)

        var flowUnits: [[Int]] = []
        var solverObjective = 0.0
        var solveSeconds = 0.0
        if !network.problem.components.isEmpty {
            let clock = ContinuousClock()
            let start = clock.now
            let solution: CoupledFlowSolution
            do {
                solution = try solve(network.problem)
            } catch let error as FlowError {
                throw AllocationError(error.message)
            }
            let elapsed = start.duration(to: clock.now).components
            solveSeconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
            try MultiDayVerification.checkFlow(solution, problem: network.problem)
            flowUnits = solution.flowUnits
            solverObjective = solution.objective
        }
        EarliestShipPass.apply(flowUnits: &flowUnits, network: network, days: days)

        let split = MultiDayDisaggregation(
            dataSet: dataSet,
            buckets: buckets,
            network: network,
            horizon: horizon,
            flowUnits: flowUnits
        )
        try MultiDayVerification.checkLines(
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
        guard abs(objective - solverObjective) <= 1e-6 * max(1, abs(solverObjective)) else {
            throw AllocationError("objective of the lines \(objective) differs from the solver's \(solverObjective)")
        }
        return AllocationResult(
            allocated: split.allocated,
            unfilled: split.unfilled,
            objective: objective,
            solverStatus: "optimal",
            solveSeconds: solveSeconds,
            variableCount: network.arcCount,
            constraintCount: network.nodeCount + network.problem.couplingCapacityUnits.count,
            bucketCount: buckets.count
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

    /// The multi-day objective recomputed from per-line results, summed in the results' order:
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
            let latePenalty = settings.latePenaltyPerUnitPerDay * Double(line.daysLate ?? 0)
            total += Double(line.quantity) * (line.costPerUnit + missPenalty + latePenalty)
        }
        for line in unfilled {
            let weight = settings.priorityWeight(dataSet.orders[line.orderIndex].priority)
            total += Double(line.quantity) * settings.unfilledPenaltyPerUnit * weight
        }
        return total
    }
}
