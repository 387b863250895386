import Foundation
import PlannerCore

/// A place on a flat map of Germany, in kilometres east and north of an arbitrary origin.
struct MapPoint: Sendable {
    var eastKm: Double
    var northKm: Double

    init(latitude: Double, longitude: Double) {
        eastKm = longitude * 111.32 * cos(51 * Double.pi / 180)
        northKm = latitude * 110.57
    }

    func distanceKm(to other: MapPoint) -> Double {
        let east = eastKm - other.eastKm
        let north = northKm - other.northKm
        return (east * east + north * north).squareRoot()
    }
}

/// Regions, warehouses and lanes on a map of German cities.
///
/// Regions are the largest German cities with their real coordinates (beyond 34 regions, made-up
/// places inside Germany). Demand shares are Gamma(1.5) weights, normalised: uneven, a few large.
/// About 75% of warehouses are regional fulfilment centres placed in cities spread out by farthest-point
/// sampling; the rest (at least one when there are two or more) are cloud warehouses.
enum NetworkGenerator {
    static let cities: [(name: String, latitude: Double, longitude: Double)] = [
        ("Berlin", 52.52, 13.40), ("Hamburg", 53.55, 9.99), ("Munich", 48.14, 11.58), ("Cologne", 50.94, 6.96),
        ("Frankfurt", 50.11, 8.68), ("Stuttgart", 48.78, 9.18), ("Dusseldorf", 51.23, 6.78),
        ("Leipzig", 51.34, 12.37), ("Dortmund", 51.51, 7.47), ("Essen", 51.46, 7.01), ("Bremen", 53.08, 8.80),
        ("Dresden", 51.05, 13.74), ("Hanover", 52.37, 9.73), ("Nuremberg", 49.45, 11.08),
        ("Duisburg", 51.43, 6.76), ("Bochum", 51.48, 7.22), ("Wuppertal", 51.26, 7.15),
        ("Bielefeld", 52.02, 8.53), ("Bonn", 50.74, 7.10), ("Munster", 51.96, 7.63), ("Mannheim", 49.49, 8.47),
        ("Karlsruhe", 49.01, 8.40), ("Augsburg", 48.37, 10.90), ("Wiesbaden", 50.08, 8.24),
        ("Kiel", 54.32, 10.12), ("Aachen", 50.78, 6.08), ("Freiburg", 47.99, 7.85), ("Rostock", 54.09, 12.10),
        ("Kassel", 51.31, 9.48), ("Erfurt", 50.98, 11.03), ("Halle, Saale", 51.48, 11.97),
        ("Magdeburg", 52.13, 11.63), ("Saarbrucken", 49.24, 6.99), ("Regensburg", 49.01, 12.10),
    ]
    static let carriers = ["DHL", "DPD", "GLS", "UPS"]
    static let cloudNames = ["Cloud Pool Central", "Cloud Pool North", "Cloud Pool South", "Cloud Pool West"]

    struct Layout {
        var regions: [Region]
        var regionPoints: [MapPoint]
        var globalShares: [Double]
    }

    static func makeRegions(count: Int, random: inout SeededRandom) -> Layout {
        let width = max(2, String(count).count)
        var regions: [Region] = []
        var points: [MapPoint] = []
        var shares: [Double] = []
        for index in 0..<count {
            let id = "R" + zeroPadded(index + 1, width: width)
            if index < cities.count {
                let city = cities[index]
                regions.append(Region(id: id, name: city.name))
                points.append(MapPoint(latitude: city.latitude, longitude: city.longitude))
            } else {
                regions.append(Region(id: id, name: "Region \(index + 1)"))
                points.append(MapPoint(latitude: random.uniform(47.6, 54.4), longitude: random.uniform(6.2, 14.8)))
            }
            shares.append(random.gamma(shape: 1.5, scale: 1))
        }
        let total = shares.reduce(0, +)
        return Layout(regions: regions, regionPoints: points, globalShares: shares.map { $0 / total })
    }

