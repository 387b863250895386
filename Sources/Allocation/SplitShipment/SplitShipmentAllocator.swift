import GLPK
import PlannerCore

/// Allocates open order lines with a fixed cost per extra shipment (the split-shipment integer mode): the
/// per-order MIP of `SplitShipmentProgram`, solved with GLPK's `glp_intopt` within a time
/// limit, for small runs only.
///
/// Steps: the LP allocation (`Allocator`), whose optimum is a lower bound (a fixed cost >= 0 only
/// adds to any plan's cost); its lines charged their extra shipments, a feasible plan; that plan with
/// split orders consolidated (`ShipmentConsolidation`); then, unless the plan already meets the bound
/// (an exact shortcut: nothing costs less), GLPK's search started from it (`glp_ios_heur_sol`), whose
/// incumbent replaces it only if cheaper. So the plan returned never costs more than the LP plan, and
/// the bound is the tighter of the LP optimum and GLPK's best bound.
public enum SplitShipmentAllocator {
    /// - Parameters:
    ///   - openOrderIndices: indices into `dataSet.orders` of the lines to allocate.
    ///   - settings: the LP's costs (lane costs, next-day miss penalty, unfilled penalty by priority).
    ///   - splitShipments: the fixed cost per extra shipment (finite, >= 0), the search's time limit
    ///     (finite, > 0 seconds) and the largest run accepted (`maxLines`).
    /// - Throws: `AllocationError` on invalid input, a run above `maxLines`, or a solver failure.
    /// Deterministic when the search finishes within the time limit; a search stopped by the clock
    /// returns whatever it had, which depends on the machine's speed.
    public static func allocate(
        dataSet: DataSet,
        openOrderIndices: [Int],
        settings: AllocationSettings,
        splitShipments: SplitShipmentSettings
    ) throws -> SplitShipmentResult {
        try allocate(
            dataSet: dataSet,
            openOrderIndices: openOrderIndices,
            settings: settings,
            splitShipments: splitShipments,
            strategy: Strategy()
        )
    }

    /// Which exact shortcut and which heuristic run; tests switch them off to check them against the
    /// plain search.
    struct Strategy {
        /// Return the seed without searching when it meets the LP bound (exact: nothing costs less).
        var shortcut = true
        /// Improve the LP plan with `ShipmentConsolidation` before the search.
        var consolidate = true
        /// Hand the plan to GLPK as its first incumbent.
        var seedSearch = true

        /// GLPK's search alone, from no incumbent: the reference the shortcuts are tested against.
        static let plainSearch = Strategy(shortcut: false, consolidate: false, seedSearch: false)
    }

