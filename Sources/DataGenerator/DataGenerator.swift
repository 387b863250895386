import Foundation
import PlannerCore

/// A realistic, deterministic synthetic data set for the planner: the same ``GeneratorSpec`` gives
/// the same ``DataSet`` and byte-identical files on every run and platform.
///
/// Randomness comes only from ``SeededRandom`` (xoshiro256** seeded by SplitMix64), one stream per
/// part of the data set, with samplers written here (Box-Muller normal, Marsaglia-Tsang gamma, Knuth
/// and PTRS Poisson). What the data looks like:
/// - SKUs: IDs `SKU-000001`..., ten categories, unit price log-normal around the category median,
///   unit cost 40-70% of price, holding rate 0.15-0.30 a year, order cost 20-150, pack size from
///   {1, 1, 1, 6, 12, 24}, MOQ a multiple of the pack; about 5% of names contain a comma or a quote; a unit's
///   weight and volume by category (``UnitDimensions``, its own stream).
/// - Demand: 20% smooth high-volume, 20% seasonal with trend, 35% intermittent (3-20% of days sell
///   1-3 units), 15% lumpy (1-4% of days, 10-60 units on average, one region), 10% new (history
///   starts within the last 60 days). Levels are log-normal, so popularity is Pareto-like and ABC by
///   revenue comes out near 20/30/50 by count. All SKUs follow a weekly profile (weekend higher),
///   a Black Friday week at x2-x4 after a x0.85 dip the week before, December x1.2 (see
///   ``RetailCalendar``). Each SKU splits its demand over regions by uneven global shares times
///   per-SKU noise.
/// - Regions `R01`... are German cities; warehouses `WH01`...: about 75% regional with next-day lanes
///   (transit 1) to their 1-3 nearest regions and 2-3 day lanes to 2-5 more, capacity sized from the
///   expected units a day they serve (one in four tight), the rest cloud (at least one when there are
///   two or more) with 2-3 day, dearer lanes to every region; the first cloud is unlimited. Every
///   region has a lane; one lane per (warehouse, region); carriers DHL, DPD, GLS, UPS.
/// - Events: `events.csv` names every planted retail-calendar day (``RetailEvent``, with its factor)
///   of every calendar year of the history and of the year after `endDate`, for all SKUs and regions,
///   so a forecast made on `endDate` sees the coming peak.
/// - Returns: `returns.csv`, see ``ReturnsGenerator`` (its own stream: the other files do not depend on it).
/// - Stock, orders and suppliers: see ``StockGenerator``, ``OrderGenerator``, ``SupplierGenerator``; about
///   40% of the long tail (the half of the SKUs with the lowest expected revenue) allow drop-shipping on
///   their primary offer (``DropShipSelection``, its own stream: the other files do not depend on it).
///   Orders `ORD-0000001`...: 90% dated `endDate - 1` or `endDate`, 10% `endDate + 1`. In the files a
///   priority-2 line whose order number is divisible by 7 has an empty priority (which means 2).
/// Money is rounded to cents, rates to hundredths and lead-time SDs to tenths in the data set itself,
/// so the written files read back to exactly the same values.
public enum DataGenerator {
    /// Generates the data set of `spec`. A spec with ``GeneratorSpec/problems`` is a programming error
    /// here; validate it first or use ``generate(validating:)``.
    public static func generate(_ spec: GeneratorSpec) -> DataSet {
        generate(spec, demandWorkerCount: ProcessInfo.processInfo.activeProcessorCount)
    }

