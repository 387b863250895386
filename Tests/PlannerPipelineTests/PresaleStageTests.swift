import Allocation
import Logging
import PlannerCore
import Sourcing
import Testing

@testable import PlannerPipeline

/// Presale in a plan run: only presale classes, never more than a receipt holds, promised within the window,
/// never more than a line left unfilled.
@Suite("Pipeline: presale against the supply plan's receipts")
struct PresaleStageTests {
    let logger = Logger(label: "test")

    @Test func presaleSellsAheadWithinReceiptsAndWindows() async throws {
        let input = try SampleScenario.input()
        let result = try await Pipeline.plan(input, logger: logger)
        let data = input.dataSet
        let planDate = input.scenario.planDate
        let classes = try #require(result.classification).classes
        let policy = input.configuration.policy
        #expect(!result.presold.isEmpty, "the sample has A-class lines left unfilled and receipts ahead")

        var soldByReceipt: [String: Int] = [:]
        var soldByOrder: [Int: Int] = [:]
        for row in result.presold {
            let sku = data.orders[row.orderIndex].skuIndex
            let strategy = policy.strategy(for: classes[sku])
            #expect(strategy.presale, "\(data.skus[sku].id) is not of a presale class")
            #expect(row.receiptDate > planDate && planDate.days(to: row.receiptDate) <= strategy.presaleDays)
            #expect(row.promiseDate >= row.receiptDate)
            soldByReceipt["\(row.warehouseIndex)/\(sku)/\(row.receiptDate)", default: 0] += row.quantity
            soldByOrder[row.orderIndex, default: 0] += row.quantity
        }
        var received: [String: Int] = [:]
        for order in result.supplyOrders where order.supplier != nil && order.reason != .dropShip {
            guard let arrival = order.arrivalDate else { continue }
            received["\(order.warehouseIndex)/\(order.skuIndex)/\(arrival)", default: 0] += order.quantity
        }
        for (receipt, sold) in soldByReceipt {
            #expect(sold <= received[receipt] ?? 0, "receipt \(receipt) oversold: \(sold)")
        }
        var unfilledByOrder: [Int: Int] = [:]
        for line in result.allocation.unfilled { unfilledByOrder[line.orderIndex, default: 0] += line.quantity }
        for (order, sold) in soldByOrder { #expect(sold <= unfilledByOrder[order] ?? 0) }
        #expect(result.outputTables.contains { $0.name == "presale_lines" && $0.rowCount == result.presold.count })
    }
}
