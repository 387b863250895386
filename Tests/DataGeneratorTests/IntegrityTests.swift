import PlannerCore
import Testing

@testable import DataGenerator

@Suite("Referential integrity")
struct IntegrityTests {
    static let specs: [GeneratorSpec] = [
        twoYearSpec,
        GeneratorSpec(skuCount: 1, regionCount: 1, warehouseCount: 1, historyDays: 1, orderCount: 5, seed: 1),
        GeneratorSpec(skuCount: 3, regionCount: 40, warehouseCount: 2, historyDays: 30, orderCount: 50, seed: 2),
        GeneratorSpec(skuCount: 40, regionCount: 3, warehouseCount: 12, historyDays: 60, orderCount: 0, seed: 3),
    ]

    @Test(
        "Every index is in range, lanes are unique per (warehouse, region) and reach every region",
        arguments: specs
    )
    func indicesAndLanes(spec: GeneratorSpec) {
        let data = spec == twoYearSpec ? twoYearDataSet : DataGenerator.generate(spec)
        #expect(data.skus.count == spec.skuCount)
        #expect(data.regions.count == spec.regionCount)
        #expect(data.warehouses.count == spec.warehouseCount)
        #expect(data.orders.count == spec.orderCount)

        var lanePairs = Set<[Int]>()
        for lane in data.lanes {
            #expect(data.warehouses.indices.contains(lane.warehouseIndex))
            #expect(data.regions.indices.contains(lane.regionIndex))
            #expect(lanePairs.insert([lane.warehouseIndex, lane.regionIndex]).inserted, "duplicate lane")
            #expect((1...3).contains(lane.transitDays))
            #expect(lane.costPerUnit > 0)
            #expect(["DHL", "DPD", "GLS", "UPS"].contains(lane.carrier))
        }
        let reached = Set(data.lanes.map(\.regionIndex))
        #expect(reached == Set(data.regions.indices), "a region has no lane")
        for record in data.stock {
            #expect(data.warehouses.indices.contains(record.warehouseIndex))
            #expect(data.skus.indices.contains(record.skuIndex))
            #expect(record.onHand >= 0 && record.onOrder >= 0)
        }
        for index in 0..<data.demand.count {
            #expect(data.skus.indices.contains(Int(data.demand.skuIndices[index])))
            #expect(data.regions.indices.contains(Int(data.demand.regionIndices[index])))
        }
        for line in data.orders {
            #expect(data.skus.indices.contains(line.skuIndex))
            #expect(data.regions.indices.contains(line.regionIndex))
            #expect(line.quantity >= 1)
            #expect([1, 2, 3].contains(line.priority))
        }
        for offer in data.suppliers {
            #expect(data.skus.indices.contains(offer.skuIndex))
        }
    }

    @Test(
        "Warehouses: at least one cloud from two warehouses on, about three quarters regional",
        arguments: specs
    )
    func warehouseKinds(spec: GeneratorSpec) {
        let data = spec == twoYearSpec ? twoYearDataSet : DataGenerator.generate(spec)
        let clouds = data.warehouses.filter { $0.kind == .cloud }.count
        if spec.warehouseCount >= 2 { #expect(clouds >= 1) }
        #expect(clouds == (spec.warehouseCount >= 2 ? max(1, Int((Double(spec.warehouseCount) * 0.25).rounded())) : 0))
        for (index, warehouse) in data.warehouses.enumerated() where warehouse.kind == .cloud {
            let cloudLanes = data.lanes.filter { $0.warehouseIndex == index }
            #expect(cloudLanes.count == spec.regionCount, "a cloud warehouse reaches every region")
            #expect(cloudLanes.allSatisfy { $0.transitDays >= 2 })
        }
        for (index, warehouse) in data.warehouses.enumerated() where warehouse.kind == .regional {
            let nextDay = data.lanes.filter { $0.warehouseIndex == index && $0.isNextDay }.count
            #expect((1...3).contains(nextDay))
            #expect((warehouse.dailyCapacityUnits ?? 0) >= 10)
        }
    }

    @Test("Every SKU has exactly one primary, rank 1, and at most two backups ranked 1, 2", arguments: specs)
    func suppliersPerSKU(spec: GeneratorSpec) {
        let data = spec == twoYearSpec ? twoYearDataSet : DataGenerator.generate(spec)
        var offersBySKU = [[SupplierOffer]](repeating: [], count: data.skus.count)
        for offer in data.suppliers { offersBySKU[offer.skuIndex].append(offer) }
        for (skuIndex, offers) in offersBySKU.enumerated() {
            let sku = data.skus[skuIndex]
            let primaries = offers.filter { $0.role == .primary }
            #expect(primaries.count == 1)
            #expect(primaries.first?.rank == 1)
            let backupRanks = offers.filter { $0.role == .backup }.map(\.rank)
            #expect(backupRanks == Array(stride(from: 1, through: offers.count - 1, by: 1)))
            #expect(Set(offers.map(\.supplier)).count == offers.count, "one offer per supplier and SKU")
            for offer in offers {
                #expect(offer.moq % sku.packSize == 0)
                if let capacity = offer.weeklyCapacityUnits { #expect(capacity >= offer.moq) }
                if offer.role == .primary {
                    #expect((5...21).contains(offer.leadTimeDays))
                    #expect((0.5...3).contains(offer.leadTimeSdDays))
                } else {
                    #expect(offer.unitCost >= sku.unitCost * 1.04 && offer.unitCost <= sku.unitCost * 1.21)
                }
            }
        }
    }

    @Test("(order_id, sku) is unique and orders are dated around the end date", arguments: specs)
    func orders(spec: GeneratorSpec) {
        let data = spec == twoYearSpec ? twoYearDataSet : DataGenerator.generate(spec)
        var keys = Set<[String]>()
        for line in data.orders {
            #expect(keys.insert([line.orderId, data.skus[line.skuIndex].id]).inserted)
            #expect(spec.endDate.adding(days: -1) <= line.orderDate && line.orderDate <= spec.endDate.adding(days: 1))
        }
    }

    @Test("SKU master data lies in the documented ranges")
    func skuRanges() {
        for sku in twoYearDataSet.skus {
            #expect(sku.unitCost >= sku.unitPrice * 0.39 && sku.unitCost <= sku.unitPrice * 0.71)
            #expect((0.15...0.30).contains(sku.holdingCostRate))
            #expect((20...150).contains(sku.orderCost))
            #expect([1, 6, 12, 24].contains(sku.packSize))
            #expect(sku.moq >= sku.packSize && sku.moq % sku.packSize == 0)
        }
        #expect(twoYearDataSet.skus.first?.id == "SKU-000001")
        #expect(twoYearDataSet.regions.first?.id == "R01")
        #expect(twoYearDataSet.warehouses.first?.id == "WH01")
        #expect(twoYearDataSet.orders.first?.orderId == "ORD-0000001")
        #expect(twoYearDataSet.suppliers.allSatisfy { $0.supplier.hasPrefix("SUP") && $0.supplier.count == 5 })
        #expect(Set(twoYearDataSet.skus.map(\.category)).count >= 8)
    }
}

extension GeneratorSpec: CustomTestStringConvertible {
    public var testDescription: String {
        "\(skuCount) skus x \(regionCount) regions x \(warehouseCount) warehouses x \(historyDays) days"
    }
}