    /// `demandWorkerCount` threads draw the demand history; the data set is the same for any count.
    static func generate(_ spec: GeneratorSpec, demandWorkerCount: Int) -> DataSet {
        precondition(spec.problems.isEmpty, "invalid generator spec: \(spec.problems.joined(separator: "; "))")
        func stream(_ part: UInt64) -> SeededRandom { SeededRandom(seed: spec.seed, stream: part) }

        var catalogRandom = stream(1)
        let skus = UnitDimensions.assign(
            to: CatalogGenerator.makeSKUs(count: spec.skuCount, random: &catalogRandom),
            seed: spec.seed
        )

        var modelRandom = stream(2)
        let models = (0..<spec.skuCount).map { _ in
            SKUDemandModel.make(endDate: spec.endDate, historyDays: spec.historyDays, random: &modelRandom)
        }
        let expectedUnitsPerDay = models.map(\.expectedUnitsPerDay)

        var regionRandom = stream(3)
        let layout = NetworkGenerator.makeRegions(count: spec.regionCount, random: &regionRandom)
        var splitRandom = stream(4)
        let regionSplit = RegionSplit(
            globalShares: layout.globalShares,
            skuCount: spec.skuCount,
            random: &splitRandom
        )

        var orderRandom = stream(5)
        let orders = OrderGenerator.makeOrders(
            lineCount: spec.orderCount,
            skuCount: spec.skuCount,
            skuWeights: expectedUnitsPerDay,
            regionShares: layout.globalShares,
            endDate: spec.endDate,
            random: &orderRandom
        )

        // Outbound units a day per region: the larger of expected demand and open order units per day.
        var regionUnitsPerDay = [Double](repeating: 0, count: spec.regionCount)
        for sku in 0..<spec.skuCount {
            for region in 0..<spec.regionCount {
                regionUnitsPerDay[region] += expectedUnitsPerDay[sku] * regionSplit.share(sku: sku, region: region)
            }
        }
        var openOrderUnits = [Double](repeating: 0, count: spec.regionCount)
        for line in orders where line.orderDate <= spec.endDate {
            openOrderUnits[line.regionIndex] += Double(line.quantity)
        }
        // One allocation run on the plan date releases every open line (yesterday's and today's), so
        // outbound capacity is sized on that whole backlog, not on half of it.
        for region in 0..<spec.regionCount {
            regionUnitsPerDay[region] = max(regionUnitsPerDay[region], openOrderUnits[region])
        }

        var networkRandom = stream(6)
        let network = NetworkGenerator.makeWarehouses(
            count: spec.warehouseCount,
            layout: layout,
            regionUnitsPerDay: regionUnitsPerDay,
            random: &networkRandom
        )

        var stockRandom = stream(7)
        let stock = StockGenerator.makeStock(
            skus: skus,
            expectedUnitsPerDay: expectedUnitsPerDay,
            regionSplit: regionSplit,
            warehouses: network.warehouses,
            lanes: network.lanes,
            random: &stockRandom
        )

        var supplierRandom = stream(8)
        let offers = SupplierGenerator.makeOffers(
            skus: skus,
            expectedUnitsPerDay: expectedUnitsPerDay,
            random: &supplierRandom
        )
        let suppliers = DropShipSelection.mark(
            offers,
            allowed: DropShipSelection.allowsDropShip(
                skus: skus,
                expectedUnitsPerDay: expectedUnitsPerDay,
                seed: spec.seed
            )
        )

        let demand = DemandGenerator(
            models: models,
            regionSplit: regionSplit,
            firstDay: spec.firstHistoryDay,
            endDate: spec.endDate,
            seed: spec.seed
        ).generate(workerCount: demandWorkerCount)

        let events = RetailEvent.calendarEvents(years: spec.firstHistoryDay.civil.year...spec.endDate.civil.year + 1)
        let returns =
            spec.includesReturns
            ? ReturnsGenerator.makeReturns(skus: skus, demand: demand, endDate: spec.endDate, seed: spec.seed) : []

        return DataSet(
            skus: skus,
            regions: layout.regions,
            warehouses: network.warehouses,
            lanes: network.lanes,
            stock: stock,
            demand: demand,
            orders: orders,
            suppliers: suppliers,
            events: events,
            returns: returns
        )
    }

    /// Generates after checking the spec; throws ``GeneratorSpecError`` listing every problem.
    public static func generate(validating spec: GeneratorSpec) throws -> DataSet {
        let problems = spec.problems
        guard problems.isEmpty else { throw GeneratorSpecError(problems: problems) }
        return generate(spec)
    }

    /// Writes any data set as the CSV files of the data contract (skus, regions, warehouses, lanes, stock,
    /// demand, orders, suppliers, events, and returns when it has any), creating `directory` if needed. Throws
    /// ``DataWriteError`` naming the file that failed.
    public static func write(_ dataSet: DataSet, to directory: String) throws {
        try DataSetWriter.write(dataSet, to: directory)
    }

    /// The names of the files ``write(_:to:)`` creates.
    public static let fileNames = DataSetWriter.fileNames
}
