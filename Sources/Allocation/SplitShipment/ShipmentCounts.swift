import PlannerCore

/// How allocated lines group into shipments. An order is every line with the same order_id; a shipment
/// is one order's units from one warehouse, so an order shipped from k warehouses makes k shipments and
/// is split when k >= 2.
public struct ShipmentCounts: Sendable, Equatable {
    /// Orders with at least one allocated unit.
    public var shippingOrders: Int
    /// Distinct (order id, warehouse) pairs with allocated units.
    public var shipments: Int
    /// Orders with units from two or more warehouses.
    public var splitOrders: Int

    /// Shipments beyond each shipping order's first: `shipments - shippingOrders`.
    public var extraShipments: Int { shipments - shippingOrders }

    public init(shippingOrders: Int, shipments: Int, splitOrders: Int) {
        self.shippingOrders = shippingOrders
        self.shipments = shipments
        self.splitOrders = splitOrders
    }

    /// Counts over `allocated`, whose `orderIndex` values index `dataSet.orders`. Lines with zero
    /// units are ignored. Linear time; counting does not depend on the lines' order.
    public init(allocated: [AllocatedLine], dataSet: DataSet) {
        var warehousesByOrderId: [String: [Int]] = [:]
        for line in allocated where line.quantity > 0 {
            let orderId = dataSet.orders[line.orderIndex].orderId
            if let seen = warehousesByOrderId[orderId], seen.contains(line.warehouseIndex) { continue }
            warehousesByOrderId[orderId, default: []].append(line.warehouseIndex)
        }
        var shipments = 0
        var splitOrders = 0
        for warehouses in warehousesByOrderId.values {
            shipments += warehouses.count
            if warehouses.count >= 2 { splitOrders += 1 }
        }
        self.init(shippingOrders: warehousesByOrderId.count, shipments: shipments, splitOrders: splitOrders)
    }
}

/// Orders (lines sharing an order_id) with units from two or more warehouses: the split-order KPI of
/// any allocation path.
public func splitOrderCount(allocated: [AllocatedLine], dataSet: DataSet) -> Int {
    ShipmentCounts(allocated: allocated, dataSet: dataSet).splitOrders
}