    /// Warehouses and lanes; `regionUnitsPerDay` (expected outbound units a day per region) sizes the
    /// regional capacities.
    static func makeWarehouses(
        count: Int,
        layout: Layout,
        regionUnitsPerDay: [Double],
        random: inout SeededRandom
    ) -> (warehouses: [Warehouse], lanes: [Lane]) {
        let regionCount = layout.regions.count
        let cloudCount = count >= 2 ? max(1, Int((Double(count) * 0.25).rounded())) : 0
        let regionalCount = count - cloudCount
        let width = max(2, String(count).count)
        let centers = spreadCenters(count: regionalCount, layout: layout)

        var (warehouses, points) = placeWarehouses(
            centers: centers,
            cloudCount: cloudCount,
            layout: layout,
            id: { "WH" + zeroPadded($0 + 1, width: width) },
            random: &random
        )

        // transitByPair[w][r]: nil = no lane.
        var transit = Array(repeating: [Int?](repeating: nil, count: regionCount), count: count)
        for warehouse in 0..<regionalCount {
            let byDistance = (0..<regionCount).sorted {
                let lhs = points[warehouse].distanceKm(to: layout.regionPoints[$0])
                let rhs = points[warehouse].distanceKm(to: layout.regionPoints[$1])
                return lhs != rhs ? lhs < rhs : $0 < $1
            }
            let nextDay = min(regionCount, random.int(in: 1...3))
            let further = min(regionCount - nextDay, random.int(in: 2...5))
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
        // Every region gets a lane: from the nearest regional warehouse if nothing reaches it yet.
        for region in 0..<regionCount where !(0..<count).contains(where: { transit[$0][region] != nil }) {
            let nearest = (0..<count).min {
                let lhs = points[$0].distanceKm(to: layout.regionPoints[region])
                let rhs = points[$1].distanceKm(to: layout.regionPoints[region])
                return lhs != rhs ? lhs < rhs : $0 < $1
            }!
            let km = points[nearest].distanceKm(to: layout.regionPoints[region])
            transit[nearest][region] = km < 300 ? 2 : 3
        }

        let lanes = priceLanes(
            transit: transit,
            points: points,
            regionalCount: regionalCount,
            layout: layout,
            random: &random
        )

        // Regional capacity: the units a day of the regions it serves next day (shared evenly among
        // the warehouses serving a region next day) times 1.3-2.0; one in four is tight at 0.6-0.9.
        // Cloud: the first unlimited, others three times the whole network's units a day.
        var nextDayServers = [Int](repeating: 0, count: regionCount)
        for lane in lanes where lane.isNextDay && lane.warehouseIndex < regionalCount {
            nextDayServers[lane.regionIndex] += 1
        }
        var load = [Double](repeating: 0, count: count)
        for lane in lanes where lane.isNextDay && lane.warehouseIndex < regionalCount {
            load[lane.warehouseIndex] += regionUnitsPerDay[lane.regionIndex] / Double(nextDayServers[lane.regionIndex])
        }
        let networkUnits = regionUnitsPerDay.reduce(0, +)
        for warehouse in 0..<count {
            let capacity: Double?
            if warehouse < regionalCount {
                let factor = random.bernoulli(0.25) ? random.uniform(0.6, 0.9) : random.uniform(1.3, 2.0)
                capacity = load[warehouse] * factor
            } else {
                capacity = warehouse == regionalCount ? nil : networkUnits * 3
            }
            warehouses[warehouse].dailyCapacityUnits = capacity.map { max(10, Int(($0 / 10).rounded()) * 10) }
        }
        return (warehouses, lanes)
    }

    /// Centre regions of the regional warehouses: the largest region first, then each time the region
    /// farthest from all chosen ones (ties to the lower index); after every region, round again.
    /// Regional warehouses in the cities `centers` (moved up to 15 km), then `cloudCount` cloud warehouses
    /// anywhere in the country; no capacities yet. Shared with ``PeakNetworkGenerator`` (same random draws).
    static func placeWarehouses(
        centers: [Int],
        cloudCount: Int,
        layout: Layout,
        id: (Int) -> String,
        random: inout SeededRandom
    ) -> (warehouses: [Warehouse], points: [MapPoint]) {
        var warehouses: [Warehouse] = []
        var points: [MapPoint] = []
        for (index, center) in centers.enumerated() {
            var point = layout.regionPoints[center]
            point.eastKm += random.uniform(-15, 15)
            point.northKm += random.uniform(-15, 15)
            points.append(point)
            let sameCity = centers[..<index].filter { $0 == center }.count
            let name = "FC " + layout.regions[center].name + (sameCity > 0 ? " \(sameCity + 1)" : "")
            warehouses.append(Warehouse(id: id(index), name: name, kind: .regional, dailyCapacityUnits: nil))
        }
        for index in 0..<cloudCount {
            points.append(MapPoint(latitude: random.uniform(49.0, 53.0), longitude: random.uniform(7.5, 12.5)))
            let name = index < cloudNames.count ? cloudNames[index] : "Cloud Pool \(index + 1)"
            warehouses.append(
                Warehouse(id: id(centers.count + index), name: name, kind: .cloud, dailyCapacityUnits: nil)
            )
        }
        return (warehouses, points)
    }

    /// One lane per (warehouse, region) with a transit time: cost 1.5-2.0 (regional) or 3.5-4.5 (cloud) plus
    /// 0.006 a km, in cents; a carrier per warehouse, another one on a quarter of its lanes.
    static func priceLanes(
        transit: [[Int?]],
        points: [MapPoint],
        regionalCount: Int,
        layout: Layout,
        random: inout SeededRandom
    ) -> [Lane] {
        var lanes: [Lane] = []
        for warehouse in transit.indices {
            let mainCarrier = carriers[random.int(in: 0...(carriers.count - 1))]
            let isCloud = warehouse >= regionalCount
            for region in transit[warehouse].indices {
                guard let days = transit[warehouse][region] else { continue }
                let km = points[warehouse].distanceKm(to: layout.regionPoints[region])
                let base = isCloud ? 3.0 + random.uniform(0.5, 1.5) : 1.5 + random.uniform(0, 0.5)
                let carrier = random.bernoulli(0.75) ? mainCarrier : carriers[random.int(in: 0...(carriers.count - 1))]
                lanes.append(
                    Lane(
                        warehouseIndex: warehouse,
                        regionIndex: region,
                        transitDays: days,
                        costPerUnit: cents(base + 0.006 * km),
                        carrier: carrier
                    )
                )
            }
        }
        return lanes
    }

    static func spreadCenters(count: Int, layout: Layout) -> [Int] {
        let regionCount = layout.regions.count
        var centers: [Int] = []
        var used = [Bool](repeating: false, count: regionCount)
        while centers.count < count {
            if !used.contains(false) { used = [Bool](repeating: false, count: regionCount) }
            let candidates = (0..<regionCount).filter { !used[$0] }
            let chosenThisRound = centers.suffix(centers.count % regionCount)
            let best: Int
            if chosenThisRound.isEmpty {
                best = candidates.max {
                    layout.globalShares[$0] != layout.globalShares[$1]
                        ? layout.globalShares[$0] < layout.globalShares[$1] : $0 > $1
                }!
            } else {
                func gap(_ region: Int) -> Double {
                    chosenThisRound.map { layout.regionPoints[$0].distanceKm(to: layout.regionPoints[region]) }.min()!
                }
                best = candidates.max { gap($0) != gap($1) ? gap($0) < gap($1) : $0 > $1 }!
            }
            used[best] = true
            centers.append(best)
        }
        return centers
    }
}
