import PlannerCore

/// A generated peak day for the allocation benchmark: a data set whose order lines are all open.
public struct AllocationInstance: Sendable {
    /// No demand history, no suppliers, no events: only what the allocator reads.
    public var dataSet: DataSet
    /// Every order line, `0..<dataSet.orders.count`: all are dated on the allocation day.
    public var openOrderIndices: [Int]
    /// The popularity the lines were drawn from (tests check the long tail against it).
    var popularity: SKUPopularity
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
        let popularity = SKUPopularity(skuCount: spec.skuCount, random: &popularityRandom)
        var regionRandom = stream(3)
        let layout = NetworkGenerator.makeRegions(count: spec.regionCount, random: &regionRandom)
        var networkRandom = stream(4)
        var network = PeakNetworkGenerator.makeWarehouses(
            regionalCount: spec.regionalWarehouseCount,
            cloudCount: spec.cloudWarehouseCount,
            layout: layout,
            random: &networkRandom
        )

        var orderRandom = stream(5)
        var orders = OrderGenerator.makeOrders(
            lineCount: spec.lineCount,
            skuCount: spec.skuCount,
            skuWeights: popularity.lineShareBySKU,
            regionShares: layout.globalShares,
            endDate: spec.allocationDay,
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
        return AllocationInstance(dataSet: dataSet, openOrderIndices: Array(orders.indices), popularity: popularity)
    }

    /// Generates after checking the spec; throws ``GeneratorSpecError`` listing every problem.
    public static func generate(validating spec: AllocationInstanceSpec) throws -> AllocationInstance {
        let problems = spec.problems
        guard problems.isEmpty else { throw GeneratorSpecError(problems: problems) }
        return generate(spec)
    }
}
