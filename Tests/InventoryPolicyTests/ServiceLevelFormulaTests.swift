import InventoryPolicy
import Testing

/// Fill-rate, Poisson and periodic-review formulas against published table values and hand arithmetic.
@Suite struct ServiceLevelFormulaTests {
    /// The standard normal loss function G_u(k), four significant figures as tabulated in Silver, Pyke and
    /// Peterson (3rd ed.), appendix table of G_u(k) (the same values appear in every OR text's table).
    @Test(arguments: [
        (0.0, 0.3989), (0.5, 0.1978), (1.0, 0.08332), (1.5, 0.02931), (2.0, 0.008491), (2.5, 0.002004),
        (3.0, 0.0003822),
    ])
    func normalLossMatchesTheTable(k: Double, tabulated: Double) {
        #expect(abs(StandardNormal.loss(k) / tabulated - 1) < 5e-4, "G(\(k)) = \(StandardNormal.loss(k))")
    }

    @Test func lossIsExactAtZeroAndSymmetricByDefinition() {
        // G(0) = pdf(0) = 1 / sqrt(2 pi); G(-k) = G(k) + k.
        #expect(abs(StandardNormal.loss(0) - 1 / (2 * Double.pi).squareRoot()) < 1e-15)
        for k in [0.3, 1.1, 2.7] {
            #expect(abs(StandardNormal.loss(-k) - (StandardNormal.loss(k) + k)) < 1e-12)
        }
    }

    @Test(arguments: [-3.0, -1.25, 0.0, 0.75, 1.6, 2.9, 4.5])
    func inverseLossRoundTrips(k: Double) {
        let g = StandardNormal.loss(k)
        #expect(abs(StandardNormal.inverseLoss(g) - k) < 1e-9, "k = \(k)")
    }

    @Test func fillRateSafetyFactorByHand() {
        // beta = 0.99, Q = 100, sigma_LT = 20: G(k) = 0.01 * 100 / 20 = 0.05; the table brackets k between
        // 1.2 (G 0.05610) and 1.3 (G 0.04553).
        let k = InventoryFormulas.fillRateSafetyFactor(fillRate: 0.99, orderQuantity: 100, sigmaLeadTime: 20)
        #expect(k > 1.2 && k < 1.3)
        #expect(abs(StandardNormal.loss(k) - 0.05) < 1e-12)
        // A large Q against sigma gives a negative k: G(k) = 0.1 * 500 / 10 = 5, k close to -5.
        let negative = InventoryFormulas.fillRateSafetyFactor(fillRate: 0.9, orderQuantity: 500, sigmaLeadTime: 10)
        #expect(negative < -4.9 && negative > -5.1)
    }

    @Test func poissonReorderPointIsTheSmallestQuantileMeetingAlpha() {
        // Poisson(2): P(D <= 4) = 0.9473, P(D <= 5) = 0.9834 -> r = 5 at alpha 0.95.
        #expect(InventoryFormulas.poissonReorderPoint(meanLeadTimeDemand: 2, serviceLevel: 0.95) == 5)
        // Poisson(5): P(D <= 7) = 0.8666, P(D <= 8) = 0.9319 -> r = 8 at alpha 0.9.
        #expect(InventoryFormulas.poissonReorderPoint(meanLeadTimeDemand: 5, serviceLevel: 0.9) == 8)
        // Poisson(0.5): P(D = 0) = 0.6065 already meets 0.6.
        #expect(InventoryFormulas.poissonReorderPoint(meanLeadTimeDemand: 0.5, serviceLevel: 0.6) == 0)
        #expect(InventoryFormulas.poissonReorderPoint(meanLeadTimeDemand: 0, serviceLevel: 0.99) == 0)
    }

    @Test func orderUpToLevelByHand() {
        // d = 10, sd_d = 3, R = 7, L = 5, sd_L = 1, k = 1.645:
        // S = 10 * 12 + 1.645 * sqrt(12 * 9 + 100 * 1) = 120 + 1.645 * sqrt(208).
        let level = InventoryFormulas.orderUpToLevel(
            meanDailyDemand: 10,
            sdDailyDemand: 3,
            reviewPeriodDays: 7,
            leadTimeDays: 5,
            leadTimeSdDays: 1,
            safetyFactor: 1.645
        )
        #expect(abs(level - (120 + 1.645 * 208.0.squareRoot())) < 1e-12)
    }
}
