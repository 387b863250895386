import Forecasting
import InventoryPolicy
import PlannerCore
import Sourcing

let planDate = Day(iso: "2025-03-03")!

/// Day `offset` after the plan date.
func d(_ offset: Int) -> Day { planDate.adding(days: offset) }

func supplier(
    _ name: String,
    _ role: SupplierRole,
    rank: Int = 1,
    leadTimeDays: Double,
    weeklyCapacity: Int? = nil,
    moq: Int = 1,
    sku: Int = 0
) -> SupplierOffer {
    SupplierOffer(
        supplier: name,
        skuIndex: sku,
        role: role,
        rank: rank,
        leadTimeDays: leadTimeDays,
        leadTimeSdDays: 0,
        unitCost: role == .primary ? 5 : 6,
        weeklyCapacityUnits: weeklyCapacity,
        moq: moq
    )
}

/// One SKU ("S0", pack `packSize`), one region per warehouse, each homed at its own warehouse W0, W1...
/// Every warehouse starts with `onHand` units (and `onOrder` on order), sells `unitsPerDay` a day, and has
/// the policy s = `reorderPoint`, Q = `orderQuantity`.
struct SourcingCase {
    var suppliers: [SupplierOffer]
    var warehouseCount = 1
    var onHand = 60
    var onOrder = 0
    var unitsPerDay = 10.0
    var reorderPoint = 35.0
    var orderQuantity = 50.0
    var abcClass = ABCClass.A
    var reviewPeriodDays: Int? = nil
    /// Drop-ship: every warehouse's policy is `drop_ship`. Pooled: one `cloud_pool` policy at this warehouse for
    /// every region's demand (the fixture's warehouses are all regional; the kind does not matter here).
    var dropShip = false
    var pooledAt: Int? = nil
    var packSize = 1
    var horizonDays = 14
    var disruptions: [SupplierDisruption] = []
    var shipped: [[Int]] = []
    /// Units the allocation drop-shipped today, by index into `suppliers`.
    var dropShipped: [Int: Int] = [:]
    var returns: ReturnsForecast? = nil

    func run() -> [PlannedSupplyOrder] { plan().orders }

    func plan() -> SupplyPlan {
        let sku = SKU(
            id: "S0",
            name: "S0",
            category: "c",
            unitCost: 4,
            unitPrice: 9,
            holdingCostRate: 0.2,
            orderCost: 30,
            packSize: packSize,
            moq: 1
        )
        let warehouses = (0..<warehouseCount).map {
            Warehouse(id: "W\($0)", name: "W\($0)", kind: .regional, dailyCapacityUnits: nil)
        }
        let regions = (0..<warehouseCount).map { Region(id: "R\($0)", name: "R\($0)") }
        let lanes = (0..<warehouseCount).map {
            Lane(warehouseIndex: $0, regionIndex: $0, transitDays: 1, costPerUnit: 1, carrier: "c")
        }
        let stock = (0..<warehouseCount).map {
            StockRecord(warehouseIndex: $0, skuIndex: 0, onHand: onHand, onOrder: onOrder)
        }
        let dataSet = DataSet(
            skus: [sku],
            regions: regions,
            warehouses: warehouses,
            lanes: lanes,
            stock: stock,
            demand: DemandHistory(),
            orders: [],
            suppliers: suppliers
        )
        let scenario = Scenario(
            name: "test",
            sourcePath: "test.yaml",
            dataDirectory: ".",
            planDate: planDate,
            horizonDays: horizonDays,
            supplierDisruptions: disruptions
        )
        let forecast = DemandForecast(
            startDay: planDate,
            horizonDays: horizonDays,
            series: (0..<warehouseCount).map {
                SeriesForecast(
                    skuIndex: 0,
                    regionIndex: $0,
                    unitsPerDay: Array(repeating: unitsPerDay, count: horizonDays),
                    model: "test"
                )
            }
        )
        let locations = pooledAt.map { [$0] } ?? Array(0..<warehouseCount)
        let policies = locations.map {
            InventoryPolicyRecord(
                skuIndex: 0,
                warehouseIndex: $0,
                abcClass: abcClass,
                stocking: dropShip ? .dropShip : (pooledAt == nil ? .regional : .cloudPool),
                presaleAllowed: abcClass == .A,
                serviceLevel: 0.95,
                meanDailyDemand: unitsPerDay * Double(pooledAt == nil ? 1 : warehouseCount),
                sdDailyDemand: 0,
                leadTimeDays: 3,
                leadTimeSdDays: 0,
                reviewPeriodDays: reviewPeriodDays,
                safetyFactor: 1.6448536269514722,
                sigmaLeadTime: 0,
                safetyStock: 0,
                reorderPoint: reorderPoint,
                orderQuantity: orderQuantity,
                lotSize: Int(orderQuantity.rounded(.up)),
                method: .normalCycle
            )
        }
        return SupplyPlanner.plan(
            dataSet: dataSet,
            scenario: scenario,
            forecast: forecast,
            policies: policies,
            shippedUnits: shipped,
            dropShippedUnits: dropShipped,
            returns: returns
        )
    }
}
