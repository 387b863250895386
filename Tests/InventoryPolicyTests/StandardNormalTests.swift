import InventoryPolicy
import Testing

@Suite struct StandardNormalTests {
    /// Reference quantiles (scipy.stats.norm.ppf, double precision).
    @Test(arguments: [
        (0.95, 1.6448536269514722), (0.975, 1.959963984540054), (0.98, 2.0537489106318225),
        (0.90, 1.2815515655446004), (0.5, 0.0), (0.999, 3.090232306167813),
    ])
    func inverseCDFMatchesReferenceQuantiles(probability: Double, z: Double) {
        #expect(abs(StandardNormal.inverseCDF(probability) - z) < 1e-12)
        // Symmetry: z(1 - p) = -z(p).
        #expect(abs(StandardNormal.inverseCDF(1 - probability) + z) < 1e-12)
    }

    @Test func inverseCDFOfHalfIsExactlyZero() {
        #expect(StandardNormal.inverseCDF(0.5) == 0)
    }

    @Test func cdfMatchesKnownValues() {
        #expect(StandardNormal.cdf(0) == 0.5)
        // Phi(1.959963984540054) = 0.975, Phi(-1) = 0.15865525393145707 (scipy).
        #expect(abs(StandardNormal.cdf(1.959963984540054) - 0.975) < 1e-15)
        #expect(abs(StandardNormal.cdf(-1) - 0.15865525393145707) < 1e-15)
    }

    @Test func inverseCDFInvertsCDFAcrossTheRange() {
        // Includes both tail regions of Acklam's approximation (p < 0.02425 and p > 0.97575).
        for p in [1e-10, 1e-6, 0.001, 0.01, 0.02425, 0.1, 0.3, 0.7, 0.9, 0.97575, 0.99, 0.999999] {
            let z = StandardNormal.inverseCDF(p)
            #expect(abs(StandardNormal.cdf(z) - p) <= 1e-14 * max(p, 1e-3), "p = \(p)")
        }
    }

    @Test func inverseCDFIsIncreasing() {
        var previous = -Double.infinity
        for step in 1..<1000 {
            let z = StandardNormal.inverseCDF(Double(step) / 1000)
            #expect(z > previous)
            previous = z
        }
    }

    @Test func inverseCDFRejectsProbabilitiesOutsideTheOpenUnitInterval() async {
        await #expect(processExitsWith: .failure) { _ = StandardNormal.inverseCDF(1) }
        await #expect(processExitsWith: .failure) { _ = StandardNormal.inverseCDF(0) }
    }
}
