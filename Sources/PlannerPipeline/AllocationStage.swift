import Allocation
import Flow
import Logging
import PlannerCore

/// The allocation stage: one `Allocator` for every horizon, which picks the solver path from the settings
/// and falls back on its own; the split-shipment MIP (GLPK `glp_intopt`, one day, small runs) when
/// `split_shipments` is set. Capacities are those of each day with the scenario's `warehouse_capacity`
/// events applied.
struct AllocationStage {
    var dataSet: DataSet
    var scenario: Scenario
    var startDay: Day
    var days: Int
    var settings: AllocationSettings

    func run(arrivals: [StockArrival], _ times: inout StageTimes, _ logger: Logger) throws -> AllocationResult {
        let progress = StageProgress.current
        progress?.begin("allocate", total: nil, unit: "lines")
        let result = try times.measure("allocate") { try allocate(arrivals: arrivals) }
        progress?.end(done: result.allocated.count + result.unfilled.count)
        if let reason = result.fallbackReason {
            logger.warning("the decomposition fell back to the full model", metadata: ["reason": "\(reason)"])
        }
        logger.info(
            "allocated open orders",
            metadata: [
                "days": "\(days)", "allocated_units": "\(result.allocatedUnits)",
                "unfilled_units": "\(result.unfilledUnits)", "objective": "\(result.objective)",
                "status": "\(result.solverStatus.rawValue)", "solver": "\(result.solverPath.rawValue)",
                "iterations": "\(result.flowStatistics.iterations)", "solve_seconds": "\(result.solveSeconds)",
            ]
        )
        return result
    }

    func allocate(arrivals: [StockArrival]) throws -> AllocationResult {
        let capacity = Allocator.capacityUnits(scenario: scenario, dataSet: dataSet, startDay: startDay)
        if let splitShipments = settings.splitShipments {
            guard days == 1 else {
                throw AllocationError("split_shipments (the integer mode) plans a single day; drop it or --days")
            }
            var dayData = dataSet
            for index in dayData.warehouses.indices {
                dayData.warehouses[index].dailyCapacityUnits = capacity(index, 0)
            }
            return try SplitShipmentAllocator.allocate(
                dataSet: dayData,
                openOrderIndices: Allocator.openOrderIndices(dataSet: dataSet, startDay: startDay, days: 1),
                settings: settings,
                splitShipments: splitShipments
            ).allocation
        }
        return try Allocator.allocate(
            dataSet: dataSet,
            startDay: startDay,
            days: days,
            capacityUnits: capacity,
            arrivals: arrivals,
            settings: settings
        )
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
