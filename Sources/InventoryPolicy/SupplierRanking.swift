import PlannerCore

/// The order in which a SKU's suppliers are asked: primaries by rank, then backups by rank
/// (equal ranks keep file order).
public enum SupplierRanking {
    /// Indices into `dataSet.suppliers` for every SKU: `result[skuIndex]`, preferred first.
    public static func candidatesBySKU(dataSet: DataSet) -> [[Int]] {
        var result = Array(repeating: [Int](), count: dataSet.skus.count)
        for (index, offer) in dataSet.suppliers.enumerated() {
            result[offer.skuIndex].append(index)
        }
        return result.map { indices in
            indices.sorted { lhs, rhs in
                let left = dataSet.suppliers[lhs]
                let right = dataSet.suppliers[rhs]
                if left.role != right.role { return left.role == .primary }
                if left.rank != right.rank { return left.rank < right.rank }
                return lhs < rhs
            }
        }
    }
}
