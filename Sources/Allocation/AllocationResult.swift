import Flow
import PlannerCore

/// Why (part of) an order line was left unfilled, as written to `unfilled_lines.reason`.
public enum UnfilledReason: String, Sendable, Equatable, CaseIterable {
    /// No lane reaches the line's region.
    case noLane = "no_lane"
    /// No warehouse with a lane to the region holds any of the SKU.
    case noStock = "no_stock"
    /// A reachable warehouse still holds the SKU but has used all of its daily capacity.
    case capacity
    /// Every reachable unit of the SKU has been shipped.
    case stockExhausted = "stock_exhausted"
    /// Stock and capacity remain, but shipping costs more than leaving the line unfilled.
    case uneconomic
}

/// Units of one order line shipped from one warehouse.
public struct AllocatedLine: Sendable, Equatable {
    /// Index into `dataSet.orders`.
    public var orderIndex: Int
    public var skuIndex: Int
    public var regionIndex: Int
    public var warehouseIndex: Int
    public var quantity: Int
    /// Of the lane used (warehouse to region).
    public var transitDays: Int
    /// The lane's cost per unit, without the next-day miss penalty.
    public var costPerUnit: Double
    public var carrier: String
    /// Days after the allocation date the units leave the warehouse (0 in a single-day allocation).
    public var shipDayOffset: Int
    /// Days the units arrive after the line's promise date; nil in a single-day allocation.
    public var daysLate: Int?

    public init(
        orderIndex: Int,
        skuIndex: Int,
        regionIndex: Int,
        warehouseIndex: Int,
        quantity: Int,
        transitDays: Int,
        costPerUnit: Double,
        carrier: String,
        shipDayOffset: Int = 0,
        daysLate: Int? = nil
    ) {
        self.orderIndex = orderIndex
        self.skuIndex = skuIndex
        self.regionIndex = regionIndex
        self.warehouseIndex = warehouseIndex
        self.quantity = quantity
        self.transitDays = transitDays
        self.costPerUnit = costPerUnit
        self.carrier = carrier
        self.shipDayOffset = shipDayOffset
        self.daysLate = daysLate
    }
}

/// Units of one order line that no warehouse ships.
public struct UnfilledLine: Sendable, Equatable {
    /// Index into `dataSet.orders`.
    public var orderIndex: Int
    public var skuIndex: Int
    public var regionIndex: Int
    public var quantity: Int
    public var reason: UnfilledReason

    public init(orderIndex: Int, skuIndex: Int, regionIndex: Int, quantity: Int, reason: UnfilledReason) {
        self.orderIndex = orderIndex
        self.skuIndex = skuIndex
        self.regionIndex = regionIndex
        self.quantity = quantity
        self.reason = reason
    }
}

/// The allocation of a day's open order lines to warehouses (docs/allocation-model.md).
public struct AllocationResult: Sendable {
    /// Sorted by order index, then ship day, then warehouse index.
    public var allocated: [AllocatedLine]
    /// Sorted by order index; at most one entry per order line.
    public var unfilled: [UnfilledLine]
    /// The model's objective (money): shipping cost, next-day miss and late penalties, unfilled penalties.
    public var objective: Double
    /// Optimal, or (split-shipment search stopped by its time limit) feasible within `mipGap`.
    public var solverStatus: AllocationSolveStatus
    /// Wall-clock seconds of the solve.
    public var solveSeconds: Double
    /// Columns of the model as solved: the LP's, or the network's arcs.
    public var variableCount: Int
    /// Rows of the model as solved: the LP's, or the network's nodes plus coupling rows.
    public var constraintCount: Int
    /// Buckets of the open lines (see `Bucket`).
    public var bucketCount: Int
    /// Which path solved the model.
    public var solverPath = AllocationSolverPath.linearProgram
    /// Days of the horizon (1 for the daily run).
    public var horizonDays = 1
    /// Why the decomposition handed the model to the full LP, when it did.
    public var fallbackReason: String?
    /// Wall-clock seconds spent validating and building the model before the solve.
    public var buildSeconds = 0.0
    /// Wall-clock seconds splitting the solution back to order lines.
    public var disaggregationSeconds = 0.0
    /// Wall-clock seconds building the explanations (runner-up, marginal cost, binding constraint).
    public var explanationSeconds = 0.0
    /// Pricing rounds, master solves and recovered components of the decomposition (zeros for the LP).
    public var flowStatistics = CoupledFlowStatistics()
    /// Price of one more unit of daily capacity per warehouse (money per unit, >= 0; 0 where capacity
    /// is not binding or unlimited): an optimal dual of the capacity rows.
    public var capacityPriceByWarehouse: [Double] = []
    /// Relative MIP gap of the integer mode; nil for the LP paths (which are optimal).
    public var mipGap: Double?
    /// One per allocated line (order, warehouse) and per unfilled line, sorted by order index then warehouse.
    public var explanations: [LineExplanation] = []

    public init(
        allocated: [AllocatedLine],
        unfilled: [UnfilledLine],
        objective: Double,
        solverStatus: AllocationSolveStatus,
        solveSeconds: Double,
        variableCount: Int,
        constraintCount: Int,
        bucketCount: Int
    ) {
        self.allocated = allocated
        self.unfilled = unfilled
        self.objective = objective
        self.solverStatus = solverStatus
        self.solveSeconds = solveSeconds
        self.variableCount = variableCount
        self.constraintCount = constraintCount
        self.bucketCount = bucketCount
    }

    /// Units shipped per warehouse and SKU: `shipped[warehouseIndex][skuIndex]`.
    public func shippedUnits(warehouseCount: Int, skuCount: Int) -> [[Int]] {
        var shipped = Array(repeating: Array(repeating: 0, count: skuCount), count: warehouseCount)
        for line in allocated {
            shipped[line.warehouseIndex][line.skuIndex] += line.quantity
        }
        return shipped
    }

    /// Units shipped in total.
    public var allocatedUnits: Int { allocated.reduce(0) { $0 + $1.quantity } }

    /// Units left unfilled in total.
    public var unfilledUnits: Int { unfilled.reduce(0) { $0 + $1.quantity } }

    /// Units shipped on next-day lanes (transit of at most one day).
    public var nextDayUnits: Int { allocated.reduce(0) { $0 + ($1.transitDays <= 1 ? $1.quantity : 0) } }
}
