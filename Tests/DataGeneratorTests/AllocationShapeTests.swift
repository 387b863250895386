import Foundation
import PlannerCore
import Testing

@testable import DataGenerator

/// Each shape of allocation day has the feature it is named for, measured on a 20,000-line day against the
/// peak day of the same seed.
@Suite("Allocation benchmark shapes")
struct AllocationShapeTests {
    static let lines = 20_000

    static func day(_ shape: AllocationShape) -> AllocationInstance {
        AllocationInstanceGenerator.generate(AllocationInstanceSpec(lineCount: lines, seed: 7, shape: shape))
    }

    static let peak = day(.peak)

    static func linesPerSKU(_ instance: AllocationInstance) -> [Int] {
        var counts = [Int](repeating: 0, count: instance.dataSet.skus.count)
        for line in instance.dataSet.orders { counts[line.skuIndex] += 1 }
        return counts
    }

    @Test("The peak shape is the issue 5 day: the default spec gives the same instance")
    func peakIsTheDefault() {
        let plain = AllocationInstanceGenerator.generate(AllocationInstanceSpec(lineCount: Self.lines, seed: 7))
        #expect(InstanceFingerprint(plain) == InstanceFingerprint(Self.peak))
        #expect(Self.peak.priorityWeights == [1: 4, 2: 2, 3: 1])
    }

    @Test("Tight stock: 40% of the peak day's stock, same orders and network")
    func tightStock() {
        let tight = Self.day(.tightStock)
        #expect(tight.dataSet.orders == Self.peak.dataSet.orders)
        #expect(tight.dataSet.lanes == Self.peak.dataSet.lanes)
        let units = tight.dataSet.stock.reduce(0) { $0 + $1.onHand }
        let peakUnits = Self.peak.dataSet.stock.reduce(0) { $0 + $1.onHand }
        let ratio = Double(units) / Double(peakUnits)
        // 0.4 x the drawn units plus the 0-4 units every stocked row gets whatever the factor: at 20,000
        // lines over 20,000 SKUs those extras are a third of the stock (measured 0.645).
        #expect(ratio > 0.4 && ratio < 0.7, "stock ratio \(ratio)")
    }

    @Test("Capacity-bound: every regional warehouse tight, clouds at 7% of the day each")
    func capacityBound() {
        let bound = Self.day(.capacityBound)
        let units = bound.dataSet.orders.reduce(0) { $0 + $1.quantity }
        let warehouses = bound.dataSet.warehouses
        let peakWarehouses = Self.peak.dataSet.warehouses
        for (index, warehouse) in warehouses.enumerated() where warehouse.kind == .cloud {
            let share = Double(warehouse.dailyCapacityUnits!) / Double(units)
            #expect(share > 0.05 && share < 0.09, "\(warehouse.id): \(share)")
            #expect(warehouse.dailyCapacityUnits! < peakWarehouses[index].dailyCapacityUnits!)
        }
        let regionalTotal = warehouses.filter { $0.kind == .regional }.reduce(0) { $0 + $1.dailyCapacityUnits! }
        let peakRegionalTotal = peakWarehouses.filter { $0.kind == .regional }.reduce(0) {
            $0 + $1.dailyCapacityUnits!
        }
        // Tight factors 0.40-0.65 for all instead of half of them at 1.0-1.5.
        #expect(Double(regionalTotal) < 0.75 * Double(peakRegionalTotal))
    }

    @Test("Many regions: 400 regions, each with a lane, so more buckets than the peak day")
    func manyRegions() {
        let many = Self.day(.manyRegions)
        #expect(many.dataSet.regions.count == 400)
        let lanesByRegion = many.dataSet.lanesByRegion()
        #expect(lanesByRegion.allSatisfy { !$0.isEmpty })
        let regionsUsed = Set(many.dataSet.orders.map(\.regionIndex)).count
        #expect(regionsUsed > 300)
    }

    @Test("Coarse costs: every lane cost is a positive multiple of 0.50, and regions see ties")
    func coarseCosts() {
        let coarse = Self.day(.coarseCosts)
        #expect(
            coarse.dataSet.lanes.allSatisfy {
                $0.costPerUnit >= 0.5 && ($0.costPerUnit * 2).rounded() == $0.costPerUnit * 2
            }
        )
        let tiedRegions = coarse.dataSet.lanesByRegion().filter { lanes in
            Set(lanes.map(\.costPerUnit)).count < lanes.count
        }
        #expect(tiedRegions.count > 30, "regions with tied lane costs: \(tiedRegions.count)")
        #expect(coarse.dataSet.orders == Self.peak.dataSet.orders)
    }

    @Test("Giant SKUs: 5,000 SKUs, the top one with a fifth or more of the lines, ten with over 250 each")
    func giantSKUs() {
        let giant = Self.day(.giantSKUs)
        #expect(giant.dataSet.skus.count == 5_000)
        let counts = Self.linesPerSKU(giant).sorted(by: >)
        #expect(Double(counts[0]) > 0.2 * Double(Self.lines), "top SKU lines \(counts[0])")
        #expect(counts[9] > 250, "10th SKU lines \(counts[9])")
    }

    @Test("One-line SKUs: as many SKUs as lines; most SKUs with lines have exactly one")
    func oneLineSKUs() {
        let oneLine = Self.day(.oneLineSKUs)
        #expect(oneLine.dataSet.skus.count == Self.lines)
        let counts = Self.linesPerSKU(oneLine).filter { $0 > 0 }
        let single = counts.filter { $0 == 1 }.count
        #expect(Double(single) > 0.5 * Double(counts.count), "one-line SKUs \(single) of \(counts.count)")
        #expect(counts.max()! < 20)
    }

    @Test("Skewed priorities: a quarter priority 1, a quarter priority 3, weighted 8 / 1 / 0.1")
    func skewedPriorities() {
        let skewed = Self.day(.skewedPriorities)
        #expect(skewed.priorityWeights == [1: 8, 2: 1, 3: 0.1])
        var orders: [String: Int] = [:]
        for line in skewed.dataSet.orders { orders[line.orderId] = line.priority }
        let total = Double(orders.count)
        let share1 = Double(orders.values.filter { $0 == 1 }.count) / total
        let share3 = Double(orders.values.filter { $0 == 3 }.count) / total
        #expect(abs(share1 - 0.25) < 0.02 && abs(share3 - 0.25) < 0.02, "shares \(share1), \(share3)")
    }

    @Test("Export: the data set and a scenario with the day's priority weights")
    func export() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("shape-export-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let small = AllocationInstanceGenerator.generate(
            AllocationInstanceSpec(lineCount: 50, skuCount: 20, seed: 3, shape: .skewedPriorities)
        )
        try small.write(to: directory, name: "skewed-50", allocationDay: Day(year: 2026, month: 11, day: 16)!)
        let scenario = try String(contentsOfFile: directory + "/scenario.yaml", encoding: .utf8)
        #expect(scenario.contains("name: skewed-50\n"))
        #expect(scenario.contains("plan_date: 2026-11-16\n"))
        #expect(scenario.contains("priority_weights: {1: 8, 2: 1, 3: 0.1}"))
        let orders = try String(contentsOfFile: directory + "/data/orders.csv", encoding: .utf8)
        #expect(orders.split(separator: "\n").count == 51)
    }
}
