import Forecasting
import InventoryPolicy
import PlannerCore
import Testing

/// The class strategies of the policy stage on `PolicyPlannerTests.fixture()` (S0 class A: W0 d 15 and W1 d 1,
/// supplier L 4 sd 1; S1 class B: W1 d 3, L 3 sd 0.5; S2 class C: no supplier, no forecast).
@Suite struct PolicyStrategyTests {
    typealias Fixture = PolicyPlannerTests
    static let z98 = 2.0537489106318225
    static let z95 = 1.6448536269514722

    @Test func slowMoversUseThePoissonReorderPointBelowTheThreshold() throws {
        let records = Fixture.run(slowMoverUnits: 10).records
        // S0 at W1: d L = 1 * 4 = 4 < 10; P(X <= 8) = 0.97864 < 0.98 <= P(X <= 9) = 0.99187 for Poisson(4).
        #expect(records[1].method == .poissonCycle && records[1].reorderPoint == 9)
        #expect(records[1].safetyStock == 5 && records[1].safetyFactor == nil)
        // S1 at W1: d L = 9; P(X <= 13) = 0.92615 < 0.95 <= P(X <= 14) = 0.95853 for Poisson(9).
        #expect(records[3].method == .poissonCycle && records[3].reorderPoint == 14)
        // S0 at W0 (d L = 60) and S1 at W0 (no demand) stay normal.
        #expect(records[0].method == .normalCycle && records[2].method == .normalCycle)
        // d L exactly at the threshold is not a slow mover.
        #expect(Fixture.run(slowMoverUnits: 4).records[1].method == .normalCycle)
    }

    @Test func pooledClassHasOneRowAtTheCloudWarehouseForAllRegions() throws {
        let classes: [ABCClass: ClassStrategy] = [
            .A: ClassStrategy(stocking: .cloudPool), .B: ClassStrategy(), .C: ClassStrategy(),
        ]
        let plan = Fixture.run(classes: classes) { $0.warehouses[2].kind = .cloud }
        #expect(plan.poolWarehouseIndex == 2)
        #expect(plan.stockingBySKU == [.cloudPool, .regional, .regional])
        let pooled = plan.records.filter { $0.skuIndex == 0 }
        #expect(pooled.count == 1)
        let record = try #require(pooled.first)
        #expect(record.warehouseIndex == 2 && record.stocking == .cloudPool)
        // All regions: d = 16; share 1, so sigma_e(4) = 5 and sigma_LT = sqrt(25 + 16^2 * 1^2) = sqrt(281).
        #expect(record.meanDailyDemand == 16)
        #expect(abs(record.sigmaLeadTime - 281.0.squareRoot()) < 1e-12)
        #expect(abs(record.reorderPoint - (64 + Self.z98 * 281.0.squareRoot())) < 1e-9)
        // Without a cloud warehouse the pooled class falls back to regional stocking.
        #expect(Fixture.run(classes: classes).stockingBySKU[0] == .regional)
    }

    @Test func dropShipWhenTheStrategyAndASupplierAllowIt() throws {
        let classes: [ABCClass: ClassStrategy] = [
            .A: ClassStrategy(), .B: ClassStrategy(dropShip: true), .C: ClassStrategy(dropShip: true),
        ]
        let plan = Fixture.run(classes: classes) { $0.suppliers[4].allowsDropShip = true }
        // S1's rank-1 backup b1 allows it; S2 has no supplier, so it stays stocked.
        #expect(plan.stockingBySKU == [.regional, .dropShip, .regional])
        let rows = plan.records.filter { $0.skuIndex == 1 }
        #expect(rows.map(\.warehouseIndex) == [0, 1])
        for row in rows {
            #expect(row.method == .dropShip && row.stocking == .dropShip)
            #expect(row.safetyStock == 0 && row.reorderPoint == 0 && row.lotSize == 0 && row.orderUpTo == nil)
            #expect(row.leadTimeDays == 3)
        }
        #expect(rows[1].meanDailyDemand == 3)
        // The same strategy without a drop-ship supplier keeps the SKU stocked.
        #expect(Fixture.run(classes: classes).stockingBySKU[1] == .regional)
    }

