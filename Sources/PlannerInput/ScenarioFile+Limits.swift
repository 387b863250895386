import PlannerCore

extension ScenarioFile {
    /// Events that stack beyond what the planner can hold (``InputLimits``), each located at the last event
    /// of the stack: demand uplifts multiplying to more than ``InputLimits/combinedUpliftMax`` on some SKU,
    /// region and day of the horizon, and capacity changes multiplying a warehouse's capacity by more than
    /// ``maximumCombinedCapacityFactor`` on some day.
    ///
    /// Exact, without visiting every SKU, region and day: SKUs (and regions) that the same uplifts select are
    /// one group, each class of A, B and C is tried, and days between two event boundaries share their events.
    func limitIssues(in dataSet: DataSet) -> [InputIssue] {
        upliftIssues(in: dataSet) + capacityIssues()
    }

    /// Largest combined factor of the capacity changes active on one warehouse and day (each is at most 10).
    static let maximumCombinedCapacityFactor = 10.0

    private func upliftIssues(in dataSet: DataSet) -> [InputIssue] {
        let uplifts = scenario.demandUplifts
        guard uplifts.count > 1 else { return [] }
        let firstDay = scenario.planDate
        let endDay = scenario.planDate.adding(days: scenario.horizonDays)
        // The uplifts selecting each group of SKUs (by sku and category) and each group of regions.
        let skuGroups = Set(
            dataSet.skus.map { sku in
                uplifts.indices.filter { index in
                    (uplifts[index].skus?.contains(sku.id) ?? true)
                        && (uplifts[index].categories?.contains(sku.category) ?? true)
                }
            }
        )
        let regionGroups = Set(
            dataSet.regions.map { region in
                uplifts.indices.filter { uplifts[$0].regions?.contains(region.id) ?? true }
            }
        )
        for (from, to) in Self.segments(uplifts.map { ($0.from, $0.to) }, within: firstDay..<endDay) {
            let active = Set(uplifts.indices.filter { uplifts[$0].from <= from && uplifts[$0].to >= from })
            guard active.count > 1 else { continue }
            for skuGroup in skuGroups.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                for regionGroup in regionGroups.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                    for abcClass in ABCClass.allCases {
                        let stack = skuGroup.filter { index in
                            active.contains(index) && regionGroup.contains(index)
                                && (uplifts[index].abcClasses?.contains(abcClass) ?? true)
                        }
                        let factor = stack.reduce(1.0) { $0 * uplifts[$1].factor }
                        guard factor > InputLimits.combinedUpliftMax else { continue }
                        return [
                            stackIssue(
                                marks: stack.map { upliftMarks[$0] },
                                factors: stack.map { uplifts[$0].factor },
                                what: "demand_uplift events",
                                days: (from, to),
                                limit: InputLimits.combinedUpliftMax,
                                scope: "on the SKUs and regions they all select"
                            )
                        ]
                    }
                }
            }
        }
        return []
    }

    private func capacityIssues() -> [InputIssue] {
        let changes = scenario.warehouseCapacityChanges
        var issues: [InputIssue] = []
        for warehouse in Set(changes.map(\.warehouse)).sorted() {
            let indices = changes.indices.filter { changes[$0].warehouse == warehouse }
            guard indices.count > 1 else { continue }
            let intervals = indices.map { (changes[$0].from, changes[$0].to) }
            for (from, to) in Self.segments(intervals, within: InputLimits.earliestDay..<InputLimits.latestDay) {
                let stack = indices.filter { changes[$0].from <= from && changes[$0].to >= from }
                let factor = stack.reduce(1.0) { $0 * changes[$1].capacityFactor }
                guard factor > Self.maximumCombinedCapacityFactor else { continue }
                issues.append(
                    stackIssue(
                        marks: stack.map { capacityChangeMarks[$0] },
                        factors: stack.map { changes[$0].capacityFactor },
                        what: "warehouse_capacity events",
                        days: (from, to),
                        limit: Self.maximumCombinedCapacityFactor,
                        scope: "of warehouse \(warehouse)"
                    )
                )
                break
            }
        }
        return issues
    }

    /// The runs of days on which the same intervals are active, clipped to `window`: (first, last) each.
    static func segments(_ intervals: [(from: Day, to: Day)], within window: Range<Day>) -> [(Day, Day)] {
        var boundaries = Set([window.lowerBound])
        for (from, to) in intervals {
            if window.contains(from) { boundaries.insert(from) }
            let after = to.adding(days: 1)
            if window.contains(after) { boundaries.insert(after) }
        }
        let starts = boundaries.sorted()
        return starts.indices.map { position in
            let end = position + 1 < starts.count ? starts[position + 1] : window.upperBound
            return (starts[position], end.adding(days: -1))
        }
    }

    private func stackIssue(
        marks: [EventMark],
        factors: [Double],
        what: String,
        days: (Day, Day),
        limit: Double,
        scope: String
    ) -> InputIssue {
        let listed = zip(marks, factors).map { "\($0.name(in: scenario.sourcePath)) (line \($0.line), x\($1))" }
        let product = factors.reduce(1, *)
        let last = marks.last ?? EventMark(file: scenario.sourcePath, number: 0, line: 0, column: 0)
        let span = days.0 == days.1 ? "on \(days.0)" : "from \(days.0) to \(days.1)"
        return InputIssue(
            file: last.file,
            line: last.line,
            column: last.column,
            message: "\(what) \(listed.joined(separator: ", ")) multiply to x\(product) \(span) \(scope); "
                + "at most x\(limit) may stack"
        )
    }
}
