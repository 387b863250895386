import Foundation
import PlannerCore

/// A generated peak day for the allocation benchmark: a data set whose order lines are all open.
public struct AllocationInstance: Sendable {
    /// No demand history, no suppliers, no events: only what the allocator reads.
    public var dataSet: DataSet
    /// Every order line, `0..<dataSet.orders.count`: all are dated on the allocation day.
    public var openOrderIndices: [Int]
    /// The popularity the lines were drawn from (tests check the long tail against it).
    var popularity: SKUPopularity
    /// The unfilled-penalty multipliers per priority the day is meant to be allocated with.
    public var priorityWeights: [Int: Double]
}

/// Generates allocation instances in memory, deterministically from ``AllocationInstanceSpec``.
///
/// Reuses the data generator's pieces: SKUs from the catalog generator, regions on the map of German
/// cities with Gamma(1.5) demand shares, order lines from ``OrderGenerator`` (1-5 lines per order,
/// priority 1 for 10% of orders and 3 for 20%, quantities mostly 1-5, one region per order) but
/// picking SKUs by a Zipf-Mandelbrot popularity (``SKUPopularity``) and all dated on the allocation
/// day. The network is ``PeakNetworkGenerator``'s, stock ``PeakStockGenerator``'s. Each part draws
/// from its own seeded stream, so the catalog, network and popularity are the same for every line
/// count and stock and capacities scale with it.
public enum AllocationInstanceGenerator {
    /// Generates the instance of `spec`; a spec with ``AllocationInstanceSpec/problems`` is a
    /// programming error here, check them first or use ``generate(validating:)``.
    public static func generate(_ spec: AllocationInstanceSpec) -> AllocationInstance {
        precondition(spec.problems.isEmpty, "invalid instance spec: \(spec.problems.joined(separator: "; "))")
        // Streams 101 and up: unrelated to the planner data set's streams 1-8.
        func stream(_ part: UInt64) -> SeededRandom { SeededRandom(seed: spec.seed, stream: 100 + part) }

        var catalogRandom = stream(1)
        let skus = CatalogGenerator.makeSKUs(count: spec.skuCount, random: &catalogRandom)
        var popularityRandom = stream(2)
        let shape = spec.shape
        let popularity = SKUPopularity(
            skuCount: spec.skuCount,
            exponent: shape.popularity.exponent,
            offset: shape.popularity.offset,
            random: &popularityRandom
        )
        var regionRandom = stream(3)
        let layout = NetworkGenerator.makeRegions(count: spec.regionCount, random: &regionRandom)
        var networkRandom = stream(4)
        var network = PeakNetworkGenerator.makeWarehouses(
            regionalCount: spec.regionalWarehouseCount,
            cloudCount: spec.cloudWarehouseCount,
            layout: layout,
            random: &networkRandom
        )
        if let grid = shape.laneCostGrid {
            for index in network.lanes.indices {
                network.lanes[index].costPerUnit = max(grid, (network.lanes[index].costPerUnit / grid).rounded() * grid)
            }
        }

        var orderRandom = stream(5)
        var orders = OrderGenerator.makeOrders(
            lineCount: spec.lineCount,
            skuCount: spec.skuCount,
            skuWeights: popularity.lineShareBySKU,
            regionShares: layout.globalShares,
            endDate: spec.allocationDay,
            priorityThresholds: shape.priorityThresholds,
            random: &orderRandom
        )
        var regionUnits = [Int](repeating: 0, count: spec.regionCount)
        for index in orders.indices {
            orders[index].orderDate = spec.allocationDay
            regionUnits[orders[index].regionIndex] += orders[index].quantity
        }

        var capacityRandom = stream(6)
        let capacities = PeakNetworkGenerator.capacities(
            regionalCount: spec.regionalWarehouseCount,
            cloudCount: spec.cloudWarehouseCount,
            lanes: network.lanes,
            regionUnits: regionUnits,
            allRegionalTight: shape.capacity.allRegionalTight,
            cloudShare: shape.capacity.cloudShare,
            random: &capacityRandom
        )
        for index in network.warehouses.indices {
            network.warehouses[index].dailyCapacityUnits = capacities[index]
        }

        var stockRandom = stream(7)
        let stock = PeakStockGenerator.makeStock(
            lineCount: spec.lineCount,
            popularity: popularity,
            regionalCount: spec.regionalWarehouseCount,
            cloudCount: spec.cloudWarehouseCount,
            lanes: network.lanes,
            regionShares: layout.globalShares,
            stockFactor: shape.stockFactor,
            random: &stockRandom
        )

        let dataSet = DataSet(
            skus: skus,
            regions: layout.regions,
            warehouses: network.warehouses,
            lanes: network.lanes,
            stock: stock,
            demand: DemandHistory(),
            orders: orders,
            suppliers: []
        )
        return AllocationInstance(
            dataSet: dataSet,
            openOrderIndices: Array(orders.indices),
            popularity: popularity,
            priorityWeights: shape.priorityWeights
        )
    }

    /// Generates after checking the spec; throws ``GeneratorSpecError`` listing every problem.
    public static func generate(validating spec: AllocationInstanceSpec) throws -> AllocationInstance {
        let problems = spec.problems
        guard problems.isEmpty else { throw GeneratorSpecError(problems: problems) }
        return generate(spec)
    }
}

extension AllocationInstance {
    /// Writes the day as a planner data set, `directory/data/*.csv` (the nine files of the data contract),
    /// and `directory/scenario.yaml`, a scenario planning `allocationDay` with the day's priority weights, so
    /// that `planner allocate directory/scenario.yaml` and the OR-Tools peer (`docs/peers/`) read the same
    /// instance.
    public func write(to directory: String, name: String, allocationDay: Day) throws {
        try DataGenerator.write(dataSet, to: (directory as NSString).appendingPathComponent("data"))
        let weights = priorityWeights.keys.sorted().map { "\($0): \(CSVField.decimal(priorityWeights[$0]!))" }
        let scenario = """
            # A generated allocation day (planner-bench allocate --export); every order line is open on plan_date.
            name: \(name)
            data: data
            plan_date: \(allocationDay)
            horizon_days: 1
            overrides:
              allocation:
                priority_weights: {\(weights.joined(separator: ", "))}

            """
        let path = (directory as NSString).appendingPathComponent("scenario.yaml")
        do {
            try scenario.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw DataWriteError(path: path, message: "cannot write: \(error.localizedDescription)")
        }
    }
}
