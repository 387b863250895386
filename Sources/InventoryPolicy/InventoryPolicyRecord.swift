import PlannerCore

/// How a policy's reorder point (or order-up-to level) was computed.
public enum PolicyMethod: String, Sendable, CaseIterable {
    /// Continuous review (s, Q), normal lead-time demand, cycle service level: SS = z sigma_LT.
    case normalCycle = "normal_cycle"
    /// Continuous review (s, Q), normal lead-time demand, fill rate: G(k) = (1 - beta) Q / sigma_LT.
    case normalFillRate = "normal_fill_rate"
    /// Continuous review, Poisson lead-time demand (slow movers): smallest r with P(D_L <= r) >= alpha.
    case poissonCycle = "poisson_cycle"
    /// Periodic review (R, S): order up to S every R days.
    case periodicReview = "periodic_review"
    /// Not stocked: the supplier ships to customers.
    case dropShip = "drop_ship"
}

/// Where a policy's stock is held (the class strategy as applied to one SKU).
public enum Stocking: String, Sendable, CaseIterable {
    case regional
    case cloudPool = "cloud_pool"
    case dropShip = "drop_ship"
}

/// Replenishment policy of one SKU at one warehouse, with every input it was computed from. Quantities in
/// units, times in days. Continuous review orders when the inventory position reaches `reorderPoint`;
/// periodic review orders up to `orderUpTo` every `reviewPeriodDays`.
public struct InventoryPolicyRecord: Sendable, Equatable {
    public var skuIndex: Int
    public var warehouseIndex: Int
    public var abcClass: ABCClass
    public var xyzClass: XYZClass
    public var stocking: Stocking
    /// A-class strategy: units short before supply arrives may be sold ahead (presale).
    public var presaleAllowed: Bool
    public var serviceType: ServiceType
    /// Cycle service level or fill rate, in (0, 1).
    public var serviceLevel: Double
    /// Mean daily forecast of the demand this warehouse serves.
    public var meanDailyDemand: Double
    /// Standard deviation of the one-day forecast error of that demand.
    public var sdDailyDemand: Double
    public var leadTimeDays: Double
    public var leadTimeSdDays: Double
    /// Nil for continuous review.
    public var reviewPeriodDays: Int?
    /// z (cycle) or k (fill rate); nil for the Poisson method and drop-ship.
    public var safetyFactor: Double?
    /// Standard deviation of demand over the lead time, sigma(L) (periodic review's SS uses sigma(R + L)).
    public var sigmaLeadTime: Double
    public var safetyStock: Double
    /// s of continuous review; S for periodic review (as `planner policy` reports it).
    public var reorderPoint: Double
    /// Economic order quantity sqrt(2 K D / h), unrounded (0 without order cost or demand).
    public var orderQuantity: Double
    /// The lot actually aimed for: max(EOQ, 1) raised to the supplier's MOQ and the pack size.
    public var lotSize: Int
    /// S of periodic review, s + Q of continuous review; nil for drop-ship.
    public var orderUpTo: Double?
    public var method: PolicyMethod
    /// Where the demand spread came from: `forecast_error` (the backtested forecast error over the interval).
    public var sigmaSource: String

    public init(
        skuIndex: Int,
        warehouseIndex: Int,
        abcClass: ABCClass,
        xyzClass: XYZClass = .Z,
        stocking: Stocking = .regional,
        presaleAllowed: Bool = false,
        serviceType: ServiceType = .cycle,
        serviceLevel: Double,
        meanDailyDemand: Double,
        sdDailyDemand: Double,
        leadTimeDays: Double,
        leadTimeSdDays: Double,
        reviewPeriodDays: Int? = nil,
        safetyFactor: Double?,
        sigmaLeadTime: Double,
        safetyStock: Double,
        reorderPoint: Double,
        orderQuantity: Double,
        lotSize: Int = 1,
        orderUpTo: Double? = nil,
        method: PolicyMethod,
        sigmaSource: String = PolicyPlanner.sigmaSource
    ) {
        self.skuIndex = skuIndex
        self.warehouseIndex = warehouseIndex
        self.abcClass = abcClass
        self.xyzClass = xyzClass
        self.stocking = stocking
        self.presaleAllowed = presaleAllowed
        self.serviceType = serviceType
        self.serviceLevel = serviceLevel
        self.meanDailyDemand = meanDailyDemand
        self.sdDailyDemand = sdDailyDemand
        self.leadTimeDays = leadTimeDays
        self.leadTimeSdDays = leadTimeSdDays
        self.reviewPeriodDays = reviewPeriodDays
        self.safetyFactor = safetyFactor
        self.sigmaLeadTime = sigmaLeadTime
        self.safetyStock = safetyStock
        self.reorderPoint = reorderPoint
        self.orderQuantity = orderQuantity
        self.lotSize = lotSize
        self.orderUpTo = orderUpTo
        self.method = method
        self.sigmaSource = sigmaSource
    }
}
