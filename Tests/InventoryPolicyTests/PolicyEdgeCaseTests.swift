import InventoryPolicy
import PlannerCore
import Testing

/// Edge cases of `planner policy`'s calculator, every field worked by hand. z values are scipy's norm.ppf;
/// k values solve G(k) = phi(k) - k (1 - Phi(k)) with 40-digit arithmetic (mpmath).
@Suite struct PolicyEdgeCaseTests {
    static let z90 = 1.2815515655446004
    static let z95 = 1.6448536269514722
    static let z99 = 2.3263478740408408

    static func close(_ actual: Double?, _ expected: Double) -> Bool { PolicyCalculatorTests.close(actual, expected) }

    /// One row of `planner policy`; costs (K 50, c 10, rate 0.25) only when `costs` is true.
    static func query(
        d: Double,
        sd: Double,
        l: Double,
        sdL: Double,
        level: Double,
        type: PolicyQuery.ServiceType = .cycle,
        q: Double? = nil,
        review: Double? = nil,
        costs: Bool = false
    ) -> PolicyQuery {
        PolicyQuery(
            sku: "E",
            meanDailyDemand: d,
            sdDailyDemand: sd,
            leadTimeDays: l,
            leadTimeSdDays: sdL,
            serviceLevel: level,
            serviceType: type,
            orderQuantity: q,
            orderCost: costs ? 50 : nil,
            unitCost: costs ? 10 : nil,
            holdingCostRate: costs ? 0.25 : nil,
            reviewPeriodDays: review
        )
    }

    static func answer(_ query: PolicyQuery, floors: Bool = false) -> PolicyAnswer {
        PolicyCalculator(floorsSafetyStock: floors).answer(query)
    }

    @Test func zeroDemand() {
        // d 0, sd 2, L 4: sigma = sqrt(4 * 4) = 4; d L = 0 is not a slow mover (nothing to count): normal,
        // SS = ROP = 4 z; D = 0 so EOQ = 0 and order-up-to = ROP.
        let spread = Self.answer(Self.query(d: 0, sd: 2, l: 4, sdL: 1, level: 0.95, costs: true))
        #expect(spread.method == .normalCycle && Self.close(spread.sigmaLeadTime, 4))
        #expect(Self.close(spread.safetyStock, 4 * Self.z95) && Self.close(spread.reorderPoint, 4 * Self.z95))
        #expect(spread.economicOrderQuantity == 0 && Self.close(spread.orderUpTo, 4 * Self.z95))
        // Fill rate with no demand at all: sigma 0 and Q = EOQ = 0, so k = 0 and everything is 0.
        let none = Self.answer(Self.query(d: 0, sd: 0, l: 5, sdL: 2, level: 0.9, type: .fillRate, costs: true))
        #expect(none.method == .normalFillRate && none.safetyFactor == 0 && none.sigmaLeadTime == 0)
        #expect(none.safetyStock == 0 && none.reorderPoint == 0 && none.orderUpTo == 0)
        // Periodic review with no demand: S = 0.
        let review = Self.answer(Self.query(d: 0, sd: 0, l: 3, sdL: 0, level: 0.95, review: 7))
        #expect(review.method == .periodicReview && review.orderUpTo == 0 && review.safetyStock == 0)
    }

