import Forecasting
import InventoryPolicy
import PlannerCore
import Testing

@Suite struct PolicyPlannerTests {
    static let planDate = day("2025-03-03")

    /// W0 is home to R0 and R1 (next-day), W1 to R2; W2 is home to no region.
    /// S0: primaries rank 2 (L 10) and rank 1 (L 4, sd 1), a backup (L 2): the rank-1 primary is used.
    /// S1: backups only, rank 2 (L 7) and rank 1 (L 3, sd 0.5): the rank-1 backup. S2: no supplier.
    static func fixture() -> (DataSet, DemandForecast) {
        let lanes = [
            Lane(warehouseIndex: 0, regionIndex: 0, transitDays: 1, costPerUnit: 1, carrier: "c"),
            Lane(warehouseIndex: 0, regionIndex: 1, transitDays: 1, costPerUnit: 1, carrier: "c"),
            Lane(warehouseIndex: 1, regionIndex: 2, transitDays: 1, costPerUnit: 1, carrier: "c"),
            Lane(warehouseIndex: 2, regionIndex: 2, transitDays: 3, costPerUnit: 0.5, carrier: "c"),
        ]
        let suppliers = [
            offer("far", sku: 0, .primary, rank: 2, leadTimeDays: 10),
            offer("backup", sku: 0, .backup, rank: 1, leadTimeDays: 2),
            offer("main", sku: 0, .primary, rank: 1, leadTimeDays: 4, sdDays: 1),
            offer("b2", sku: 1, .backup, rank: 2, leadTimeDays: 7),
            offer("b1", sku: 1, .backup, rank: 1, leadTimeDays: 3, sdDays: 0.5),
        ]
        // S0 at W0 over the 7 days before the plan date: day -7: 2 (R0); day -3: 4 (R0) + 2 (R1) = 6;
        // other days 0. Rows outside the window or in R2 do not count for W0.
        let rows: [DemandRow] = [
            (0, 0, planDate.adding(days: -7), 2),
            (0, 0, planDate.adding(days: -3), 4),
            (0, 1, planDate.adding(days: -3), 2),
            (0, 0, planDate.adding(days: -8), 100),
            (0, 0, planDate, 100),
            (0, 2, planDate.adding(days: -1), 5),
        ]
        let dataSet = makeDataSet(
            skuIDs: ["S0", "S1", "S2"],
            regionCount: 3,
            warehouseCount: 3,
            lanes: lanes,
            suppliers: suppliers,
            rows: rows
        )
        let forecast = DemandForecast(
            startDay: planDate,
            horizonDays: 4,
            series: [
                SeriesForecast(skuIndex: 0, regionIndex: 0, unitsPerDay: [10, 10, 10, 10], model: "m"),
                SeriesForecast(skuIndex: 0, regionIndex: 1, unitsPerDay: [2, 4, 6, 8], model: "m"),
                SeriesForecast(skuIndex: 0, regionIndex: 2, unitsPerDay: [1, 1, 1, 1], model: "m"),
                SeriesForecast(skuIndex: 1, regionIndex: 2, unitsPerDay: [3, 3, 3, 3], model: "m"),
            ],
            skuForecasts: [
                skuForecast(0, cumulativeErrorSD: [2, 3, 4, 5]),
                skuForecast(1, cumulativeErrorSD: [1, 1, 1, 1]),
            ]
        )
        return (dataSet, forecast)
    }

    static func skuForecast(_ skuIndex: Int, cumulativeErrorSD: [Double]) -> SKUForecast {
        SKUForecast(
            skuIndex: skuIndex,
            demandClass: .smooth,
            averageDemandInterval: 1,
            squaredVariation: 0,
            model: .ses,
            parameters: "",
            backtest: nil,
            cumulativeErrorSD: cumulativeErrorSD,
            unitsPerDay: [],
            upliftPerDay: []
        )
    }

    /// Every class regional and continuous with a cycle service level; `slowMoverUnits` 0 keeps every row on
    /// the normal method unless a test asks for the Poisson threshold.
    static func run(
        slowMoverUnits: Double = 0,
        floorSafetyStock: Bool = false,
        classes: [ABCClass: ClassStrategy] = [.A: ClassStrategy(), .B: ClassStrategy(), .C: ClassStrategy()],
        edit: (inout DataSet) -> Void = { _ in }
    ) -> PolicyPlan {
        var (dataSet, forecast) = fixture()
        edit(&dataSet)
        let configuration = PlannerConfiguration()
        return PolicyPlanner.plan(
            dataSet: dataSet,
            forecast: forecast,
            abc: ABCClassification(classes: [.A, .B, .C], revenue: [3, 2, 1]),
            xyz: XYZClassification(classes: [.X, .Y, .Z], weeklyCV: [0.1, 0.7, nil]),
            settings: PolicySettings(
                floorSafetyStock: floorSafetyStock,
                slowMoverUnits: slowMoverUnits,
                classes: classes
            ),
            serviceLevels: configuration.serviceLevel(for:)
        )
    }

