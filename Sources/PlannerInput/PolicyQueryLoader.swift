import PlannerCore

/// Reads the input of `planner policy`: a CSV file with the columns of ``PolicyQuery`` (`sku`,
/// `mean_daily_demand`, `sd_daily_demand`, `lead_time_days`, `lead_time_sd_days`, `service_level`,
/// `service_type`, and optionally `order_quantity`, `annual_demand`, `order_cost`, `unit_cost`,
/// `holding_cost_rate`, `review_period_days`). Every bad field is a located error; any error throws an
/// ``InputError`` listing them all.
public enum PolicyQueryLoader {
    public static let columns = [
        "sku", "mean_daily_demand", "sd_daily_demand", "lead_time_days", "lead_time_sd_days", "service_level",
        "service_type",
    ]
    public static let optionalColumns = [
        "order_quantity", "annual_demand", "order_cost", "unit_cost", "holding_cost_rate", "review_period_days",
    ]

    public static func load(path: String) throws -> [PolicyQuery] {
        var issues = IssueCollector()
        var queries: [PolicyQuery] = []
        let reader: CSVReader
        do {
            reader = try CSVReader(path: path, displayPath: path)
        } catch let issue as InputIssue {
            throw InputError(issues: [issue])
        }
        let table = CSVTable(displayPath: path, columns: columns, optionalColumns: optionalColumns)
        table.read(reader: reader, issues: &issues) { row in
            let sku = row.identifier(0)
            let mean = row.decimal(1)
            let sd = row.decimal(2)
            let leadTime = row.decimal(3, maximum: CSVRow.longestLeadTimeDays)
            let leadTimeSD = row.decimal(4, maximum: CSVRow.longestLeadTimeDays)
            let level = row.decimal(5, maximum: 1)
            if let level, level <= 0 || level >= 1 {
                row.fail(5, "must be strictly between 0 and 1, found \(level)")
            }
            let type = row.choice(6, PolicyQuery.ServiceType.allCases.map(\.rawValue))
            let quantity = row.optionalDecimal(7)
            if case .some(.some(let value)) = quantity, value == 0 {
                row.fail(7, "must be greater than 0 when given (leave it empty for the EOQ)")
            }
            let annual = row.optionalDecimal(8)
            let orderCost = row.optionalDecimal(9)
            let unitCost = row.optionalDecimal(10)
            let holdingRate = row.optionalDecimal(11)
            let review = row.optionalDecimal(12, maximum: CSVRow.longestLeadTimeDays)
            if case .some(.some(let orderCostValue)) = orderCost, case .some(.some(let unitCostValue)) = unitCost,
                case .some(.some(let rate)) = holdingRate
            {
                row.checkOrderToHoldingCost(
                    orderCost: orderCostValue,
                    unitCost: unitCostValue,
                    holdingCostRate: rate,
                    column: 10
                )
            }
            if type == PolicyQuery.ServiceType.fillRate.rawValue {
                if case .some(.some) = review {
                    row.fail(12, "a periodic review (R, S) takes the cycle service level: use service_type cycle")
                }
                let hasQuantity = (quantity ?? nil) != nil
                let hasCosts = (orderCost ?? nil) != nil && (unitCost ?? nil) != nil && (holdingRate ?? nil) != nil
                if !hasQuantity && !hasCosts {
                    row.fail(
                        6,
                        "fill_rate needs order_quantity, or order_cost, unit_cost and holding_cost_rate for the EOQ"
                    )
                }
            }
            guard let sku, let mean, let sd, let leadTime, let leadTimeSD, let level, let type,
                let quantity, let annual, let orderCost, let unitCost, let holdingRate, let review, !row.hasIssues
            else { return }
            queries.append(
                PolicyQuery(
                    sku: sku,
                    meanDailyDemand: mean,
                    sdDailyDemand: sd,
                    leadTimeDays: leadTime,
                    leadTimeSdDays: leadTimeSD,
                    serviceLevel: level,
                    serviceType: PolicyQuery.ServiceType(rawValue: type)!,
                    orderQuantity: quantity,
                    annualDemand: annual,
                    orderCost: orderCost,
                    unitCost: unitCost,
                    holdingCostRate: holdingRate,
                    reviewPeriodDays: review,
                    line: row.line
                )
            )
        }
        try issues.throwIfAny()
        return queries
    }
}
