internal import CLibPQ
import Glibc

/// One libpq connection (`PGconn`), closed with `PQfinish` when the object goes away.
///
/// Modelled on GRDB's SQLite `Database`: a plain class, not `Sendable`; use it from one thread at a time.
/// Server NOTICE messages (`schema already exists, skipping`) are never printed to stderr: they are dropped,
/// or handed to `noticeHandler` when one is given.
public final class PostgresConnection {
    let handle: OpaquePointer
    /// Kept alive as long as the connection: libpq's notice processor gets a raw pointer to it.
    private let noticeSink: NoticeSink

    /// Connects with a libpq connection string or URL (`postgresql:///planner?host=/path/to/socketdir`).
    public convenience init(url: String, noticeHandler: ((String) -> Void)? = nil) throws {
        try self.init(settings: try ConnectionSettings(url), noticeHandler: noticeHandler)
    }

    /// Connects with parsed settings. A failure's message has the settings' secrets masked.
    public init(settings: ConnectionSettings, noticeHandler: ((String) -> Void)? = nil) throws {
        let (keywords, values) = settings.keywordsAndValues
        let connection = withCStrings(keywords) { keywordPointers in
            withCStrings(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 0)
            }
        }
        guard let connection else {
            throw PostgresError(sqlState: nil, message: "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(connection)).trimmingWhitespace()
            PQfinish(connection)
            throw PostgresError(sqlState: nil, message: "could not connect: \(settings.redacting(message))")
        }
        self.handle = connection
        self.noticeSink = NoticeSink(handler: noticeHandler)
        PQsetNoticeProcessor(connection, forwardNotice, Unmanaged.passUnretained(noticeSink).toOpaque())
    }

    deinit {
        PQfinish(handle)
    }

    /// Runs one or more SQL statements separated by semicolons (simple query protocol, no parameters).
    /// Without an explicit BEGIN the statements of one call run in one implicit transaction.
    public func execute(_ sql: String) throws {
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        try check(result, accepting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY])
    }

    /// Runs one statement with `$1, $2, ...` parameters sent as text (nil is SQL NULL) and returns every row,
    /// each value as PostgreSQL's text form (nil for NULL).
    public func query(_ sql: String, parameters: [String?] = []) throws -> [[String?]] {
        let copies: [UnsafeMutablePointer<CChar>?] = parameters.map { value in value.flatMap { strdup($0) } }
        defer { for copy in copies { free(copy) } }
        let values: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
        let result = PQexecParams(handle, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        defer { PQclear(result) }
        try check(result, accepting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK])
        let rowCount = PQntuples(result)
        let columnCount = PQnfields(result)
        var rows: [[String?]] = []
        rows.reserveCapacity(Int(rowCount))
        for row in 0..<rowCount {
            var values: [String?] = []
            values.reserveCapacity(Int(columnCount))
            for column in 0..<columnCount {
                if PQgetisnull(result, row, column) != 0 {
                    values.append(nil)
                } else {
                    values.append(String(cString: PQgetvalue(result, row, column)))
                }
            }
            rows.append(values)
        }
        return rows
    }

    /// Runs `body` between BEGIN and COMMIT; any error thrown rolls the transaction back and is rethrown.
    /// A COMMIT of a transaction the server has already aborted is reported as an error, not as success.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let value = try body()
            guard PQtransactionStatus(handle) == PQTRANS_INTRANS else {
                throw PostgresError(sqlState: "25P02", message: "transaction was aborted; COMMIT would roll back")
            }
            try execute("COMMIT")
            return value
        } catch {
            if PQtransactionStatus(handle) != PQTRANS_IDLE {
                _ = try? execute("ROLLBACK")
            }
            throw error
        }
    }

    /// True while the server connection is healthy.
    public var isConnected: Bool {
        PQstatus(handle) == CONNECTION_OK
    }

    /// Throws the server's error unless `result` has one of the accepted statuses.
    func check(_ result: OpaquePointer?, accepting statuses: [ExecStatusType]) throws {
        guard let result else {
            throw PostgresError(sqlState: nil, message: connectionErrorMessage())
        }
        let status = PQresultStatus(result)
        guard statuses.contains(status) else {
            throw error(from: result)
        }
    }

    func error(from result: OpaquePointer) -> PostgresError {
        let sqlState = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
        var message = String(cString: PQresultErrorMessage(result)).trimmingWhitespace()
        if message.isEmpty {
            let status = String(cString: PQresStatus(PQresultStatus(result)))
            message = "unexpected result status \(status)"
        }
        return PostgresError(sqlState: sqlState, message: message)
    }

    func connectionErrorMessage() -> String {
        let message = String(cString: PQerrorMessage(handle)).trimmingWhitespace()
        return message.isEmpty ? "libpq returned no result" : message
    }
}

/// Calls `body` with a NULL-terminated array of C strings copied from `strings`, freed afterwards.
private func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { for copy in copies { free(copy) } }
    return body(copies.map { $0.map { UnsafePointer($0) } } + [nil])
}

/// Holds the optional Swift notice handler; libpq's C callback reaches it through its `void *` argument.
private final class NoticeSink {
    let handler: ((String) -> Void)?

    init(handler: ((String) -> Void)?) {
        self.handler = handler
    }
}

/// libpq notice processor: forwards the message to the connection's handler, or drops it.
private func forwardNotice(_ context: UnsafeMutableRawPointer?, _ message: UnsafePointer<CChar>?) {
    guard let context, let message else { return }
    let sink = Unmanaged<NoticeSink>.fromOpaque(context).takeUnretainedValue()
    sink.handler?(String(cString: message).trimmingWhitespace())
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        return String(scalars)
    }
}
