import Testing

@testable import Flow

@Suite("Flow: potentials and rerouting costs")
struct FlowPotentialsTests {
    /// Reduced costs of an optimal flow are >= -tolerance on every residual arc (forward arcs with
    /// room, backward arcs with flow), on 200 random networks at random prices.
    @Test func reducedCostsAreNonNegativeOnTheResidualGraph() throws {
        var random = SplitMix64(state: 0xF0_7E)
        let solver = ComponentFlowSolver()
        for _ in 0..<200 {
            let component = FlowInstances.randomComponent(&random, rowCount: 2)
            let prices = [Double(random.int(0...8)) / 2, Double(random.int(0...8)) / 2]
            let flow = try solver.solve(component, couplingPrices: prices)
            let potentials = try FlowPotentials(
                component: component,
                flowUnits: flow.flowUnits,
                couplingPrices: prices
            )
            for (arc, data) in component.arcs.enumerated() {
                let reduced = potentials.reducedCost(ofArc: arc)
                if flow.flowUnits[arc] < (data.capacityUnits ?? Int.max) {
                    #expect(reduced >= -potentials.tolerance)
                }
                if flow.flowUnits[arc] > 0 {
                    #expect(reduced <= potentials.tolerance)
                }
            }
        }
    }

    /// The transportation example (see `ComponentFlowSolverTests`): forcing one unit over W1 -> C
    /// moves one unit of C from W0 to W1, so W0 serves one more unit of A and W1 one less:
    /// +7 - 5 + 2 - 3 = 1. Forcing W0 -> B: +4 - 1 (W1 -> B) + 3 (W1 -> A) - 2 (W0 -> A) = 4.
    @Test func reroutingCostsOnTheTransportationExample() throws {
        let component = ComponentFlowSolverTests.transportation
        let flow = try ComponentFlowSolver().solve(component)
        let potentials = try FlowPotentials(component: component, flowUnits: flow.flowUnits)
        #expect(abs(try #require(potentials.costOfForcingUnit(onArc: 5)) - 1) < 1e-9)
        #expect(abs(try #require(potentials.costOfForcingUnit(onArc: 1)) - 4) < 1e-9)
        // One more unit on W0 -> A (already used) displaces W1 -> A, whose unit goes to C: 2 - 3 + 7 - 5.
        #expect(abs(try #require(potentials.costOfForcingUnit(onArc: 0)) - 1) < 1e-9)
        // Cheapest residual path from W1 (node 1) to W0 (node 0): W1 -> A, then W0 -> A backward: 3 - 2.
        #expect(abs(try #require(potentials.pathCost(from: 1, to: 0)) - 1) < 1e-9)
        // From C (node 4) to W1: W0 -> C backward, W0 -> A forward, W1 -> A backward: -5 + 2 - 3.
        #expect(abs(try #require(potentials.pathCost(from: 4, to: 1)) - (-6)) < 1e-9)
    }

    /// Prices count on coupled arcs: with W1's arcs in row 0 at price 0.5, W1 -> C costs 7.5, and forcing
    /// a unit over it still costs 1: the cycle adds one W1 unit (to C) and removes one (to A), so the
    /// price cancels.
    @Test func pricesShiftPathsThroughCoupledArcs() throws {
        var component = ComponentFlowSolverTests.transportation
        for arc in 3...5 { component.arcs[arc].couplingRow = 0 }
        let flow = try ComponentFlowSolver().solve(component, couplingPrices: [0.5])
        let potentials = try FlowPotentials(component: component, flowUnits: flow.flowUnits, couplingPrices: [0.5])
        #expect(abs(try #require(potentials.costOfForcingUnit(onArc: 5)) - 1) < 1e-9)
        #expect(abs(potentials.pricedCost(ofArc: 5) - 7.5) < 1e-12)
    }

    /// One stock node (33 units) and a slack node (28) serving five buckets: the stock node has four
    /// residual arcs coming back into it, so a FIFO Bellman-Ford relabels it several times in one pass.
    /// That is no negative cycle: buckets 1 and 2 (unfilled penalty 150) and 4 (100, lane 6.25) are
    /// filled first, bucket 5 (100, lane 7) gets the last 4 units, bucket 3 has no lane.
    @Test func optimalFlowWithManyArcsBackIntoOneNode() throws {
        let costs: [(Int, Int, Double)] = [
            (0, 1, 4.75), (6, 1, 150), (0, 2, 5.25), (6, 2, 150), (6, 3, 200), (0, 4, 6.25), (6, 4, 100),
            (0, 5, 7), (6, 5, 100), (0, 6, 0),
        ]
        let component = FlowComponent(
            supply: [33, -4, -5, -18, -20, -14, 28],
            arcs: costs.map { FlowArc(tail: $0.0, head: $0.1, costPerUnit: $0.2) }
        )
        let flow = [4, 0, 5, 0, 18, 20, 0, 4, 10, 0]
        #expect(try ComponentFlowSolver().solve(component).flowUnits == flow)
        let potentials = try FlowPotentials(component: component, flowUnits: flow)
        #expect(abs(try #require(potentials.pathCost(from: 0, to: 5)) - 7) < 1e-9)
        // One more stock unit for bucket 5 leaves one of bucket 4 unfilled: 7 - 100 + 100 - 6.25.
        #expect(abs(try #require(potentials.costOfForcingUnit(onArc: 7)) - 0.75) < 1e-9)
    }

    @Test func nonOptimalFlowThrows() {
        // Feasible but 5 dearer than the optimum: W0 -> A 10, W0 -> C 10, W1 -> B 25, W1 -> C 5.
        #expect {
            try FlowPotentials(
                component: ComponentFlowSolverTests.transportation,
                flowUnits: [10, 0, 10, 0, 25, 5]
            )
        } throws: { error in
            (error as? FlowError)?.message.contains("negative cycle") ?? false
        }
        #expect {
            try FlowPotentials(component: ComponentFlowSolverTests.transportation, flowUnits: [5, 0, 15, 5, 25, 1])
        } throws: { error in
            (error as? FlowError)?.message == "node 1: supply minus net outflow is -1, not 0"
        }
    }
}
