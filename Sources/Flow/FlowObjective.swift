/// The objective both solution paths report, summed the same way so equal flows give equal numbers.
enum FlowObjective {
    /// sum over components in index order, then arcs in arc order, of costPerUnit * flow; then, row by row,
    /// penalty * units over the capacity of every elastic row.
    static func objective(of flows: [[Int]], in problem: CoupledFlowProblem) -> Double {
        var total = 0.0
        for (component, componentFlows) in zip(problem.components, flows) {
            for (arc, units) in zip(component.arcs, componentFlows) where units != 0 {
                total += arc.costPerUnit * Double(units)
            }
        }
        guard problem.hasElasticRows else { return total }
        let overflow = problem.overflowUnits(usedUnits: problem.usedUnits(of: flows))
        for (row, units) in overflow.enumerated() where units > 0 {
            total += (problem.overflowPenalty(ofRow: row) ?? 0) * Double(units)
        }
        return total
    }

}
