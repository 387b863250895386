import PlannerCore

/// Why a supply order row exists and why it went to its supplier.
public enum SourcingReason: String, Sendable {
    /// Ordered from the preferred supplier because the inventory position reached the reorder point.
    case reorderPoint = "reorder_point"
    /// Ordered from the preferred supplier on a review day of a periodic-review (R, S) policy.
    case periodicReview = "periodic_review"
    /// Forecast volume of a drop-shipped SKU for a week, shipped by the supplier straight to customers.
    case dropShip = "drop_ship"
    /// From a backup: the primary's weekly capacity (or MOQ under it) could not take these units.
    case primaryCapacity = "primary_capacity"
    /// From a backup: the primary cannot supply on the order day (a disruption with capacity factor 0).
    case primaryDisrupted = "primary_disrupted"
    /// From a backup: the primary would arrive after the projected stock-out and this one would not.
    case primaryLate = "primary_late"
    /// Not ordered: the SKU has no supplier at all.
    case noSupplier = "no_supplier"
    /// Not ordered: every supplier of the SKU is out of capacity (or disrupted) for these units.
    case noSupplierCapacity = "no_supplier_capacity"
}

/// One planned purchase order (or, with `supplier == nil`, units nobody could supply).
public struct PlannedSupplyOrder: Sendable, Equatable {
    public var skuIndex: Int
    public var warehouseIndex: Int
    /// Nil for `no_supplier` and `no_supplier_capacity` rows, as are role, rank, arrival and unit cost.
    public var supplier: String?
    public var role: SupplierRole?
    public var rank: Int?
    public var orderDate: Day
    public var arrivalDate: Day?
    /// Units, rounded to the supplier's MOQ and the SKU's pack size.
    public var quantity: Int
    public var unitCost: Double?
    public var reason: SourcingReason
    /// First day on which the projected stock at the warehouse, without this order, goes below zero;
    /// nil when it does not within the horizon.
    public var projectedStockoutDate: Day?

    public init(
        skuIndex: Int,
        warehouseIndex: Int,
        supplier: String?,
        role: SupplierRole?,
        rank: Int?,
        orderDate: Day,
        arrivalDate: Day?,
        quantity: Int,
        unitCost: Double?,
        reason: SourcingReason,
        projectedStockoutDate: Day?
    ) {
        self.skuIndex = skuIndex
        self.warehouseIndex = warehouseIndex
        self.supplier = supplier
        self.role = role
        self.rank = rank
        self.orderDate = orderDate
        self.arrivalDate = arrivalDate
        self.quantity = quantity
        self.unitCost = unitCost
        self.reason = reason
        self.projectedStockoutDate = projectedStockoutDate
    }
}
