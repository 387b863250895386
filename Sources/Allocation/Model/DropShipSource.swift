import PlannerCore

/// A supplier that ships one SKU straight to customers (drop-ship), as a source of the allocation model next to
/// the warehouses: its own cost per unit, delivery days (its lead time) and capacity.
///
/// A drop-ship line of a SKU is served by the supplier when that is cheaper than the warehouses: its arcs cost
/// `costPerUnit` (suppliers.csv `drop_ship_cost_per_unit`, what the supplier charges to deliver a unit) plus the
/// next-day miss penalty when delivery takes more than a day, plus the late penalty over several days, against
/// a lane's cost_per_unit with the same penalties. The goods cost the same either way, so they are left out.
public struct DropShipSource: Sendable, Equatable {
    /// Index into `dataSet.suppliers` of the drop-ship offer.
    public var offerIndex: Int
    public var skuIndex: Int
    public var costPerUnit: Double
    /// Per day offset of the horizon: whole days from shipping to delivery (the lead time with the scenario's
    /// extra days, rounded up), or nil on a day the supplier cannot ship (a disruption with capacity factor 0).
    public var deliveryDaysByDay: [Int?]
    /// Per day offset: units the supplier's capacity grows by that day (so the units it may ship by day d are the
    /// sum up to d); nil when its capacity is unlimited.
    public var unitsByDay: [Int]?

    public init(offerIndex: Int, skuIndex: Int, costPerUnit: Double, deliveryDaysByDay: [Int?], unitsByDay: [Int]?) {
        self.offerIndex = offerIndex
        self.skuIndex = skuIndex
        self.costPerUnit = costPerUnit
        self.deliveryDaysByDay = deliveryDaysByDay
        self.unitsByDay = unitsByDay
    }

    /// The drop-ship sources of a horizon: every offer with `drop_ship` and a `drop_ship_cost_per_unit` of a SKU
    /// in `dropShipSKUs` (those whose class strategy is drop-ship), in offer order.
    ///
    /// Capacity: weekly_capacity_units W accrues day by day, W x f(d) / 7 on day d where f is the product of the
    /// capacity factors of the scenario's disruptions of the supplier active that day, so that by day d it may
    /// have shipped C(d) = ceil(sum over t <= d of W f(t) / 7) units: a one-day run gets ceil(W / 7), a week
    /// exactly W, and a daily run cannot send more than its weekly rate. Delivery days: the lead time plus the
    /// disruptions' extra days, rounded up. A source that can ship nothing in the horizon is left out.
    public static func sources(
        dataSet: DataSet,
        scenario: Scenario,
        startDay: Day,
        days: Int,
        dropShipSKUs: [Bool]
    ) -> [DropShipSource] {
        var sources: [DropShipSource] = []
        for (offerIndex, offer) in dataSet.suppliers.enumerated() {
            guard offer.allowsDropShip, let cost = offer.dropShipCostPerUnit,
                dropShipSKUs.indices.contains(offer.skuIndex), dropShipSKUs[offer.skuIndex]
            else { continue }
            let disruptions = scenario.supplierDisruptions.filter { $0.supplier == offer.supplier }
            var deliveryDays: [Int?] = []
            var units: [Int] = []
            var accrued = 0.0
            var shippable = 0
            for dayOffset in 0..<max(1, days) {
                let day = startDay.adding(days: dayOffset)
                var factor = 1.0
                var extraDays = 0.0
                for disruption in disruptions where disruption.isActive(on: day) {
                    factor *= disruption.capacityFactor
                    extraDays += disruption.extraLeadTimeDays
                }
                deliveryDays.append(factor > 0 ? Int((offer.leadTimeDays + extraDays).rounded(.up)) : nil)
                if let weekly = offer.weeklyCapacityUnits {
                    accrued += Double(weekly) * factor / 7
                    let total = Int((accrued - 1e-9).rounded(.up))
                    units.append(max(0, total - shippable))
                    shippable = max(shippable, total)
                }
            }
            let source = DropShipSource(
                offerIndex: offerIndex,
                skuIndex: offer.skuIndex,
                costPerUnit: cost,
                deliveryDaysByDay: deliveryDays,
                unitsByDay: offer.weeklyCapacityUnits == nil ? nil : units
            )
            guard deliveryDays.contains(where: { $0 != nil }), source.unitsByDay?.contains(where: { $0 > 0 }) ?? true
            else { continue }
            sources.append(source)
        }
        return sources
    }
}
