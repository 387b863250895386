import PlannerCore

/// The enforced next-day share (`allocation.next_day_share` with `enforce: true`) as rows of the model.
///
/// A unit is delivered next day when it ships on day offset 0 over a lane (or from a drop-ship supplier) of at
/// most one day in transit (`ServiceKPI`). Region r with open units Q_r and share s_r asks for at least
/// T_r = ceil(s_r Q_r) next-day units (the smallest whole number whose share reaches s_r). Every open unit of r
/// is shipped next day, shipped otherwise, or unfilled, so the row is written over the other two:
///
///     units of r shipped otherwise + units of r unfilled - e_r <= Q_r - T_r,      e_r >= 0 (the shortfall),
///
/// an elastic row whose overflow e_r is the units by which r misses its target, at a penalty per unit
/// (`startingPenalty`, raised by the allocator when needed).
/// Regions whose target is 0 get no row.
///
/// Lexicographic: first the fewest units short in all, then the cheapest plan. The fewest is known exactly
/// beforehand (`NextDayMaxFlow`, a maximum flow: only next-day shipments count towards a target and any other
/// shipment may be left unfilled instead, so a plan's next-day shipments are a flow of that network and any such
/// flow is a plan), so the allocator checks the solution against it and raises the penalty when it is short by
/// more (docs/allocation-model.md).
struct NextDayTargets {
    /// Target units T_r per region; 0 for a region without a row.
    var targetUnitsByRegion: [Int]
    /// Open units Q_r per region.
    var openUnitsByRegion: [Int]
    /// Regions with a row, ascending.
    var regions: [Int]

    /// Nil when the settings enforce no target, or every target is 0 units.
    init?(buckets: [Bucket], dataSet: DataSet, settings: AllocationSettings) throws {
        guard let target = settings.nextDayShareTarget, target.enforce else { return nil }
        var open = [Int](repeating: 0, count: dataSet.regions.count)
        for bucket in buckets { open[bucket.regionIndex] += bucket.quantity }
        var targets = [Int](repeating: 0, count: dataSet.regions.count)
        for (regionIndex, region) in dataSet.regions.enumerated() where open[regionIndex] > 0 {
            let share = target.share(forRegion: region.id)
            guard share.isFinite, (0...1).contains(share) else {
                throw AllocationError("next-day share \(share) of region \(region.id) is not within 0...1")
            }
            targets[regionIndex] = min(open[regionIndex], Self.targetUnits(share: share, openUnits: open[regionIndex]))
        }
        let regions = targets.indices.filter { targets[$0] > 0 }
        guard !regions.isEmpty else { return nil }
        targetUnitsByRegion = targets
        openUnitsByRegion = open
        self.regions = regions
    }

    /// The fewest next-day units whose share of `openUnits` reaches `share` (to 1e-12, as `ServiceKPI` judges).
    static func targetUnits(share: Double, openUnits: Int) -> Int {
        guard share > 1e-12 else { return 0 }
        var units = max(0, Int((share * Double(openUnits)).rounded(.up)) - 1)
        while units < openUnits, Double(units) / Double(openUnits) < share - 1e-12 { units += 1 }
        return units
    }

    /// The first penalty tried, given the most a unit can cost in the model (a ship arc with its penalties, or
    /// an unfilled unit) and the number of capacity rows: ten times that cost for each capacity row plus two, so
    /// that a cycle through every full warehouse that gains a next-day unit still pays. Large enough in
    /// practice; the allocator checks the plan against the fewest units short and raises it when it is not.
    static func startingPenalty(largestUnitCost: Double, capacityRows: Int) -> Double {
        10 * max(1, largestUnitCost) * Double(capacityRows + 2)
    }

    /// Whether region `regionIndex` has a row.
    func hasRow(_ regionIndex: Int) -> Bool { targetUnitsByRegion[regionIndex] > 0 }
}
