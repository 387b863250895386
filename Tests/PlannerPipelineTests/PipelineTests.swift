import Allocation
import Foundation
import Logging
import PlannerCore
import PlannerInput
import Sourcing
import Testing

@testable import PlannerPipeline

@Suite struct PipelineTests {
    let logger = Logger(label: "test")

    @Test func allocationNeverShipsMoreThanStockOrCapacityAndAccountsForEveryUnit() async throws {
        let input = try SampleScenario.input()
        let result = try await Pipeline.plan(input, logger: logger)
        let data = input.dataSet
        let onHand = data.onHandMatrix()
        let shipped = result.allocation.shippedUnits(warehouseCount: data.warehouses.count, skuCount: data.skus.count)
        for warehouse in data.warehouses.indices {
            for sku in data.skus.indices {
                #expect(shipped[warehouse][sku] <= onHand[warehouse][sku])
            }
            if let capacity = data.warehouses[warehouse].dailyCapacityUnits {
                #expect(shipped[warehouse].reduce(0, +) <= capacity)
            }
        }
        var allocatedByLine: [Int: Int] = [:]
        for line in result.allocation.allocated {
            allocatedByLine[line.orderIndex, default: 0] += line.quantity
            let order = data.orders[line.orderIndex]
            let lane = data.lanes.first {
                $0.warehouseIndex == line.warehouseIndex && $0.regionIndex == order.regionIndex
            }
            #expect(lane?.costPerUnit == line.costPerUnit, "ships only over an existing lane at its cost")
        }
        var unfilledByLine: [Int: Int] = [:]
        for line in result.allocation.unfilled { unfilledByLine[line.orderIndex, default: 0] += line.quantity }
        var openUnits = 0
        for (index, order) in data.orders.enumerated() {
            let accounted = allocatedByLine[index, default: 0] + unfilledByLine[index, default: 0]
            if order.orderDate <= input.scenario.planDate {
                #expect(accounted == order.quantity, "line \(order.orderId) \(index)")
                openUnits += order.quantity
            } else {
                #expect(accounted == 0, "a line dated after the plan date is not open")
            }
        }
        #expect(result.allocation.allocatedUnits + result.allocation.unfilledUnits == openUnits)
        #expect(result.allocation.allocatedUnits > 0)
        // The objective is the model's: lane costs (+ miss penalty) plus weighted unfilled penalties.
        let settings = input.configuration.allocation
        var objective = 0.0
        for line in result.allocation.allocated {
            let miss = line.transitDays > 1 ? settings.nextDayMissPenaltyPerUnit : 0
            objective += Double(line.quantity) * (line.costPerUnit + miss)
        }
        for line in result.allocation.unfilled {
            objective +=
                Double(line.quantity) * settings.unfilledPenaltyPerUnit
                * settings.priorityWeight(data.orders[line.orderIndex].priority)
        }
        #expect(abs(objective - result.allocation.objective) < 1e-6 * max(1, objective))
    }

    @Test func dispatchPlansAddUpToTheAllocation() async throws {
        let result = try await Pipeline.plan(try SampleScenario.input(), logger: logger)
        #expect(result.dispatch.reduce(0) { $0 + $1.units } == result.allocation.allocatedUnits)
        #expect(result.dispatch.reduce(0) { $0 + $1.orderLines } == result.allocation.allocated.count)
        #expect(result.dispatch.allSatisfy { $0.shipDate == SampleScenario.spec.endDate })
    }