    static func run() -> [InventoryPolicyRecord] { run(slowMoverUnits: 0).records }

    @Test func oneRowPerSKUAndHomeWarehouseSorted() {
        let records = Self.run()
        #expect(
            records.map { [$0.skuIndex, $0.warehouseIndex] } == [[0, 0], [0, 1], [1, 0], [1, 1], [2, 0], [2, 1]]
        )
        #expect(records.allSatisfy { $0.method == .normalCycle && $0.sigmaSource == "forecast_error" })
        #expect(records.map(\.xyzClass) == [.X, .X, .Y, .Y, .Z, .Z])
        #expect(records.allSatisfy { $0.stocking == .regional && !$0.presaleAllowed })
    }

    @Test func handComputedPolicyOfSKU0AtW0() throws {
        let record = try #require(Self.run().first)
        // d = mean of (10+2, 10+4, 10+6, 10+8) = 60 / 4 = 15; the SKU's total adds R2's 1 a day: 16, share 15/16.
        #expect(record.meanDailyDemand == 15)
        // One day: sigma_total(1) = 2: var = (15/16)^2 * 4 + (15/16)(1/16) * 16 * 1 = 3.515625 + 0.9375.
        #expect(abs(record.sdDailyDemand - 4.453125.squareRoot()) < 1e-12)
        #expect(record.leadTimeDays == 4)
        #expect(record.leadTimeSdDays == 1)
        #expect(record.abcClass == .A)
        #expect(record.serviceLevel == 0.98)
        #expect(abs(try #require(record.safetyFactor) - 2.0537489106318225) < 1e-12)
        // L = 4: sigma_total(4) = 5: sigma_e^2 = (15/16)^2 * 25 + (15/16)(1/16) * 16 * 4 = 21.97265625 + 3.75;
        // sigma_LT = sqrt(sigma_e^2 + 15^2 * 1^2).
        let sigma = (21.97265625 + 3.75 + 225).squareRoot()
        #expect(abs(record.sigmaLeadTime - sigma) < 1e-12)
        #expect(abs(record.safetyStock - 2.0537489106318225 * sigma) < 1e-9)
        #expect(abs(record.reorderPoint - (60 + 2.0537489106318225 * sigma)) < 1e-9)
        // EOQ: K = 50, D = 365 * 15 = 5475, h = 0.25 * 10 = 2.5: sqrt(2 * 50 * 5475 / 2.5) = sqrt(219000).
        #expect(abs(record.orderQuantity - 219_000.0.squareRoot()) < 1e-9)
    }

    @Test func otherRowsUseTheirRegionsAndSuppliers() {
        let records = Self.run()
        // S0 at W1: only R2, 1 a day, share 1/16: one day var = (1/16)^2 * 4 + (1/16)(15/16) * 16 = 0.953125.
        #expect(records[1].meanDailyDemand == 1)
        #expect(abs(records[1].sdDailyDemand - 0.953125.squareRoot()) < 1e-12)
        // Over L = 4: (1/16)^2 * 25 + (1/16)(15/16) * 16 * 4 = 3.84765625, plus d^2 sd_L^2 = 1.
        #expect(abs(records[1].sigmaLeadTime - 4.84765625.squareRoot()) < 1e-12)
        // S1: best backup (L 3, sd 0.5); class B at 95%. At W0 there is no demand: SS 0, s 0, EOQ 0.
        #expect(records[2].leadTimeDays == 3 && records[2].leadTimeSdDays == 0.5)
        #expect(records[2].serviceLevel == 0.95)
        #expect(records[2].meanDailyDemand == 0 && records[2].sdDailyDemand == 0)
        #expect(records[2].safetyStock == 0 && records[2].reorderPoint == 0 && records[2].orderQuantity == 0)
        // S1 at W1 holds all of it (share 1): sigma_e(3) = 1; sigma_LT = sqrt(1 + 3^2 * 0.5^2) = sqrt(3.25).
        #expect(abs(records[3].sigmaLeadTime - 3.25.squareRoot()) < 1e-12)
        #expect(abs(records[3].reorderPoint - (9 + 1.6448536269514722 * 3.25.squareRoot())) < 1e-12)
        // S2: no supplier, so L = 0 and sd_L = 0; class C at 90%; no forecast, so no spread.
        #expect(records[4].leadTimeDays == 0 && records[4].leadTimeSdDays == 0)
        #expect(records[4].sigmaLeadTime == 0)
        #expect(abs((records[4].safetyFactor ?? 0) - 1.2815515655446004) < 1e-12)
    }
}
