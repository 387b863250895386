import Testing

@testable import DataGenerator

@Suite("Seeded random streams and samplers")
struct RandomTests {
    func draws(
        _ count: Int,
        seed: UInt64 = 7,
        _ sample: (inout SeededRandom) -> Double
    ) -> (mean: Double, variance: Double) {
        var random = SeededRandom(seed: seed, stream: 1)
        let values = (0..<count).map { _ in sample(&random) }
        let mean = values.reduce(0, +) / Double(count)
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(count - 1)
        return (mean, variance)
    }

    @Test("SplitMix64 matches the reference output for seed 0")
    func splitMixReference() {
        // First outputs of Vigna's splitmix64.c with x = 0.
        var splitMix = SplitMix64(state: 0)
        #expect(splitMix.next() == 0xE220_A839_7B1D_CDAF)
        #expect(splitMix.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test("Streams are reproducible and distinct")
    func streams() {
        var first = SeededRandom(seed: 1, stream: 5)
        var again = SeededRandom(seed: 1, stream: 5)
        var otherStream = SeededRandom(seed: 1, stream: 6)
        var otherSeed = SeededRandom(seed: 2, stream: 5)
        let a = (0..<8).map { _ in first.next() }
        #expect(a == (0..<8).map { _ in again.next() })
        #expect(a != (0..<8).map { _ in otherStream.next() })
        #expect(a != (0..<8).map { _ in otherSeed.next() })
    }

    @Test("Uniform integers stay in range and hit every value")
    func integers() {
        var random = SeededRandom(seed: 3)
        var seen = Set<Int>()
        for _ in 0..<2_000 {
            let value = random.int(in: -2...4)
            #expect((-2...4).contains(value))
            seen.insert(value)
        }
        #expect(seen.count == 7)
    }

    @Test(
        "Poisson has mean and variance lambda, below and above the method switch",
        arguments: [0.3, 4.0, 29.0, 30.0, 250.0]
    )
    func poisson(lambda: Double) {
        let (mean, variance) = draws(40_000) { Double($0.poisson(lambda)) }
        // Standard error of the mean is sqrt(lambda / n); allow about 5 of them.
        #expect(abs(mean - lambda) < 5 * (lambda / 40_000).squareRoot() + 1e-9)
        #expect(abs(variance / lambda - 1) < 0.05)
    }

    @Test("Gamma(shape, scale) has mean shape*scale and variance shape*scale^2", arguments: [0.5, 1.5, 5.0, 16.0])
    func gamma(shape: Double) {
        let scale = 2.0
        let (mean, variance) = draws(40_000) { $0.gamma(shape: shape, scale: scale) }
        #expect(abs(mean / (shape * scale) - 1) < 0.03)
        #expect(abs(variance / (shape * scale * scale) - 1) < 0.08)
    }

    @Test("Box-Muller normals are standard")
    func normal() {
        let (mean, variance) = draws(40_000) { $0.normal() }
        #expect(abs(mean) < 0.025)
        #expect(abs(variance - 1) < 0.03)
    }

    @Test("Weighted draws follow the weights; zero weight is never drawn")
    func weighted() {
        var random = SeededRandom(seed: 11)
        let picker = CumulativeWeights([1, 0, 3])
        var counts = [0, 0, 0]
        for _ in 0..<20_000 { counts[picker.sample(&random)] += 1 }
        #expect(counts[1] == 0)
        #expect(abs(Double(counts[2]) / Double(counts[0]) - 3) < 0.25)
    }
}
