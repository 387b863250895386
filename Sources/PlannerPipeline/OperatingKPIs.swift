import Allocation
import InventoryPolicy
import PlannerCore
import Sourcing

/// The operating KPIs of a plan run, in total and per ABC class (docs/formulas.md, "Inventory health and
/// operating KPIs", gives each formula and its source). Stock is the plan date's (scenario adjustments
/// applied) less the units the allocation ships today.
struct OperatingKPIs {
    var result: PlanResult
    var dataSet: DataSet
    var classes: [ABCClass]
    var projections: [ProjectedStock]
    var loads: [WarehouseDayLoad]
    var settings: KPISettings
    /// Days from each SKU's last sale to the plan date, by SKU index (``StagedSKU/lastSaleDaysAgo``).
    var lastSaleDaysAgo: [Int?]

    /// Sums per SKU that the KPIs of every scope are made of.
    private struct SKUFigures {
        var forecastUnits = 0.0
        var onHandUnits = 0.0
        var isStocked = false
        var lastSaleOffset: Int? = nil
    }

    func values() -> [KPIValue] {
        let figures = skuFigures()
        var rows: [KPIValue] = []
        for scope in [nil] + ABCClass.allCases.map(Optional.some) {
            rows += scopeValues(scope, figures: figures)
        }
        rows += runValues()
        return rows
    }

    private func skuFigures() -> [SKUFigures] {
        let planDate = result.input.planDate
        var figures = Array(repeating: SKUFigures(), count: dataSet.skus.count)
        for sku in result.forecast?.skuForecasts ?? [] {
            figures[sku.skuIndex].forecastUnits = sku.unitsPerDay.reduce(0, +)
        }
        let shipped = result.allocation.shippedUnits(
            warehouseCount: dataSet.warehouses.count,
            skuCount: dataSet.skus.count
        )
        for record in result.input.dataSet.stock {
            let units = record.onHand - shipped[record.warehouseIndex][record.skuIndex]
            figures[record.skuIndex].onHandUnits += Double(max(0, units))
            if record.onHand > 0 { figures[record.skuIndex].isStocked = true }
        }
        let window = max(settings.sellThroughDays, settings.slowMoverNoSaleDays)
        for (sku, daysAgo) in lastSaleDaysAgo.enumerated() {
            if let daysAgo, daysAgo <= window { figures[sku].lastSaleOffset = daysAgo }
        }
        return figures
    }

