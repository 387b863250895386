extension Sequence {
    /// The sum of `value` over the elements, held at `Int.max` instead of overflowing. Totals over every SKU of
    /// quantities each within ``InputLimits`` stay far below it for any real data set; the bound makes the
    /// sum safe for any input, since it has no row count of its own to bound it.
    public func saturatingSum(_ value: (Element) -> Int) -> Int {
        var total = 0
        for element in self {
            let (sum, overflows) = total.addingReportingOverflow(value(element))
            if overflows { return Int.max }
            total = sum
        }
        return total
    }
}