    @Test func zeroVariance() {
        // d 4, L 5, sd 0, sd_L 0: d L = 20, sigma 0, SS 0, ROP 20; no Q and no costs: no EOQ, no order-up-to.
        let cycle = Self.answer(Self.query(d: 4, sd: 0, l: 5, sdL: 0, level: 0.99))
        #expect(cycle.method == .normalCycle && Self.close(cycle.safetyFactor, Self.z99))
        #expect(cycle.sigmaLeadTime == 0 && cycle.safetyStock == 0 && cycle.reorderPoint == 20)
        #expect(cycle.economicOrderQuantity == nil && cycle.orderUpTo == nil)
        // Fill rate: G(k) = (1 - beta) Q / 0 is undefined; k is 0, SS 0, ROP 20, order-up-to 20 + Q = 50.
        let fill = Self.answer(Self.query(d: 4, sd: 0, l: 5, sdL: 0, level: 0.95, type: .fillRate, q: 30))
        #expect(fill.safetyFactor == 0 && fill.safetyStock == 0 && fill.reorderPoint == 20 && fill.orderUpTo == 50)
        // Poisson ignores sd: d 1, L 5, mean 5 at 0.9: F(7) = 0.8666, F(8) = 0.9319, ROP 8, SS 3.
        let slow = Self.answer(Self.query(d: 1, sd: 0, l: 5, sdL: 0, level: 0.9))
        #expect(slow.method == .poissonCycle && slow.sigmaLeadTime == 0)
        #expect(slow.reorderPoint == 8 && slow.safetyStock == 3)
        // Periodic review: S = d (R + L) = 10 * 12 = 120.
        let review = Self.answer(Self.query(d: 10, sd: 0, l: 5, sdL: 0, level: 0.95, review: 7))
        #expect(review.orderUpTo == 120 && review.reorderPoint == 120 && review.safetyStock == 0)
        // sd 0 but sd_L 0.5: sigma = d sd_L = 10 * 0.5 = 5; SS = 5 z, ROP = 30 + 5 z.
        let late = Self.answer(Self.query(d: 10, sd: 0, l: 3, sdL: 0.5, level: 0.95))
        #expect(Self.close(late.sigmaLeadTime, 5) && Self.close(late.reorderPoint, 30 + 5 * Self.z95))
    }

    @Test func zeroLeadTime() {
        // L 0, sd_L 0: sigma 0, SS 0, ROP 0; d L = 0 is not Poisson.
        let instant = Self.answer(Self.query(d: 20, sd: 5, l: 0, sdL: 0, level: 0.99))
        #expect(instant.method == .normalCycle && instant.sigmaLeadTime == 0)
        #expect(instant.safetyStock == 0 && instant.reorderPoint == 0)
        // L 0 but sd_L 1: sigma = d sd_L = 20; SS = ROP = 20 z.
        let uncertain = Self.answer(Self.query(d: 20, sd: 5, l: 0, sdL: 1, level: 0.95))
        #expect(Self.close(uncertain.sigmaLeadTime, 20) && Self.close(uncertain.reorderPoint, 20 * Self.z95))
        // Periodic review still protects the review period: S = 10 * 7 + z * 3 sqrt(7).
        let review = Self.answer(Self.query(d: 10, sd: 3, l: 0, sdL: 0, level: 0.95, review: 7))
        #expect(review.sigmaLeadTime == 0 && Self.close(review.orderUpTo, 70 + Self.z95 * 3 * 7.0.squareRoot()))
        // Fill rate with Q 40: sigma 0, k 0, ROP 0, order-up-to = Q.
        let fill = Self.answer(Self.query(d: 20, sd: 5, l: 0, sdL: 0, level: 0.95, type: .fillRate, q: 40))
        #expect(fill.safetyFactor == 0 && fill.reorderPoint == 0 && fill.orderUpTo == 40)
    }

