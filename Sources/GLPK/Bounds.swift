/// Bounds of a row (constraint) or a column (variable) of a linear program.
public enum Bounds: Sendable, Equatable {
    /// -inf < value < +inf.
    case free
    /// lower <= value.
    case lower(Double)
    /// value <= upper.
    case upper(Double)
    /// lower <= value <= upper, with lower < upper (use `fixed` when they are equal).
    case range(Double, Double)
    /// value == fixed.
    case fixed(Double)

    /// Non-negative: 0 <= value.
    public static let nonNegative = Bounds.lower(0)

    /// Nil when valid; otherwise why GLPK would reject it.
    func validationFailure() -> String? {
        switch self {
        case .free:
            return nil
        case .lower(let value), .upper(let value), .fixed(let value):
            return value.isFinite ? nil : "bound \(value) is not finite"
        case .range(let lower, let upper):
            guard lower.isFinite, upper.isFinite else { return "bounds \(lower)...\(upper) are not finite" }
            return lower < upper ? nil : "lower bound \(lower) is not below upper bound \(upper)"
        }
    }
}
