import PlannerCore

extension LoadContext {
    func readSKUs(_ issues: inout IssueCollector, refused: inout Set<String>) -> [SKU]? {
        let columns = [
            "sku", "name", "category", "unit_cost", "unit_price", "holding_cost_rate", "order_cost", "pack_size", "moq",
        ]
        // Optional: what a unit weighs and takes up as shipped, for the carriers' dispatch lines (columns 9, 10).
        let optionalColumns = ["unit_weight_kg", "unit_volume_l"]
        var skus: [SKU] = []
        var duplicates = DuplicateDetector<String>()
        let readable = table("skus.csv", columns, optionalColumns: optionalColumns, &issues) { row in
            let id = row.identifier(0)
            let name = row.text(1)
            let category = row.identifier(2)
            let unitCost = row.decimal(3)
            let unitPrice = row.decimal(4)
            let holdingCostRate = row.decimal(5)
            let orderCost = row.decimal(6)
            let packSize = row.requiredWholeNumber(7, minimum: 1)
            let moq = row.requiredWholeNumber(8)
            let unitWeight = row.optionalDecimal(9, maximum: InputLimits.unitWeightKgMax)
            let unitVolume = row.optionalDecimal(10, maximum: InputLimits.unitVolumeLitresMax)
            if let unitCost, let holdingCostRate, let orderCost {
                row.checkOrderToHoldingCost(
                    orderCost: orderCost,
                    unitCost: unitCost,
                    holdingCostRate: holdingCostRate,
                    column: 3
                )
            }
            if let id, let earlier = duplicates.earlierLine(of: id, line: row.line) {
                row.fail(0, "duplicate sku '\(id)' (first on line \(earlier))")
            }
            guard let id, let name, let category, let unitCost, let unitPrice, let holdingCostRate, let orderCost,
                let packSize, let moq, let unitWeight, let unitVolume, !row.hasIssues
            else {
                if let id { refused.insert(id) }
                return
            }
            skus.append(
                SKU(
                    id: id,
                    name: name,
                    category: category,
                    unitCost: unitCost,
                    unitPrice: unitPrice,
                    holdingCostRate: holdingCostRate,
                    orderCost: orderCost,
                    packSize: packSize,
                    moq: moq,
                    unitWeightKg: unitWeight,
                    unitVolumeLitres: unitVolume
                )
            )
        }
        return readable ? skus : nil
    }

    func readRegions(_ issues: inout IssueCollector, refused: inout Set<String>) -> [Region]? {
        var regions: [Region] = []
        var duplicates = DuplicateDetector<String>()
        let readable = table("regions.csv", ["region", "name"], &issues) { row in
            let id = row.identifier(0)
            let name = row.text(1)
            if let id, let earlier = duplicates.earlierLine(of: id, line: row.line) {
                row.fail(0, "duplicate region '\(id)' (first on line \(earlier))")
            }
            guard let id, let name, !row.hasIssues else {
                if let id { refused.insert(id) }
                return
            }
            regions.append(Region(id: id, name: name))
        }
        return readable ? regions : nil
    }

    func readWarehouses(_ issues: inout IssueCollector, refused: inout Set<String>) -> [Warehouse]? {
        var warehouses: [Warehouse] = []
        var duplicates = DuplicateDetector<String>()
        let columns = ["warehouse", "name", "kind", "daily_capacity_units"]
        let readable = table("warehouses.csv", columns, &issues) { row in
            let id = row.identifier(0)
            let name = row.text(1)
            let kind = row.choice(2, WarehouseKind.allCases.map(\.rawValue)).flatMap(WarehouseKind.init(rawValue:))
            let capacity = row.wholeNumber(3, emptyAllowed: true)
            if let id, let earlier = duplicates.earlierLine(of: id, line: row.line) {
                row.fail(0, "duplicate warehouse '\(id)' (first on line \(earlier))")
            }
            guard let id, let name, let kind, let capacity, !row.hasIssues else {
                if let id { refused.insert(id) }
                return
            }
            warehouses.append(Warehouse(id: id, name: name, kind: kind, dailyCapacityUnits: capacity))
        }
        return readable ? warehouses : nil
    }