    @Test func aDisruptedPrimaryMovesItsOrdersToBackupsWithTheReason() async throws {
        let input = try SampleScenario.input()
        let result = try await Pipeline.plan(input, logger: logger)
        let disrupted = SampleScenario.files.disruptedSupplier
        let window = input.scenario.supplierDisruptions[0]
        let fromDisrupted = result.supplyOrders.filter { $0.supplier == disrupted && window.isActive(on: $0.orderDate) }
        #expect(fromDisrupted.isEmpty, "no order goes to a supplier while it cannot supply")
        let moved = result.supplyOrders.filter { $0.reason == .primaryDisrupted }
        #expect(!moved.isEmpty)
        for order in moved {
            #expect(order.role == .backup)
            let primary = input.dataSet.suppliers.first { $0.skuIndex == order.skuIndex && $0.role == .primary }
            #expect(primary?.supplier == disrupted)
        }
    }

    @Test func theUpliftRaisesForecastsOfAClassSKUsOnlyInsideItsWindow() async throws {
        let input = try SampleScenario.input()
        let result = try await Pipeline.plan(input, logger: logger)
        let forecast = try #require(result.forecast)
        let classes = try #require(result.classification).classes
        let inside = Day(iso: "2026-11-24")!
        let outside = Day(iso: "2026-11-17")!
        #expect(inside.weekday == outside.weekday, "same weekday, so only the uplifts differ")
        // The generated events.csv names these days: the calendar factors each SKU measured come on top.
        let eventName = Dictionary(input.dataSet.events.map { ($0.day, $0.name) }, uniquingKeysWith: { a, _ in a })
        let insideEvent = try #require(eventName[inside])
        let outsideEvent = try #require(eventName[outside])
        let insideOffset = forecast.startDay.days(to: inside)
        let outsideOffset = forecast.startDay.days(to: outside)
        var checkedA = 0
        for series in forecast.series where series.unitsPerDay[outsideOffset] > 0 {
            let sku = try #require(forecast.skuForecast(skuIndex: series.skuIndex))
            let factors = Dictionary(uniqueKeysWithValues: sku.eventFactors.map { ($0.name, $0.factor) })
            let calendar = try #require(factors[insideEvent]) / #require(factors[outsideEvent])
            // The uplift on the day: calendar factor x the scenario's 2.5 for class A only.
            let uplift = sku.upliftPerDay[insideOffset] / sku.upliftPerDay[outsideOffset]
            // A region follows its SKU (top-down): same ratio of units as the SKU total.
            let seriesRatio = series.unitsPerDay[insideOffset] / series.unitsPerDay[outsideOffset]
            #expect(abs(seriesRatio - sku.unitsPerDay[insideOffset] / sku.unitsPerDay[outsideOffset]) < 1e-9)
            if classes[series.skuIndex] == .A {
                #expect(abs(uplift - 2.5 * calendar) < 1e-9)
                checkedA += 1
            } else {
                #expect(abs(uplift - calendar) < 1e-9)
            }
        }
        #expect(checkedA > 0)
    }

    @Test func twoRunsOfTheSameScenarioGiveIdenticalPlans() async throws {
        let first = try await Pipeline.plan(try SampleScenario.input(), logger: logger)
        let second = try await Pipeline.plan(try SampleScenario.input(), logger: logger)
        #expect(try planRowsByTable(first.outputTables) == planRowsByTable(second.outputTables))
        #expect(first.allocation.objective == second.allocation.objective)
    }

    @Test func allocateOnlyRunsAllocationAndDispatchForTheGivenDate() throws {
        let input = try SampleScenario.input()
        let dayBefore = input.scenario.planDate.adding(days: -1)
        let result = try Pipeline.allocateOnly(input, date: dayBefore, logger: logger)
        #expect(
            result.outputTables.map(\.name) == [
                "allocations", "unfilled_lines", "allocation_explanations", "service_kpis", "allocation_solves",
                "dispatch_plans", "dispatch_lines", "alerts",
            ]
        )
        let open = input.dataSet.orders.filter { $0.orderDate <= dayBefore }.reduce(0) { $0 + $1.quantity }
        #expect(result.allocation.allocatedUnits + result.allocation.unfilledUnits == open)
        #expect(result.dispatch.allSatisfy { $0.shipDate == dayBefore })
    }
}
