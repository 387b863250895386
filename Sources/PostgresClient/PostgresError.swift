/// An error reported by libpq or by the PostgreSQL server.
///
/// `sqlState` is the five-character SQLSTATE code of a server error (`22P02` invalid text representation,
/// `23505` unique violation, ...; see the PostgreSQL manual, appendix A); it is nil for client-side failures
/// such as a refused connection.
public struct PostgresError: Error, CustomStringConvertible, Sendable {
    public var sqlState: String?
    public var message: String

    public init(sqlState: String?, message: String) {
        self.sqlState = sqlState
        self.message = message
    }

    public var description: String {
        if let sqlState {
            return "PostgreSQL error \(sqlState): \(message)"
        }
        return "PostgreSQL error: \(message)"
    }
}
