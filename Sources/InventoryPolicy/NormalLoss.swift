#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard normal loss function and its inverse, for fill-rate safety factors.
extension StandardNormal {
    /// G(k) = E[(Z - k)+] = pdf(k) - k (1 - cdf(k)): the expected shortage per unit of sigma when the
    /// safety factor is k (Silver, Pyke and Peterson, 3rd ed., ch. 7 and the G_u(k) table of its appendix).
    /// Decreasing in k, from k as k -> -infinity (plus a vanishing term) to 0 as k -> +infinity.
    public static func loss(_ k: Double) -> Double {
        // 1 - cdf(k) = erfc(k / sqrt 2) / 2 keeps relative precision in the upper tail.
        pdf(k) - k * 0.5 * erfc(k / 2.0.squareRoot())
    }

    /// The k with G(k) = g, for g > 0 (a precondition). G is strictly decreasing with G'(k) = cdf(k) - 1,
    /// so a bisection on [-40, 40] bracketing the root is finished by Newton steps; deterministic, and
    /// accurate to about 1e-12 relative in g.
    public static func inverseLoss(_ g: Double) -> Double {
        precondition(g > 0 && g.isFinite, "inverseLoss needs a positive finite expected shortage, got \(g)")
        var low = -40.0
        var high = 40.0
        // G(-40) is 40 to machine precision; beyond it G(k) = -k.
        if g >= 40 { return -g }
        for _ in 0..<60 {
            let middle = (low + high) / 2
            if loss(middle) > g { low = middle } else { high = middle }
        }
        var k = (low + high) / 2
        for _ in 0..<3 {
            let slope = cdf(k) - 1
            guard slope < 0 else { break }
            let next = k - (loss(k) - g) / slope
            guard next.isFinite, next > low - 1e-9, next < high + 1e-9 else { break }
            k = next
        }
        return k
    }
}
