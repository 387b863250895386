/// Units sold per (category, day of [P - ``ReturnModel/span``, P)), each sales row weighted by its SKU's return rate
/// from the first fit: what ``ReturnModel`` fits each category's lag on a second time.
///
/// Every row's weighted units are rounded to a multiple of 2^-``fractionBits`` and summed as 128-bit integers, so the
/// parts of disjoint sets of SKUs add up to exactly the sum over their union, in any order (``merged(_:)``): a
/// sharded plan fits the same lags as one process. The rounding moves a category's weighted sales by at most
/// 2^-33 units a row, far below what moves a fitted lag.
public struct RateWeightedSales: Sendable, Equatable {
    public static let fractionBits = 32
    /// Distinct categories of skus.csv, ascending (as in ``PoolingTotals``).
    public let categories: [String]
    /// Weighted units in units of 2^-``fractionBits``, per (category, day).
    public private(set) var scaledUnits: [Int128]

    /// Nothing sold.
    public init(categories: [String]) {
        self.categories = categories
        scaledUnits = Array(repeating: 0, count: categories.count * ReturnModel.span)
    }

    /// Adds `units` (finite, at least 0) to a category's day.
    mutating func add(_ units: Double, category: Int, column: Int) {
        let scaled = (units * Double(sign: .plus, exponent: Self.fractionBits, significand: 1)).rounded()
        guard let exact = Int128(exactly: scaled) else {
            preconditionFailure("rate-weighted units \(units) are not a finite 128-bit fixed-point number")
        }
        scaledUnits[category * ReturnModel.span + column] += exact
    }

    /// Sets a category's days from stored scaled units (`values.count` = ``ReturnModel/span``).
    public mutating func set(category: Int, scaledUnits values: [Int128]) {
        precondition(values.count == ReturnModel.span)
        for (offset, value) in values.enumerated() { scaledUnits[category * ReturnModel.span + offset] = value }
    }

    /// A category's scaled units over the span.
    public func scaledUnits(ofCategory category: Int) -> ArraySlice<Int128> {
        scaledUnits[(category * ReturnModel.span)..<((category + 1) * ReturnModel.span)]
    }

    /// A category's weighted units per day of the span.
    func sales(ofCategory category: Int) -> ArraySlice<Double> {
        let scale = Double(sign: .plus, exponent: -Self.fractionBits, significand: 1)
        return scaledUnits(ofCategory: category).map { Double($0) * scale }[...]
    }

    /// Whether any day of any category has weighted sales.
    public var isZero: Bool { !scaledUnits.contains { $0 != 0 } }

    /// The sums of disjoint sets of SKUs added up: the sums of their union, exactly. Nil when the parts have other
    /// categories, or for no part.
    public static func merged(_ parts: [RateWeightedSales]) -> RateWeightedSales? {
        guard var result = parts.first else { return nil }
        for part in parts.dropFirst() {
            guard part.categories == result.categories else { return nil }
            for index in result.scaledUnits.indices { result.scaledUnits[index] += part.scaledUnits[index] }
        }
        return result
    }
}
