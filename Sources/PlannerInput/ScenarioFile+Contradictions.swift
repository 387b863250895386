import PlannerCore

extension ScenarioFile {
    /// Events whose window lies wholly outside the days they could act on: the horizon (plan_date to plan_date +
    /// horizon_days - 1), or for `warehouse_capacity` the days `--days` may allocate over as well. Such an event
    /// would change nothing, which is never what its author meant.
    func windowIssues() -> [InputIssue] {
        let first = scenario.planDate
        let last = first.adding(days: scenario.horizonDays - 1)
        let lastAllocationDay = first.adding(days: max(scenario.horizonDays, ScenarioLoader.longestAllocationDays) - 1)
        var windows: [(EventKind, Day, Day)] = []
        windows += scenario.demandUplifts.map { (.demandUplift, $0.from, $0.to) }
        windows += scenario.supplierDisruptions.map { (.supplierDisruption, $0.from, $0.to) }
        windows += scenario.warehouseCapacityChanges.map { (.warehouseCapacity, $0.from, $0.to) }
        windows += scenario.leadTimeChanges.map { (.leadTimeChange, $0.from, $0.to) }
        windows += scenario.stockAdjustments.map { (.stockAdjustment, $0.from, $0.from) }
        windows += scenario.laneChanges.map { (.laneChange, $0.from, $0.to) }
        windows += scenario.launches.map { (.newSKULaunch, $0.from, $0.from) }
        var positions: [EventKind: Int] = [:]
        var issues: [InputIssue] = []
        for (kind, from, to) in windows {
            let position = positions[kind, default: 0]
            positions[kind] = position + 1
            let end = kind == .warehouseCapacity ? lastAllocationDay : last
            guard to < first || from > end, let mark = eventMarks[kind]?[position] else { continue }
            let what = from == to ? "day \(from) is" : "window \(from) to \(to) is"
            issues.append(
                issue(
                    at: mark,
                    "\(mark.name(in: scenario.sourcePath)) (\(kind.rawValue)): \(what) outside the horizon "
                        + "(\(first) to \(end))"
                )
            )
        }
        return issues
    }

    /// Contradictions visible without the data: two `service_level` events for one class, two launches of one SKU.
    func contradictionIssues() -> [InputIssue] {
        var issues: [InputIssue] = []
        let levels = scenario.serviceLevelChanges
        for later in levels.indices {
            guard
                let earlier = levels.indices.first(where: {
                    $0 < later && !levels[$0].abcClasses.isDisjoint(with: levels[later].abcClasses)
                })
            else {
                continue
            }
            let shared = levels[earlier].abcClasses.intersection(levels[later].abcClasses).map(\.rawValue).sorted()
            issues.append(
                contradiction(
                    .serviceLevel,
                    earlier,
                    later,
                    "both set the service level of class \(shared.joined(separator: ", "))"
                )
            )
        }
        let launches = scenario.launches
        for later in launches.indices {
            guard let earlier = launches.indices.first(where: { $0 < later && launches[$0].sku == launches[later].sku })
            else {
                continue
            }
            issues.append(contradiction(.newSKULaunch, earlier, later, "both launch SKU \(launches[later].sku)"))
        }
        return issues
    }

    /// Problems that need the data set: contradictory overlapping events (two lane changes of one lane, two lead
    /// time changes of one supplier offer, two stock adjustments of one SKU at one warehouse, on a common day),
    /// launches of SKUs that already sold or like SKUs that never did, and changed values past the limits of
    /// docs/data-contract.md (a lead time over 3,650 days, a lane cost over 10^9, on hand over 2^31 - 1).
    func eventIssues(in dataSet: DataSet) -> [InputIssue] {
        var issues: [InputIssue] = []
        let lanes = scenario.laneChanges
        for later in lanes.indices {
            let matches = dataSet.lanes.filter {
                lanes[later].matches(
                    warehouse: dataSet.warehouses[$0.warehouseIndex],
                    region: dataSet.regions[$0.regionIndex]
                )
            }
            for earlier in lanes.indices where earlier < later && overlap(lanes[earlier], lanes[later]) {
                if let lane = matches.first(where: {
                    lanes[earlier].matches(
                        warehouse: dataSet.warehouses[$0.warehouseIndex],
                        region: dataSet.regions[$0.regionIndex]
                    )
                }) {
                    let name = "\(dataSet.warehouses[lane.warehouseIndex].id)-\(dataSet.regions[lane.regionIndex].id)"
                    issues.append(contradiction(.laneChange, earlier, later, "both change lane \(name) on common days"))
                    break
                }
            }
            for lane in matches {
                let cost = lane.costPerUnit * lanes[later].costFactor
                if cost > InputLimits.moneyMax, let mark = eventMarks[.laneChange]?[later] {
                    issues.append(
                        issue(
                            at: mark,
                            "\(mark.name(in: scenario.sourcePath)): cost_factor makes lane "
                                + "\(dataSet.warehouses[lane.warehouseIndex].id)-\(dataSet.regions[lane.regionIndex].id) cost "
                                + "\(cost) a unit; at most \(InputLimits.moneyMax)"
                        )
                    )
                    break
                }
            }
        }
        let changes = scenario.leadTimeChanges
        for later in changes.indices {
            let matches = dataSet.suppliers.filter { changes[later].matches($0, sku: dataSet.skus[$0.skuIndex]) }
            for earlier in changes.indices where earlier < later && overlap(changes[earlier], changes[later]) {
                if let offer = matches.first(where: { changes[earlier].matches($0, sku: dataSet.skus[$0.skuIndex]) }) {
                    issues.append(
                        contradiction(
                            .leadTimeChange,
                            earlier,
                            later,
                            "both change the lead time of \(offer.supplier) for \(dataSet.skus[offer.skuIndex].id) on common days"
                        )
                    )
                    break
                }
            }
            if let offer = matches.first(where: {
                changes[later].apply(to: $0.leadTimeDays) > InputLimits.leadTimeDaysMax
            }),
                let mark = eventMarks[.leadTimeChange]?[later]
            {
                issues.append(
                    issue(
                        at: mark,
                        "\(mark.name(in: scenario.sourcePath)): the lead time of \(offer.supplier) for "
                            + "\(dataSet.skus[offer.skuIndex].id) would be \(changes[later].apply(to: offer.leadTimeDays)) days; "
                            + "at most \(InputLimits.leadTimeDaysMax)"
                    )
                )
            }
        }
        issues += stockIssues(in: dataSet)
        issues += launchIssues(in: dataSet)
        return issues
    }

