/// A shape of peak day for the allocation benchmark: the peak day, or that day with one feature pushed
/// to an extreme. The speed of the decomposition depends more on the shape than on the size, so the
/// benchmark runs every shape at every size (docs/benchmarks.md).
public enum AllocationShape: String, Sendable, CaseIterable {
    /// The peak day: 20,000 SKUs with Zipf-Mandelbrot popularity, 100 regions, half the regional
    /// warehouses and both clouds at full capacity, about 3.5% of units unfilled.
    case peak
    /// Stock at 40% of the peak day's: about a quarter of the units stay unfilled.
    case tightStock = "tight-stock"
    /// Every warehouse, regional and cloud, has less daily capacity than the units it would ship.
    case capacityBound = "capacity-bound"
    /// 400 regions instead of 100 (so four times the buckets per popular SKU).
    case manyRegions = "many-regions"
    /// Lane costs rounded to a 0.50 grid: many warehouses tie for a region.
    case coarseCosts = "coarse-costs"
    /// 5,000 SKUs with a steep popularity (Zipf exponent 1.3, no offset): the top SKUs carry thousands
    /// of lines, the top one about a quarter of them.
    case giantSKUs = "giant-skus"
    /// As many SKUs as lines with almost flat popularity: most SKUs have one line or none.
    case oneLineSKUs = "one-line-skus"
    /// A quarter of orders priority 1 and a quarter priority 3, weighted 8, 1 and 0.1: priority-3 lines
    /// are worth less than a cloud lane costs.
    case skewedPriorities = "skewed-priorities"

    /// SKUs in the catalog at `lineCount` lines.
    func skuCount(lineCount: Int, requested: Int) -> Int {
        switch self {
        case .giantSKUs: return 5_000
        case .oneLineSKUs: return max(1, lineCount)
        default: return requested
        }
    }

    func regionCount(requested: Int) -> Int {
        self == .manyRegions ? 400 : requested
    }

    /// Zipf-Mandelbrot exponent and offset of the SKU popularity (``SKUPopularity``).
    var popularity: (exponent: Double, offset: Double) {
        switch self {
        case .giantSKUs: return (1.3, 0)
        case .oneLineSKUs: return (0.2, 10)
        default: return (SKUPopularity.exponent, SKUPopularity.offset)
        }
    }

    /// Multiplies every stock quantity the peak day draws.
    var stockFactor: Double { self == .tightStock ? 0.4 : 1 }

    /// Every regional warehouse tight (instead of half), and the clouds' share of the day's units each (the
    /// one-line day stocks three quarters of its SKUs, the long tail, only at the clouds).
    var capacity: (allRegionalTight: Bool, cloudShare: Double) {
        switch self {
        case .capacityBound: return (true, 0.07)
        case .oneLineSKUs: return (false, 0.3)
        default: return (false, PeakNetworkGenerator.cloudShare)
        }
    }

    /// Lane costs are rounded to this grid (money); nil keeps them in cents.
    var laneCostGrid: Double? { self == .coarseCosts ? 0.5 : nil }

    /// Upper ends of the priority-1 and priority-2 draws of ``OrderGenerator`` (uniform draw below the
    /// first: priority 1; below the second: 3; else 2).
    var priorityThresholds: (priority1: Double, priority3: Double) {
        self == .skewedPriorities ? (0.25, 0.50) : OrderGenerator.defaultPriorityThresholds
    }

    /// The unfilled-penalty multipliers the day is meant to be allocated with.
    public var priorityWeights: [Int: Double] {
        self == .skewedPriorities ? [1: 8, 2: 1, 3: 0.1] : [1: 4, 2: 2, 3: 1]
    }
}
