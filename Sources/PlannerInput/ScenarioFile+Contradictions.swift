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
        issues += leadTimeIssues(in: dataSet)
        issues += stockIssues(in: dataSet)
        issues += launchIssues(in: dataSet)
        return issues
    }

    /// Per offer, the changes that match it (linear in offers x changes), then overlaps among those: a pair of
    /// changes is reported once, at the first offer they share.
    private func leadTimeIssues(in dataSet: DataSet) -> [InputIssue] {
        let changes = scenario.leadTimeChanges
        guard !changes.isEmpty else { return [] }
        var issues: [InputIssue] = []
        var reportedPairs = Set<[Int]>()
        var overLimit = Set<Int>()
        for offer in dataSet.suppliers {
            let sku = dataSet.skus[offer.skuIndex]
            let matching = changes.indices.filter { changes[$0].matches(offer, sku: sku) }
            for later in matching {
                if changes[later].apply(to: offer.leadTimeDays) > InputLimits.leadTimeDaysMax,
                    overLimit.insert(later).inserted, let mark = eventMarks[.leadTimeChange]?[later]
                {
                    issues.append(
                        issue(
                            at: mark,
                            "\(mark.name(in: scenario.sourcePath)): the lead time of \(offer.supplier) for \(sku.id) "
                                + "would be \(changes[later].apply(to: offer.leadTimeDays)) days; at most "
                                + "\(InputLimits.leadTimeDaysMax)"
                        )
                    )
                }
                for earlier in matching where earlier < later && overlap(changes[earlier], changes[later]) {
                    guard reportedPairs.insert([earlier, later]).inserted else { continue }
                    issues.append(
                        contradiction(
                            .leadTimeChange,
                            earlier,
                            later,
                            "both change the lead time of \(offer.supplier) for \(sku.id) on common days"
                        )
                    )
                }
            }
        }
        return issues
    }

    /// Adjustments match warehouses and SKUs separately, so two contradict when their days overlap and they share
    /// a warehouse and a SKU; the limit is checked on the stocked pairs (an unstocked one holds 0).
    private func stockIssues(in dataSet: DataSet) -> [InputIssue] {
        let adjustments = scenario.stockAdjustments
        guard !adjustments.isEmpty else { return [] }
        let end = scenario.planDate.adding(days: scenario.horizonDays)
        let warehouses = adjustments.map { adjustment in
            Set(
                dataSet.warehouses.indices.filter { adjustment.warehouses?.contains(dataSet.warehouses[$0].id) ?? true }
            )
        }
        let skus = adjustments.map { adjustment -> Set<Int> in
            Set(
                dataSet.skus.indices.filter {
                    (adjustment.skus?.contains(dataSet.skus[$0].id) ?? true)
                        && (adjustment.categories?.contains(dataSet.skus[$0].category) ?? true)
                }
            )
        }
        var issues: [InputIssue] = []
        for later in adjustments.indices {
            for earlier in 0..<later {
                guard adjustments[earlier].from <= adjustments[later].to ?? end,
                    adjustments[later].from <= adjustments[earlier].to ?? end,
                    let warehouse = warehouses[earlier].intersection(warehouses[later]).min(),
                    let sku = skus[earlier].intersection(skus[later]).min()
                else { continue }
                issues.append(
                    contradiction(
                        .stockAdjustment,
                        earlier,
                        later,
                        "both adjust \(dataSet.skus[sku].id) at \(dataSet.warehouses[warehouse].id) on common days"
                    )
                )
                break
            }
        }
        var overLimit = Set<Int>()
        for record in dataSet.stock {
            for (position, adjustment) in adjustments.enumerated()
            where !overLimit.contains(position) && warehouses[position].contains(record.warehouseIndex)
                && skus[position].contains(record.skuIndex)
            {
                let units = record.onHand + adjustment.change(onHand: record.onHand)
                guard units > InputLimits.quantityMax, let mark = eventMarks[.stockAdjustment]?[position] else {
                    continue
                }
                overLimit.insert(position)
                issues.append(
                    issue(
                        at: mark,
                        "\(mark.name(in: scenario.sourcePath)): on hand of \(dataSet.skus[record.skuIndex].id) at "
                            + "\(dataSet.warehouses[record.warehouseIndex].id) would be \(units) units; at most "
                            + "\(InputLimits.quantityMax)"
                    )
                )
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