    private func scopeValues(_ scope: ABCClass?, figures: [SKUFigures]) -> [KPIValue] {
        func inScope(_ sku: Int) -> Bool { scope == nil || classes[sku] == scope }
        let horizon = Double(max(1, result.input.scenario.horizonDays))
        var forecastUnits = 0.0
        var revenue = 0.0
        var margin = 0.0
        var onHand = 0.0
        var inventoryValue = 0.0
        var stocked = 0
        var selling = 0
        var slow = 0
        var slowValue = 0.0
        for index in dataSet.skus.indices where inScope(index) {
            let sku = dataSet.skus[index]
            let figure = figures[index]
            forecastUnits += figure.forecastUnits
            revenue += figure.forecastUnits * sku.unitPrice
            margin += figure.forecastUnits * (sku.unitPrice - sku.unitCost)
            onHand += figure.onHandUnits
            inventoryValue += figure.onHandUnits * sku.unitCost
            guard figure.isStocked else { continue }
            stocked += 1
            if let last = figure.lastSaleOffset, last <= settings.sellThroughDays { selling += 1 }
            let dailyForecast = figure.forecastUnits / horizon
            let cover = dailyForecast > 0 ? figure.onHandUnits / dailyForecast : .infinity
            let unsold = figure.lastSaleOffset.map { $0 > settings.slowMoverNoSaleDays } ?? true
            if unsold || cover > Double(settings.slowMoverCoverDays) {
                slow += 1
                slowValue += figure.onHandUnits * sku.unitCost
            }
        }
        var safetyStockValue = 0.0
        var orderUpTo: [Int: Double] = [:]
        for policy in result.policies where inScope(policy.skuIndex) && policy.stocking != .dropShip {
            safetyStockValue += max(0, policy.safetyStock) * dataSet.skus[policy.skuIndex].unitCost
            if let level = policy.orderUpTo, level.isFinite {
                orderUpTo[policy.skuIndex * dataSet.warehouses.count + policy.warehouseIndex] = level
            }
        }
        var excessUnits = 0.0
        var excessValue = 0.0
        var stockedCost = 0.0
        var averageStockValue = 0.0
        var stockedSKUs = Set<Int>()
        for projection in projections where inScope(projection.skuIndex) {
            let cost = dataSet.skus[projection.skuIndex].unitCost
            let days = projection.netUnitsPerDay
            if let end = days.last,
                let level = orderUpTo[projection.skuIndex * dataSet.warehouses.count + projection.warehouseIndex]
            {
                excessUnits += max(0, end - level)
                excessValue += max(0, end - level) * cost
            }
            averageStockValue += days.reduce(0.0) { $0 + max(0, $1) } / Double(max(1, days.count)) * cost
            stockedSKUs.insert(projection.skuIndex)
        }
        for sku in stockedSKUs.sorted() { stockedCost += figures[sku].forecastUnits * dataSet.skus[sku].unitCost }
        var spend: [SupplierRole: Double] = [:]
        var backupLines = 0
        for order in result.supplyOrders where inScope(order.skuIndex) {
            guard let role = order.role else { continue }
            spend[role, default: 0] += Double(order.quantity) * (order.unitCost ?? 0)
            if role == .backup { backupLines += 1 }
        }
        let shortfalls = result.shortfalls.filter { inScope($0.skuIndex) }
        func ratio(_ numerator: Double, _ denominator: Double) -> Double? {
            denominator > 0 ? numerator / denominator : nil
        }
        let values: [(OperatingKPI, Double?)] = [
            (.forecastUnits, forecastUnits),
            (.forecastRevenue, revenue),
            (.forecastGrossMargin, margin),
            (.grossMarginRate, ratio(margin, revenue)),
            (.onHandUnits, onHand),
            (.inventoryValue, inventoryValue),
            (.safetyStockValue, safetyStockValue),
            (.daysOfCover, ratio(onHand, forecastUnits / horizon)),
            (.excessUnitsEnd, excessUnits),
            (.excessValueEnd, excessValue),
            (.turnover, ratio(stockedCost * 365 / horizon, averageStockValue)),
            (.stockedSKUs, Double(stocked)),
            (.sellThroughRate, ratio(Double(selling), Double(stocked))),
            (.slowMoverRate, ratio(Double(slow), Double(stocked))),
            (.slowMoverValue, slowValue),
            (.purchaseSpendPrimary, spend[.primary] ?? 0),
            (.purchaseSpendBackup, spend[.backup] ?? 0),
            (.backupOrderLines, Double(backupLines)),
            (.shortfallUnits, Double(shortfalls.saturatingSum(\.shortfallUnits))),
            (.presaleUnits, Double(shortfalls.saturatingSum(\.presaleUnits))),
        ]
        return values.map { KPIValue(abcClass: scope, kpi: $0.0, value: $0.1) }
    }

    /// KPIs of the run as a whole: the allocation and the stress test.
    private func runValues() -> [KPIValue] {
        let allocation = result.allocation
        let allocated = Double(allocation.allocatedUnits)
        // Drop-shipped units are filled too, as in the run summary's fill rate.
        let filled = allocated + Double(allocation.dropShippedUnits)
        let ordered = filled + Double(allocation.unfilledUnits)
        let values: [(OperatingKPI, Double?)] = [
            (.allocatedUnits, allocated),
            (.unfilledUnits, Double(allocation.unfilledUnits)),
            (.fillRate, ordered > 0 ? filled / ordered : nil),
            (.nextDayShare, allocated > 0 ? Double(allocation.nextDayUnits) / allocated : nil),
            (.shippingCost, allocation.allocated.reduce(0.0) { $0 + Double($1.quantity) * $1.costPerUnit }),
            (.overCapacityDays, Double(loads.filter { $0.overUnits > 0 }.count)),
            (.overCapacityUnits, loads.reduce(0.0) { $0 + $1.overUnits }),
        ]
        return values.map { KPIValue(abcClass: nil, kpi: $0.0, value: $0.1) }
    }
}