    @Test func serviceLevelOneHalf() {
        // Cycle: z = 0 exactly, SS = 0, ROP = d L = 200 exactly.
        let cycle = Self.answer(Self.query(d: 20, sd: 5, l: 10, sdL: 2, level: 0.5))
        #expect(cycle.safetyFactor == 0 && cycle.safetyStock == 0 && cycle.reorderPoint == 200)
        // Periodic review: S = d (R + L) = 120 exactly.
        let review = Self.answer(Self.query(d: 10, sd: 3, l: 5, sdL: 1, level: 0.5, review: 7))
        #expect(review.safetyFactor == 0 && review.safetyStock == 0 && review.orderUpTo == 120)
        // Poisson at 0.5 is the median: mean 2.5, F(1) = 0.2873, F(2) = 0.5438: ROP 2, SS = 2 - 2.5 = -0.5.
        let slow = Self.answer(Self.query(d: 0.5, sd: 0.7, l: 5, sdL: 0, level: 0.5))
        #expect(slow.method == .poissonCycle && slow.reorderPoint == 2 && slow.safetyStock == -0.5)
        // A fill rate of 0.5 is not z = 0: sigma 10, Q 20, G(k) = 0.5 * 20 / 10 = 1, k = -0.89947156125374355.
        let fill = Self.answer(Self.query(d: 20, sd: 5, l: 4, sdL: 0, level: 0.5, type: .fillRate, q: 20))
        #expect(Self.close(fill.safetyFactor, -0.89947156125374355))
        #expect(Self.close(fill.reorderPoint, 80 - 8.9947156125374355))
    }

    @Test func fractionalLeadTimes() {
        // d 8, sd 4, L 2.5, sd_L 0.5: sigma = sqrt(2.5 * 16 + 64 * 0.25) = sqrt(56); d L = 20: normal.
        let normal = Self.answer(Self.query(d: 8, sd: 4, l: 2.5, sdL: 0.5, level: 0.95))
        #expect(normal.method == .normalCycle && Self.close(normal.sigmaLeadTime, 56.0.squareRoot()))
        #expect(Self.close(normal.reorderPoint, 20 + Self.z95 * 56.0.squareRoot()))
        // Fractional Poisson mean d L = 0.3 * 2.5 = 0.75 at 0.9: F(1) = 0.8266, F(2) = 0.9595: ROP 2, SS 1.25.
        let tiny = Self.answer(Self.query(d: 0.3, sd: 0.5, l: 2.5, sdL: 0, level: 0.9))
        #expect(tiny.method == .poissonCycle && tiny.reorderPoint == 2 && Self.close(tiny.safetyStock, 1.25))
        // d 3, sd 4, L 2.5, sd_L 0.5: mean 7.5 at 0.95: F(11) = 0.9208, F(12) = 0.9573: ROP 12, SS 4.5; sigma 6.5.
        let slow = Self.answer(Self.query(d: 3, sd: 4, l: 2.5, sdL: 0.5, level: 0.95))
        #expect(slow.method == .poissonCycle && slow.reorderPoint == 12 && slow.safetyStock == 4.5)
        #expect(Self.close(slow.sigmaLeadTime, 6.5))
        // Periodic review over R + L = 3.5 + 2.5 = 6 days: S = 36 + z * 2 sqrt(6).
        let review = Self.answer(Self.query(d: 6, sd: 2, l: 2.5, sdL: 0, level: 0.95, review: 3.5))
        #expect(Self.close(review.orderUpTo, 36 + Self.z95 * 2 * 6.0.squareRoot()))
    }

    @Test func fillRateWithANegativeSafetyFactor() {
        // sigma = 5 sqrt(4) = 10, Q 500, beta 0.9: G(k) = 0.1 * 500 / 10 = 5, k = -4.9999999465383293
        // (G(-5) = 5 + G(5) = 5 + 5.35e-8). SS = 10 k, ROP = 80 + SS, order-up-to = ROP + 500.
        let k = -4.9999999465383293
        let query = Self.query(d: 20, sd: 5, l: 4, sdL: 0, level: 0.9, type: .fillRate, q: 500)
        let raw = Self.answer(query)
        #expect(Self.close(raw.safetyFactor, k) && Self.close(raw.safetyStock, 10 * k))
        #expect(Self.close(raw.reorderPoint, 80 + 10 * k) && Self.close(raw.orderUpTo, 580 + 10 * k))
        // floorsSafetyStock: SS 0, ROP = d L = 80, order-up-to 580; k itself is reported unfloored.
        let floored = Self.answer(query, floors: true)
        #expect(Self.close(floored.safetyFactor, k))
        #expect(floored.safetyStock == 0 && floored.reorderPoint == 80 && floored.orderUpTo == 580)
    }

