import InventoryPolicy
import PlannerCore
import Testing

/// Poisson reorder points (slow movers), the EOQ and the (R, S) order-up-to level against published examples.
@Suite struct TextbookPoissonAndLotTests {
    /// Snyder and Shen, "Fundamentals of Supply Chain Theory", 2nd ed., Example 4.7, as reproduced by stockpyl's
    /// doc of `newsvendor_discrete(1, 4, poisson(6))`: Poisson(6) demand, h = 1, p = 4, so alpha = 4 / 5 = 0.8;
    /// published S* = 8, the smallest S with F(S) >= 0.8 (F(7) = 0.7440, F(8) = 0.8472).
    @Test func fosctExample4_7PoissonQuantile() {
        #expect(InventoryFormulas.poissonReorderPoint(meanLeadTimeDemand: 6, serviceLevel: 0.8) == 8)
        // Through the calculator: a slow mover with d = 1.5 a day over L = 4 days has d L = 6 < 10: Poisson.
        let answer = PolicyCalculator().answer(
            PolicyQuery(
                sku: "slow",
                meanDailyDemand: 1.5,
                sdDailyDemand: 1.2,
                leadTimeDays: 4,
                leadTimeSdDays: 0,
                serviceLevel: 0.8,
                serviceType: .cycle
            )
        )
        #expect(answer.method == .poissonCycle && answer.safetyFactor == nil)
        #expect(answer.reorderPoint == 8 && answer.safetyStock == 2)
    }

    /// stockpyl's doc of `newsvendor_poisson(0.18, 0.70, 50)` (FoSCT 2nd ed., ch. 4 notation): Poisson(50),
    /// alpha = 0.70 / 0.88 = 0.7955; published S* = 56 (F(55) = 0.7845, F(56) = 0.8221).
    @Test func stockpylPoissonNewsvendorQuantile() {
        #expect(InventoryFormulas.poissonReorderPoint(meanLeadTimeDemand: 50, serviceLevel: 0.70 / 0.88) == 56)
    }

    /// FoSCT 2nd ed., Example 3.1, as reproduced by stockpyl's doc of `economic_order_quantity(8, 0.225, 1300)`:
    /// K = 8, h = 0.225, lambda = 1300 a year; published Q* = 304.0467800264368.
    @Test func fosctExample3_1EconomicOrderQuantity() {
        let quantity = InventoryFormulas.economicOrderQuantity(
            orderCost: 8,
            annualDemand: 1_300,
            holdingCostPerUnitYear: 0.225
        )
        #expect(abs(quantity - 304.0467800264368) <= 1e-9 * 304.0467800264368)
        #expect(quantity.rounded() == 304)
    }

    /// Stevenson, "Operations Management", 14th ed. (McGraw-Hill 2021), ch. 12, Example 10 (fixed-order-interval
    /// model): d = 30 units a day, sd 3, LT = 2 days, OI = 7 days, service level 99%, z = 2.33 (table), 71 on hand;
    /// published Q = 30 (7 + 2) + 2.33 (3) sqrt(7 + 2) - 71 = 220 units. S = Q + 71.
    @Test func stevensonExample10OrderUpToLevel() throws {
        #expect((StandardNormal.inverseCDF(0.99) * 100).rounded() == 233)
        for z in [2.33, StandardNormal.inverseCDF(0.99)] {
            let level = InventoryFormulas.orderUpToLevel(
                meanDailyDemand: 30,
                sdDailyDemand: 3,
                reviewPeriodDays: 7,
                leadTimeDays: 2,
                leadTimeSdDays: 0,
                safetyFactor: z
            )
            #expect(abs(level - (270 + 9 * z)) < 1e-12)
            #expect((level - 71).rounded() == 220, "z = \(z)")
        }
        // The calculator's periodic review gives the same S at 99% (z = 2.3263478740408408).
        let answer = PolicyCalculator().answer(
            PolicyQuery(
                sku: "interval",
                meanDailyDemand: 30,
                sdDailyDemand: 3,
                leadTimeDays: 2,
                leadTimeSdDays: 0,
                serviceLevel: 0.99,
                serviceType: .cycle,
                reviewPeriodDays: 7
            )
        )
        let orderUpTo = try #require(answer.orderUpTo)
        #expect(answer.method == .periodicReview)
        #expect(abs(orderUpTo - (270 + 9 * 2.3263478740408408)) < 1e-9)
        #expect((orderUpTo - 71).rounded() == 220)
    }
}
