import Testing

@testable import Flow

/// Invariants every solution of a coupled flow problem must satisfy.
enum FlowChecks {
    /// Arc bounds, node balance in every component, coupling rows within capacity, the reported
    /// objective equal to sum cost * flow.
    static func expectFeasible(_ solution: CoupledFlowSolution, of problem: CoupledFlowProblem) {
        #expect(solution.flowUnits.count == problem.components.count)
        var usage = [Int](repeating: 0, count: problem.couplingCapacityUnits.count)
        var objective = 0.0
        for (index, (component, flows)) in zip(problem.components, solution.flowUnits).enumerated() {
            #expect(flows.count == component.arcs.count, "component \(index)")
            var balance = component.supply
            for (arc, units) in zip(component.arcs, flows) {
                #expect(units >= 0 && units <= (arc.capacityUnits ?? Int.max), "component \(index)")
                balance[arc.tail] -= units
                balance[arc.head] += units
                if let row = arc.couplingRow { usage[row] += units }
                objective += arc.costPerUnit * Double(units)
            }
            #expect(balance.allSatisfy { $0 == 0 }, "component \(index) is unbalanced")
        }
        for (row, units) in usage.enumerated() {
            #expect(units <= problem.couplingCapacityUnits[row], "coupling row \(row)")
        }
        #expect(abs(objective - solution.objective) <= 1e-9 * max(1, abs(objective)))
    }

    /// The prices are an optimal dual: the Lagrangian bound sum_c min_x (cost + price.usage)(x) - price.cap
    /// equals the objective (strong duality), and a row with a positive price is full (complementary
    /// slackness).
    static func expectOptimalPrices(_ solution: CoupledFlowSolution, of problem: CoupledFlowProblem) throws {
        let prices = solution.couplingPrices
        #expect(prices.count == problem.couplingCapacityUnits.count)
        #expect(prices.allSatisfy { $0 >= 0 })
        let solver = ComponentFlowSolver()
        var bound = 0.0
        for component in problem.components {
            bound += try solver.solve(component, couplingPrices: prices).pricedCost
        }
        for (row, capacity) in problem.couplingCapacityUnits.enumerated() {
            bound -= prices[row] * Double(capacity)
        }
        let scale = max(1, abs(solution.objective))
        #expect(abs(bound - solution.objective) <= 1e-6 * scale, "bound \(bound), objective \(solution.objective)")
        var usage = [Int](repeating: 0, count: problem.couplingCapacityUnits.count)
        for (component, flows) in zip(problem.components, solution.flowUnits) {
            for (arc, units) in zip(component.arcs, flows) {
                if let row = arc.couplingRow { usage[row] += units }
            }
        }
        for (row, price) in prices.enumerated() where price > 1e-7 {
            #expect(usage[row] == problem.couplingCapacityUnits[row], "row \(row) has price \(price) but slack")
        }
    }

    /// The two objectives agree to 1e-6 relative.
    static func expectSameObjective(_ lhs: Double, _ rhs: Double) {
        #expect(abs(lhs - rhs) <= 1e-6 * max(1, abs(lhs), abs(rhs)), "\(lhs) vs \(rhs)")
    }
}