    @Test func fillRateSolvesTheLossFunctionWithTheLotSize() throws {
        let classes: [ABCClass: ClassStrategy] = [
            .A: ClassStrategy(serviceType: .fillRate), .B: ClassStrategy(), .C: ClassStrategy(),
        ]
        let record = try #require(Fixture.run(classes: classes).records.first)
        // Q = ceil(EOQ) = ceil(sqrt(219000) = 467.97) = 468; sigma_LT as in handComputedPolicyOfSKU0AtW0.
        #expect(record.lotSize == 468)
        let sigma = (21.97265625 + 3.75 + 225).squareRoot()
        let k = try #require(record.safetyFactor)
        // G(k) = (1 - 0.98) * 468 / sigma = 0.5911 > G(0) = 0.3989, so k is negative and so is SS.
        #expect(abs(StandardNormal.loss(k) - 0.02 * 468 / sigma) < 1e-9)
        #expect(k < 0 && record.safetyStock < 0)
        #expect(record.method == .normalFillRate && record.serviceType == .fillRate)
        #expect(abs(record.reorderPoint - (60 + k * sigma)) < 1e-9)
        #expect(abs((record.orderUpTo ?? 0) - (record.reorderPoint + 468)) < 1e-9)
        let floored = try #require(Fixture.run(floorSafetyStock: true, classes: classes).records.first)
        #expect(floored.safetyStock == 0 && floored.reorderPoint == 60)
    }

    @Test func periodicReviewProtectsReviewPeriodPlusLeadTime() throws {
        let classes: [ABCClass: ClassStrategy] = [
            .A: ClassStrategy(), .B: ClassStrategy(reviewPeriodDays: 7), .C: ClassStrategy(),
        ]
        let (_, forecast) = Fixture.fixture()
        let record = Fixture.run(classes: classes).records[3]
        // S1 at W1 (share 1): R + L = 10 days; S = 3 * 10 + z95 * sqrt(sigma_e(10)^2 + 3^2 * 0.5^2).
        let sigmaE = try #require(forecast.skuForecast(skuIndex: 1)).errorSD(overDays: 10)
        let level = 30 + Self.z95 * (sigmaE * sigmaE + 2.25).squareRoot()
        #expect(record.method == .periodicReview && record.reviewPeriodDays == 7)
        #expect(abs(record.reorderPoint - level) < 1e-9 && abs((record.orderUpTo ?? 0) - level) < 1e-9)
        #expect(abs(record.safetyStock - (level - 30)) < 1e-9)
    }

    @Test func defaultStrategiesAllowPresaleForClassAOnly() {
        let (dataSet, forecast) = Fixture.fixture()
        let plan = PolicyPlanner.plan(
            dataSet: dataSet,
            forecast: forecast,
            abc: ABCClassification(classes: [.A, .B, .C], revenue: [3, 2, 1]),
            xyz: XYZClassification(classes: [.X, .Y, .Z], weeklyCV: [0.1, 0.7, nil]),
            settings: PolicySettings(),
            serviceLevels: PlannerConfiguration().serviceLevel(for:)
        )
        #expect(plan.records.filter(\.presaleAllowed).map(\.skuIndex) == [0, 0])
        // C is pooled by default, but this network has no cloud warehouse and S2 no drop-ship supplier.
        #expect(plan.stockingBySKU == [.regional, .regional, .regional])
    }

    /// max(EOQ, 1) up to whole units, then the MOQ, then the pack size.
    @Test func lotSizeRoundsTheEOQToMOQAndPack() {
        #expect(InventoryFormulas.lotSize(economicOrderQuantity: 0, moq: 0, packSize: 1) == 1)
        #expect(InventoryFormulas.lotSize(economicOrderQuantity: 0, moq: 25, packSize: 10) == 30)
        #expect(InventoryFormulas.lotSize(economicOrderQuantity: 141.3, moq: 1, packSize: 1) == 142)
        #expect(InventoryFormulas.lotSize(economicOrderQuantity: 100.000_000_000_1, moq: 1, packSize: 1) == 100)
        #expect(InventoryFormulas.lotSize(economicOrderQuantity: 95, moq: 1, packSize: 12) == 96)
    }
}