    static func allocate(
        dataSet: DataSet,
        openOrderIndices: [Int],
        settings: AllocationSettings,
        splitShipments: SplitShipmentSettings,
        strategy: Strategy
    ) throws -> SplitShipmentResult {
        let fixedCost = splitShipments.fixedCostPerExtraShipment
        guard fixedCost.isFinite, fixedCost >= 0 else {
            throw AllocationError(
                "allocation.split_shipments.fixed_cost_per_extra_shipment \(fixedCost) is not a finite amount >= 0"
            )
        }
        guard splitShipments.timeLimitSeconds.isFinite, splitShipments.timeLimitSeconds > 0 else {
            throw AllocationError(
                "allocation.split_shipments.time_limit_seconds \(splitShipments.timeLimitSeconds) is not > 0"
            )
        }
        guard openOrderIndices.count <= splitShipments.maxLines else {
            throw AllocationError(
                "the split-shipment integer mode is for small runs: \(openOrderIndices.count) open order lines "
                    + "exceed allocation.split_shipments.max_lines = \(splitShipments.maxLines); allocate fewer "
                    + "lines per run or drop the integer mode (the LP allocation reports split orders without it)"
            )
        }
        guard settings.nextDayShareTarget?.enforce != true else {
            throw AllocationError(
                "the split-shipment integer mode cannot enforce the next-day share target as a side constraint; "
                    + "drop allocation.split_shipments or the enforcement"
            )
        }
        let start = ContinuousClock.now
        // The plain LP (no side constraint, no split mode) is the bound and the seed. It also validates
        // the data (indices, quantities, lanes, costs, stock) before any model is built.
        var linearSettings = settings
        linearSettings.splitShipments = nil
        linearSettings.nextDayShareTarget = nil
        let linear = try Allocator.allocate(
            dataSet: dataSet,
            openOrderIndices: openOrderIndices,
            settings: linearSettings
        )
        let lowerBound = linear.objective
        let linearCounts = ShipmentCounts(allocated: linear.allocated, dataSet: dataSet)
        if strategy.shortcut && (linearCounts.extraShipments == 0 || fixedCost == 0) {
            return result(
                allocated: linear.allocated,
                unfilled: linear.unfilled,
                counts: linearCounts,
                objective: linear.objective + fixedCost * Double(linearCounts.extraShipments),
                source: .linearProgram,
                optimal: true,
                bound: lowerBound,
                linear: linear,
                fixedCost: fixedCost,
                model: nil,
                returnCode: nil,
                solveSeconds: seconds(since: start)
            )
        }

        let network = try AllocationNetwork(dataSet: dataSet, settings: settings)
        let program = SplitShipmentProgram(
            dataSet: dataSet,
            openOrderIndices: openOrderIndices,
            network: network,
            settings: settings,
            fixedCostPerExtraShipment: fixedCost
        )
        func plan(_ units: [Int]) throws -> SplitShipmentPlan {
            try SplitShipmentPlan(
                shipmentUnits: units,
                program: program,
                dataSet: dataSet,
                network: network,
                settings: settings,
                fixedCost: fixedCost
            )
        }
        func isBelow(_ cost: Double, _ reference: Double) -> Bool {
            cost < reference - 1e-9 * max(1, abs(reference))
        }
        guard let linearUnits = program.shipmentUnits(allocated: linear.allocated) else {
            throw AllocationError("the LP allocation does not fit the split-shipment model")
        }
        var seed = try plan(linearUnits)
        var seedSource = SplitShipmentPlanSource.linearProgram
        if strategy.consolidate {
            let units = ShipmentConsolidation.improve(
                shipmentUnits: linearUnits,
                program: program,
                dataSet: dataSet,
                network: network,
                fixedCost: fixedCost
            )
            let consolidated = try plan(units)
            if isBelow(consolidated.objective, seed.objective) {
                seed = consolidated
                seedSource = .consolidation
            }
        }
        let model = (columns: program.columnCount, rows: program.rowCount)
        if strategy.shortcut && !isBelow(lowerBound, seed.objective) {
            return result(
                plan: seed,
                source: seedSource,
                optimal: true,
                bound: lowerBound,
                linear: linear,
                fixedCost: fixedCost,
                model: model,
                returnCode: nil,
                solveSeconds: seconds(since: start)
            )
        }

        // Presolver off: the wrapper then solves the LP relaxation first (its optimum is a bound even if
        // the clock stops the search at once), the time limit covers the whole solve, and the seed can be
        // handed to GLPK as its first incumbent (the presolver would renumber the columns).
        let options = IntegerOptions(
            timeLimitMilliseconds: Int(min((splitShipments.timeLimitSeconds * 1000).rounded(.up), 2e9)),
            presolve: false,
            initialSolution: strategy.seedSearch ? program.columnValues(shipmentUnits: seed.shipmentUnits) : nil
        )
        let (search, values) = try program.solve(options)
        switch search.status {
        case .optimal, .feasible, .noFeasibleSolutionFound: break
        case .infeasible, .unbounded:
            // u[l] = q_l with every other column 0 is feasible, and every column is bounded.
            throw AllocationError(
                "GLPK reported the split-shipment model \(search.status.rawValue); it is feasible and bounded"
            )
        }
        var chosen = seed
        var source = seedSource
        if let values, let incumbentObjective = search.objective {
            let incumbent = try plan(program.shipmentUnits(columnValues: values))
            // Recomputed from the lines; a y set without units can only make GLPK's figure larger.
            guard !isBelow(incumbentObjective, incumbent.objective) else {
                throw AllocationError(
                    "the split-shipment plan costs \(incumbent.objective), more than GLPK's objective "
                        + "\(incumbentObjective)"
                )
            }
            if isBelow(incumbent.objective, seed.objective) {
                chosen = incumbent
                source = .integerProgram
            }
        }
        let bound = max(lowerBound, search.bestBound ?? lowerBound)
        return result(
            plan: chosen,
            source: source,
            optimal: search.status == .optimal || !isBelow(bound, chosen.objective),
            bound: bound,
            linear: linear,
            fixedCost: fixedCost,
            model: model,
            returnCode: search.returnCode?.name,
            solveSeconds: seconds(since: start)
        )
    }

    private static func result(
        plan: SplitShipmentPlan,
        source: SplitShipmentPlanSource,
        optimal: Bool,
        bound: Double,
        linear: AllocationResult,
        fixedCost: Double,
        model: (columns: Int, rows: Int)?,
        returnCode: String?,
        solveSeconds: Double
    ) -> SplitShipmentResult {
        result(
            allocated: plan.allocated,
            unfilled: plan.unfilled,
            counts: plan.counts,
            objective: plan.objective,
            source: source,
            optimal: optimal,
            bound: bound,
            linear: linear,
            fixedCost: fixedCost,
            model: model,
            returnCode: returnCode,
            solveSeconds: solveSeconds
        )
    }

    private static func result(
        allocated: [AllocatedLine],
        unfilled: [UnfilledLine],
        counts: ShipmentCounts,
        objective: Double,
        source: SplitShipmentPlanSource,
        optimal: Bool,
        bound: Double,
        linear: AllocationResult,
        fixedCost: Double,
        model: (columns: Int, rows: Int)?,
        returnCode: String?,
        solveSeconds: Double
    ) -> SplitShipmentResult {
        let status: SplitShipmentStatus = optimal ? .optimal : .feasible
        let bestBound = optimal ? objective : min(bound, objective)
        let allocation = AllocationResult(
            allocated: allocated,
            unfilled: unfilled,
            objective: objective,
            solverStatus: status,
            solveSeconds: solveSeconds,
            variableCount: model?.columns ?? linear.variableCount,
            constraintCount: model?.rows ?? linear.constraintCount,
            bucketCount: linear.bucketCount
        )
        var integerAllocation = allocation
        integerAllocation.solverPath = .integer
        integerAllocation.mipGap = optimal ? 0 : IntegerSolveResult.relativeGap(objective: objective, bound: bestBound)
        return SplitShipmentResult(
            allocation: integerAllocation,
            status: status,
            source: source,
            objective: objective,
            bestBound: bestBound,
            relativeGap: optimal ? 0 : IntegerSolveResult.relativeGap(objective: objective, bound: bestBound),
            linearProgramObjective: linear.objective,
            fixedShipmentCost: fixedCost * Double(counts.extraShipments),
            counts: counts,
            solverReturnCode: returnCode
        )
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = start.duration(to: ContinuousClock.now).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
    }
}