    func readLanes(_ lookup: EntityLookup, _ issues: inout IssueCollector) -> [Lane] {
        var lanes: [Lane] = []
        var duplicates = DuplicateDetector<[Int]>()
        let columns = ["warehouse", "region", "transit_days", "cost_per_unit", "carrier"]
        table("lanes.csv", columns, &issues) { row in
            let warehouse = row.reference(
                0,
                in: lookup.warehouseIndex,
                refused: lookup.refusedIDs.warehouses,
                noun: "warehouse",
                definedIn: "warehouses.csv"
            )
            let region = row.reference(
                1,
                in: lookup.regionIndex,
                refused: lookup.refusedIDs.regions,
                noun: "region",
                definedIn: "regions.csv"
            )
            let transitDays = row.requiredWholeNumber(2)
            let cost = row.decimal(3)
            let carrier = row.identifier(4)
            if let warehouse, let region, let earlier = duplicates.earlierLine(of: [warehouse, region], line: row.line)
            {
                row.fail(
                    1,
                    "a second lane for this warehouse and region (first on line \(earlier)); at most one is allowed"
                )
            }
            guard let warehouse, let region, let transitDays, let cost, let carrier, !row.hasIssues else { return }
            lanes.append(
                Lane(
                    warehouseIndex: warehouse,
                    regionIndex: region,
                    transitDays: transitDays,
                    costPerUnit: cost,
                    carrier: carrier
                )
            )
        }
        return lanes
    }

    func readStock(_ lookup: EntityLookup, _ issues: inout IssueCollector) -> [StockRecord] {
        var stock: [StockRecord] = []
        var duplicates = DuplicateDetector<[Int]>()
        table("stock.csv", ["warehouse", "sku", "on_hand", "on_order"], &issues) { row in
            let warehouse = row.reference(
                0,
                in: lookup.warehouseIndex,
                refused: lookup.refusedIDs.warehouses,
                noun: "warehouse",
                definedIn: "warehouses.csv"
            )
            let sku = row.reference(
                1,
                in: lookup.skuIndex,
                refused: lookup.refusedIDs.skus,
                noun: "sku",
                definedIn: "skus.csv"
            )
            let onHand = row.requiredWholeNumber(2)
            let onOrder = row.requiredWholeNumber(3)
            if let warehouse, let sku, let earlier = duplicates.earlierLine(of: [warehouse, sku], line: row.line) {
                row.fail(1, "duplicate stock row for this warehouse and sku (first on line \(earlier))")
            }
            guard let warehouse, let sku, let onHand, let onOrder, !row.hasIssues else { return }
            stock.append(StockRecord(warehouseIndex: warehouse, skuIndex: sku, onHand: onHand, onOrder: onOrder))
        }
        return stock
    }

    func readOrders(_ lookup: EntityLookup, _ issues: inout IssueCollector) -> [OrderLine] {
        var orders: [OrderLine] = []
        var duplicates = DuplicateDetector<OrderLineKey>()
        let columns = ["order_id", "order_date", "sku", "region", "qty", "priority"]
        // promise_date is optional: files without the column, or a blank, promise next-day delivery.
        table("orders.csv", columns, optionalColumns: ["promise_date"], &issues) { row in
            let orderID = row.identifier(0)
            let orderDate = row.day(1)
            let sku = row.reference(
                2,
                in: lookup.skuIndex,
                refused: lookup.refusedIDs.skus,
                noun: "sku",
                definedIn: "skus.csv"
            )
            let region = row.reference(
                3,
                in: lookup.regionIndex,
                refused: lookup.refusedIDs.regions,
                noun: "region",
                definedIn: "regions.csv"
            )
            let quantity = row.requiredWholeNumber(4, minimum: 1)
            var priority: Int? = 2
            if let given = row.wholeNumber(5, minimum: 1, emptyAllowed: true) {
                if let value = given, value > 3 {
                    row.fail(5, "expected 1, 2, 3 or blank (meaning 2), found \(value)")
                    priority = nil
                } else {
                    priority = given ?? 2
                }
            } else {
                priority = nil
            }
            var promiseDate: Day? = nil
            if !row.isEmpty(6) {
                promiseDate = row.day(6)
                if let promiseDate, let orderDate, promiseDate < orderDate {
                    row.fail(6, "promise_date \(promiseDate) is before order_date \(orderDate)")
                }
            }
            if let orderID, let sku,
                let earlier = duplicates.earlierLine(of: OrderLineKey(orderID: orderID, skuIndex: sku), line: row.line)
            {
                row.fail(
                    2,
                    "order '\(orderID)' already has a line for this sku (line \(earlier)); (order_id, sku) is unique"
                )
            }
            guard let orderID, let orderDate, let sku, let region, let quantity, let priority, !row.hasIssues else {
                return
            }
            orders.append(
                OrderLine(
                    orderId: orderID,
                    orderDate: orderDate,
                    skuIndex: sku,
                    regionIndex: region,
                    quantity: quantity,
                    priority: priority,
                    promiseDate: promiseDate
                )
            )
        }
        return orders
    }

