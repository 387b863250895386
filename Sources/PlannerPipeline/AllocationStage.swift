import Allocation
import Logging
import PlannerCore

/// The allocation stage: picks the model and solver path from the settings and the horizon.
///
/// - one day, `split_shipments` set: the split-shipment MIP (GLPK `glp_intopt`, small runs only);
/// - one day: the bucketed LP or the SKU decomposition (`OrderAllocator`, `allocation.solver`);
/// - several days: the time-expanded network (`MultiDayAllocator`), by decomposition or as one LP.
/// Capacities are those of each day with the scenario's `warehouse_capacity` events applied.
struct AllocationStage {
    var dataSet: DataSet
    var scenario: Scenario
    var startDay: Day
    var days: Int
    var settings: AllocationSettings

    func run(arrivals: [StockArrival], _ times: inout StageTimes, _ logger: Logger) throws -> AllocationResult {
        let progress = StageProgress.current
        progress?.begin("allocate", total: nil, unit: "lines")
        let result = try times.measure("allocate") { try allocate(arrivals: arrivals, logger) }
        progress?.end(done: result.allocated.count + result.unfilled.count)
        logger.info(
            "allocated open orders",
            metadata: [
                "days": "\(days)", "allocated_units": "\(result.allocatedUnits)",
                "unfilled_units": "\(result.unfilledUnits)", "objective": "\(result.objective)",
                "status": "\(result.solverStatus)", "solver": "\(result.solverPath)",
                "iterations": "\(result.flowStatistics.iterations)", "solve_seconds": "\(result.solveSeconds)",
            ]
        )
        return result
    }

    func allocate(arrivals: [StockArrival], _ logger: Logger) throws -> AllocationResult {
        if days > 1 {
            guard settings.splitShipments == nil else {
                throw AllocationError("split_shipments (the integer mode) plans a single day; drop it or --days")
            }
            let useLP = settings.solver == .linearProgram
            var result = try MultiDayAllocator.allocate(
                dataSet: dataSet,
                startDay: startDay,
                days: days,
                capacityUnits: MultiDayAllocator.capacityUnits(
                    scenario: scenario,
                    dataSet: dataSet,
                    startDay: startDay
                ),
                arrivals: arrivals,
                settings: settings
            ) { problem in
                if useLP { return try FlowLinearProgram.solve(problem) }
                do {
                    return try CoupledFlowSolver.solve(problem, workers: OrderAllocator.defaultWorkerCount)
                } catch let error as AllocationError {
                    // The time-expanded LP is not totally unimodular: when the decomposition's recovery meets
                    // a fractional vertex it cannot branch on, the whole problem goes to GLPK's MIP instead.
                    logger.warning(
                        "multi-day decomposition fell back to the full model",
                        metadata: ["reason": "\(error.message)"]
                    )
                    return try FlowLinearProgram.solve(problem)
                }
            }
            result.solverPath = useLP ? "multi_day_lp" : "multi_day_decomposition"
            return result
        }
        var dayData = dataSet
        for index in dayData.warehouses.indices {
            dayData.warehouses[index].dailyCapacityUnits = scenario.capacityUnits(
                of: dataSet.warehouses[index],
                on: startDay
            )
        }
        let open = dataSet.orders.indices.filter { dataSet.orders[$0].orderDate <= startDay }
        if let splitShipments = settings.splitShipments {
            let split = try SplitShipmentAllocator.allocate(
                dataSet: dayData,
                openOrderIndices: open,
                settings: settings,
                splitShipments: splitShipments
            )
            var result = split.allocation
            result.solverPath = "integer"
            result.mipGap = split.relativeGap
            return result
        }
        return try OrderAllocator.allocate(dataSet: dayData, openOrderIndices: open, settings: settings)
    }

    /// Planned supplier orders arriving within the horizon, as stock arriving at the start of their day.
    /// Orders without an arrival date (drop-ship) and arrivals on the start day or after the horizon are
    /// left out: what arrives on day 0 is not on hand when the day's trucks are loaded.
    static func arrivals(
        from orders: [(warehouseIndex: Int, skuIndex: Int, arrival: Day?, units: Int)],
        startDay: Day,
        days: Int
    )
        -> [StockArrival]
    {
        orders.compactMap { order in
            guard let arrival = order.arrival, order.units > 0 else { return nil }
            let offset = startDay.days(to: arrival)
            guard offset >= 1, offset < days else { return nil }
            return StockArrival(
                warehouseIndex: order.warehouseIndex,
                skuIndex: order.skuIndex,
                dayOffset: offset,
                units: order.units
            )
        }
    }
}
