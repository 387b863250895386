import PlannerCore

extension SupplyPlanner {
    /// One line of an order event: units from a candidate (nil: nobody could supply them).
    struct Line: Equatable {
        var candidate: Int?
        var quantity: Int
        var arrivalOffset: Int?
        var reason: SourcingReason
    }

    /// Splits `needed` units over the suppliers' options on the order day.
    ///
    /// Candidates are asked in preference order. One is passed over when it is disrupted (capacity
    /// factor 0), when its remaining weekly capacity cannot take an MOQ- and pack-rounded quantity, or
    /// when it would arrive after the projected stock-out while a later usable candidate arrives by it.
    /// A candidate takes min(remaining capacity, units still needed), rounded up to max(supplier MOQ,
    /// SKU MOQ) and to the pack size, but never above its capacity. If no usable candidate arrives by
    /// the stock-out, candidates are asked in order of arrival instead (ties: preference order). Late
    /// candidates passed over are asked again, in the same order, if units are still missing. If what the
    /// suppliers take falls short of `essential`, the difference is one line without a supplier:
    /// `no_supplier` if the SKU has no offer, else `no_supplier_capacity`; a shortfall of the lot-size part
    /// above `essential` is not reported. The preferred candidate's lines are `reorder_point`; any other's carry the
    /// reason the preferred one was passed over for those units.
    static func allocate(
        needed: Int,
        essential: Int,
        options: [SupplierOption],
        stockout: Int?,
        offers: [SupplierOffer],
        sku: SKU
    ) -> [Line] {
        func rounded(_ option: SupplierOption, wanted: Int) -> Int? {
            guard option.isAvailable else { return nil }
            let offer = offers[option.candidate]
            let want = option.remainingCapacity.map { min($0, wanted) } ?? wanted
            return OrderRounding.quantity(
                wanted: want,
                moq: max(offer.moq, sku.moq),
                packSize: sku.packSize,
                remainingCapacity: option.remainingCapacity
            )
        }
        func onTime(_ option: SupplierOption) -> Bool {
            stockout.map { option.arrivalOffset <= $0 } ?? true
        }
        let usable = options.map { rounded($0, wanted: needed) != nil }
        let anyOnTime = options.indices.contains { usable[$0] && onTime(options[$0]) }
        let sequence =
            anyOnTime
            ? Array(options.indices)
            : options.indices.sorted { lhs, rhs in
                options[lhs].arrivalOffset != options[rhs].arrivalOffset
                    ? options[lhs].arrivalOffset < options[rhs].arrivalOffset : lhs < rhs
            }

        var primaryTookUnits = false
        func reason(for candidate: Int) -> SourcingReason {
            if candidate == 0 { return .reorderPoint }
            guard let primary = options.first else { return .primaryCapacity }
            if !primary.isAvailable { return .primaryDisrupted }
            if !usable[0] || primaryTookUnits { return .primaryCapacity }
            return .primaryLate
        }

        var lines: [Line] = []
        var missing = needed
        var passedAsLate: [Int] = []
        func take(_ candidate: Int) {
            let option = options[candidate]
            guard missing > 0, let quantity = rounded(option, wanted: missing) else { return }
            lines.append(
                Line(
                    candidate: candidate,
                    quantity: quantity,
                    arrivalOffset: option.arrivalOffset,
                    reason: reason(for: candidate)
                )
            )
            if candidate == 0 { primaryTookUnits = true }
            missing -= quantity
        }
        for (position, candidate) in sequence.enumerated() where missing > 0 && usable[candidate] {
            let option = options[candidate]
            if !onTime(option),
                sequence[(position + 1)...].contains(where: { usable[$0] && onTime(options[$0]) })
            {
                passedAsLate.append(candidate)
                continue
            }
            take(candidate)
        }
        for candidate in passedAsLate where missing > 0 {
            take(candidate)
        }
        let shortfall = min(essential, needed) - (needed - missing)
        if shortfall > 0 {
            lines.append(
                Line(
                    candidate: nil,
                    quantity: shortfall,
                    arrivalOffset: nil,
                    reason: offers.isEmpty ? .noSupplier : .noSupplierCapacity
                )
            )
        }
        return lines
    }
}
