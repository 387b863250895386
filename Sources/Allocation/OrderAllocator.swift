import PlannerCore

/// Allocates open order lines to warehouses with the allocation LP (docs/allocation-model.md):
///
/// minimise sum x[o,w] * (cost_per_unit[w,r] + (transit_days[w,r] > 1 ? next_day_miss_penalty_per_unit : 0))
///        + sum u[o] * unfilled_penalty_per_unit * priority_weight[p]
/// subject to sum_w x[o,w] + u[o] = q[o] for every line, units of s from w <= on_hand[w,s], units from
/// w <= daily_capacity_units[w] (when set), x, u >= 0. Solved over (sku, region, priority) buckets,
/// which is exact (see `Bucket`), then split back to lines in whole units.
public enum OrderAllocator {
    /// - Parameter openOrderIndices: indices into `dataSet.orders` of the lines to allocate.
    /// - Throws: `AllocationError` on invalid input, a non-optimal solver status, or a fractional solution.
    public static func allocate(
        dataSet: DataSet,
        openOrderIndices: [Int],
        settings: AllocationSettings
    ) throws -> AllocationResult {
        let network = try AllocationNetwork(dataSet: dataSet, settings: settings)
        let buckets = try Bucket.buckets(dataSet: dataSet, openOrderIndices: openOrderIndices, settings: settings)
        let program = BucketProgram(buckets: buckets, network: network, skuCount: dataSet.skus.count)

        var values: [Double] = []
        var lpObjective = 0.0
        var solveSeconds = 0.0
        if !buckets.isEmpty {
            let clock = ContinuousClock()
            let start = clock.now
            (values, lpObjective) = try program.solve()
            let elapsed = start.duration(to: clock.now).components
            solveSeconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
        }
        let units = try integralUnits(values)
        for (bucketIndex, bucket) in buckets.enumerated() {
            let arcs = program.arcs[program.arcStartByBucket[bucketIndex]..<program.arcStartByBucket[bucketIndex + 1]]
            let shipped = arcs.reduce(0) { $0 + units[$1.column] }
            guard shipped + units[program.unfilledColumnByBucket[bucketIndex]] == bucket.quantity else {
                throw AllocationError("bucket \(bucketIndex): shipped plus unfilled units differ from its quantity")
            }
        }

        let split = Disaggregation(
            dataSet: dataSet,
            buckets: buckets,
            program: program,
            network: network,
            unitsByColumn: units
        )
        let objective = modelObjective(
            allocated: split.allocated,
            unfilled: split.unfilled,
            dataSet: dataSet,
            settings: settings
        )
        // The split keeps every unit at its bucket's cost, so both objectives agree up to rounding.
        guard abs(objective - lpObjective) <= 1e-6 * max(1, abs(lpObjective)) else {
            throw AllocationError("objective of the lines \(objective) differs from the LP's \(lpObjective)")
        }
        return AllocationResult(
            allocated: split.allocated,
            unfilled: split.unfilled,
            objective: objective,
            solverStatus: "optimal",
            solveSeconds: solveSeconds,
            variableCount: program.columnCount,
            constraintCount: program.rowCount,
            bucketCount: buckets.count
        )
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
