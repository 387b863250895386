import Testing

@testable import Flow

/// Bad flow problems come back as an `FlowError` naming the component and arc, before GLPK
/// (which would abort the process) or the flow code sees them.
@Suite("Flow: input validation")
struct FlowValidationTests {
    static func problem(_ arc: FlowArc, supply: [Int] = [3, -3], capacities: [Int] = [5]) -> CoupledFlowProblem {
        let good = FlowComponent(supply: [1, -1], arcs: [FlowArc(tail: 0, head: 1, costPerUnit: 1)])
        let bad = FlowComponent(supply: supply, arcs: [FlowArc(tail: 0, head: 1, costPerUnit: 2), arc])
        return CoupledFlowProblem(components: [good, bad], couplingCapacityUnits: capacities)
    }

    static func expectError(_ problem: CoupledFlowProblem, _ message: String) {
        #expect {
            try FlowLinearProgram.solve(problem)
        } throws: { error in
            (error as? FlowError)?.message == message
        }
        #expect {
            try CoupledFlowSolver.solve(problem, workers: 2)
        } throws: { error in
            (error as? FlowError)?.message == message
        }
    }

    @Test func nodeOutOfRange() {
        Self.expectError(
            Self.problem(FlowArc(tail: 2, head: 1, costPerUnit: 1)),
            "component 1, arc 1: tail 2 is out of range 0..<2"
        )
        Self.expectError(
            Self.problem(FlowArc(tail: 0, head: -1, costPerUnit: 1)),
            "component 1, arc 1: head -1 is out of range 0..<2"
        )
    }

    /// A self-loop would put two entries in one GLPK row (a duplicate, which aborts GLPK).
    @Test func selfLoop() {
        Self.expectError(
            Self.problem(FlowArc(tail: 1, head: 1, costPerUnit: 1)),
            "component 1, arc 1: tail and head are both node 1"
        )
    }

    @Test func nonFiniteCost() {
        Self.expectError(
            Self.problem(FlowArc(tail: 0, head: 1, costPerUnit: .infinity)),
            "component 1, arc 1: cost inf is not finite"
        )
    }

    @Test func negativeCapacities() {
        Self.expectError(
            Self.problem(FlowArc(tail: 0, head: 1, costPerUnit: 1, capacityUnits: -2)),
            "component 1, arc 1: capacity -2 is negative"
        )
        Self.expectError(
            Self.problem(FlowArc(tail: 0, head: 1, costPerUnit: 1), capacities: [-1]),
            "coupling row 0: capacity -1 is negative"
        )
    }

    @Test func couplingRowOutOfRange() {
        Self.expectError(
            Self.problem(FlowArc(tail: 0, head: 1, costPerUnit: 1, couplingRow: 1)),
            "component 1, arc 1: coupling row 1 is out of range 0..<1"
        )
    }

    @Test func suppliesMustBalance() {
        Self.expectError(
            Self.problem(FlowArc(tail: 0, head: 1, costPerUnit: 1), supply: [3, -2]),
            "component 1: supplies sum to 1, not 0"
        )
    }

    @Test func componentSolverValidatesToo() {
        #expect {
            try ComponentFlowSolver().solve(
                FlowComponent(supply: [1, -1], arcs: [FlowArc(tail: 0, head: 0, costPerUnit: 1)])
            )
        } throws: { error in
            (error as? FlowError)?.message == "component 0, arc 0: tail and head are both node 0"
        }
        #expect {
            try ComponentFlowSolver().solve(ComponentFlowSolverTests.transportation, couplingPrices: [.nan])
        } throws: { error in
            (error as? FlowError)?.message == "coupling price 0 is nan, not finite"
        }
    }
}
