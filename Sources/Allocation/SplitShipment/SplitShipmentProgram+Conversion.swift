import PlannerCore

/// Conversions between the model's columns and plans: allocated lines, units per shipment (x), and every
/// column's value (the form GLPK reads and returns).
extension SplitShipmentProgram {
    /// Units per shipment (index into `shipments`) of a plan given as allocated lines. Nil when a line
    /// is not in the model, ships from a warehouse without a column, or ships more than its quantity.
    func shipmentUnits(allocated: [AllocatedLine]) -> [Int]? {
        var units = [Int](repeating: 0, count: shipments.count)
        var lineSlotByOrderIndex: [Int: Int] = [:]  // looked up only
        for (slot, line) in lines.enumerated() { lineSlotByOrderIndex[line.orderIndex] = slot }
        var shippedUnits = [Int](repeating: 0, count: lines.count)
        for allocatedLine in allocated where allocatedLine.quantity > 0 {
            guard let slot = lineSlotByOrderIndex[allocatedLine.orderIndex],
                let index = lines[slot].shipments.first(where: {
                    shipments[$0].warehouseIndex == allocatedLine.warehouseIndex
                })
            else { return nil }
            units[index] += allocatedLine.quantity
            shippedUnits[slot] += allocatedLine.quantity
            guard units[index] <= shipments[index].maxUnits, shippedUnits[slot] <= quantities[slot] else { return nil }
        }
        return units
    }

    /// Whole units per shipment read from GLPK's column values (its integrality tolerance is 1e-5).
    func shipmentUnits(columnValues values: [Double]) throws -> [Int] {
        try shipments.map { shipment in
            let value = values[shipment.column]
            let units = value.rounded()
            guard abs(value - units) <= 1e-5, units >= 0, units <= Double(shipment.maxUnits) else {
                throw AllocationError(
                    "split-shipment column \(shipment.column) has the value \(value), not whole units"
                )
            }
            return Int(units)
        }
    }

    /// All columns of a plan given as units per shipment: x as given, u the rest of each line,
    /// y[o,w] = 1 where the order ships from w, z[o] = 1 where it ships at all.
    func columnValues(shipmentUnits units: [Int]) -> [Double] {
        var values = [Double](repeating: 0, count: columnCount)
        for (slot, line) in lines.enumerated() {
            var open = quantities[slot]
            for index in line.shipments where units[index] > 0 {
                values[shipments[index].column] = Double(units[index])
                values[shipments[index].useColumn] = 1
                open -= units[index]
            }
            values[line.unfilledColumn] = Double(open)
        }
        for order in orders {
            if let creditColumn = order.creditColumn, order.useColumns.contains(where: { values[$0.column] == 1 }) {
                values[creditColumn] = 1
            }
        }
        return values
    }
}
