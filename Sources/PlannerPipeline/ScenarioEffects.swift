import Forecasting
import InventoryPolicy
import PlannerCore

/// The parts of a scenario's events that act between stages: launches enter the classification and the
/// forecast; the rest act through `Scenario.dataSetOnPlanDate`, the supply plan and the policy's service levels.
enum ScenarioEffects {
    /// The scenario's launches with the data set's indices, in scenario order.
    static func launchPlans(_ scenario: Scenario, dataSet: DataSet) -> [LaunchPlan] {
        scenario.launches.compactMap { launch in
            guard let skuIndex = dataSet.skuIndexByID[launch.sku], let likeIndex = dataSet.skuIndexByID[launch.likeSKU]
            else { return nil }
            return LaunchPlan(
                skuIndex: skuIndex,
                likeSKUIndex: likeIndex,
                startOffset: max(0, scenario.planDate.days(to: launch.from)),
                expectedDailyUnits: launch.expectedDailyUnits,
                description:
                    "like_sku=\(launch.likeSKU) from=\(launch.from) expected_daily_units=\(launch.expectedDailyUnits)"
            )
        }
    }

    /// A launched SKU takes its like SKU's class: it has no revenue of its own yet, and is expected to sell alike.
    static func classifyingLaunches(_ classification: ABCClassification, _ launches: [LaunchPlan]) -> ABCClassification
    {
        var result = classification
        for launch in launches {
            result.classes[launch.skuIndex] = classification.classes[launch.likeSKUIndex]
        }
        return result
    }

    /// One line per event, for `planner.scenario_events`: its number in file order (a base's events first), kind,
    /// window and what it does.
    static func eventRows(_ scenario: Scenario) -> [ScenarioEventRow] {
        var rows: [ScenarioEventRow] = []
        func add(_ kind: ScenarioEventKind, _ from: Day?, _ to: Day?, _ detail: String) {
            rows.append(ScenarioEventRow(number: 0, kind: kind.rawValue, from: from, to: to, detail: detail))
        }
        func list<T>(_ name: String, _ values: Set<T>?) -> String where T: RawRepresentable, T.RawValue == String {
            values.map { " \(name) " + $0.map(\.rawValue).sorted().joined(separator: ",") } ?? ""
        }
        func list(_ name: String, _ values: Set<String>?) -> String {
            values.map { " \(name) " + $0.sorted().joined(separator: ",") } ?? ""
        }
        for uplift in scenario.demandUplifts {
            add(
                .demandUplift,
                uplift.from,
                uplift.to,
                "demand x\(format(uplift.factor))" + list("class", uplift.abcClasses) + list("skus", uplift.skus)
                    + list("categories", uplift.categories) + list("regions", uplift.regions)
            )
        }
        for disruption in scenario.supplierDisruptions {
            add(
                .supplierDisruption,
                disruption.from,
                disruption.to,
                "\(disruption.supplier) capacity x\(format(disruption.capacityFactor)), +\(format(disruption.extraLeadTimeDays)) days lead time"
            )
        }
        for change in scenario.warehouseCapacityChanges {
            add(
                .warehouseCapacity,
                change.from,
                change.to,
                "\(change.warehouse) capacity x\(format(change.capacityFactor))"
            )
        }
        for change in scenario.leadTimeChanges {
            add(
                .leadTimeChange,
                change.from,
                change.to,
                "lead time x\(format(change.factor)) \(change.days >= 0 ? "+" : "")\(format(change.days)) days"
                    + list("suppliers", change.suppliers) + list("skus", change.skus)
                    + list("categories", change.categories)
            )
        }
        for change in scenario.serviceLevelChanges {
            add(.serviceLevel, nil, nil, "service level \(format(change.level))" + list("class", change.abcClasses))
        }
        for adjustment in scenario.stockAdjustments {
            let what =
                adjustment.deltaUnits.map { "stock \($0 >= 0 ? "+" : "")\($0) units" }
                ?? "stock x\(format(adjustment.factor ?? 1))"
            add(
                .stockAdjustment,
                adjustment.from,
                adjustment.to,
                what + list("warehouses", adjustment.warehouses) + list("skus", adjustment.skus)
                    + list("categories", adjustment.categories)
            )
        }
        for change in scenario.laneChanges {
            var what = change.closed ? "lanes closed" : "lanes cost x\(format(change.costFactor))"
            if let transit = change.transitDays { what += ", \(transit) transit days" }
            add(
                .laneChange,
                change.from,
                change.to,
                what + list("warehouses", change.warehouses) + list("regions", change.regions)
            )
        }
        for launch in scenario.launches {
            add(
                .newSKULaunch,
                launch.from,
                nil,
                "launch \(launch.sku) like \(launch.likeSKU), \(format(launch.expectedDailyUnits)) units a day"
            )
        }
        // The rows are by kind here; the scenario's sequence of kinds puts them back in file order.
        var byKind: [String: [ScenarioEventRow]] = [:]
        for row in rows { byKind[row.kind, default: []].append(row) }
        var taken: [String: Int] = [:]
        let ordered: [ScenarioEventRow] =
            scenario.eventSequence.count == rows.count
            ? scenario.eventSequence.compactMap { kind in
                let position = taken[kind, default: 0]
                taken[kind] = position + 1
                return byKind[kind].flatMap { position < $0.count ? $0[position] : nil }
            } : rows
        return ordered.enumerated().map { offset, row in
            var numbered = row
            numbered.number = offset + 1
            return numbered
        }
    }

    /// The calendar events of `events.csv` with days from `first` to `last`: one row per name and run of
    /// consecutive days, numbered on from `firstNumber`, in date order.
    static func calendarRows(_ dataSet: DataSet, from first: Day, to last: Day, firstNumber: Int) -> [ScenarioEventRow]
    {
        var daysByName: [String: [Day]] = [:]
        for event in dataSet.events where event.day >= first && event.day <= last {
            daysByName[event.name, default: []].append(event.day)
        }
        var runs: [(name: String, from: Day, to: Day)] = []
        for (name, days) in daysByName {
            for day in Set(days).sorted() {
                if let last = runs.last, last.name == name, last.to.adding(days: 1) == day {
                    runs[runs.count - 1].to = day
                } else {
                    runs.append((name, day, day))
                }
            }
        }
        runs.sort { ($0.from, $0.name) < ($1.from, $1.name) }
        return runs.enumerated().map { offset, run in
            ScenarioEventRow(
                number: firstNumber + offset,
                kind: ScenarioEventRow.calendarKind,
                from: run.from,
                to: run.to,
                detail: "calendar event \(run.name)"
            )
        }
    }
}

/// A scenario event as stored with the run, or a run of days of a calendar event (`events.csv`), kind `calendar`.
public struct ScenarioEventRow: Sendable, Equatable {
    /// The kind of the rows of calendar events.
    public static let calendarKind = "calendar"

    public var number: Int
    /// A ``ScenarioEventKind`` or ``calendarKind``.
    public var kind: String
    public var from: Day?
    public var to: Day?
    public var detail: String
}
