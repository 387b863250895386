import PostgresClient

/// One row of `planner.allocation_explanations`: why some units of an order line went where they did, or why
/// they are unfilled.
public struct AllocationExplanation: Sendable, Equatable {
    /// What happened to the units: the values of `allocation_explanations.outcome`, whose CHECK is built from them.
    public enum Outcome: String, Sendable, CaseIterable {
        case allocated
        case dropShip = "drop_ship"
        case unfilled
    }

    /// The constraint that kept the units from a cheaper lane.
    public enum Binding: String, Sendable {
        case none, stock, capacity
    }

    /// The values of `unfilled_lines.reason` and `allocation_explanations.unfilled_reason`.
    public enum UnfilledReason: String, Sendable {
        case noLane = "no_lane"
        case noStock = "no_stock"
        case capacity
        case stockExhausted = "stock_exhausted"
        case uneconomic
    }

    public var orderID: String
    public var sku: String
    public var region: String
    /// Nil for a drop-shipped or unfilled row.
    public var warehouse: String?
    /// The drop-ship supplier of a drop-shipped row; nil otherwise.
    public var supplier: String?
    public var quantity: Int
    public var outcome: Outcome
    public var laneCostPerUnit: Double?
    public var runnerUpWarehouse: String?
    /// A drop-ship supplier as the runner-up (then `runnerUpWarehouse` is nil).
    public var runnerUpSupplier: String?
    public var runnerUpLaneCostPerUnit: Double?
    /// What moving one unit to the runner-up costs the plan (its reduced cost), >= 0.
    public var marginalCostPerUnit: Double?
    public var binding: Binding?
    public var bindingWarehouse: String?
    public var unfilledReason: UnfilledReason?

    public init(
        orderID: String,
        sku: String,
        region: String,
        warehouse: String?,
        quantity: Int,
        outcome: Outcome,
        laneCostPerUnit: Double? = nil,
        runnerUpWarehouse: String? = nil,
        runnerUpLaneCostPerUnit: Double? = nil,
        marginalCostPerUnit: Double? = nil,
        binding: Binding? = nil,
        bindingWarehouse: String? = nil,
        unfilledReason: UnfilledReason? = nil,
        supplier: String? = nil,
        runnerUpSupplier: String? = nil
    ) {
        self.orderID = orderID
        self.supplier = supplier
        self.runnerUpSupplier = runnerUpSupplier
        self.sku = sku
        self.region = region
        self.warehouse = warehouse
        self.quantity = quantity
        self.outcome = outcome
        self.laneCostPerUnit = laneCostPerUnit
        self.runnerUpWarehouse = runnerUpWarehouse
        self.runnerUpLaneCostPerUnit = runnerUpLaneCostPerUnit
        self.marginalCostPerUnit = marginalCostPerUnit
        self.binding = binding
        self.bindingWarehouse = bindingWarehouse
        self.unfilledReason = unfilledReason
    }
}

extension PlannerDatabase {
    /// The explanation rows of order `orderID` in the run `run` names, sorted by sku, region, then allocated
    /// rows (cheapest lane first) before the unfilled one. An order without rows throws
    /// `PlannerLookupError.unknownOrder`, saying whether the run has explanations at all.
    public func explanations(orderID: String, run: RunSelector) throws -> OrderExplanation {
        let runID = try resolveRun(run)
        return try withCurrentSchema {
            let rows = try connection.query(
                """
                SELECT order_id, sku, region, warehouse, qty, outcome, lane_cost_per_unit, runner_up_warehouse,
                       runner_up_lane_cost_per_unit, marginal_cost_per_unit, binding, binding_warehouse,
                       unfilled_reason, supplier, runner_up_supplier
                FROM planner.allocation_explanations WHERE run_id = $1 AND order_id = $2
                ORDER BY sku COLLATE "C", region COLLATE "C", outcome, lane_cost_per_unit NULLS LAST,
                         warehouse COLLATE "C", supplier COLLATE "C", qty DESC
                """,
                parameters: [String(runID), orderID]
            )
            guard !rows.isEmpty else {
                let any = try connection.query(
                    "SELECT EXISTS (SELECT 1 FROM planner.allocation_explanations WHERE run_id = $1)",
                    parameters: [String(runID)]
                )
                throw PlannerLookupError.unknownOrder(orderID, runID: runID, runHasExplanations: any.first?[0] == "t")
            }
            return OrderExplanation(runID: runID, orderID: orderID, lines: try rows.map(Self.explanation))
        }
    }

    private static func explanation(_ row: [String?]) throws -> AllocationExplanation {
        func number(_ index: Int) throws -> Double? {
            guard let text = row[index] else { return nil }
            guard let value = Double(text) else { throw unreadable() }
            return value
        }
        func unreadable() -> StorageError {
            StorageError("unreadable row of planner.allocation_explanations: \(row)")
        }
        guard row.count == 15, let orderID = row[0], let sku = row[1], let region = row[2],
            let quantity = row[4].flatMap({ Int($0) }), let outcome = row[5].flatMap(AllocationExplanation.Outcome.init)
        else {
            throw unreadable()
        }
        let binding = try row[10].map { text in
            guard let binding = AllocationExplanation.Binding(rawValue: text) else { throw unreadable() }
            return binding
        }
        let reason = try row[12].map { text in
            guard let reason = AllocationExplanation.UnfilledReason(rawValue: text) else { throw unreadable() }
            return reason
        }
        return AllocationExplanation(
            orderID: orderID,
            sku: sku,
            region: region,
            warehouse: row[3],
            quantity: quantity,
            outcome: outcome,
            laneCostPerUnit: try number(6),
            runnerUpWarehouse: row[7],
            runnerUpLaneCostPerUnit: try number(8),
            marginalCostPerUnit: try number(9),
            binding: binding,
            bindingWarehouse: row[11],
            unfilledReason: reason,
            supplier: row[13],
            runnerUpSupplier: row[14]
        )
    }
}
