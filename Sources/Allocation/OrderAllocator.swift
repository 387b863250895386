import Flow
import Foundation
import PlannerCore

/// Allocates open order lines to warehouses with the allocation LP (docs/allocation-model.md):
///
/// minimise sum x[o,w] * (cost_per_unit[w,r] + (transit_days[w,r] > 1 ? next_day_miss_penalty_per_unit : 0))
///        + sum u[o] * unfilled_penalty_per_unit * priority_weight[p]
/// subject to sum_w x[o,w] + u[o] = q[o] for every line, units of s from w <= on_hand[w,s], units from
/// w <= daily_capacity_units[w] (when set), x, u >= 0. Solved over (sku, region, priority) buckets,
/// which is exact (see `Bucket`), either as one GLPK LP (`BucketProgram`) or decomposed by SKU
/// (`SkuFlowNetwork`, `CoupledFlowSolver`), then split back to lines in whole units.
public enum OrderAllocator {
    /// `AllocationSolver.automatic` solves runs with at most this many buckets as one LP, larger ones
    /// by decomposition.
    public static let automaticLPBucketLimit = 2_000

    /// - Parameters:
    ///   - openOrderIndices: indices into `dataSet.orders` of the lines to allocate.
    ///   - workers: threads pricing the SKU subproblems of the decomposition.
    /// - Throws: `AllocationError` on invalid input, a non-optimal solver status, or a fractional solution.
    public static func allocate(
        dataSet: DataSet,
        openOrderIndices: [Int],
        settings: AllocationSettings,
        workers: Int = defaultWorkerCount
    ) throws -> AllocationResult {
        let clock = ContinuousClock()
        let buildStart = clock.now
        let network = try AllocationNetwork(dataSet: dataSet, settings: settings)
        let buckets = try Bucket.buckets(dataSet: dataSet, openOrderIndices: openOrderIndices, settings: settings)
        let useLP: Bool
        switch settings.solver {
        case .linearProgram: useLP = true
        case .decomposition: useLP = false
        case .automatic: useLP = buckets.count <= automaticLPBucketLimit
        }
        let flowNetwork = SkuFlowNetwork(buckets: buckets, network: network)
        var solved: SolvedBuckets
        if useLP {
            let program = BucketProgram(buckets: buckets, network: network, skuCount: dataSet.skus.count)
            let buildSeconds = seconds(since: buildStart)
            solved = try solveLP(program: program, buckets: buckets, flowNetwork: flowNetwork)
            solved.buildSeconds = buildSeconds
        } else {
            let buildSeconds = seconds(since: buildStart)
            solved = try solveDecomposed(flowNetwork: flowNetwork, buckets: buckets, workers: workers)
            solved.buildSeconds = buildSeconds
        }
        for (bucketIndex, bucket) in buckets.enumerated() {
            let shipped = solved.shipped[bucketIndex].reduce(0) { $0 + $1.units }
            guard shipped + solved.unfilled[bucketIndex] == bucket.quantity, solved.unfilled[bucketIndex] >= 0 else {
                throw AllocationError("bucket \(bucketIndex): shipped plus unfilled units differ from its quantity")
            }
        }

        let splitStart = clock.now
        let split = Disaggregation(
            dataSet: dataSet,
            buckets: buckets,
            network: network,
            shipmentsByBucket: solved.shipped
        )
        let objective = modelObjective(
            allocated: split.allocated,
            unfilled: split.unfilled,
            dataSet: dataSet,
            settings: settings
        )
        // The split keeps every unit at its bucket's cost, so both objectives agree up to rounding.
        guard abs(objective - solved.objective) <= 1e-6 * max(1, abs(solved.objective)) else {
            throw AllocationError("objective of the lines \(objective) differs from the solver's \(solved.objective)")
        }
        var result = AllocationResult(
            allocated: split.allocated,
            unfilled: split.unfilled,
            objective: objective,
            solverStatus: "optimal",
            solveSeconds: solved.solveSeconds,
            variableCount: solved.variableCount,
            constraintCount: solved.constraintCount,
            bucketCount: buckets.count
        )
        result.solverPath = useLP ? "lp" : "decomposition"
        result.buildSeconds = solved.buildSeconds
        result.flowStatistics = solved.statistics
        var prices = [Double](repeating: 0, count: dataSet.warehouses.count)
        for (row, warehouseIndex) in flowNetwork.warehouseIndexByRow.enumerated() {
            prices[warehouseIndex] = solved.couplingPrices[row]
        }
        result.capacityPriceByWarehouse = prices
        result.disaggregationSeconds = seconds(since: splitStart)
        let explanationStart = clock.now
        result.explanations = try ExplanationBuilder(
            dataSet: dataSet,
            buckets: buckets,
            network: network,
            flowNetwork: flowNetwork,
            flowUnits: solved.flowUnits ?? flowNetwork.flowUnits(shipped: solved.shipped, unfilled: solved.unfilled),
            couplingPrices: solved.couplingPrices
        ).explain(allocated: split.allocated, unfilled: split.unfilled)
        result.explanationSeconds = seconds(since: explanationStart)
        return result
    }

