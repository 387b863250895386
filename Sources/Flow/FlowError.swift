/// A coupled flow problem could not be solved: invalid input caught before any solver ran, a problem with
/// no feasible flow, or a solver outcome the algorithm rules out (a non-optimal GLPK status, a fractional
/// vertex where an integral one was promised). The message names the component, arc or row concerned.
public struct FlowError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { "flow: \(message)" }
}
