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

    /// Standard deviation of demand over a random lead time from the forecast error over the mean lead
    /// time: sigma_LT = sqrt(sigma_e(L)^2 + d^2 * sd_L^2) (Silver, Pyke and Thomas 2017, 6.7 and 6.10.1:
    /// with a forecast, safety stock covers the forecast error over the lead time, not demand's variance).
    public static func sigmaLeadTime(
        forecastErrorSDOverLeadTime sigmaE: Double,
        meanDailyDemand d: Double,
        leadTimeSdDays sdL: Double
    ) -> Double {
        (sigmaE * sigmaE + d * d * sdL * sdL).squareRoot()
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

    /// Holding cost per unit a year: h = rate * unit cost.
    public static func holdingCostPerUnitYear(holdingCostRate: Double, unitCost: Double) -> Double {
        holdingCostRate * unitCost
    }

    /// Yearly demand from mean daily demand: D = 365 d.
    public static func annualDemand(meanDailyDemand d: Double) -> Double {
        365 * d
    }
}
