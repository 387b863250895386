import InventoryPolicy
import PlannerCore
import Testing

/// z of a cycle service level, and safety stock and reorder point with a fixed and with a random lead time, against
/// published worked examples. Each test states the book, the example, its inputs and its published answer, asserts
/// the answer at the book's rounding and, where the source prints full precision, our value to 1e-9 relative.
@Suite struct TextbookServiceLevelTests {
    static func close(_ actual: Double, _ expected: Double, relative: Double = 1e-9) -> Bool {
        abs(actual - expected) <= relative * max(1, abs(expected))
    }

    /// Rounds to `places` decimals, as the books print.
    static func rounded(_ value: Double, places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (value * scale).rounded() / scale
    }

    /// Snyder and Shen, "Fundamentals of Supply Chain Theory", 2nd ed. (Wiley 2019), Example 4.3, as reproduced
    /// (full precision) by stockpyl's doc of `newsvendor_normal(0.18, 0.70, 50, 8)`: h = 0.18, p = 0.70, demand
    /// N(50, 8^2); S* = mu + z_alpha sigma with alpha = p / (h + p) = 0.70 / 0.88; published S* = 56.60395592743389.
    /// A cycle service level alpha over one period of lead time: SS = z sigma, ROP = d L + SS.
    @Test func fosctExample4_3CriticalRatioAsCycleServiceLevel() {
        let sigma = InventoryFormulas.sigmaLeadTime(
            meanDailyDemand: 50,
            sdDailyDemand: 8,
            leadTimeDays: 1,
            leadTimeSdDays: 0
        )
        #expect(sigma == 8)
        let z = StandardNormal.inverseCDF(0.70 / 0.88)
        let safetyStock = InventoryFormulas.safetyStock(safetyFactor: z, sigmaLeadTime: sigma)
        let reorderPoint = InventoryFormulas.reorderPoint(
            meanDailyDemand: 50,
            leadTimeDays: 1,
            safetyStock: safetyStock
        )
        #expect(Self.close(reorderPoint, 56.60395592743389))
        #expect(Self.rounded(reorderPoint, places: 2) == 56.60)
    }

    /// Snyder and Shen, FoSCT 2nd ed., Example 5.5 (EOQ + SS approximation of an (r, Q) policy), as reproduced by
    /// stockpyl's doc of `r_q_eoqss_approximation(0.225, 7.5, 8, 1300, 150, 1/12)`: demand 1300 a year, sd 150 a
    /// year, fixed lead time L = 1/12 year, alpha = p / (h + p) = 7.5 / 7.725; published r = 190.3369965715624.
    /// Here: sigma_LT = 150 sqrt(1/12) = 43.30, r = 1300 / 12 + z sigma_LT.
    @Test func fosctExample5_5FixedLeadTimeReorderPoint() {
        let sigma = InventoryFormulas.sigmaLeadTime(
            meanDailyDemand: 1300,
            sdDailyDemand: 150,
            leadTimeDays: 1.0 / 12,
            leadTimeSdDays: 0
        )
        #expect(Self.close(sigma, 43.30127018922193))
        let safetyStock = InventoryFormulas.safetyStock(
            safetyFactor: StandardNormal.inverseCDF(7.5 / 7.725),
            sigmaLeadTime: sigma
        )
        let reorderPoint = InventoryFormulas.reorderPoint(
            meanDailyDemand: 1300,
            leadTimeDays: 1.0 / 12,
            safetyStock: safetyStock
        )
        #expect(Self.close(reorderPoint, 190.3369965715624))
    }

