import InventoryPolicy
import Testing

/// The standard normal loss function G(k) = E[(Z - k)+], its inverse, and the fill-rate safety factor, against
/// published values (the table values of G are checked in ServiceLevelFormulaTests).
@Suite struct TextbookLossFunctionTests {
    static func close(_ actual: Double, _ expected: Double, relative: Double) -> Bool {
        abs(actual - expected) <= relative * max(1e-300, abs(expected))
    }

    /// Snyder and Shen, "Fundamentals of Supply Chain Theory", 2nd ed., eq. (C.22), L(z) = phi(z) - z (1 - Phi(z)),
    /// with the example of stockpyl's doc of `standard_normal_loss(1.3)`: published L(1.3) = 0.04552796208651397.
    @Test func fosctStandardNormalLossAt1_3() {
        #expect(Self.close(StandardNormal.loss(1.3), 0.04552796208651397, relative: 1e-12))
        #expect(abs(StandardNormal.inverseLoss(0.04552796208651397) - 1.3) < 1e-9)
    }

    /// FoSCT 2nd ed., eq. (C.31), n(x) = sigma L((x - mu) / sigma), with the example of stockpyl's doc of
    /// `normal_loss(18.6, 15, 3)`: published n(18.6) = 0.1683073521514889 for N(15, 3^2), i.e. 3 G(1.2).
    @Test func fosctNormalLossOfALeadTimeDemand() {
        let k = (18.6 - 15) / 3
        #expect(Self.close(3 * StandardNormal.loss(k), 0.1683073521514889, relative: 1e-12))
        // Inverse: the k whose expected shortage is 0.1683073521514889 / 3 units of sigma is 1.2.
        #expect(abs(StandardNormal.inverseLoss(0.1683073521514889 / 3) - 1.2) < 1e-9)
    }

    /// Chopra and Meindl, "Supply Chain Management", ch. 11 (safety inventory), Exercise 4, Hewlett Packard printers
    /// at a Sam's Club store: weekly demand 250, sd 150, lead time 2 weeks, Q = 1,000, reorder point 600. Published
    /// answers (the exercise's solution spreadsheet, reproduced at scribd.com/document/457113184; edition not
    /// confirmed): sigma_L = 212, ss = 100, CSL = 0.68, ESC = 43.86, fill rate 0.96. ESC = sigma_L G(ss / sigma_L)
    /// and fr = 1 - ESC / Q, so the fill-rate safety factor of fr = 1 - 43.86 / 1000 must give back ss = 100.
    @Test func chopraMeindlFillRateOfTheSamsClubPrinters() {
        let sigma = InventoryFormulas.sigmaLeadTime(
            meanDailyDemand: 250,
            sdDailyDemand: 150,
            leadTimeDays: 2,
            leadTimeSdDays: 0
        )
        #expect(sigma.rounded() == 212)
        let safetyStock = 600 - 250 * 2.0
        #expect(safetyStock == 100)
        #expect((StandardNormal.cdf(safetyStock / sigma) * 100).rounded() == 68)
        let shortagePerCycle = sigma * StandardNormal.loss(safetyStock / sigma)
        #expect((shortagePerCycle * 100).rounded() == 4_386)
        #expect(((1 - shortagePerCycle / 1_000) * 100).rounded() == 96)

        let k = InventoryFormulas.fillRateSafetyFactor(
            fillRate: 1 - 43.86 / 1_000,
            orderQuantity: 1_000,
            sigmaLeadTime: sigma
        )
        // ESC is published to 0.005 units and dESC / dss = -(1 - Phi(k)) = -0.32 here, so ss is known to +-0.016.
        let recovered = InventoryFormulas.safetyStock(safetyFactor: k, sigmaLeadTime: sigma)
        #expect(abs(recovered - 100) < 0.02, "ss = \(recovered)")
        #expect(abs(StandardNormal.loss(k) - 43.86 / sigma) < 1e-12)
    }
}
