import PlannerCore
import Testing

@testable import DataGenerator

/// Counts and order-sensitive checksums of every quantity in an instance: equal only when the
/// instances agree row by row.
struct InstanceFingerprint: Equatable {
    var counts: [Int]
    var orderChecksum: Int
    var stockChecksum: Int
    var capacityChecksum: Int
    var laneCostCents: Int

    init(_ instance: AllocationInstance) {
        let data = instance.dataSet
        counts = [
            data.skus.count, data.regions.count, data.warehouses.count, data.lanes.count, data.stock.count,
            data.orders.count, instance.openOrderIndices.count,
        ]
        orderChecksum = 0
        for (index, line) in data.orders.enumerated() {
            let orderNumber = line.orderId.utf8.reduce(0) { $0 &* 31 &+ Int($1) }
            let fields = [line.skuIndex, line.regionIndex, line.quantity, line.priority, orderNumber]
            for field in fields { orderChecksum = orderChecksum &* 31 &+ field &+ index }
        }
        stockChecksum = 0
        for record in data.stock {
            stockChecksum = stockChecksum &* 31 &+ record.warehouseIndex &* 20_011 &+ record.skuIndex &+ record.onHand
        }
        capacityChecksum = data.warehouses.reduce(0) { $0 &* 31 &+ ($1.dailyCapacityUnits ?? -1) }
        laneCostCents = data.lanes.reduce(0) { $0 &* 31 &+ Int(($1.costPerUnit * 100).rounded()) &+ $1.transitDays }
    }
}

@Suite("Allocation benchmark instance")
struct AllocationInstanceTests {
    /// The benchmark's shape (20,000 SKUs, 100 regions, 12 warehouses) at a debug-friendly line count.
    static let spec = AllocationInstanceSpec(lineCount: 20_000, seed: 7)
    static let instance = AllocationInstanceGenerator.generate(spec)

    @Test("The same seed gives the same counts and quantities; another seed does not")
    func deterministic() {
        let small = AllocationInstanceSpec(lineCount: 3_000, skuCount: 2_000, seed: 11)
        let first = AllocationInstanceGenerator.generate(small)
        let second = AllocationInstanceGenerator.generate(small)
        #expect(InstanceFingerprint(first) == InstanceFingerprint(second))
        #expect(first.dataSet.orders == second.dataSet.orders)
        #expect(first.dataSet.stock == second.dataSet.stock)
        #expect(first.dataSet.warehouses == second.dataSet.warehouses)
        #expect(first.dataSet.lanes == second.dataSet.lanes)

        var otherSeed = small
        otherSeed.seed = 12
        let other = InstanceFingerprint(AllocationInstanceGenerator.generate(otherSeed))
        #expect(other.orderChecksum != InstanceFingerprint(first).orderChecksum)
        #expect(other.stockChecksum != InstanceFingerprint(first).stockChecksum)
    }

    @Test("12 warehouses (10 regional, 2 cloud), 100 regions, 20,000 SKUs and exactly the lines asked for")
    func counts() {
        let data = Self.instance.dataSet
        #expect(data.warehouses.count == 12)
        #expect(data.warehouses.filter { $0.kind == .regional }.count == 10)
        #expect(data.warehouses.filter { $0.kind == .cloud }.count == 2)
        #expect(data.regions.count == 100)
        #expect(data.skus.count == 20_000)
        #expect(data.orders.count == 20_000)
        #expect(Self.instance.openOrderIndices == Array(0..<20_000))
        #expect(data.demand.count == 0)
        for count in [1, 2_000, 7_777] {
            var spec = Self.spec
            spec.lineCount = count
            spec.skuCount = 500
            #expect(AllocationInstanceGenerator.generate(spec).dataSet.orders.count == count)
        }
    }

    @Test("Every order's region has a lane; clouds reach every region, dearer and slower than regional lanes")
    func lanes() {
        let data = Self.instance.dataSet
        var lanePairs = Set<[Int]>()
        for lane in data.lanes {
            #expect(lanePairs.insert([lane.warehouseIndex, lane.regionIndex]).inserted, "duplicate lane")
        }
        let lanesByRegion = data.lanesByRegion()
        for line in data.orders {
            #expect(!lanesByRegion[line.regionIndex].isEmpty)
        }
        var regionsWithRegionalLane = 0
        for (region, lanes) in lanesByRegion.enumerated() {
            let cloudLanes = lanes.filter { data.warehouses[$0.warehouseIndex].kind == .cloud }
            #expect(cloudLanes.count == 2, "region \(region) lacks a cloud lane")
            #expect(cloudLanes.allSatisfy { $0.transitDays >= 2 })
            let regional = lanes.filter { data.warehouses[$0.warehouseIndex].kind == .regional }
            if let cheapestRegional = regional.map(\.costPerUnit).min() {
                regionsWithRegionalLane += 1
                #expect(cheapestRegional < cloudLanes.map(\.costPerUnit).min()!)
            }
        }
        #expect(regionsWithRegionalLane >= 80, "regions with a regional lane: \(regionsWithRegionalLane)")
        for (warehouse, kind) in data.warehouses.map(\.kind).enumerated() where kind == .regional {
            #expect(data.lanes.contains { $0.warehouseIndex == warehouse && $0.transitDays == 1 })
        }
    }

