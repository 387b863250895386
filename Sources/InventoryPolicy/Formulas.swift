#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Textbook inventory formulas, kept pure so that they can be checked against hand arithmetic.
///
/// Source: Silver, Pyke and Peterson, "Inventory and Production Management in Supply Chains", 4th ed.
/// (ch. 7 for safety stock with a random lead time; the EOQ is Harris's 1913 / Wilson's formula).
public enum InventoryFormulas {
    /// Standard deviation of demand over a random lead time:
    /// sigma_LT = sqrt(L * sd_d^2 + d^2 * sd_L^2) (SPP 4th ed., ch. 7), for i.i.d. daily demand with
    /// mean `d` and deviation `sd_d`, and lead time with mean `L` days and deviation `sd_L` days.
    public static func sigmaLeadTime(
        meanDailyDemand d: Double,
        sdDailyDemand sdD: Double,
        leadTimeDays l: Double,
        leadTimeSdDays sdL: Double
    ) -> Double {
        (l * sdD * sdD + d * d * sdL * sdL).squareRoot()
    }

    /// The forecast error SD over `days` of the part of a SKU's demand that a warehouse serves, share `s`
    /// of the SKU's `meanDailyUnits`, when the SKU total has error SD `sigmaTotal` over those days and each
    /// unit goes to the warehouse with probability s (a multinomial split):
    /// var = s^2 sigmaTotal^2 + s (1 - s) meanDailyUnits days.
    public static func shareErrorSD(sigmaTotal: Double, share s: Double, meanDailyUnits: Double, days: Double) -> Double
    {
        let share = min(max(s, 0), 1)
        return (share * share * sigmaTotal * sigmaTotal + share * (1 - share) * meanDailyUnits * days).squareRoot()
    }

    /// Safety factor k of a fill rate beta (the fraction of demand met from stock) in a continuous-review
    /// (r, Q) policy with backorders: G(k) = (1 - beta) Q / sigma_LT (Silver, Pyke and Peterson, 3rd ed.,
    /// ch. 7, the "P2" service measure). k may be negative when Q is large against sigma_LT. Preconditions: beta in
    /// (0, 1), Q > 0 and sigma_LT > 0.
    public static func fillRateSafetyFactor(
        fillRate beta: Double,
        orderQuantity q: Double,
        sigmaLeadTime: Double
    )
        -> Double
    {
        precondition(
            beta > 0 && beta < 1 && q > 0 && sigmaLeadTime > 0,
            "fill rate k needs 0 < beta < 1, Q > 0, sigma > 0"
        )
        return StandardNormal.inverseLoss((1 - beta) * q / sigmaLeadTime)
    }

    /// The smallest integer r with P(D <= r) >= alpha for Poisson lead-time demand D of mean `mean`
    /// (slow movers; Axsater, "Inventory Control", 2nd ed., ch. 5). 0 for a mean of 0. Preconditions: alpha in
    /// (0, 1), mean >= 0 and at most 1e6.
    public static func poissonReorderPoint(meanLeadTimeDemand mean: Double, serviceLevel alpha: Double) -> Int {
        precondition(alpha > 0 && alpha < 1 && mean >= 0 && mean <= 1e6, "Poisson reorder point needs 0 < alpha < 1")
        guard mean > 0 else { return 0 }
        // Sum the probabilities in log space from 0 upward: p(0) = e^-mean, p(r) = p(r-1) mean / r.
        var logProbability = -mean
        var cumulative = exp(logProbability)
        var r = 0
        while cumulative < alpha {
            r += 1
            logProbability += log(mean) - log(Double(r))
            cumulative += exp(logProbability)
            if r > Int(mean * 10 + 1_000) { break }  // alpha beyond what Double can resolve: stop far out
        }
        return r
    }

    /// Order-up-to level of a periodic-review (R, S) policy: S = d (R + L) + k sqrt((R + L) sd_d^2 + d^2 sd_L^2),
    /// protecting over the review period plus the lead time (Silver, Pyke and Peterson, 3rd ed., ch. 7).
    public static func orderUpToLevel(
        meanDailyDemand d: Double,
        sdDailyDemand sdD: Double,
        reviewPeriodDays r: Double,
        leadTimeDays l: Double,
        leadTimeSdDays sdL: Double,
        safetyFactor k: Double
    ) -> Double {
        let protection = r + l
        return d * protection + k * (protection * sdD * sdD + d * d * sdL * sdL).squareRoot()
    }

    /// Safety stock SS = z * sigma_LT, z the safety factor of the cycle service level.
    public static func safetyStock(safetyFactor z: Double, sigmaLeadTime: Double) -> Double {
        z * sigmaLeadTime
    }

    /// Reorder point s = d * L + SS: expected demand over the lead time plus safety stock.
    public static func reorderPoint(
        meanDailyDemand d: Double,
        leadTimeDays l: Double,
        safetyStock: Double
    )
        -> Double
    {
        d * l + safetyStock
    }

    /// Economic order quantity EOQ = sqrt(2 K D / h) (Harris / Wilson), K the cost of an order, D units a
    /// year, h the holding cost per unit a year. 0 when K, D or h is not positive.
    public static func economicOrderQuantity(
        orderCost k: Double,
        annualDemand demand: Double,
        holdingCostPerUnitYear h: Double
    ) -> Double {
        guard k > 0, demand > 0, h > 0 else { return 0 }
        return (2 * k * demand / h).squareRoot()
    }

    /// The lot a plan aims for: max(EOQ, 1) rounded up to whole units, raised to the minimum order quantity
    /// and then up to a multiple of the pack size. So with no order cost or no demand (raw EOQ 0) the plan
    /// still orders at least the MOQ. A 1e-9 margin keeps an EOQ of 100.0000000001 at 100.
    public static func lotSize(economicOrderQuantity eoq: Double, moq: Int, packSize: Int) -> Int {
        let pack = max(1, packSize)
        let wanted = max(1, moq, Int((eoq - 1e-9).rounded(.up)))
        return (wanted + pack - 1) / pack * pack
    }

    /// Holding cost per unit a year: h = rate * unit cost.
    public static func holdingCostPerUnitYear(holdingCostRate: Double, unitCost: Double) -> Double {
        holdingCostRate * unitCost
    }

    /// Yearly demand from mean daily demand: D = 365 d.
    public static func annualDemand(meanDailyDemand d: Double) -> Double {
        365 * d
    }
}
