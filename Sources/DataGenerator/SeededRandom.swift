import Foundation

/// A seeded pseudo-random stream: xoshiro256** (Blackman and Vigna, "Scrambled Linear Pseudorandom
/// Number Generators", ACM TOMS 2021) whose state is filled by SplitMix64 (Steele, Lea and Flood,
/// "Fast Splittable Pseudorandom Number Generators", OOPSLA 2014).
///
/// `(seed, stream)` selects an independent stream, so each part of a data set (and each SKU's demand
/// in each 28-day block) draws from its own stream and does not shift when another part changes.
/// Every sampler below is written here, not taken from the standard library, so the same seed gives
/// the same numbers on every platform and Swift version. It deliberately does not conform to
/// `RandomNumberGenerator`, so stdlib algorithms whose use of it may change cannot creep in.
struct SeededRandom {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    init(seed: UInt64, stream: UInt64 = 0) {
        var splitMix = SplitMix64(state: seed ^ SplitMix64.mix(stream &+ 0x632B_E59B_D9B4_E019))
        s0 = splitMix.next()
        s1 = splitMix.next()
        s2 = splitMix.next()
        s3 = splitMix.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }  // the all-zero state is the one fixed point
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Uniform on [0, 1) with 53 random bits.
    @inline(__always)
    mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform on [low, high).
    @inline(__always)
    mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * uniform()
    }

    /// Uniform integer in `range`, unbiased (Lemire, "Fast Random Integer Generation in an Interval",
    /// ACM TOMACS 2019).
    mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        if span == 0 { return range.lowerBound &+ Int(truncatingIfNeeded: next()) }
        var product = next().multipliedFullWidth(by: span)
        if product.low < span {
            let threshold = (0 &- span) % span
            while product.low < threshold {
                product = next().multipliedFullWidth(by: span)
            }
        }
        return range.lowerBound + Int(product.high)
    }

    @inline(__always)
    mutating func bernoulli(_ probability: Double) -> Bool {
        uniform() < probability
    }

    /// Standard normal by the Box-Muller transform (Box and Muller 1958): sqrt(-2 ln u1) cos(2 pi u2).
    mutating func normal() -> Double {
        let u1 = 1 - uniform()  // (0, 1], keeps the logarithm finite
        let u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// exp(N(ln median, sigma^2)): right-skewed, median `median`, mean `median * exp(sigma^2 / 2)`.
    mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * exp(sigma * normal())
    }

    /// Gamma(shape, scale), mean `shape * scale`, by Marsaglia and Tsang, "A Simple Method for
    /// Generating Gamma Variables", ACM TOMS 2000; shape < 1 uses Gamma(shape + 1) * U^(1 / shape).
    mutating func gamma(shape: Double, scale: Double) -> Double {
        if shape < 1 {
            let u = 1 - uniform()
            return gamma(shape: shape + 1, scale: scale) * pow(u, 1 / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = normal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = uniform()
            let xSquared = x * x
            if u < 1 - 0.0331 * xSquared * xSquared { return d * v * scale }
            if log(u) < 0.5 * xSquared + d * (1 - v + log(v)) { return d * v * scale }
        }
    }

    /// Poisson(lambda). Below 30: Knuth's multiplication method (TAOCP vol. 2, 3.4.1), O(lambda)
    /// uniforms. From 30: Hoermann's transformed rejection with squeeze, PTRS ("The transformed
    /// rejection method for generating Poisson random variables", Insurance: Mathematics and
    /// Economics 1993), exact and O(1).
    mutating func poisson(_ lambda: Double) -> Int {
        if !(lambda > 0) { return 0 }
        if lambda < 30 {
            let limit = exp(-lambda)
            var product = uniform()
            var count = 0
            while product > limit {
                count += 1
                product *= uniform()
            }
            return count
        }
        let sqrtLambda = lambda.squareRoot()
        let logLambda = log(lambda)
        let b = 0.931 + 2.53 * sqrtLambda
        let a = -0.059 + 0.02483 * b
        let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = uniform() - 0.5
            let v = uniform()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + lambda + 0.43).rounded(.down)
            if us >= 0.07 && v <= vr { return Int(k) }
            if k < 0 || (us < 0.013 && v > us) { continue }
            if log(v) + log(inverseAlpha) - log(a / (us * us) + b) <= -lambda + k * logLambda - lgamma(k + 1) {
                return Int(k)
            }
        }
    }

    /// Fisher-Yates shuffle (Durstenfeld 1964) with this stream.
    mutating func shuffle<T>(_ values: inout [T]) {
        guard values.count > 1 else { return }
        for index in stride(from: values.count - 1, to: 0, by: -1) {
            values.swapAt(index, int(in: 0...index))
        }
    }
}

/// SplitMix64: a 64-bit counter passed through a strong mixing function; used only to seed.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Sampling from a fixed discrete distribution by binary search over its cumulative weights.
struct CumulativeWeights {
    /// Running totals, divided by the total so the last is exactly 1.
    private(set) var cumulative: [Double]

    init(_ weights: [Double]) {
        var running = 0.0
        var cumulative = weights.map { weight -> Double in
            running += max(0, weight)
            return running
        }
        if running > 0 {
            for index in cumulative.indices { cumulative[index] /= running }
            cumulative[cumulative.count - 1] = 1
        } else {
            cumulative = weights.indices.map { Double($0 + 1) / Double(weights.count) }
        }
        self.cumulative = cumulative
    }

    /// The first index whose cumulative share exceeds a uniform draw.
    func sample(_ random: inout SeededRandom) -> Int {
        CumulativeWeights.search(cumulative[...], random.uniform())
    }

    /// First index in `cumulative` with a value greater than `u`.
    @inline(__always)
    static func search(_ cumulative: ArraySlice<Double>, _ u: Double) -> Int {
        var low = cumulative.startIndex
        var high = cumulative.endIndex - 1
        while low < high {
            let middle = (low + high) >> 1
            if cumulative[middle] > u { high = middle } else { low = middle + 1 }
        }
        return low - cumulative.startIndex
    }
}
