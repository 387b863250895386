/// Checks a coupled flow problem in Swift before any solver sees it: GLPK aborts the whole process on
/// invalid input (a duplicate matrix entry, an index out of range), and the flow codes assume the same
/// rules. Shared by `FlowLinearProgram`, `CoupledFlowSolver` and `ComponentFlowSolver`.
enum FlowValidation {
    /// Throws an `FlowError` naming the first bad row, component or arc (in index order).
    static func validate(_ problem: CoupledFlowProblem) throws {
        for (row, capacity) in problem.couplingCapacityUnits.enumerated() where capacity < 0 {
            throw FlowError("coupling row \(row): capacity \(capacity) is negative")
        }
        for (index, component) in problem.components.enumerated() {
            try validate(component, index: index, couplingRowCount: problem.couplingCapacityUnits.count)
        }
    }

    /// Node indices in range and distinct (a self-loop would put two entries in one GLPK row), finite
    /// costs, non-negative capacities, coupling rows in `0..<couplingRowCount`, supplies summing to zero.
    static func validate(_ component: FlowComponent, index: Int, couplingRowCount: Int) throws {
        let nodeCount = component.supply.count
        var total = 0
        for supply in component.supply {
            let (sum, overflow) = total.addingReportingOverflow(supply)
            guard !overflow else { throw FlowError("component \(index): the supplies overflow Int") }
            total = sum
        }
        guard total == 0 else {
            throw FlowError("component \(index): supplies sum to \(total), not 0")
        }
        for (arcIndex, arc) in component.arcs.enumerated() {
            if let failure = failure(arc, nodeCount: nodeCount, couplingRowCount: couplingRowCount) {
                throw FlowError("component \(index), arc \(arcIndex): \(failure)")
            }
        }
    }

    /// Nil when the arc is valid; otherwise what is wrong with it (built only on failure: this runs
    /// on every arc of every component).
    private static func failure(_ arc: FlowArc, nodeCount: Int, couplingRowCount: Int) -> String? {
        guard arc.tail >= 0 && arc.tail < nodeCount else { return "tail \(arc.tail) is out of range 0..<\(nodeCount)" }
        guard arc.head >= 0 && arc.head < nodeCount else { return "head \(arc.head) is out of range 0..<\(nodeCount)" }
        guard arc.tail != arc.head else { return "tail and head are both node \(arc.tail)" }
        guard arc.costPerUnit.isFinite else { return "cost \(arc.costPerUnit) is not finite" }
        if let capacity = arc.capacityUnits, capacity < 0 { return "capacity \(capacity) is negative" }
        if let row = arc.couplingRow, row < 0 || row >= couplingRowCount {
            return "coupling row \(row) is out of range 0..<\(couplingRowCount)"
        }
        return nil
    }

    /// Prices must be finite (an empty list means every price is 0).
    static func validatePrices(_ prices: [Double]) throws {
        for (row, price) in prices.enumerated() where !price.isFinite {
            throw FlowError("coupling price \(row) is \(price), not finite")
        }
    }
}
