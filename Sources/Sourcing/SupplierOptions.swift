import PlannerCore

/// A supplier offer as it stands on one order day, scenario disruptions applied.
struct SupplierOption {
    /// Position in the SKU's preference order (0 = the primary, or the best backup when there is none).
    var candidate: Int
    /// False when a disruption with capacity factor 0 is active on the order day.
    var isAvailable: Bool
    var arrivalOffset: Int
    /// Units still orderable this week; nil = unlimited.
    var remainingCapacity: Int?

    /// The same option with only `share` (0...1) of the remaining capacity, rounded down.
    func limited(toShare share: Double) -> SupplierOption {
        var option = self
        option.remainingCapacity = remainingCapacity.map { Int((Double($0) * share).rounded(.down)) }
        return option
    }
}

/// Terms of one SKU's suppliers under the scenario's disruptions, and the capacity they have left
/// per 7-day week counted from the plan date (shared by every warehouse of the SKU).
struct SupplierLedger {
    let offers: [SupplierOffer]
    private let disruptions: [[SupplierDisruption]]
    /// Units ordered per candidate and week.
    private var used: [[Int]]
    /// Lead time of an offer for an order placed on a day, before disruptions (scenario lead-time changes applied).
    private let leadTimeDays: @Sendable (SupplierOffer, Day) -> Double

    init(
        offers: [SupplierOffer],
        disruptions: [SupplierDisruption],
        horizonDays: Int,
        leadTimeDays: @escaping @Sendable (SupplierOffer, Day) -> Double = { offer, _ in offer.leadTimeDays }
    ) {
        self.offers = offers
        self.leadTimeDays = leadTimeDays
        self.disruptions = offers.map { offer in disruptions.filter { $0.supplier == offer.supplier } }
        used = Array(repeating: Array(repeating: 0, count: max(0, horizonDays) / 7 + 1), count: offers.count)
    }

    /// Each offer on day `offset` after `planDate`. Several disruptions active at once multiply their
    /// capacity factors and add their extra lead times. Arrival = order day + ceil(lead time);
    /// remaining = floor(weekly capacity * factor) - units already ordered in the week.
    func options(planDate: Day, offset: Int) -> [SupplierOption] {
        let day = planDate.adding(days: offset)
        let week = offset / 7
        return offers.indices.map { candidate in
            let offer = offers[candidate]
            var factor = 1.0
            var extraDays = 0.0
            for disruption in disruptions[candidate] where disruption.isActive(on: day) {
                factor *= disruption.capacityFactor
                extraDays += disruption.extraLeadTimeDays
            }
            let leadTime = leadTimeDays(offer, day) + extraDays
            let remaining = offer.weeklyCapacityUnits.map {
                Int((Double($0) * factor).rounded(.down)) - used[candidate][week]
            }
            return SupplierOption(
                candidate: candidate,
                isAvailable: factor > 0,
                arrivalOffset: offset + Int(leadTime.rounded(.up)),
                remainingCapacity: remaining
            )
        }
    }

    mutating func record(_ quantity: Int, candidate: Int, offset: Int) {
        used[candidate][offset / 7] += quantity
    }
}
