import Foundation
import PlannerCore
import Sourcing

/// One threshold of `alerts:` that a run breached: a row of `planner.alerts`.
public struct AlertBreach: Sendable, Equatable {
    public var kind: AlertKind
    /// What breached it, where that is narrower than the run: a region (next-day share), a SKU at a warehouse
    /// (stock-out), and a supplier (backup order).
    public var region: String? = nil
    public var sku: String? = nil
    public var warehouse: String? = nil
    public var supplier: String? = nil
    /// The run's figure: fill rate, next-day share, unfilled units, units short or units ordered.
    public var observed: Double
    /// The configured limit; nil for the checks that are on or off.
    public var threshold: Double? = nil
    /// One sentence a scheduler's on-call reads.
    public var message: String
}

/// What a run was checked for after planning and what it breached.
public struct AlertReport: Sendable, Equatable {
    /// The checks configured that apply to the run's kind, in ``AlertKind`` order.
    public var checked: [AlertKind]
    /// In ``AlertKind`` order, then in the order of the run's rows (regions, stock-outs, supplier orders).
    public var breaches: [AlertBreach]

    public init(checked: [AlertKind], breaches: [AlertBreach]) {
        self.checked = checked
        self.breaches = breaches
    }

    /// Breaches of each check, for every check made (0 when it held).
    public var breachCounts: [(kind: AlertKind, breaches: Int)] {
        checked.map { kind in (kind, breaches.filter { $0.kind == kind }.count) }
    }
}

/// The A-class stock-outs of the published plan run a new plan run is compared with (``AlertKind/newAClassShortfall``).
public struct ShortfallBaseline: Sendable, Equatable {
    /// The run compared with; nil when none is stored (or there is no database), which makes every stock-out new.
    public var runID: Int64?
    /// (sku, warehouse) ids with an A-class stock-out in that run.
    public var skuWarehousePairs: Set<[String]>

    public init(runID: Int64?, skuWarehousePairs: Set<[String]>) {
        self.runID = runID
        self.skuWarehousePairs = skuWarehousePairs
    }

    public static let none = ShortfallBaseline(runID: nil, skuWarehousePairs: [])
}

/// Checks a planned run against `alerts:` (docs/configuration.md, "Alerts"). Pure: the baseline of stored
/// stock-outs is read by the caller.
public enum AlertCheck {
    /// Shares and rates are compared with this slack, as `ServiceKPI.targetMet` does, so a share that meets its
    /// minimum exactly in decimal is not a breach by a rounding error.
    static let tolerance = 1e-12

    public static func evaluate(
        _ result: PlanResult,
        settings: AlertSettings,
        baseline: ShortfallBaseline
    ) -> AlertReport {
        let checked = settings.configuredKinds.filter { $0.applies(toPlanRun: result.kind == .plan) }
        var breaches: [AlertBreach] = []
        let summary = result.summary(runID: nil)
        let data = result.input.dataSet
        for kind in checked {
            switch kind {
            case .fillRate:
                guard let minimum = settings.minimumFillRate, summary.fillRate < minimum - tolerance else { continue }
                let ordered = summary.allocatedUnits + summary.unfilledUnits
                breaches.append(
                    AlertBreach(
                        kind: kind,
                        observed: summary.fillRate,
                        threshold: minimum,
                        message: "fill rate \(percent(summary.fillRate)) is below the minimum \(percent(minimum)) "
                            + "(\(summary.allocatedUnits) of \(ordered) units allocated)"
                    )
                )
            case .nextDayShare:
                guard let threshold = settings.minimumNextDayShare else { continue }
                for kpi in result.serviceKPIs {
                    guard let regionIndex = kpi.regionIndex else { continue }
                    let region = data.regions[regionIndex].id
                    guard let minimum = threshold.share(forRegion: region),
                        kpi.unitShareNextDay < minimum - tolerance
                    else { continue }
                    breaches.append(
                        AlertBreach(
                            kind: kind,
                            region: region,
                            observed: kpi.unitShareNextDay,
                            threshold: minimum,
                            message: "region \(region): \(percent(kpi.unitShareNextDay)) of \(kpi.unitsTotal) ordered "
                                + "units delivered next day, below the minimum \(percent(minimum))"
                        )
                    )
                }
            case .unfilledUnits:
                guard let maximum = settings.maximumUnfilledUnits, summary.unfilledUnits > maximum else { continue }
                breaches.append(
                    AlertBreach(
                        kind: kind,
                        observed: Double(summary.unfilledUnits),
                        threshold: Double(maximum),
                        message: "\(summary.unfilledUnits) units unfilled, above the maximum \(maximum) "
                            + "(in \(summary.unfilledLines) order lines)"
                    )
                )
            case .newAClassShortfall:
                let compared =
                    baseline.runID.map { "not in published plan run \($0)" }
                    ?? "no published plan run to compare with"
                for shortfall in result.shortfalls where shortfall.abcClass == .A {
                    let sku = data.skus[shortfall.skuIndex].id
                    let warehouse = data.warehouses[shortfall.warehouseIndex].id
                    guard !baseline.skuWarehousePairs.contains([sku, warehouse]) else { continue }
                    breaches.append(
                        AlertBreach(
                            kind: kind,
                            sku: sku,
                            warehouse: warehouse,
                            observed: Double(shortfall.shortfallUnits),
                            message: "A-class \(sku) at \(warehouse) runs short from \(shortfall.stockoutDate): "
                                + "\(shortfall.shortfallUnits) units (\(shortfall.cause.rawValue); \(compared))"
                        )
                    )
                }
            case .backupSupplierOrder:
                for order in result.supplyOrders where order.role == .backup {
                    let sku = data.skus[order.skuIndex].id
                    let warehouse = data.warehouses[order.warehouseIndex].id
                    let supplier = order.supplier ?? "?"
                    breaches.append(
                        AlertBreach(
                            kind: kind,
                            sku: sku,
                            warehouse: warehouse,
                            supplier: order.supplier,
                            observed: Double(order.quantity),
                            message: "backup supplier \(supplier) gets an order of \(order.quantity) units of \(sku) "
                                + "for \(warehouse) on \(order.orderDate) (\(order.reason.rawValue))"
                        )
                    )
                }
            }
        }
        return AlertReport(checked: checked, breaches: breaches)
    }

    /// `91.25%`, to a hundredth of a percent (so a figure just below its minimum does not print as equal).
    static func percent(_ fraction: Double) -> String { String(format: "%.2f%%", fraction * 100) }
}
