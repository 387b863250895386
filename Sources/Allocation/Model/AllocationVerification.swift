import Flow
import PlannerCore

/// Checks of a solution, before and after the split to lines. The solvers are trusted for
/// optimality, not for feasibility: these recheck in Swift what the model promises.
enum AllocationVerification {
    /// The solver's flow has the problem's shape, whole non-negative units, balanced nodes, respected
    /// coupling rows, and the cost it reports (within 1e-6 relative).
    static func checkFlow(_ solution: CoupledFlowSolution, problem: CoupledFlowProblem) throws {
        guard solution.flowUnits.count == problem.components.count else {
            throw AllocationError(
                "solver returned \(solution.flowUnits.count) components, expected \(problem.components.count)"
            )
        }
        var usedUnits = [Int](repeating: 0, count: problem.couplingCapacityUnits.count)
        var cost = 0.0
        for (component, flowComponent) in problem.components.enumerated() {
            let flows = solution.flowUnits[component]
            guard flows.count == flowComponent.arcs.count else {
                throw AllocationError("solver returned \(flows.count) arc flows for component \(component)")
            }
            var balance = flowComponent.supply
            for (arc, flowArc) in flowComponent.arcs.enumerated() {
                let units = flows[arc]
                guard units >= 0, units <= (flowArc.capacityUnits ?? Int.max) else {
                    throw AllocationError("component \(component), arc \(arc): flow \(units) is out of bounds")
                }
                balance[flowArc.tail] -= units
                balance[flowArc.head] += units
                if let row = flowArc.couplingRow { usedUnits[row] += units }
                cost += Double(units) * flowArc.costPerUnit
            }
            if let node = balance.firstIndex(where: { $0 != 0 }) {
                throw AllocationError("component \(component), node \(node): flow is not balanced")
            }
        }
        for (row, capacity) in problem.couplingCapacityUnits.enumerated() where usedUnits[row] > capacity {
            throw AllocationError("coupling row \(row): \(usedUnits[row]) units exceed the capacity \(capacity)")
        }
        guard abs(cost - solution.objective) <= 1e-6 * max(1, abs(solution.objective)) else {
            throw AllocationError("cost of the solver's flow \(cost) differs from its objective \(solution.objective)")
        }
    }

    /// The lines: every order's units are shipped or unfilled exactly once; no line ships before its
    /// release day or outside the horizon; days late as defined (none in a one-day run); per (warehouse, day) the units shipped
    /// stay within capacity; per (warehouse, sku) the units shipped by each day stay within the units
    /// available by then (on hand plus arrivals).
    static func checkLines(
        allocated: [AllocatedLine],
        unfilled: [UnfilledLine],
        buckets: [Bucket],
        dataSet: DataSet,
        horizon: Horizon
    ) throws {
        let days = horizon.days
        let warehouseCount = dataSet.warehouses.count
        var accounted = [Int](repeating: 0, count: dataSet.orders.count)
        var isOpen = [Bool](repeating: false, count: dataSet.orders.count)
        for bucket in buckets {
            for orderIndex in bucket.orderIndices { isOpen[orderIndex] = true }
        }
        var shippedByWarehouseDay = Array(repeating: [Int](repeating: 0, count: days), count: warehouseCount)
        var shippedBySkuWarehouseDay: [Int: Int] = [:]  // key (sku * W + w) * days + d; iterated sorted
        for line in allocated {
            let order = dataSet.orders[line.orderIndex]
            let release = max(0, horizon.startDay.days(to: order.orderDate))
            guard isOpen[line.orderIndex], line.quantity > 0, (release..<days).contains(line.shipDayOffset) else {
                throw AllocationError(
                    "order \(order.orderId): a shipment on day offset \(line.shipDayOffset) is invalid"
                )
            }
            let daysLate: Int? =
                days > 1
                ? horizon.daysLate(
                    dayOffset: line.shipDayOffset,
                    transitDays: line.transitDays,
                    promiseDate: order.effectivePromiseDate
                ) : nil
            guard line.daysLate == daysLate else {
                throw AllocationError(
                    "order \(order.orderId): days late \(String(describing: line.daysLate)) != \(daysLate)"
                )
            }
            accounted[line.orderIndex] += line.quantity
            shippedByWarehouseDay[line.warehouseIndex][line.shipDayOffset] += line.quantity
            let key = (line.skuIndex * warehouseCount + line.warehouseIndex) * days + line.shipDayOffset
            shippedBySkuWarehouseDay[key, default: 0] += line.quantity
        }
        for line in unfilled {
            guard isOpen[line.orderIndex], line.quantity > 0 else {
                throw AllocationError("order \(dataSet.orders[line.orderIndex].orderId): invalid unfilled entry")
            }
            accounted[line.orderIndex] += line.quantity
        }
        for bucket in buckets {
            for orderIndex in bucket.orderIndices where accounted[orderIndex] != dataSet.orders[orderIndex].quantity {
                throw AllocationError(
                    "order \(dataSet.orders[orderIndex].orderId): \(accounted[orderIndex]) units shipped or unfilled, "
                        + "\(dataSet.orders[orderIndex].quantity) ordered"
                )
            }
        }
        for warehouseIndex in 0..<warehouseCount {
            for day in 0..<days {
                if let capacity = horizon.capacityUnits[warehouseIndex][day],
                    shippedByWarehouseDay[warehouseIndex][day] > capacity
                {
                    throw AllocationError(
                        "warehouse \(dataSet.warehouses[warehouseIndex].id) ships "
                            + "\(shippedByWarehouseDay[warehouseIndex][day]) units on day offset \(day), "
                            + "capacity \(capacity)"
                    )
                }
            }
        }
        let pairs = Set(shippedBySkuWarehouseDay.keys.map { $0 / days }).sorted()
        for pair in pairs {
            let skuIndex = pair / warehouseCount
            let warehouseIndex = pair % warehouseCount
            var availableUnits = horizon.network.availableUnits[warehouseIndex][skuIndex]
            var arrivals = horizon.arrivalsBySku[skuIndex].filter { $0.warehouseIndex == warehouseIndex }[...]
            var shippedUnits = 0
            for day in 0..<days {
                while let arrival = arrivals.first, arrival.dayOffset == day {
                    availableUnits += arrival.units
                    arrivals = arrivals.dropFirst()
                }
                shippedUnits += shippedBySkuWarehouseDay[pair * days + day] ?? 0
                guard shippedUnits <= availableUnits else {
                    throw AllocationError(
                        "\(dataSet.skus[skuIndex].id) at \(dataSet.warehouses[warehouseIndex].id): \(shippedUnits) "
                            + "units shipped by day offset \(day), only \(availableUnits) available"
                    )
                }
            }
        }
    }
}
