/// A step of the embedded database that failed: what was attempted, the program's exit status when a program
/// failed, and the last lines of `postgres.log`, which usually say why.
public struct EmbeddedPostgresError: Error, CustomStringConvertible, Sendable {
    public var operation: String
    public var exitStatus: Int32?
    public var logTail: String

    public init(operation: String, exitStatus: Int32? = nil, logTail: String = "") {
        self.operation = operation
        self.exitStatus = exitStatus
        self.logTail = logTail
    }

    public var description: String {
        var text = "embedded PostgreSQL: \(operation) failed"
        if let exitStatus { text += " (exit status \(exitStatus))" }
        if !logTail.isEmpty { text += "\nlast lines of the server log:\n\(logTail)" }
        return text
    }
}
