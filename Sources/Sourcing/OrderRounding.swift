import InventoryPolicy

/// Rounding of an order quantity to what a supplier accepts.
public enum OrderRounding {
    /// `wanted` raised to the minimum order quantity and then up to a multiple of `packSize` (the lot rounding
    /// of ``InventoryFormulas/lotSize(economicOrderQuantity:moq:packSize:)``). When the
    /// result exceeds a finite `remainingCapacity`, the largest pack multiple within it is taken instead,
    /// provided it still meets the MOQ; nil when no acceptable quantity fits (or nothing is wanted).
    public static func quantity(wanted: Int, moq: Int, packSize: Int, remainingCapacity: Int?) -> Int? {
        guard wanted > 0 else { return nil }
        let pack = max(1, packSize)
        let minimum = max(1, moq)
        let rounded = InventoryFormulas.lotSize(economicOrderQuantity: Double(wanted), moq: moq, packSize: packSize)
        guard let capacity = remainingCapacity else { return rounded }
        if rounded <= capacity { return rounded }
        let fitting = max(0, capacity) / pack * pack
        return fitting >= minimum ? fitting : nil
    }
}
