import Foundation
import PlannerCore
import PostgresClient
import Storage
import TestSupport
import Testing

@Suite("Allocation explanations and service KPIs: round trip, lookup and wording")
struct ExplanationTests {
    /// The brief's example: a cheaper warehouse's stock is used up, the runner-up is dearer.
    private static let stockBound = AllocationExplanation(
        orderID: "1234",
        sku: "S1",
        region: "R3",
        warehouse: "W2",
        quantity: 8,
        outcome: .allocated,
        laneCostPerUnit: 1.2,
        runnerUpWarehouse: "W5",
        runnerUpLaneCostPerUnit: 1.35,
        marginalCostPerUnit: 0.15,
        binding: .stock,
        bindingWarehouse: "W1"
    )

    @Test func eachKindOfRowReadsAsASentence() {
        #expect(
            OrderExplanation.sentence(Self.stockBound)
                == "Order 1234 line sku S1 to region R3: 8 units from W2 (lane 1.20/unit). Runner-up W5 (lane "
                + "1.35/unit): moving one unit there would cost 0.15 more. Binding: stock of S1 at W1 (cheaper lane) "
                + "is used up."
        )
        let tie = AllocationExplanation(
            orderID: "O-2",
            sku: "S1",
            region: "R3",
            warehouse: "W4",
            quantity: 1,
            outcome: .allocated,
            laneCostPerUnit: 0.9,
            runnerUpWarehouse: "W6",
            runnerUpLaneCostPerUnit: 0.9,
            marginalCostPerUnit: 0,
            binding: .capacity,
            bindingWarehouse: "W3"
        )
        #expect(
            OrderExplanation.sentence(tie)
                == "Order O-2 line sku S1 to region R3: 1 unit from W4 (lane 0.90/unit). Runner-up W6 (lane "
                + "0.90/unit): moving one unit there would cost nothing more (a tie). Binding: the daily capacity "
                + "of W3 (cheaper lane) is used up."
        )
        let only = AllocationExplanation(
            orderID: "O-3",
            sku: "S9",
            region: "R1",
            warehouse: "W1",
            quantity: 3,
            outcome: .allocated,
            laneCostPerUnit: 0.5,
            marginalCostPerUnit: nil,
            binding: AllocationExplanation.Binding.none
        )
        #expect(
            OrderExplanation.sentence(only)
                == "Order O-3 line sku S9 to region R1: 3 units from W1 (lane 0.50/unit). No other warehouse can "
                + "serve this line. Binding: none (no cheaper lane was held back by stock or capacity)."
        )
        let reasons: [(AllocationExplanation.UnfilledReason, String)] = [
            (.noLane, "no warehouse has a lane to R9"),
            (.noStock, "no warehouse with a lane to R9 holds S2"),
            (.capacity, "the warehouses that still hold S2 for R9 have no daily capacity left"),
            (.stockExhausted, "every unit of S2 within reach of R9 ships to other order lines"),
            (.uneconomic, "stock and capacity remain, but shipping costs more than leaving the line unfilled"),
        ]
        for (reason, words) in reasons {
            let unfilled = AllocationExplanation(
                orderID: "O-4",
                sku: "S2",
                region: "R9",
                warehouse: nil,
                quantity: 5,
                outcome: .unfilled,
                unfilledReason: reason
            )
            #expect(
                OrderExplanation.sentence(unfilled) == "Order O-4 line sku S2 to region R9: 5 units unfilled: \(words)."
            )
        }
        let capacityBound = AllocationExplanation(
            orderID: "O-5",
            sku: "S2",
            region: "R9",
            warehouse: nil,
            quantity: 2,
            outcome: .unfilled,
            runnerUpWarehouse: "W7",
            runnerUpLaneCostPerUnit: 2.5,
            marginalCostPerUnit: 0.004,
            binding: .capacity,
            bindingWarehouse: "W7",
            unfilledReason: .capacity
        )
        #expect(
            OrderExplanation.sentence(capacityBound)
                == "Order O-5 line sku S2 to region R9: 2 units unfilled: the warehouses that still hold S2 for R9 "
                + "have no daily capacity left. Runner-up W7 (lane 2.50/unit): shipping one unit from there would "
                + "cost less than 0.01 more. Binding: the daily capacity of W7 is used up."
        )
    }

    @Test func textAndJSONOfAnOrderAreFixed() throws {
        let unfilled = AllocationExplanation(
            orderID: "1234",
            sku: "S1",
            region: "R3",
            warehouse: nil,
            quantity: 2,
            outcome: .unfilled,
            unfilledReason: .stockExhausted
        )
        let order = OrderExplanation(runID: 7, orderID: "1234", lines: [Self.stockBound, unfilled])
        #expect(
            order.text() == OrderExplanation.sentence(Self.stockBound) + "\n"
                + "Order 1234 line sku S1 to region R3: 2 units unfilled: every unit of S1 within reach of R3 ships "
                + "to other order lines.\n"
        )
        let first =
            #"{"order_id":"1234","sku":"S1","region":"R3","warehouse":"W2","qty":8,"outcome":"allocated","#
            + #""lane_cost_per_unit":1.2,"runner_up_warehouse":"W5","runner_up_lane_cost_per_unit":1.35,"#
            + #""marginal_cost_per_unit":0.15,"binding":"stock","binding_warehouse":"W1","unfilled_reason":null,"#
            + #""text":"\#(OrderExplanation.sentence(Self.stockBound))"}"#
        let second =
            #"{"order_id":"1234","sku":"S1","region":"R3","warehouse":null,"qty":2,"outcome":"unfilled","#
            + #""lane_cost_per_unit":null,"runner_up_warehouse":null,"runner_up_lane_cost_per_unit":null,"#
            + #""marginal_cost_per_unit":null,"binding":null,"binding_warehouse":null,"#
            + #""unfilled_reason":"stock_exhausted","text":"\#(OrderExplanation.sentence(unfilled))"}"#
        #expect(order.json() == #"{"run_id":7,"order_id":"1234","lines":["# + "\n  \(first),\n  \(second)\n]}\n")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(order.json().utf8)) as? [String: Any])
        #expect((parsed["lines"] as? [[String: Any]])?.first?["qty"] as? Int == 8)
    }

    private static let explanationRows: [[String?]] = [
        ["O-7", "S2", "R-N", "W-1", "4", "allocated", "0.7", nil, nil, nil, "none", nil, nil, "2025-03-03", nil],
        ["O-7", "S1", "R-N", nil, "2", "unfilled", nil, nil, nil, nil, nil, nil, "capacity", nil, nil],
        [
            "O-7", "S1", "R-N", "W-3", "1", "allocated", "2", "W-1", "1.1", "0.9", "capacity", "W-1", nil, "2025-03-03",
            "2025-03-03",
        ],
        [
            "O-7", "S1", "R-N", "W-1", "5", "allocated", "1.1", "W-3", "2", "0.9", "none", nil, nil, "2025-03-03",
            "2025-03-03",
        ],
        ["O-8", "S1", "R-S", "W-3", "1", "allocated", "0.25", nil, nil, nil, "none", nil, nil, "2025-03-03", nil],
    ]

    @Test func explanationsAndKPIsRoundTripThroughTheDatabase() throws {
        let url = try TestCluster.freshDatabase("db_explanations")
        let database = try PlannerDatabase(url: url)
        try database.migrate()
        let kpis: [[String?]] = [
            [nil, "12", "9", "2", "1", "0.75", "0.5", nil, nil, "1", "3"],
            ["R-N", "11", "8", "1", "0", "0.7272727272727273", "0", "0.8", "false", "1", "2"],
            ["R-S", "1", "1", "1", "1", "1", "1", "0.5", "true", "0", "1"],
        ]
        let solve: [[String?]] = [["integer", "31.45", "0.125", "57", "0.0125", "1", "feasible"]]
        let runID = try database.writeRun(
            SampleRun.record(),
            tables: [
                SampleRun.table("allocation_explanations", Self.explanationRows),
                SampleRun.table("service_kpis", kpis), SampleRun.table("allocation_solves", solve),
            ]
        )

        let order = try database.explanations(orderID: "O-7", run: .latest)
        #expect(order.runID == runID)
        #expect(order.orderID == "O-7")
        // By sku, then allocated rows cheapest lane first, then the unfilled one.
        #expect(
            order.lines == [
                AllocationExplanation(
                    orderID: "O-7",
                    sku: "S1",
                    region: "R-N",
                    warehouse: "W-1",
                    quantity: 5,
                    outcome: .allocated,
                    laneCostPerUnit: 1.1,
                    runnerUpWarehouse: "W-3",
                    runnerUpLaneCostPerUnit: 2,
                    marginalCostPerUnit: 0.9,
                    binding: AllocationExplanation.Binding.none
                ),
                AllocationExplanation(
                    orderID: "O-7",
                    sku: "S1",
                    region: "R-N",
                    warehouse: "W-3",
                    quantity: 1,
                    outcome: .allocated,
                    laneCostPerUnit: 2,
                    runnerUpWarehouse: "W-1",
                    runnerUpLaneCostPerUnit: 1.1,
                    marginalCostPerUnit: 0.9,
                    binding: .capacity,
                    bindingWarehouse: "W-1"
                ),
                AllocationExplanation(
                    orderID: "O-7",
                    sku: "S1",
                    region: "R-N",
                    warehouse: nil,
                    quantity: 2,
                    outcome: .unfilled,
                    unfilledReason: .capacity
                ),
                AllocationExplanation(
                    orderID: "O-7",
                    sku: "S2",
                    region: "R-N",
                    warehouse: "W-1",
                    quantity: 4,
                    outcome: .allocated,
                    laneCostPerUnit: 0.7,
                    binding: AllocationExplanation.Binding.none
                ),
            ]
        )
        #expect(try database.explanations(orderID: "O-8", run: .id(runID)).lines.map(\.warehouse) == ["W-3"])
        #expect(throws: PlannerLookupError.unknownOrder("O-404", runID: runID, runHasExplanations: true)) {
            try database.explanations(orderID: "O-404", run: .latest)
        }
        #expect(throws: PlannerLookupError.unknownRun(runID + 1)) {
            try database.explanations(orderID: "O-7", run: .id(runID + 1))
        }

        let inspector = try PostgresConnection(url: url)
        let storedKPIs = try inspector.query(
            """
            SELECT region, units_total::text, units_next_day::text, orders_total::text, orders_next_day::text,
                   unit_share_next_day::text, order_share_next_day::text, min_next_day_share::text,
                   target_met::text, split_orders::text, shipments::text
            FROM planner.service_kpis WHERE run_id = $1 ORDER BY region NULLS FIRST
            """,
            parameters: [String(runID)]
        )
        #expect(storedKPIs == kpis)
        let storedSolve = try inspector.query(
            """
            SELECT solver_path, objective::text, solve_seconds::text, iterations::text, mip_gap::text,
                   horizon_days::text, status
            FROM planner.allocation_solves WHERE run_id = $1
            """,
            parameters: [String(runID)]
        )
        #expect(storedSolve == solve)
    }
}
