import PlannerCore

/// Demand uplifts resolved once against the data set, so that the factor of a series on a day is a
/// few array reads rather than string-set look-ups.
struct UpliftFactors {
    private struct Resolved {
        var matchesSKU: [Bool]
        var matchesRegion: [Bool]
        /// Horizon offsets the uplift covers (may be empty).
        var offsets: Range<Int>
        var factor: Double
    }

    private let resolved: [Resolved]
    private let horizonDays: Int

    /// Matches exactly `DemandUplift.applies(on:sku:abcClass:region:)` for the days
    /// `startDay ..< startDay + horizonDays`.
    init(uplifts: [DemandUplift], dataSet: DataSet, abcClassBySKU: [ABCClass], startDay: Day, horizonDays: Int) {
        self.horizonDays = max(0, horizonDays)
        let horizon = self.horizonDays
        resolved = uplifts.map { uplift in
            let matchesSKU = dataSet.skus.indices.map { index in
                let sku = dataSet.skus[index]
                return (uplift.skus?.contains(sku.id) ?? true)
                    && (uplift.categories?.contains(sku.category) ?? true)
                    && (uplift.abcClasses?.contains(abcClassBySKU[index]) ?? true)
            }
            let matchesRegion = dataSet.regions.map { uplift.regions?.contains($0.id) ?? true }
            let first = min(max(0, startDay.days(to: uplift.from)), horizon)
            let last = min(max(first, startDay.days(to: uplift.to) + 1), horizon)
            return Resolved(
                matchesSKU: matchesSKU,
                matchesRegion: matchesRegion,
                offsets: first..<last,
                factor: uplift.factor
            )
        }
    }

    /// Product of the factors of every uplift that applies to (sku, region), per horizon day.
    func factors(skuIndex: Int, regionIndex: Int) -> [Double] {
        var result = Array(repeating: 1.0, count: horizonDays)
        for uplift in resolved where uplift.matchesSKU[skuIndex] && uplift.matchesRegion[regionIndex] {
            for offset in uplift.offsets {
                result[offset] *= uplift.factor
            }
        }
        return result
    }
}