    /// Both processors by default; the pricing of SKU subproblems is embarrassingly parallel.
    public static var defaultWorkerCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// A solver path's answer per bucket, before the split to lines.
    struct SolvedBuckets {
        var shipped: [[BucketShipment]]
        var unfilled: [Int]
        var objective: Double
        /// Per coupling row of the flow network (a warehouse with a capacity), >= 0.
        var couplingPrices: [Double]
        /// The decomposition's flow per component; nil for the LP (rebuilt from the shipments).
        var flowUnits: [[Int]]? = nil
        var statistics = CoupledFlowStatistics()
        var variableCount: Int
        var constraintCount: Int
        var buildSeconds = 0.0
        var solveSeconds: Double
    }

    static func solveLP(
        program: BucketProgram,
        buckets: [Bucket],
        flowNetwork: SkuFlowNetwork
    ) throws
        -> SolvedBuckets
    {
        var values: [Double] = []
        var objective = 0.0
        var duals: [Double] = []
        let start = ContinuousClock.now
        if !buckets.isEmpty {
            (values, objective, duals) = try program.solve()
        }
        let solveSeconds = seconds(since: start)
        let units = try integralUnits(values)
        let (shipped, unfilled) = program.shipments(unitsByColumn: units)
        // GLPK's dual of a <= row in a minimisation is <= 0; the capacity price is its negation.
        let prices = flowNetwork.warehouseIndexByRow.map { warehouseIndex in
            program.capacityRowByWarehouse[warehouseIndex].map { max(0, -duals[$0]) } ?? 0
        }
        return SolvedBuckets(
            shipped: shipped,
            unfilled: unfilled,
            objective: objective,
            couplingPrices: prices,
            variableCount: program.columnCount,
            constraintCount: program.rowCount,
            solveSeconds: solveSeconds
        )
    }

    static func solveDecomposed(flowNetwork: SkuFlowNetwork, buckets: [Bucket], workers: Int) throws -> SolvedBuckets {
        let start = ContinuousClock.now
        let solution: CoupledFlowSolution
        do {
            solution = try CoupledFlowSolver.solve(flowNetwork.problem, workers: workers)
        } catch let error as FlowError {
            throw AllocationError(error.message)
        }
        let solveSeconds = seconds(since: start)
        let (shipped, unfilled) = flowNetwork.shipments(from: solution, bucketCount: buckets.count)
        let arcCount = flowNetwork.problem.components.reduce(0) { $0 + $1.arcs.count }
        let nodeCount = flowNetwork.problem.components.reduce(0) { $0 + $1.supply.count }
        return SolvedBuckets(
            shipped: shipped,
            unfilled: unfilled,
            objective: solution.objective,
            couplingPrices: solution.couplingPrices,
            flowUnits: solution.flowUnits,
            statistics: solution.statistics,
            variableCount: arcCount,
            constraintCount: nodeCount + flowNetwork.problem.couplingCapacityUnits.count,
            solveSeconds: solveSeconds
        )
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = start.duration(to: .now).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
    }

    /// The model's objective recomputed from per-line results, summed in the results' order:
    /// sum quantity * (cost_per_unit + miss penalty when transit_days > 1)
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
            total += Double(line.quantity) * (line.costPerUnit + missPenalty)
        }
        for line in unfilled {
            let weight = settings.priorityWeight(dataSet.orders[line.orderIndex].priority)
            total += Double(line.quantity) * settings.unfilledPenaltyPerUnit * weight
        }
        return total
    }

    /// Whole units per column. The LP is totally unimodular (see `BucketProgram`), so a basic optimum
    /// is integral; a value further than 1e-6 from an integer means something is wrong, not noise.
    static func integralUnits(_ values: [Double]) throws -> [Int] {
        try values.enumerated().map { column, value in
            let rounded = value.rounded()
            guard abs(value - rounded) < 1e-6, rounded >= 0 else {
                throw AllocationError("LP column \(column) has the non-integral or negative value \(value)")
            }
            return Int(rounded)
        }
    }
}
