/// A stock-keeping unit: one sellable article. Money is in the data set's currency.
public struct SKU: Hashable, Sendable {
    public var id: String
    public var name: String
    public var category: String
    public var unitCost: Double
    public var unitPrice: Double
    /// Yearly holding cost as a fraction of `unitCost` (0.25 = 25% a year).
    public var holdingCostRate: Double
    /// Fixed cost of placing one purchase order.
    public var orderCost: Double
    /// Units per pack; order quantities are multiples of it.
    public var packSize: Int
    /// Minimum order quantity in units.
    public var moq: Int
    /// Weight of one unit as shipped, in kilograms; nil when `skus.csv` does not give it.
    public var unitWeightKg: Double?
    /// Volume of one unit as shipped, in litres; nil when `skus.csv` does not give it.
    public var unitVolumeLitres: Double?

    public init(
        id: String,
        name: String,
        category: String,
        unitCost: Double,
        unitPrice: Double,
        holdingCostRate: Double,
        orderCost: Double,
        packSize: Int,
        moq: Int,
        unitWeightKg: Double? = nil,
        unitVolumeLitres: Double? = nil
    ) {
        self.id = id
        self.name = name
        self.category = category
        self.unitCost = unitCost
        self.unitPrice = unitPrice
        self.holdingCostRate = holdingCostRate
        self.orderCost = orderCost
        self.packSize = packSize
        self.moq = moq
        self.unitWeightKg = unitWeightKg
        self.unitVolumeLitres = unitVolumeLitres
    }
}

/// A delivery region (a group of postcodes served alike).
public struct Region: Hashable, Sendable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

public enum WarehouseKind: String, Hashable, Sendable, CaseIterable {
    /// Close to its regions: next-day delivery for most of them.
    case regional
    /// A third-party pooled warehouse: wider reach, higher cost per unit.
    case cloud
}

public struct Warehouse: Hashable, Sendable {
    public var id: String
    public var name: String
    public var kind: WarehouseKind
    /// Outbound units a day; nil means no limit.
    public var dailyCapacityUnits: Int?

    public init(id: String, name: String, kind: WarehouseKind, dailyCapacityUnits: Int?) {
        self.id = id
        self.name = name
        self.kind = kind
        self.dailyCapacityUnits = dailyCapacityUnits
    }
}

/// A shipping lane from a warehouse to a region, run by one carrier (the logistics partner).
public struct Lane: Hashable, Sendable {
    public var warehouseIndex: Int
    public var regionIndex: Int
    public var transitDays: Int
    public var costPerUnit: Double
    public var carrier: String

    /// Next-day delivery: at most one day in transit.
    public var isNextDay: Bool { transitDays <= 1 }

    public init(warehouseIndex: Int, regionIndex: Int, transitDays: Int, costPerUnit: Double, carrier: String) {
        self.warehouseIndex = warehouseIndex
        self.regionIndex = regionIndex
        self.transitDays = transitDays
        self.costPerUnit = costPerUnit
        self.carrier = carrier
    }
}

/// Stock of one SKU at one warehouse. A missing record means zero stock.
public struct StockRecord: Hashable, Sendable {
    public var warehouseIndex: Int
    public var skuIndex: Int
    public var onHand: Int
    /// Units ordered from suppliers and not yet received.
    public var onOrder: Int

    public init(warehouseIndex: Int, skuIndex: Int, onHand: Int, onOrder: Int) {
        self.warehouseIndex = warehouseIndex
        self.skuIndex = skuIndex
        self.onHand = onHand
        self.onOrder = onOrder
    }
}

/// One customer order line. (orderId, sku) is unique in a data set.
public struct OrderLine: Hashable, Sendable {
    public var orderId: String
    public var orderDate: Day
    public var skuIndex: Int
    public var regionIndex: Int
    public var quantity: Int
    /// 1 is the most urgent, 3 the least; a blank priority in the data is 2.
    public var priority: Int
    /// The day the customer was promised delivery; nil when the data gives none (then the day after
    /// the order date, next-day delivery, is assumed where a promise matters).
    public var promiseDate: Day?

    public init(
        orderId: String,
        orderDate: Day,
        skuIndex: Int,
        regionIndex: Int,
        quantity: Int,
        priority: Int,
        promiseDate: Day? = nil
    ) {
        self.orderId = orderId
        self.orderDate = orderDate
        self.skuIndex = skuIndex
        self.regionIndex = regionIndex
        self.quantity = quantity
        self.priority = priority
        self.promiseDate = promiseDate
    }

    /// The promised delivery day, or the day after the order date when none was given.
    public var effectivePromiseDate: Day { promiseDate ?? orderDate.adding(days: 1) }
}

public enum SupplierRole: String, Hashable, Sendable, CaseIterable {
    case primary
    case backup
}

/// One supplier's terms for one SKU.
public struct SupplierOffer: Hashable, Sendable {
    public var supplier: String
    public var skuIndex: Int
    public var role: SupplierRole
    /// Order of preference within the role, 1 first.
    public var rank: Int
    public var leadTimeDays: Double
    public var leadTimeSdDays: Double
    public var unitCost: Double
    /// Units this supplier can ship of this SKU per 7-day week; nil means no limit.
    public var weeklyCapacityUnits: Int?
    public var moq: Int
    /// The supplier ships this SKU straight to customers (drop-ship), so it need not be stocked.
    public var allowsDropShip: Bool

    public init(
        supplier: String,
        skuIndex: Int,
        role: SupplierRole,
        rank: Int,
        leadTimeDays: Double,
        leadTimeSdDays: Double,
        unitCost: Double,
        weeklyCapacityUnits: Int?,
        moq: Int,
        allowsDropShip: Bool = false
    ) {
        self.supplier = supplier
        self.skuIndex = skuIndex
        self.role = role
        self.rank = rank
        self.leadTimeDays = leadTimeDays
        self.leadTimeSdDays = leadTimeSdDays
        self.unitCost = unitCost
        self.weeklyCapacityUnits = weeklyCapacityUnits
        self.moq = moq
        self.allowsDropShip = allowsDropShip
    }
}
