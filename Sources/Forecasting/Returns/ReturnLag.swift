import Foundation

/// The lag from a sale to its return: the sum of two independent geometric lags on {1, 2, ...} with mean
/// `meanDays / 2` each (a negative binomial with r = 2, the discrete Erlang-2: shipping out and the customer's
/// decision, then shipping back). P(L = n) = (n - 1) theta^2 (1 - theta)^(n - 2) for n >= 2, theta = 2 / mean,
/// P(L > n) = (1 - theta)^(n - 1) (1 + (n - 1) theta). Its intensity after a sale follows the two-stage filter
/// a(t) = (1 - theta) a(t - 1) + theta s(t - 1), x(t) = (1 - theta) x(t - 1) + theta a(t - 1): x(t) is the
/// expected returns on day t per unit of return rate (Cox and Miller 1965, phase-type lags as filter stages).
public struct ReturnLag: Sendable, Equatable {
    /// Mean days from sale to return; at least 2 (each stage lasts at least a day).
    public let meanDays: Double
    let theta: Double

    public init(meanDays: Double) {
        self.meanDays = max(2, meanDays)
        theta = 2 / self.meanDays
    }

    /// P(L = n).
    public func probability(days n: Int) -> Double {
        guard n >= 2 else { return 0 }
        return Double(n - 1) * theta * theta * pow(1 - theta, Double(n - 2))
    }

    /// P(L > n).
    public func survival(days n: Int) -> Double {
        guard n >= 1 else { return 1 }
        return pow(1 - theta, Double(n - 1)) * (1 + Double(n - 1) * theta)
    }

    /// The filter state on day `t` left by one unit sold on day `t - age` (age >= 1): a = theta (1 - theta)^(age - 1),
    /// x = P(L = age).
    func state(age: Int) -> SIMD2<Double> {
        guard age >= 1 else { return .zero }
        return SIMD2(theta * pow(1 - theta, Double(age - 1)), probability(days: age))
    }

    /// Moves the state (a, x) one day on, with `sold` units sold on the day being left.
    func step(_ state: SIMD2<Double>, sold: Double) -> SIMD2<Double> {
        SIMD2((1 - theta) * state[0] + theta * sold, (1 - theta) * state[1] + theta * state[0])
    }

    /// Days after which at most 0.1% of the returns are still to come.
    var horizonDays: Int {
        var days = 2
        while survival(days: days) > 0.001 && days < 3_650 { days += 1 }
        return days
    }
}