    /// Stevenson, "Operations Management", 14th ed. (McGraw-Hill 2021), ch. 12, Example 8: lead-time demand
    /// N(50, 5^2) tons, stockout risk 3%: published z = 1.88 (table, service level 0.9700), SS = 1.88 (5) = 9.40,
    /// ROP = 50 + 9.40 = 59.40 tons.
    @Test func stevensonExample8ZSafetyStockAndReorderPoint() {
        let z = StandardNormal.inverseCDF(0.97)
        #expect(Self.rounded(z, places: 2) == 1.88)
        #expect(Self.close(z, 1.8807936081512509))
        let safetyStock = InventoryFormulas.safetyStock(safetyFactor: z, sigmaLeadTime: 5)
        #expect(Self.rounded(safetyStock, places: 2) == 9.40)
        #expect(Self.rounded(50 + safetyStock, places: 2) == 59.40)
    }

    /// Stevenson, 14th ed., ch. 12, Solved Problems (p. 543), "ROP for constant demand and variable lead time":
    /// d = 600 bottles a day, mean LT 6 days, sd 2 days, service level 90%, z = +1.28 (table);
    /// published ROP = 600 (6) + 1.28 (2) (600) = 5,136 bottles.
    @Test func stevensonSolvedProblemRandomLeadTimeConstantDemand() {
        let sigma = InventoryFormulas.sigmaLeadTime(
            meanDailyDemand: 600,
            sdDailyDemand: 0,
            leadTimeDays: 6,
            leadTimeSdDays: 2
        )
        #expect(sigma == 1_200)
        let bookZ = 1.28
        #expect(Self.rounded(StandardNormal.inverseCDF(0.90), places: 2) == bookZ)
        let withBookZ = InventoryFormulas.reorderPoint(
            meanDailyDemand: 600,
            leadTimeDays: 6,
            safetyStock: InventoryFormulas.safetyStock(safetyFactor: bookZ, sigmaLeadTime: sigma)
        )
        #expect(Self.close(withBookZ, 5_136))
        // Full precision z(0.90) = 1.2815515655446004: 3600 + 1200 z = 5137.86 (the book rounds z, not the ROP).
        let exact = InventoryFormulas.reorderPoint(
            meanDailyDemand: 600,
            leadTimeDays: 6,
            safetyStock: InventoryFormulas.safetyStock(
                safetyFactor: StandardNormal.inverseCDF(0.90),
                sigmaLeadTime: sigma
            )
        )
        #expect(Self.close(exact, 3_600 + 1_200 * 1.2815515655446004))
    }

    /// Stevenson, 14th ed., ch. 12, Solved Problems (p. 543), "ROP for variable demand rate and variable lead
    /// time": d = 25 glasses a day, sd 3, LT mean 10 days, sd 2 days, service level 95%, z = +1.65 (table);
    /// published ROP = 25 (10) + 1.65 sqrt(10 (3)^2 + 25^2 (2)^2) = 334 glasses.
    @Test func stevensonSolvedProblemRandomDemandAndLeadTime() {
        let sigma = InventoryFormulas.sigmaLeadTime(
            meanDailyDemand: 25,
            sdDailyDemand: 3,
            leadTimeDays: 10,
            leadTimeSdDays: 2
        )
        #expect(Self.close(sigma, 2_590.0.squareRoot()))
        let withBookZ = InventoryFormulas.reorderPoint(
            meanDailyDemand: 25,
            leadTimeDays: 10,
            safetyStock: InventoryFormulas.safetyStock(safetyFactor: 1.65, sigmaLeadTime: sigma)
        )
        #expect(withBookZ.rounded() == 334)
        // The calculator behind `planner policy` (d L = 250: normal, not Poisson) gives the same published answer.
        let answer = PolicyCalculator().answer(
            PolicyQuery(
                sku: "glasses",
                meanDailyDemand: 25,
                sdDailyDemand: 3,
                leadTimeDays: 10,
                leadTimeSdDays: 2,
                serviceLevel: 0.95,
                serviceType: .cycle
            )
        )
        #expect(answer.method == .normalCycle)
        #expect(answer.reorderPoint.rounded() == 334)
        #expect(Self.close(answer.reorderPoint, 250 + 1.6448536269514722 * 2_590.0.squareRoot()))
    }
}
