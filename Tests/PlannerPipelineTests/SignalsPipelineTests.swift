import Allocation
import Foundation
import Logging
import PlannerCore
import PlannerInput
import Sourcing
import Testing

@testable import PlannerPipeline

/// The run's dispatch lines and alert checks on the generated sample, against independent recomputations.
@Suite struct SignalsPipelineTests {
    let logger = Logger(label: "test")

    @Test func dispatchLinesAreTheAllocatedLinesAndAddUpToTheDispatchPlans() throws {
        let input = try SampleScenario.input()
        let result = try Pipeline.allocateOnly(input, date: nil, days: 2, logger: logger)
        let data = input.dataSet
        let rows = try #require(try rowsByTable(result.outputTables)["dispatch_lines"])
        #expect(rows.count == result.allocation.allocated.count)
        #expect(rows.count > 100)
        // Line numbers: within each order, 1, 2, ... in file order, whatever the order's lines are called.
        var expectedNumber: [String: [String: Int]] = [:]
        var seen: [String: Int] = [:]
        for order in data.orders {
            seen[order.orderId, default: 0] += 1
            expectedNumber[order.orderId, default: [:]][data.skus[order.skuIndex].id] = seen[order.orderId]
        }
        #expect(seen.values.contains { $0 > 1 }, "the sample has orders of several lines")
        let skuByID = Dictionary(uniqueKeysWithValues: data.skus.map { ($0.id, $0) })
        var groups: [[String]: (lines: Int, units: Int)] = [:]
        for row in rows {
            let (carrier, warehouse, shipDate, region, order, line, sku, quantity) = (
                row[0]!, row[1]!, row[2]!, row[3]!, row[4]!, Int(row[5]!)!, row[6]!, Int(row[7]!)!
            )
            #expect(expectedNumber[order]?[sku] == line, "\(order) \(sku)")
            // Weight and volume: qty x the unit's, to the gram and the millilitre.
            let unit = try #require(skuByID[sku])
            let weight = try #require(row[9].flatMap { Double($0) })
            let volume = try #require(row[10].flatMap { Double($0) })
            #expect(abs(weight - Double(quantity) * unit.unitWeightKg!) <= 0.0005 + 1e-9)
            #expect(abs(volume - Double(quantity) * unit.unitVolumeLitres!) <= 0.0005 + 1e-9)
            #expect((weight * 1000).rounded() / 1000 == weight)
            // The promise: the order's, or the day after its order date.
            let orderLine = try #require(data.orders.first { $0.orderId == order && data.skus[$0.skuIndex].id == sku })
            #expect(row[8] == (orderLine.promiseDate ?? orderLine.orderDate.adding(days: 1)).description)
            groups[[carrier, warehouse, shipDate, region], default: (0, 0)].lines += 1
            groups[[carrier, warehouse, shipDate, region]]!.units += quantity
        }
        // Grouped by pickup and region, the lines are the dispatch plans, row for row.
        let plans = try #require(try rowsByTable(result.outputTables)["dispatch_plans"])
        #expect(plans.count == groups.count)
        for plan in plans {
            let key = [plan[0]!, plan[1]!, plan[2]!, plan[3]!]
            #expect(groups[key]?.lines == Int(plan[4]!), "\(key)")
            #expect(groups[key]?.units == Int(plan[5]!), "\(key)")
        }
        let shipDays = Set(rows.map { $0[2]! })
        #expect(
            shipDays.isSubset(of: [
                input.scenario.planDate.description, input.scenario.planDate.adding(days: 1).description,
            ])
        )
    }

    @Test func orderLineNumbersCountWithinEachOrderInFileOrder() {
        let day = Day(year: 2026, month: 1, day: 1)!
        let orders = ["A", "B", "A", "C", "A", "B"].map {
            OrderLine(orderId: $0, orderDate: day, skuIndex: 0, regionIndex: 0, quantity: 1, priority: 2)
        }
        #expect(DispatchPlanner.orderLineNumbers(orders) == [1, 1, 2, 1, 3, 2])
        #expect(DispatchPlanner.orderLineNumbers([]) == [])
    }

    @Test func thresholdsAtTheRunsOwnFiguresHoldAndJustBeyondThemBreak() throws {
        let input = try SampleScenario.input()
        let result = try Pipeline.allocateOnly(input, date: nil, logger: logger)
        let allocated = result.allocation.allocated.reduce(0) { $0 + $1.quantity }
        let unfilled = result.allocation.unfilled.reduce(0) { $0 + $1.quantity }
        #expect(unfilled > 0, "the sample leaves units unfilled")
        let fillRate = Double(allocated) / Double(allocated + unfilled)
        // Next-day share per region, recomputed: units on lanes of at most one day over units ordered.
        var ordered: [Int: Int] = [:]
        var nextDay: [Int: Int] = [:]
        for line in result.allocation.allocated {
            ordered[line.regionIndex, default: 0] += line.quantity
            if line.transitDays <= 1 { nextDay[line.regionIndex, default: 0] += line.quantity }
        }
        for line in result.allocation.unfilled { ordered[line.regionIndex, default: 0] += line.quantity }
        let shares = ordered.keys.sorted().map {
            (region: $0, share: Double(nextDay[$0, default: 0]) / Double(ordered[$0]!))
        }
        let lowest = try #require(shares.min { $0.share < $1.share })
        let region = input.dataSet.regions[lowest.region].id

        let holding = AlertSettings(
            minimumFillRate: fillRate,
            minimumNextDayShare: RegionShareThreshold(defaultShare: lowest.share),
            maximumUnfilledUnits: unfilled,
            newAClassShortfall: true,
            backupSupplierOrder: true
        )
        let held = AlertCheck.evaluate(result, settings: holding, baseline: .none)
        #expect(held.checked == [.fillRate, .nextDayShare, .unfilledUnits], "an allocate run has no supply plan")
        #expect(held.breaches == [])
        #expect(held.breachCounts.map(\.breaches) == [0, 0, 0])

        let breaking = AlertSettings(
            minimumFillRate: fillRate + 1e-9,
            minimumNextDayShare: RegionShareThreshold(shareByRegion: [region: lowest.share + 1e-9]),
            maximumUnfilledUnits: unfilled - 1
        )
        let broken = AlertCheck.evaluate(result, settings: breaking, baseline: .none)
        #expect(broken.breaches.map(\.kind) == [.fillRate, .nextDayShare, .unfilledUnits])
        #expect(broken.breaches[0].observed == fillRate)
        #expect(broken.breaches[0].threshold == fillRate + 1e-9)
        #expect(broken.breaches[1].region == region)
        #expect(broken.breaches[1].observed == lowest.share)
        #expect(broken.breaches[2].observed == Double(unfilled))
        #expect(
            broken.breaches[2].message == "\(unfilled) units unfilled, above the maximum \(unfilled - 1) "
                + "(in \(result.allocation.unfilled.count) order lines)"
        )
        // Only the region named is checked when there is no default.
        #expect(broken.breaches.filter { $0.kind == .nextDayShare }.count == 1)
    }

    @Test func newAClassStockOutsAreThoseTheBaselineLacksAndBackupOrdersEachCount() async throws {
        let input = try SampleScenario.input()
        let result = try await Pipeline.plan(input, logger: logger)
        let data = input.dataSet
        let aClass = result.shortfalls.filter { $0.abcClass == .A }
        #expect(aClass.count >= 2, "the peak scenario runs A-class SKUs short")
        let settings = AlertSettings(newAClassShortfall: true, backupSupplierOrder: true)
        let pairs = aClass.map { [data.skus[$0.skuIndex].id, data.warehouses[$0.warehouseIndex].id] }

        let everything = AlertCheck.evaluate(result, settings: settings, baseline: .none)
        #expect(everything.checked == [.newAClassShortfall, .backupSupplierOrder])
        let stockOuts = everything.breaches.filter { $0.kind == .newAClassShortfall }
        #expect(stockOuts.map { [$0.sku!, $0.warehouse!] } == pairs)
        #expect(stockOuts.map(\.observed) == aClass.map { Double($0.shortfallUnits) })
        #expect(stockOuts.allSatisfy { $0.message.hasSuffix("no published plan run to compare with)") })
        let backups = result.supplyOrders.filter { $0.role == .backup }
        #expect(!backups.isEmpty, "the disrupted primary sends orders to backups")
        let backupBreaches = everything.breaches.filter { $0.kind == .backupSupplierOrder }
        #expect(backupBreaches.map(\.supplier) == backups.map(\.supplier))
        #expect(backupBreaches.map(\.observed) == backups.map { Double($0.quantity) })

        // A baseline that had the first pair: every stock-out of that pair is old, the rest are new.
        let known = ShortfallBaseline(runID: 41, skuWarehousePairs: [pairs[0]])
        let against = AlertCheck.evaluate(result, settings: settings, baseline: known)
            .breaches.filter { $0.kind == .newAClassShortfall }
        #expect(against.map { [$0.sku!, $0.warehouse!] } == pairs.filter { $0 != pairs[0] })
        #expect(against.allSatisfy { $0.message.hasSuffix("not in published plan run 41)") })
        #expect(against.allSatisfy { $0.threshold == nil })
    }

    @Test func theAlertsTableAndTheSummaryCarryTheReport() throws {
        let input = try SampleScenario.input()
        var result = try Pipeline.allocateOnly(input, date: nil, logger: logger)
        #expect(try rowsByTable(result.outputTables)["alerts"] == [])
        #expect(!result.summary(runID: nil).json().contains("\"alerts\""), "no check, no key")
        result.alerts = AlertCheck.evaluate(
            result,
            settings: AlertSettings(minimumFillRate: 1, maximumUnfilledUnits: 1_000_000),
            baseline: .none
        )
        let rows = try #require(try rowsByTable(result.outputTables)["alerts"])
        #expect(rows.count == 1)
        #expect(rows.first?[0] == "fill_rate")
        #expect(rows.first?[6] == "1")
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(result.summary(runID: nil).json().utf8)) as? [String: Any]
        )
        #expect(summary["alerts"] as? [String: Int] == ["fill_rate": 1, "unfilled_units": 0])
        let report = SummaryReport.text(result, runID: nil, database: nil)
        #expect(report.contains("  alerts        BREACHED fill_rate 1 (1 of 2 checks; planner.alerts lists each)"))
        #expect(report.contains("  ! fill_rate: fill rate "))
    }
}
