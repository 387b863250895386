import InventoryPolicy
import Testing

/// Safety stock and EOQ on small cases worked by hand (Silver, Pyke and Peterson, 4th ed., ch. 7:
/// sigma_LT = sqrt(L sd_d^2 + d^2 sd_L^2), SS = z sigma_LT, s = d L + SS; EOQ = sqrt(2 K D / h)).
@Suite struct FormulaTests {
    let z95 = 1.6448536269514722

    @Test func fixedLeadTime() {
        // d = 50, sd_d = 10, L = 9, sd_L = 0: sigma_LT = sqrt(9 * 100) = 30;
        // SS = 1.6448536269514722 * 30 = 49.345608808544166; s = 50 * 9 + SS = 499.345608808544166.
        let sigma = InventoryFormulas.sigmaLeadTime(
            meanDailyDemand: 50,
            sdDailyDemand: 10,
            leadTimeDays: 9,
            leadTimeSdDays: 0
        )
        #expect(sigma == 30)
        let safety = InventoryFormulas.safetyStock(safetyFactor: z95, sigmaLeadTime: sigma)
        #expect(abs(safety - 49.345608808544166) < 1e-12)
        let reorder = InventoryFormulas.reorderPoint(meanDailyDemand: 50, leadTimeDays: 9, safetyStock: safety)
        #expect(abs(reorder - 499.345608808544166) < 1e-12)
    }

    @Test func randomLeadTime() {
        // d = 20, sd_d = 15, L = 4, sd_L = 2: L sd_d^2 = 4 * 225 = 900, d^2 sd_L^2 = 400 * 4 = 1600,
        // sigma_LT = sqrt(2500) = 50. At 95%: SS = 82.24268134757361, s = 80 + SS = 162.24268134757361.
        let sigma = InventoryFormulas.sigmaLeadTime(
            meanDailyDemand: 20,
            sdDailyDemand: 15,
            leadTimeDays: 4,
            leadTimeSdDays: 2
        )
        #expect(sigma == 50)
        let safety = InventoryFormulas.safetyStock(safetyFactor: z95, sigmaLeadTime: sigma)
        #expect(abs(safety - 82.24268134757361) < 1e-12)
        #expect(
            abs(
                InventoryFormulas.reorderPoint(meanDailyDemand: 20, leadTimeDays: 4, safetyStock: safety)
                    - 162.24268134757361
            ) < 1e-12
        )
    }

    @Test func fractionalLeadTime() {
        // d = 3, sd_d = 4, L = 2.5, sd_L = 0.5: 2.5 * 16 = 40, 9 * 0.25 = 2.25, sigma_LT = sqrt(42.25) = 6.5;
        // s = 3 * 2.5 + z * 6.5 = 7.5 + 6.5 z.
        let sigma = InventoryFormulas.sigmaLeadTime(
            meanDailyDemand: 3,
            sdDailyDemand: 4,
            leadTimeDays: 2.5,
            leadTimeSdDays: 0.5
        )
        #expect(sigma == 6.5)
        let safety = InventoryFormulas.safetyStock(safetyFactor: z95, sigmaLeadTime: sigma)
        #expect(
            abs(
                InventoryFormulas.reorderPoint(meanDailyDemand: 3, leadTimeDays: 2.5, safetyStock: safety)
                    - (7.5 + 6.5 * z95)
            ) < 1e-12
        )
    }

    @Test func zeroDemandZeroVarianceAndZeroLeadTime() {
        // Zero demand: nothing over the lead time, no spread, no order.
        #expect(
            InventoryFormulas.sigmaLeadTime(meanDailyDemand: 0, sdDailyDemand: 0, leadTimeDays: 7, leadTimeSdDays: 2)
                == 0
        )
        #expect(InventoryFormulas.reorderPoint(meanDailyDemand: 0, leadTimeDays: 7, safetyStock: 0) == 0)
        // Zero variance (d = 10, L = 5, no spread): SS = 0, s = 50.
        let flat = InventoryFormulas.sigmaLeadTime(
            meanDailyDemand: 10,
            sdDailyDemand: 0,
            leadTimeDays: 5,
            leadTimeSdDays: 0
        )
        #expect(flat == 0)
        #expect(InventoryFormulas.reorderPoint(meanDailyDemand: 10, leadTimeDays: 5, safetyStock: 0) == 50)
        // Zero lead time: no exposure from demand spread; an uncertain lead time still adds d sd_L = 10 * 1.
        #expect(
            InventoryFormulas.sigmaLeadTime(meanDailyDemand: 10, sdDailyDemand: 3, leadTimeDays: 0, leadTimeSdDays: 0)
                == 0
        )
        #expect(
            InventoryFormulas.sigmaLeadTime(meanDailyDemand: 10, sdDailyDemand: 3, leadTimeDays: 0, leadTimeSdDays: 1)
                == 10
        )
    }

    @Test func serviceLevelOneHalfHasNoSafetyStock() {
        let z = StandardNormal.inverseCDF(0.5)
        #expect(InventoryFormulas.safetyStock(safetyFactor: z, sigmaLeadTime: 30) == 0)
        #expect(InventoryFormulas.reorderPoint(meanDailyDemand: 50, leadTimeDays: 9, safetyStock: 0) == 450)
    }

    @Test func economicOrderQuantity() {
        // Wilson: K = 100, D = 1200 a year, h = 6: sqrt(2 * 100 * 1200 / 6) = sqrt(40000) = 200.
        #expect(
            InventoryFormulas.economicOrderQuantity(orderCost: 100, annualDemand: 1200, holdingCostPerUnitYear: 6)
                == 200
        )
        // d = 10 a day: D = 3650; h = 0.25 * 14.6 = 3.65; K = 80: sqrt(2 * 80 * 3650 / 3.65) = sqrt(160000) = 400.
        let h = InventoryFormulas.holdingCostPerUnitYear(holdingCostRate: 0.25, unitCost: 14.6)
        let d = InventoryFormulas.annualDemand(meanDailyDemand: 10)
        #expect(d == 3650)
        #expect(
            abs(
                InventoryFormulas.economicOrderQuantity(orderCost: 80, annualDemand: d, holdingCostPerUnitYear: h)
                    - 400
            ) < 1e-9
        )
        // Degenerate: no order cost, no demand, or free holding give 0 (not infinity).
        #expect(
            InventoryFormulas.economicOrderQuantity(orderCost: 0, annualDemand: 1200, holdingCostPerUnitYear: 6) == 0
        )
        #expect(
            InventoryFormulas.economicOrderQuantity(orderCost: 100, annualDemand: 0, holdingCostPerUnitYear: 6) == 0
        )
        #expect(
            InventoryFormulas.economicOrderQuantity(orderCost: 100, annualDemand: 1200, holdingCostPerUnitYear: 0) == 0
        )
    }
}
