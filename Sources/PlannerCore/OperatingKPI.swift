/// The operating KPIs a plan run stores (`planner.operating_kpis`), each in total and per ABC class where it
/// applies. Definitions and sources: docs/formulas.md, "Inventory health and operating KPIs".
public enum OperatingKPI: String, Sendable, CaseIterable, Codable {
    case forecastUnits = "forecast_units"
    case forecastRevenue = "forecast_revenue"
    case forecastGrossMargin = "forecast_gross_margin"
    case grossMarginRate = "gross_margin_rate"
    case onHandUnits = "on_hand_units"
    case inventoryValue = "inventory_value"
    case safetyStockValue = "safety_stock_value"
    case daysOfCover = "days_of_cover"
    case excessUnitsEnd = "excess_units_end"
    case excessValueEnd = "excess_value_end"
    case turnover
    case stockedSKUs = "stocked_skus"
    case sellThroughRate = "sell_through_rate"
    case slowMoverRate = "slow_mover_rate"
    case slowMoverValue = "slow_mover_value"
    case purchaseSpendPrimary = "purchase_spend_primary"
    case purchaseSpendBackup = "purchase_spend_backup"
    case backupOrderLines = "backup_order_lines"
    case shortfallUnits = "shortfall_units"
    case presaleUnits = "presale_units"
    case allocatedUnits = "allocated_units"
    case unfilledUnits = "unfilled_units"
    case fillRate = "fill_rate"
    case nextDayShare = "next_day_share"
    case shippingCost = "shipping_cost"
    case overCapacityDays = "over_capacity_days"
    case overCapacityUnits = "over_capacity_units"

    /// What the number counts: `units`, `money`, `share` (0 to 1), `days`, `per_year` or `count`.
    public var unit: String {
        switch self {
        case .forecastUnits, .onHandUnits, .excessUnitsEnd, .shortfallUnits, .presaleUnits, .allocatedUnits,
            .unfilledUnits, .overCapacityUnits:
            "units"
        case .forecastRevenue, .forecastGrossMargin, .inventoryValue, .safetyStockValue, .excessValueEnd,
            .slowMoverValue, .purchaseSpendPrimary, .purchaseSpendBackup, .shippingCost:
            "money"
        case .grossMarginRate, .sellThroughRate, .slowMoverRate, .fillRate, .nextDayShare: "share"
        case .daysOfCover: "days"
        case .turnover: "per_year"
        case .stockedSKUs, .backupOrderLines, .overCapacityDays: "count"
        }
    }

    /// Whether a higher value is better (for the direction of a change in `compare` and the report); nil when
    /// neither is.
    public var higherIsBetter: Bool? {
        switch self {
        case .forecastRevenue, .forecastGrossMargin, .grossMarginRate, .turnover, .sellThroughRate, .allocatedUnits,
            .fillRate, .nextDayShare:
            true
        case .excessUnitsEnd, .excessValueEnd, .slowMoverRate, .slowMoverValue, .purchaseSpendBackup,
            .backupOrderLines, .shortfallUnits, .unfilledUnits, .shippingCost, .overCapacityDays, .overCapacityUnits:
            false
        default: nil
        }
    }

    /// A short label for tables and tiles.
    public var label: String {
        rawValue.replacingOccurrences(of: "_", with: " ")
    }
}

/// The KPI settings (`kpis` in the configuration): the windows of the sell-through and slow-mover KPIs.
public struct KPISettings: Sendable, Equatable {
    /// A stocked SKU counts as selling when it sold in this many days before the plan date.
    public var sellThroughDays: Int
    /// A stocked SKU is a slow mover when it has not sold in this many days before the plan date ...
    public var slowMoverNoSaleDays: Int
    /// ... or its stock covers more than this many days of its forecast.
    public var slowMoverCoverDays: Int

    public init(sellThroughDays: Int = 30, slowMoverNoSaleDays: Int = 90, slowMoverCoverDays: Int = 180) {
        self.sellThroughDays = sellThroughDays
        self.slowMoverNoSaleDays = slowMoverNoSaleDays
        self.slowMoverCoverDays = slowMoverCoverDays
    }
}
