/// The allocation could not be computed: invalid input caught before GLPK, or a solver outcome the
/// model rules out (a non-optimal status, a fractional vertex).
public struct AllocationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { "allocation: \(message)" }
}