    @Test("Lines: all dated on the allocation day, priorities 1-3, some orders with several lines")
    func orderLines() {
        let orders = Self.instance.dataSet.orders
        #expect(orders.allSatisfy { $0.orderDate == Self.spec.allocationDay })
        #expect(orders.allSatisfy { (1...3).contains($0.priority) && $0.quantity >= 1 })
        #expect(Set(orders.map(\.priority)) == [1, 2, 3])
        var linesByOrder: [String: Int] = [:]
        for line in orders { linesByOrder[line.orderId, default: 0] += 1 }
        let multiLine = linesByOrder.values.filter { $0 > 1 }.count
        // OrderGenerator: 45% of orders have 2-5 lines.
        #expect(Double(multiLine) > 0.35 * Double(linesByOrder.count))
        #expect(linesByOrder.values.allSatisfy { $0 <= 5 })
    }

    @Test("Popularity is skewed: the most popular quarter of SKUs takes 70-90% of the lines")
    func skewedPopularity() {
        let instance = Self.instance
        let headLines = instance.dataSet.orders.filter { !instance.popularity.isLongTail($0.skuIndex) }.count
        let share = Double(headLines) / Double(instance.dataSet.orders.count)
        #expect(share > 0.70 && share < 0.90, "head share \(share)")
        let shares = instance.popularity.lineShareBySKU
        #expect(abs(shares.reduce(0, +) - 1) < 1e-9)
        // Zipf-Mandelbrot: the top SKU has (k + 1 + 10) / (1 + 10) times the share of rank k.
        let top = shares.max()!
        let rank99 = shares[instance.popularity.rankBySKU.firstIndex(of: 99)!]
        #expect(abs(top / rank99 - 110.0 / 11.0) < 1e-9)
    }

    @Test("Some SKUs are stocked nowhere and the long tail only at clouds")
    func stockPlacement() {
        let instance = Self.instance
        let data = instance.dataSet
        var stockedAt = Array(repeating: Set<Int>(), count: data.skus.count)
        for record in data.stock {
            #expect(record.onHand >= 0 && record.onOrder == 0)
            stockedAt[record.skuIndex].insert(record.warehouseIndex)
        }
        let unstocked = stockedAt.filter(\.isEmpty).count
        #expect(unstocked > 100 && unstocked < 600, "SKUs stocked nowhere: \(unstocked) (1.5% of 20,000 is 300)")
        let cloudIndices = Set(data.warehouses.indices.filter { data.warehouses[$0].kind == .cloud })
        var tailStocked = 0
        for sku in data.skus.indices where instance.popularity.isLongTail(sku) && !stockedAt[sku].isEmpty {
            tailStocked += 1
            #expect(stockedAt[sku].isSubset(of: cloudIndices), "tail SKU \(sku) at a regional warehouse")
        }
        #expect(tailStocked > 14_000)
        let headAtRegional = data.skus.indices.filter { sku in
            !instance.popularity.isLongTail(sku) && !stockedAt[sku].isSubset(of: cloudIndices)
        }
        #expect(headAtRegional.count > 4_500)
    }

    @Test("Network and catalog do not depend on the line count; stock and capacities scale with it")
    func scalesWithLines() {
        var larger = Self.spec
        larger.lineCount = 10 * Self.spec.lineCount
        larger.skuCount = 2_000
        var smaller = larger
        smaller.lineCount = larger.lineCount / 10
        let big = AllocationInstanceGenerator.generate(larger).dataSet
        let small = AllocationInstanceGenerator.generate(smaller).dataSet
        #expect(big.skus == small.skus)
        #expect(big.regions == small.regions)
        #expect(big.lanes == small.lanes)
        #expect(big.warehouses.map(\.id) == small.warehouses.map(\.id))
        for (bigWarehouse, smallWarehouse) in zip(big.warehouses, small.warehouses) {
            let ratio = Double(bigWarehouse.dailyCapacityUnits!) / Double(smallWarehouse.dailyCapacityUnits!)
            #expect(ratio > 8 && ratio < 12, "\(bigWarehouse.id): capacity ratio \(ratio)")
        }
        let bigUnits = big.stock.reduce(0) { $0 + $1.onHand }
        let smallUnits = small.stock.reduce(0) { $0 + $1.onHand }
        let ratio = Double(bigUnits) / Double(smallUnits)
        #expect(ratio > 6 && ratio < 11, "stock ratio \(ratio)")
    }

    @Test("A spec with problems is refused with every problem named")
    func invalidSpec() {
        let spec = AllocationInstanceSpec(lineCount: -1, skuCount: 0, regionCount: 5, cloudWarehouseCount: 0)
        #expect(spec.problems.count == 3)
        #expect(throws: GeneratorSpecError.self) { try AllocationInstanceGenerator.generate(validating: spec) }
    }
}
