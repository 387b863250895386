/// One column of the Dantzig-Wolfe master: an integral flow of one component (an extreme point of its
/// flow polytope, as returned by `ComponentFlowSolver`), its own cost and its use of the coupling rows.
struct FlowColumn: Sendable, Equatable {
    var flowUnits: [Int]
    /// sum costPerUnit * flow, in arc order.
    var cost: Double
    /// Coupling rows this flow uses, ascending, and the units on each.
    var usageRows: [Int]
    var usageUnits: [Int]

    init(_ flow: ComponentFlow, component: FlowComponent) {
        flowUnits = flow.flowUnits
        cost = flow.cost
        usageRows = []
        usageUnits = []
        for (arc, units) in zip(component.arcs, flow.flowUnits) where units != 0 {
            guard let row = arc.couplingRow else { continue }
            if let slot = usageRows.firstIndex(of: row) {
                usageUnits[slot] += units
            } else {
                usageRows.append(row)
                usageUnits.append(units)
            }
        }
        if usageRows.count > 1 {
            let order = usageRows.indices.sorted { usageRows[$0] < usageRows[$1] }
            usageRows = order.map { usageRows[$0] }
            usageUnits = order.map { usageUnits[$0] }
        }
    }

    /// cost + sum_k prices[k] * usage[k]: the column's objective in the pricing problem at `prices`.
    func pricedCost(_ prices: [Double]) -> Double {
        var total = cost
        for (row, units) in zip(usageRows, usageUnits) { total += prices[row] * Double(units) }
        return total
    }

    /// Units on `row` (0 when unused).
    func usage(ofRow row: Int) -> Int {
        guard let slot = usageRows.firstIndex(of: row) else { return 0 }
        return usageUnits[slot]
    }
}
