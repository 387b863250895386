import PlannerCore

/// How an order line of a carrier's plan differs from the plan the carrier had before.
public enum DispatchLineChangeKind: String, Sendable, CaseIterable {
    /// In this plan only: a new pickup.
    case added
    /// In the previous plan only: a pickup that no longer happens.
    case removed
    /// In both, with another quantity, promise date, weight or volume.
    case changed
}

/// One order line that differs between a carrier's previous plan and this one.
public struct DispatchLineChange: Sendable, Equatable {
    public var kind: DispatchLineChangeKind
    /// The line in this run (nil when removed) and in the previous one (nil when added); where both exist they
    /// share carrier, warehouse, ship date, region, order id, line number and sku.
    public var current: DispatchLine?
    public var previous: DispatchLine?

    public init(kind: DispatchLineChangeKind, current: DispatchLine?, previous: DispatchLine?) {
        self.kind = kind
        self.current = current
        self.previous = previous
    }

    /// The line's identifying fields, from whichever side has it.
    var line: DispatchLine { current ?? previous! }
}

/// A carrier's order lines of one run against those of the published run it had before for that date
/// (`planner.previous_published_run_id`), as `planner dispatch --changes` exports them.
///
/// A line is identified by warehouse, ship date, region, order id, line number and sku: a line that moves to
/// another warehouse or day leaves one pickup (`removed`) and joins another (`added`), which is how a carrier
/// re-plans its trucks; a line whose quantity, promise date, weight or volume changes is `changed`. Unchanged
/// lines are left out. Summing `weight_kg - previous_weight_kg` (an empty field as 0) over the rows of a
/// (warehouse, ship_date) gives the change of that pickup's load.
///
/// Stable schema: the columns below, in this order, rows in export order (warehouse, ship_date, region, order_id,
/// line, sku). The `previous_` columns hold the line in the previous run and are empty for `added`; `qty`,
/// `promise_date`, `weight_kg` and `volume_l` hold it in this run and are empty for `removed`. CSV as
/// ``DispatchLineExport``. JSON: `{"run_id":N,"previous_run_id":M,"carrier":"C","added":A,"removed":R,
/// "changed":C,"rows":[...]}` (`previous_run_id` null when the carrier had no earlier plan for the date: every
/// line is then added), rows with these keys.
public struct DispatchLineChanges: Sendable, Equatable {
    public static let columns = [
        "change", "carrier", "warehouse", "ship_date", "region", "order_id", "line", "sku", "qty", "previous_qty",
        "promise_date", "previous_promise_date", "weight_kg", "previous_weight_kg", "volume_l", "previous_volume_l",
    ]

    public var runID: Int64
    public var previousRunID: Int64?
    public var carrier: String
    /// In export order.
    public var changes: [DispatchLineChange]

    public init(runID: Int64, previousRunID: Int64?, carrier: String, changes: [DispatchLineChange]) {
        self.runID = runID
        self.previousRunID = previousRunID
        self.carrier = carrier
        self.changes = changes
    }

    /// Lines of each kind.
    public func count(_ kind: DispatchLineChangeKind) -> Int {
        changes.filter { $0.kind == kind }.count
    }

    /// The changes from `previous` to `current` (each one carrier's lines of one run, in any order), in export
    /// order. Lines sharing an identity within one run (not written by the planner, which stores one row per
    /// allocated line) are added up first.
    public static func compare(previous: [DispatchLine], current: [DispatchLine]) -> [DispatchLineChange] {
        let before = merged(previous)
        let after = merged(current)
        var changes: [DispatchLineChange] = []
        var (i, j) = (0, 0)
        while i < before.count || j < after.count {
            if j == after.count || (i < before.count && before[i].precedes(after[j])) {
                changes.append(DispatchLineChange(kind: .removed, current: nil, previous: before[i]))
                i += 1
            } else if i == before.count || after[j].precedes(before[i]) {
                changes.append(DispatchLineChange(kind: .added, current: after[j], previous: nil))
                j += 1
            } else {
                let (old, new) = (before[i], after[j])
                if old.quantity != new.quantity || old.promiseDate != new.promiseDate || old.weightKg != new.weightKg
                    || old.volumeLitres != new.volumeLitres
                {
                    changes.append(DispatchLineChange(kind: .changed, current: new, previous: old))
                }
                i += 1
                j += 1
            }
        }
        return changes
    }

    /// `lines` sorted in export order, with lines of the same identity added up (quantity, weight, volume; the
    /// latest promise date).
    static func merged(_ lines: [DispatchLine]) -> [DispatchLine] {
        var result: [DispatchLine] = []
        for line in lines.sorted(by: { $0.precedes($1) }) {
            guard let last = result.last, last.key == line.key else {
                result.append(line)
                continue
            }
            var sum = last
            sum.quantity += line.quantity
            sum.weightKg = [last.weightKg, line.weightKg].compactMap { $0 }.reduce(nil) { ($0 ?? 0) + $1 }
            sum.volumeLitres = [last.volumeLitres, line.volumeLitres].compactMap { $0 }.reduce(nil) { ($0 ?? 0) + $1 }
            sum.promiseDate = max(last.promiseDate, line.promiseDate)
            result[result.count - 1] = sum
        }
        return result
    }

    public func csv() -> String {
        ExportText.csv(
            columns: Self.columns,
            rows: changes.map { change in
                let line = change.line
                return [
                    change.kind.rawValue, line.carrier, line.warehouse, line.shipDate.description, line.region,
                    line.orderID, String(line.line), line.sku, change.current.map { String($0.quantity) },
                    change.previous.map { String($0.quantity) }, change.current?.promiseDate.description,
                    change.previous?.promiseDate.description, change.current?.weightKg.map(CSVField.decimal),
                    change.previous?.weightKg.map(CSVField.decimal), change.current?.volumeLitres.map(CSVField.decimal),
                    change.previous?.volumeLitres.map(CSVField.decimal),
                ]
            }
        )
    }

    public func json() -> String {
        let rows = changes.map { change in
            let line = change.line
            return [
                JSONText.string(change.kind.rawValue), JSONText.string(line.carrier), JSONText.string(line.warehouse),
                JSONText.string(line.shipDate.description), JSONText.string(line.region),
                JSONText.string(line.orderID), String(line.line), JSONText.string(line.sku),
                change.current.map { String($0.quantity) } ?? "null",
                change.previous.map { String($0.quantity) } ?? "null",
                JSONText.string(change.current?.promiseDate.description),
                JSONText.string(change.previous?.promiseDate.description),
                JSONText.number(change.current?.weightKg), JSONText.number(change.previous?.weightKg),
                JSONText.number(change.current?.volumeLitres), JSONText.number(change.previous?.volumeLitres),
            ]
        }
        return ExportText.json(
            [
                ("run_id", String(runID)), ("previous_run_id", previousRunID.map(String.init) ?? "null"),
                ("carrier", JSONText.string(carrier)), ("added", String(count(.added))),
                ("removed", String(count(.removed))), ("changed", String(count(.changed))),
            ],
            columns: Self.columns,
            rows: rows
        )
    }
}