    private func stockIssues(in dataSet: DataSet) -> [InputIssue] {
        var issues: [InputIssue] = []
        let adjustments = scenario.stockAdjustments
        let end = scenario.planDate.adding(days: scenario.horizonDays)
        let onHand = dataSet.onHandMatrix()
        for later in adjustments.indices {
            let laterEnd = adjustments[later].to ?? end
            var reported = false
            for warehouseIndex in dataSet.warehouses.indices where !reported {
                let warehouse = dataSet.warehouses[warehouseIndex]
                for skuIndex in dataSet.skus.indices where !reported {
                    let sku = dataSet.skus[skuIndex]
                    guard adjustments[later].matches(sku: sku, warehouse: warehouse) else { continue }
                    let units =
                        onHand[warehouseIndex][skuIndex]
                        + adjustments[later].change(onHand: onHand[warehouseIndex][skuIndex])
                    if units > InputLimits.quantityMax, let mark = eventMarks[.stockAdjustment]?[later] {
                        issues.append(
                            issue(
                                at: mark,
                                "\(mark.name(in: scenario.sourcePath)): on hand of \(sku.id) at "
                                    + "\(warehouse.id) would be \(units) units; at most \(InputLimits.quantityMax)"
                            )
                        )
                        reported = true
                    }
                    if let earlier = adjustments.indices.first(where: { earlier in
                        earlier < later && adjustments[earlier].matches(sku: sku, warehouse: warehouse)
                            && adjustments[earlier].from <= laterEnd
                            && (adjustments[earlier].to ?? end) >= adjustments[later].from
                    }) {
                        issues.append(
                            contradiction(
                                .stockAdjustment,
                                earlier,
                                later,
                                "both adjust \(sku.id) at \(warehouse.id) on common days"
                            )
                        )
                        reported = true
                    }
                }
            }
        }
        return issues
    }

    private func launchIssues(in dataSet: DataSet) -> [InputIssue] {
        guard !scenario.launches.isEmpty else { return [] }
        var sold = Array(repeating: false, count: dataSet.skus.count)
        let planDay = Int32(scenario.planDate.daysSinceEpoch)
        for row in 0..<dataSet.demand.count
        where dataSet.demand.days[row] < planDay && dataSet.demand.quantities[row] > 0 {
            sold[Int(dataSet.demand.skuIndices[row])] = true
        }
        var issues: [InputIssue] = []
        for (position, launch) in scenario.launches.enumerated() {
            guard let mark = eventMarks[.newSKULaunch]?[position], let skuIndex = dataSet.skuIndexByID[launch.sku],
                let likeIndex = dataSet.skuIndexByID[launch.likeSKU]
            else { continue }
            if sold[skuIndex] {
                issues.append(
                    issue(
                        at: mark,
                        "\(mark.name(in: scenario.sourcePath)): SKU \(launch.sku) already sold "
                            + "before \(scenario.planDate); new_sku_launch is for a SKU without sales"
                    )
                )
            }
            if !sold[likeIndex] {
                issues.append(
                    issue(
                        at: mark,
                        "\(mark.name(in: scenario.sourcePath)): like_sku \(launch.likeSKU) has no "
                            + "sales before \(scenario.planDate) to shape the launch on"
                    )
                )
            }
        }
        return issues
    }

    private func overlap(_ a: LaneChange, _ b: LaneChange) -> Bool { a.from <= b.to && b.from <= a.to }
    private func overlap(_ a: LeadTimeChange, _ b: LeadTimeChange) -> Bool { a.from <= b.to && b.from <= a.to }

    private func issue(at mark: EventMark, _ message: String) -> InputIssue {
        InputIssue(
            file: mark.file,
            line: mark.windowLine == 0 ? mark.line : mark.windowLine,
            column: mark.windowLine == 0 ? mark.column : mark.windowColumn,
            message: message
        )
    }

    /// Event `later` of `kind` contradicts event `earlier`: located at the later one, naming both.
    private func contradiction(_ kind: EventKind, _ earlier: Int, _ later: Int, _ what: String) -> InputIssue {
        let first = eventMarks[kind]?[earlier]
        let second = eventMarks[kind]?[later] ?? EventMark(file: scenario.sourcePath, number: 0, line: 0, column: 0)
        let firstName = first.map { "\($0.name(in: scenario.sourcePath)) (line \($0.line))" } ?? "an earlier event"
        return InputIssue(
            file: second.file,
            line: second.line,
            column: second.column,
            message: "\(second.name(in: scenario.sourcePath)) contradicts \(firstName): \(kind.rawValue) events "
                + "\(what); say it once, or make their windows not overlap"
        )
    }
}
