import PlannerCore

/// Warehouses, lanes and daily capacities of the allocation instance, on the map of
/// ``NetworkGenerator`` and priced as it prices lanes.
///
/// Regional warehouses sit in cities spread out by farthest-point sampling; each has next-day lanes
/// (transit 1) to its nearest `0.3-0.8 x regions / regional warehouses` regions and two- or three-day
/// lanes to `1.0-2.5 x` that many more, so most regions have two or three regional lanes. Cloud warehouses have two- or three-day lanes to every region
/// (so every region has a lane) at about twice the cost. Capacities are sized on the day's units (see
/// ``capacities(regionalCount:cloudCount:lanes:regionUnits:random:)``), so they bind at peak.
enum PeakNetworkGenerator {
    static func makeWarehouses(
        regionalCount: Int,
        cloudCount: Int,
        layout: NetworkGenerator.Layout,
        random: inout SeededRandom
    ) -> (warehouses: [Warehouse], lanes: [Lane]) {
        let regionCount = layout.regions.count
        let count = regionalCount + cloudCount
        let centers = NetworkGenerator.spreadCenters(count: regionalCount, layout: layout)
        let (warehouses, points) = NetworkGenerator.placeWarehouses(
            centers: centers,
            cloudCount: cloudCount,
            layout: layout,
            id: warehouseId,
            random: &random
        )

        // transit[w][r]: nil = no lane.
        var transit = Array(repeating: [Int?](repeating: nil, count: regionCount), count: count)
        let regionsPerWarehouse = Double(regionCount) / Double(max(1, regionalCount))
        let nextDayRange = max(1, Int(0.3 * regionsPerWarehouse))...max(1, Int(0.8 * regionsPerWarehouse))
        let furtherRange = max(2, Int(1.0 * regionsPerWarehouse))...max(2, Int(2.5 * regionsPerWarehouse))
        for warehouse in 0..<regionalCount {
            let byDistance = (0..<regionCount).sorted {
                let lhs = points[warehouse].distanceKm(to: layout.regionPoints[$0])
                let rhs = points[warehouse].distanceKm(to: layout.regionPoints[$1])
                return lhs != rhs ? lhs < rhs : $0 < $1
            }
            let nextDay = min(regionCount, random.int(in: nextDayRange))
            let further = min(regionCount - nextDay, random.int(in: furtherRange))
            for (rank, region) in byDistance.prefix(nextDay + further).enumerated() {
                let km = points[warehouse].distanceKm(to: layout.regionPoints[region])
                transit[warehouse][region] = rank < nextDay ? 1 : km < 300 ? 2 : 3
            }
        }
        for warehouse in regionalCount..<count {
            for region in 0..<regionCount {
                let km = points[warehouse].distanceKm(to: layout.regionPoints[region])
                transit[warehouse][region] = km < 300 ? 2 : 3
            }
        }

        let lanes = NetworkGenerator.priceLanes(
            transit: transit,
            points: points,
            regionalCount: regionalCount,
            layout: layout,
            random: &random
        )
        return (warehouses, lanes)
    }

    /// Capacity factors on a regional warehouse's served units: tight and loose.
    static let tightFactors = 0.4..<0.65
    static let looseFactors = 1.0..<1.5
    /// Each cloud's capacity, on average, as a share of the day's units.
    static let cloudShare = 0.12

    /// Each region's weight split among the regional warehouses with a lane to it, a next-day lane
    /// counting 1 and a longer lane 0.3; regions only clouds reach count for no regional warehouse.
    /// Returns the weight each regional warehouse serves.
    static func servedShares(regionalCount: Int, lanes: [Lane], regionWeights: [Double]) -> [Double] {
        func laneWeight(_ lane: Lane) -> Double { lane.isNextDay ? 1 : 0.3 }
        var regionTotals = [Double](repeating: 0, count: regionWeights.count)
        for lane in lanes where lane.warehouseIndex < regionalCount {
            regionTotals[lane.regionIndex] += laneWeight(lane)
        }
        var served = [Double](repeating: 0, count: regionalCount)
        for lane in lanes where lane.warehouseIndex < regionalCount {
            served[lane.warehouseIndex] +=
                regionWeights[lane.regionIndex] * laneWeight(lane) / regionTotals[lane.regionIndex]
        }
        return served
    }

    /// Daily outbound capacity per warehouse, in units.
    ///
    /// Half the regional warehouses (a seeded choice) get 0.40-0.65 times the units they serve
    /// (``servedShares(regionalCount:lanes:regionWeights:)`` of the day's units per region), the others
    /// 1.0-1.5 times; the clouds share 12% of the day's units each, in random proportions (weights
    /// 0.8-1.2). Regional warehouses stock only the popular quarter (about 80% of the units), so at
    /// peak the tight regional warehouses and the clouds run full and some lines stay unfilled
    /// (calibrated on 20,000 lines: 7 of 12 warehouses full, 5% of units short of capacity).
    static func capacities(
        regionalCount: Int,
        cloudCount: Int,
        lanes: [Lane],
        regionUnits: [Int],
        allRegionalTight: Bool = false,
        cloudShare: Double = PeakNetworkGenerator.cloudShare,
        random: inout SeededRandom
    ) -> [Int] {
        let load = servedShares(regionalCount: regionalCount, lanes: lanes, regionWeights: regionUnits.map(Double.init))
        var order = Array(0..<regionalCount)
        random.shuffle(&order)
        var isTight = [Bool](repeating: false, count: regionalCount)
        for warehouse in order.prefix(allRegionalTight ? regionalCount : regionalCount / 2) {
            isTight[warehouse] = true
        }

        var result: [Int] = []
        for warehouse in 0..<regionalCount {
            let factors = isTight[warehouse] ? tightFactors : looseFactors
            let factor = random.uniform(factors.lowerBound, factors.upperBound)
            result.append(max(1, Int((load[warehouse] * factor).rounded())))
        }
        let dayUnits = Double(regionUnits.reduce(0, +))
        let cloudUnits = cloudShare * dayUnits * Double(cloudCount)
        let weights = (0..<cloudCount).map { _ in random.uniform(0.8, 1.2) }
        let weightTotal = weights.reduce(0, +)
        for weight in weights {
            result.append(max(1, Int((cloudUnits * weight / weightTotal).rounded())))
        }
        return result
    }

    static func warehouseId(_ index: Int) -> String {
        "WH" + zeroPadded(index + 1, width: 2)
    }
}
