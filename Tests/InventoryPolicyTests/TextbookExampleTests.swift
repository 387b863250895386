import InventoryPolicy
import Testing

/// Published worked examples, recomputed with the planner's formulas.
///
/// Source: Chopra and Meindl, "Supply Chain Management: Strategy, Planning, and Operation", chapter on
/// safety inventory (the example of daily demand D = 2,500, sd 500, lead time L = 7 days, CSL = 90%, with
/// and without lead-time uncertainty) and chapter on cycle inventory (the Best Buy computer example:
/// 1,000 units a month, $4,000 per order, $500 a unit, 20% holding cost a year, optimal lot size 980).
@Suite struct TextbookExampleTests {
    /// Fixed lead time: sigma_L = sqrt(7) * 500 = 1,323; ss = F^-1(0.90) * 1,323 = 1,695 (book, rounded).
    @Test func safetyInventoryWithFixedLeadTime() {
        let sigma = InventoryFormulas.sigmaLeadTime(
            meanDailyDemand: 2_500,
            sdDailyDemand: 500,
            leadTimeDays: 7,
            leadTimeSdDays: 0
        )
        #expect(sigma.rounded() == 1_323)
        let safetyStock = InventoryFormulas.safetyStock(
            safetyFactor: StandardNormal.inverseCDF(0.90),
            sigmaLeadTime: sigma
        )
        #expect(safetyStock.rounded() == 1_695)
    }

    /// Lead time sd 7 days: sigma_L = sqrt(7 * 500^2 + 2,500^2 * 7^2) = 17,550; ss = 22,491 (book).
    @Test func safetyInventoryWithLeadTimeUncertainty() {
        let sigma = InventoryFormulas.sigmaLeadTime(
            meanDailyDemand: 2_500,
            sdDailyDemand: 500,
            leadTimeDays: 7,
            leadTimeSdDays: 7
        )
        #expect(sigma.rounded() == 17_550)
        let safetyStock = InventoryFormulas.safetyStock(
            safetyFactor: StandardNormal.inverseCDF(0.90),
            sigmaLeadTime: sigma
        )
        #expect(safetyStock.rounded() == 22_491)
        let reorderPoint = InventoryFormulas.reorderPoint(
            meanDailyDemand: 2_500,
            leadTimeDays: 7,
            safetyStock: safetyStock
        )
        #expect(reorderPoint.rounded() == 17_500 + 22_491)
    }

    /// EOQ = sqrt(2 * 12,000 * 4,000 / (0.2 * 500)) = 979.8, which the book rounds to 980.
    @Test func bestBuyEconomicOrderQuantity() {
        let holdingCost = InventoryFormulas.holdingCostPerUnitYear(holdingCostRate: 0.2, unitCost: 500)
        #expect(holdingCost == 100)
        let quantity = InventoryFormulas.economicOrderQuantity(
            orderCost: 4_000,
            annualDemand: 12_000,
            holdingCostPerUnitYear: holdingCost
        )
        #expect(quantity.rounded() == 980)
        #expect(abs(quantity - 979.795_897_113_271_2) < 1e-9)
    }
}
