/// One row of `planner policy --input`: the statistics of a SKU from which the calculator computes its
/// safety stock, reorder point and order quantity. Units per day, days, money and rates per year.
public struct PolicyQuery: Sendable, Equatable {
    public typealias ServiceType = PlannerCore.ServiceType

    public var sku: String
    public var meanDailyDemand: Double
    public var sdDailyDemand: Double
    public var leadTimeDays: Double
    public var leadTimeSdDays: Double
    /// Strictly between 0 and 1.
    public var serviceLevel: Double
    public var serviceType: ServiceType
    public var orderQuantity: Double?
    public var annualDemand: Double?
    public var orderCost: Double?
    public var unitCost: Double?
    public var holdingCostRate: Double?
    public var reviewPeriodDays: Double?
    /// Line of the input file, for messages.
    public var line: Int

    public init(
        sku: String,
        meanDailyDemand: Double,
        sdDailyDemand: Double,
        leadTimeDays: Double,
        leadTimeSdDays: Double,
        serviceLevel: Double,
        serviceType: ServiceType,
        orderQuantity: Double? = nil,
        annualDemand: Double? = nil,
        orderCost: Double? = nil,
        unitCost: Double? = nil,
        holdingCostRate: Double? = nil,
        reviewPeriodDays: Double? = nil,
        line: Int = 0
    ) {
        self.sku = sku
        self.meanDailyDemand = meanDailyDemand
        self.sdDailyDemand = sdDailyDemand
        self.leadTimeDays = leadTimeDays
        self.leadTimeSdDays = leadTimeSdDays
        self.serviceLevel = serviceLevel
        self.serviceType = serviceType
        self.orderQuantity = orderQuantity
        self.annualDemand = annualDemand
        self.orderCost = orderCost
        self.unitCost = unitCost
        self.holdingCostRate = holdingCostRate
        self.reviewPeriodDays = reviewPeriodDays
        self.line = line
    }
}
