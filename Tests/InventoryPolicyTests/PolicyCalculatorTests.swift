import InventoryPolicy
import PlannerCore
import Testing

/// `planner policy`'s calculator against the formulas worked by hand, to 1e-9 relative.
@Suite struct PolicyCalculatorTests {
    static func close(_ actual: Double?, _ expected: Double) -> Bool {
        guard let actual else { return false }
        return abs(actual - expected) <= 1e-9 * max(1, abs(expected))
    }

    static func query(
        d: Double,
        sd: Double,
        l: Double,
        sdL: Double,
        level: Double,
        type: PolicyQuery.ServiceType = .cycle,
        q: Double? = nil,
        review: Double? = nil
    ) -> PolicyQuery {
        PolicyQuery(
            sku: "S",
            meanDailyDemand: d,
            sdDailyDemand: sd,
            leadTimeDays: l,
            leadTimeSdDays: sdL,
            serviceLevel: level,
            serviceType: type,
            orderQuantity: q,
            orderCost: 50,
            unitCost: 10,
            holdingCostRate: 0.25,
            reviewPeriodDays: review
        )
    }

    @Test func cycleServiceWithARandomLeadTime() {
        // d 20, sd 5, L 10, sd_L 2: sigma = sqrt(10 * 25 + 400 * 4) = sqrt(1850); z(0.95) = 1.6448536269514722.
        let answer = PolicyCalculator().answer(Self.query(d: 20, sd: 5, l: 10, sdL: 2, level: 0.95))
        let sigma = 1850.0.squareRoot()
        #expect(answer.method == .normalCycle)
        #expect(Self.close(answer.sigmaLeadTime, sigma))
        #expect(Self.close(answer.safetyFactor, 1.6448536269514722))
        #expect(Self.close(answer.safetyStock, 1.6448536269514722 * sigma))
        #expect(Self.close(answer.reorderPoint, 200 + 1.6448536269514722 * sigma))
        // EOQ = sqrt(2 * 50 * 7300 / 2.5) = sqrt(292000); order-up-to = ROP + EOQ.
        #expect(Self.close(answer.economicOrderQuantity, 292_000.0.squareRoot()))
        #expect(Self.close(answer.orderUpTo, 200 + 1.6448536269514722 * sigma + 292_000.0.squareRoot()))
    }

    @Test func fixedLeadTimeAndEdgeCases() {
        // Fixed lead time: sigma = sd sqrt(L) = 5 sqrt(9) = 15; service level 0.5: z = 0, SS = 0.
        let half = PolicyCalculator().answer(Self.query(d: 20, sd: 5, l: 9, sdL: 0, level: 0.5))
        #expect(Self.close(half.sigmaLeadTime, 15) && half.safetyFactor == 0 && half.safetyStock == 0)
        #expect(Self.close(half.reorderPoint, 180))
        // Fractional lead time 2.5 days, no variance: SS 0, ROP = d L = 50.
        let flat = PolicyCalculator().answer(Self.query(d: 20, sd: 0, l: 2.5, sdL: 0, level: 0.99))
        #expect(flat.safetyStock == 0 && Self.close(flat.reorderPoint, 50))
        // Zero lead time: nothing to protect.
        let instant = PolicyCalculator().answer(Self.query(d: 20, sd: 5, l: 0, sdL: 0, level: 0.99))
        #expect(instant.sigmaLeadTime == 0 && instant.reorderPoint == 0)
        // Zero demand: EOQ 0, ROP 0 (d L = 0 is not a slow mover: nothing to count).
        let none = PolicyCalculator().answer(Self.query(d: 0, sd: 0, l: 5, sdL: 1, level: 0.95))
        #expect(none.economicOrderQuantity == 0 && none.reorderPoint == 0 && none.method == .normalCycle)
    }

    @Test func fillRateFindsKFromTheLossFunction() {
        // sigma = sqrt(1850); Q = 500; G(k) = 0.01 * 500 / sigma.
        let answer = PolicyCalculator().answer(
            Self.query(d: 20, sd: 5, l: 10, sdL: 2, level: 0.99, type: .fillRate, q: 500)
        )
        let sigma = 1850.0.squareRoot()
        let k = try! #require(answer.safetyFactor)
        #expect(answer.method == .normalFillRate)
        #expect(abs(StandardNormal.loss(k) - 5 / sigma) < 1e-12)
        #expect(Self.close(answer.safetyStock, k * sigma))
        // A large Q makes k negative; the floor switch keeps SS at 0.
        let big = Self.query(d: 20, sd: 5, l: 10, sdL: 2, level: 0.9, type: .fillRate, q: 5_000)
        #expect(PolicyCalculator().answer(big).safetyStock < 0)
        #expect(PolicyCalculator(floorsSafetyStock: true).answer(big).safetyStock == 0)
    }

    @Test func slowMoversUsePoisson() {
        // d 0.5 a day over L 4: mean 2 < 10: smallest r with P(D <= r) >= 0.95 is 5; SS = 5 - 2.
        let answer = PolicyCalculator().answer(Self.query(d: 0.5, sd: 0.8, l: 4, sdL: 0, level: 0.95))
        #expect(answer.method == .poissonCycle && answer.safetyFactor == nil)
        #expect(answer.reorderPoint == 5 && answer.safetyStock == 3)
    }

    @Test func periodicReviewOrdersUpToS() {
        // d 10, sd 3, R 7, L 5, sd_L 1, z(0.95): S = 120 + z sqrt(12 * 9 + 100).
        let answer = PolicyCalculator().answer(Self.query(d: 10, sd: 3, l: 5, sdL: 1, level: 0.95, review: 7))
        let s = 120 + 1.6448536269514722 * 208.0.squareRoot()
        #expect(answer.method == .periodicReview)
        #expect(Self.close(answer.orderUpTo, s) && Self.close(answer.safetyStock, s - 120))
    }
}
