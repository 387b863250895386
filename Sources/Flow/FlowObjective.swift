/// The objective both solution paths report, summed the same way so equal flows give equal numbers.
enum FlowObjective {
    /// sum over components in index order, then arcs in arc order, of costPerUnit * flow.
    static func objective(of flows: [[Int]], in problem: CoupledFlowProblem) -> Double {
        var total = 0.0
        for (component, componentFlows) in zip(problem.components, flows) {
            for (arc, units) in zip(component.arcs, componentFlows) where units != 0 {
                total += arc.costPerUnit * Double(units)
            }
        }
        return total
    }
}