    func readSuppliers(_ lookup: EntityLookup, _ issues: inout IssueCollector) -> [SupplierOffer] {
        var offers: [SupplierOffer] = []
        var duplicateSupplier = DuplicateDetector<SupplierSKUKey>()
        var duplicateRank = DuplicateDetector<[Int]>()
        let columns = [
            "supplier", "sku", "role", "rank", "lead_time_days", "lead_time_sd_days", "unit_cost",
            "weekly_capacity_units", "moq",
        ]
        // drop_ship is optional: files written before it existed have no such column, which means false.
        table("suppliers.csv", columns, optionalColumns: ["drop_ship"], &issues) { row in
            let supplier = row.identifier(0)
            let sku = row.reference(
                1,
                in: lookup.skuIndex,
                refused: lookup.refusedIDs.skus,
                noun: "sku",
                definedIn: "skus.csv"
            )
            let role = row.choice(2, SupplierRole.allCases.map(\.rawValue)).flatMap(SupplierRole.init(rawValue:))
            let rank = row.requiredWholeNumber(3, minimum: 1)
            let leadTime = row.decimal(4, maximum: CSVRow.longestLeadTimeDays)
            let leadTimeSd = row.decimal(5, maximum: CSVRow.longestLeadTimeDays)
            let unitCost = row.decimal(6)
            let capacity = row.wholeNumber(7, emptyAllowed: true)
            let moq = row.requiredWholeNumber(8)
            let dropShip = row.flag(9, whenEmpty: false)
            if let supplier, let sku,
                let earlier = duplicateSupplier.earlierLine(
                    of: SupplierSKUKey(supplier: supplier, skuIndex: sku),
                    line: row.line
                )
            {
                row.fail(1, "supplier '\(supplier)' already has a row for this sku (line \(earlier))")
            }
            if let sku, let role, let rank,
                let earlier = duplicateRank.earlierLine(of: [sku, role == .primary ? 0 : 1, rank], line: row.line)
            {
                row.fail(3, "another \(role.rawValue) supplier of this sku has rank \(rank) (line \(earlier))")
            }
            guard let supplier, let sku, let role, let rank, let leadTime, let leadTimeSd, let unitCost, let capacity,
                let moq, let dropShip, !row.hasIssues
            else { return }
            offers.append(
                SupplierOffer(
                    supplier: supplier,
                    skuIndex: sku,
                    role: role,
                    rank: rank,
                    leadTimeDays: leadTime,
                    leadTimeSdDays: leadTimeSd,
                    unitCost: unitCost,
                    weeklyCapacityUnits: capacity,
                    moq: moq,
                    allowsDropShip: dropShip
                )
            )
        }
        return offers
    }
}

struct OrderLineKey: Hashable {
    var orderID: String
    var skuIndex: Int
}

struct SupplierSKUKey: Hashable {
    var supplier: String
    var skuIndex: Int
}
