import Allocation
import Flow
import GLPK

/// A test-only solver of a `CoupledFlowProblem`: the whole problem as one GLPK LP (a column per arc, an
/// equality row per node: outflow - inflow = supply, a <= row per coupling row), primal simplex, or
/// with `integer` as a MIP (`glp_intopt`, proven optimal). It stands in for the production solvers
/// where a test needs a solver independent of them, and fails the test on a fractional LP optimum
/// instead of rounding it.
enum ReferenceFlowLP {
    struct FractionalSolution: Error, CustomStringConvertible {
        var description: String
    }

    /// The LP relaxation's optimal objective, fractional or not.
    static func relaxationObjective(_ problem: CoupledFlowProblem) throws -> Double {
        let (program, _, _) = try build(problem)
        let result = try program.solveSimplex(SimplexOptions(method: .primal, presolve: false))
        guard result.status == .optimal else { throw FractionalSolution(description: "LP ended \(result.status)") }
        return result.objective
    }

    static func build(
        _ problem: CoupledFlowProblem
    ) throws -> (LinearProgram, firstColumn: [Int], firstCouplingRow: Int) {
        let program = try LinearProgram(name: "multi-day reference")
        var entries: [(row: Int, column: Int, value: Double)] = []
        var firstColumn: [Int] = []
        var firstRow: [Int] = []
        for component in problem.components {
            firstRow.append(program.rowCount)
            for supply in component.supply {
                _ = try program.addRow(.fixed(Double(supply)))
            }
        }
        let firstCouplingRow = program.rowCount
        for capacity in problem.couplingCapacityUnits {
            _ = try program.addRow(.upper(Double(capacity)))
        }
        for (index, component) in problem.components.enumerated() {
            firstColumn.append(program.columnCount)
            for arc in component.arcs {
                let bounds: Bounds = arc.capacityUnits.map { .range(0, Double($0)) } ?? .nonNegative
                let column = try program.addColumn(bounds: bounds, objective: arc.costPerUnit)
                entries.append((firstRow[index] + arc.tail, column, 1))
                entries.append((firstRow[index] + arc.head, column, -1))
                if let row = arc.couplingRow { entries.append((firstCouplingRow + row, column, 1)) }
            }
        }
        try program.setMatrix(entries: entries)
        return (program, firstColumn, firstCouplingRow)
    }

    static func solve(_ problem: CoupledFlowProblem, integer: Bool = false) throws -> CoupledFlowSolution {
        let (program, firstColumn, firstCouplingRow) = try build(problem)
        let values: [Double]
        var duals = [Double](repeating: 0, count: program.rowCount)
        if integer {
            for column in 0..<program.columnCount { try program.setKind(column: column, .integer) }
            let result = try program.solveInteger(IntegerOptions(presolve: false))
            guard result.status == .optimal else {
                throw FractionalSolution(description: "reference MIP ended \(result.status)")
            }
            values = try program.integerColumnValues()
        } else {
            let result = try program.solveSimplex(SimplexOptions(method: .primal, presolve: false))
            guard result.status == .optimal else {
                throw FractionalSolution(description: "reference LP ended \(result.status)")
            }
            values = try program.columnValues()
            duals = try program.rowDuals()
        }
        var flows: [[Int]] = []
        for (index, component) in problem.components.enumerated() {
            flows.append(
                try component.arcs.indices.map { arc in
                    let value = values[firstColumn[index] + arc]
                    guard abs(value - value.rounded()) < 1e-7 else {
                        throw FractionalSolution(description: "arc \(arc) of component \(index) carries \(value)")
                    }
                    return Int(value.rounded())
                }
            )
        }
        var objective = 0.0
        for (index, component) in problem.components.enumerated() {
            for (arc, flowArc) in component.arcs.enumerated() {
                objective += Double(flows[index][arc]) * flowArc.costPerUnit
            }
        }
        return CoupledFlowSolution(
            flowUnits: flows,
            objective: objective,
            couplingPrices: problem.couplingCapacityUnits.indices.map { max(0, -duals[firstCouplingRow + $0]) },
            statistics: CoupledFlowStatistics()
        )
    }
}

/// A test-only solver that breaks ties towards the latest ship day: the reference LP with a bonus of
/// 0.001 a unit on every carry arc (an arc of cost 0 between two stock nodes, so not into the slack
/// node, which is last), reporting the flow at the true costs. Only for instances whose cost gaps
/// dwarf the bonus.
enum LatestShipSolver {
    static func solve(_ problem: CoupledFlowProblem) throws -> CoupledFlowSolution {
        var perturbed = problem
        for component in perturbed.components.indices {
            let slackNode = perturbed.components[component].supply.count - 1
            for arc in perturbed.components[component].arcs.indices {
                let flowArc = perturbed.components[component].arcs[arc]
                if flowArc.costPerUnit == 0, flowArc.head != slackNode, flowArc.tail != slackNode {
                    perturbed.components[component].arcs[arc].costPerUnit = -0.001
                }
            }
        }
        var solution = try ReferenceFlowLP.solve(perturbed)
        solution.objective = 0
        for (index, component) in problem.components.enumerated() {
            for (arc, flowArc) in component.arcs.enumerated() {
                solution.objective += Double(solution.flowUnits[index][arc]) * flowArc.costPerUnit
            }
        }
        return solution
    }
}
