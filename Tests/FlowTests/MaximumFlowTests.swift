import GLPK
import Testing

@testable import Flow

@Suite("Flow: maximum flow (Dinic)")
struct MaximumFlowTests {
    /// Cormen, Leiserson, Rivest and Stein, "Introduction to Algorithms", 3rd ed., figure 26.1: s, v1..v4, t;
    /// the maximum flow is 23.
    @Test func textbookNetwork() {
        var network = MaximumFlowNetwork(nodeCount: 6)
        let arcs = [
            (0, 1, 16), (0, 2, 13), (2, 1, 4), (1, 3, 12), (3, 2, 9), (2, 4, 14), (4, 3, 7), (3, 5, 20), (4, 5, 4),
        ]
        for (tail, head, capacity) in arcs { network.addArc(from: tail, to: head, capacityUnits: capacity) }
        let flow = network.maximumFlow(from: 0, to: 5)
        #expect(flow.valueUnits == 23)
        Self.expectFeasible(flow, network, arcs: arcs.map { ($0.0, $0.1, $0.2) }, source: 0, sink: 5)
    }

    /// An arc without a limit carries what the rest allows; a sink out of reach gets nothing.
    @Test func unlimitedArcsAndUnreachableSink() {
        var network = MaximumFlowNetwork(nodeCount: 4)
        network.addArc(from: 0, to: 1, capacityUnits: 7)
        network.addArc(from: 1, to: 2, capacityUnits: nil)
        let flow = network.maximumFlow(from: 0, to: 2)
        #expect(flow.valueUnits == 7 && flow.flowUnits == [7, 7])
        #expect(network.maximumFlow(from: 0, to: 3).valueUnits == 0)
    }

    /// Random networks against GLPK's LP of the same maximum flow (totally unimodular: the same value).
    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
    func agreesWithTheLinearProgram(seed: UInt64) throws {
        var random = SplitMix64(state: seed)
        let nodeCount = random.int(4...40)
        var network = MaximumFlowNetwork(nodeCount: nodeCount)
        var arcs: [(Int, Int, Int?)] = []
        for _ in 0..<random.int(nodeCount...(6 * nodeCount)) {
            let tail = random.int(0...(nodeCount - 1))
            var head = random.int(0...(nodeCount - 1))
            if head == tail { head = (head + 1) % nodeCount }
            let capacity: Int? = random.int(0...9) == 0 ? nil : random.int(0...20)
            arcs.append((tail, head, capacity))
            network.addArc(from: tail, to: head, capacityUnits: capacity)
        }
        let flow = network.maximumFlow(from: 0, to: nodeCount - 1)
        Self.expectFeasible(flow, network, arcs: arcs, source: 0, sink: nodeCount - 1)

        let program = try LinearProgram(name: "maximum flow")
        program.direction = .maximize
        for _ in 0..<nodeCount { _ = try program.addRow(.fixed(0)) }
        var entries: [(row: Int, column: Int, value: Double)] = []
        for (tail, head, capacity) in arcs {
            let bounds: Bounds = capacity.map { $0 == 0 ? .fixed(0) : .range(0, Double($0)) } ?? .nonNegative
            let column = try program.addColumn(bounds: bounds)
            entries.append((tail, column, -1))
            entries.append((head, column, 1))
        }
        // The value: an arc from the sink back to the source, balancing both.
        let back = try program.addColumn(bounds: .range(0, 1e6), objective: 1)
        entries.append((nodeCount - 1, back, -1))
        entries.append((0, back, 1))
        try program.setMatrix(entries: entries)
        let result = try program.solveSimplex(SimplexOptions(method: .primal, presolve: false))
        #expect(result.status == .optimal)
        #expect(Double(flow.valueUnits) == result.objective, "seed \(seed)")
    }

    static func expectFeasible(
        _ flow: MaximumFlow,
        _ network: MaximumFlowNetwork,
        arcs: [(Int, Int, Int?)],
        source: Int,
        sink: Int
    ) {
        var balance = [Int](repeating: 0, count: network.nodeCount)
        for ((tail, head, capacity), units) in zip(arcs, flow.flowUnits) {
            #expect(units >= 0 && units <= (capacity ?? Int.max))
            balance[tail] -= units
            balance[head] += units
        }
        for node in balance.indices where node != source && node != sink { #expect(balance[node] == 0) }
        #expect(balance[sink] == flow.valueUnits && balance[source] == -flow.valueUnits)
    }
}