    @Test func floorsSafetyStockOnlyRaisesNegativeStock() {
        // alpha 0.2, sigma = 5 sqrt(9) = 15: z = -0.8416212335729142, SS = -12.624318503593713, ROP = 180 + SS.
        let low = Self.query(d: 20, sd: 5, l: 9, sdL: 0, level: 0.2)
        let raw = Self.answer(low)
        #expect(Self.close(raw.safetyFactor, -0.8416212335729142))
        #expect(Self.close(raw.safetyStock, -12.624318503593713) && Self.close(raw.reorderPoint, 167.37568149640629))
        let floored = Self.answer(low, floors: true)
        #expect(
            floored.safetyStock == 0 && floored.reorderPoint == 180
                && Self.close(floored.safetyFactor, -0.8416212335729142)
        )
        // Periodic review at 0.3: SS = z(0.3) sqrt(12 * 9 + 100) = -7.5630117497937865; floored S = 120.
        let review = Self.query(d: 10, sd: 3, l: 5, sdL: 1, level: 0.3, review: 7)
        #expect(Self.close(Self.answer(review).safetyStock, -7.5630117497937865))
        let flooredReview = Self.answer(review, floors: true)
        #expect(flooredReview.safetyStock == 0 && flooredReview.orderUpTo == 120 && flooredReview.reorderPoint == 120)
        // A positive safety stock is the same either way.
        let high = Self.query(d: 20, sd: 5, l: 10, sdL: 2, level: 0.95, costs: true)
        #expect(Self.answer(high) == Self.answer(high, floors: true))
    }

    @Test func slowMoverThresholdIsStrict() {
        // d L = 2.5 * 4 = 10 exactly: NOT a slow mover; sigma = sqrt(4 * 1) = 2, ROP = 10 + 2 z.
        let boundary = Self.answer(Self.query(d: 2.5, sd: 1, l: 4, sdL: 0, level: 0.95))
        #expect(boundary.method == .normalCycle && Self.close(boundary.reorderPoint, 10 + 2 * Self.z95))
        // d L = 1.99 * 5 = 9.95 < 10: Poisson at 0.95: F(14) = 0.9191, F(15) = 0.9530: ROP 15, SS 5.05.
        let below = Self.answer(Self.query(d: 1.99, sd: 1, l: 5, sdL: 0, level: 0.95))
        #expect(below.method == .poissonCycle && below.reorderPoint == 15 && Self.close(below.safetyStock, 5.05))
        // A threshold of 20 makes d L = 15 a slow mover: F(19) = 0.8752, F(20) = 0.9170 at 0.9: ROP 20.
        let fifteen = Self.query(d: 3, sd: 2, l: 5, sdL: 0, level: 0.9)
        let pooled = PolicyCalculator(slowMoverUnits: 20).answer(fifteen)
        #expect(pooled.method == .poissonCycle && pooled.reorderPoint == 20 && pooled.safetyStock == 5)
        #expect(Self.answer(fifteen).method == .normalCycle)
        // A threshold of 0 turns Poisson off.
        let off = PolicyCalculator(slowMoverUnits: 0).answer(Self.query(d: 0.5, sd: 0.8, l: 4, sdL: 0, level: 0.9))
        #expect(off.method == .normalCycle && Self.close(off.reorderPoint, 2 + Self.z90 * 1.6))
        // Poisson is for the cycle service level only: a fill rate or a review period keeps its method.
        let fill = Self.answer(Self.query(d: 0.5, sd: 0.8, l: 4, sdL: 0, level: 0.95, type: .fillRate, q: 10))
        #expect(fill.method == .normalFillRate)
        let review = Self.answer(Self.query(d: 0.5, sd: 0.8, l: 4, sdL: 0, level: 0.95, review: 7))
        #expect(review.method == .periodicReview)
    }
}
