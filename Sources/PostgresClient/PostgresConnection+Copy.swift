internal import CLibPQ

extension PostgresConnection {
    /// Bytes handed to one `PQputCopyData` call.
    static let copyChunkBytes = 256 * 1024

    /// Streams rows into `table` with `COPY ... FROM STDIN` (text format) and returns the number of rows the
    /// server stored. `rows` calls `emit` once per row, values in `columns` order (nil is SQL NULL).
    ///
    /// Data goes out in chunks of about 256 KB. A server-side failure (a value that does not parse, a wrong
    /// number of fields, a violated constraint) throws `PostgresError` with its SQLSTATE. An error thrown by
    /// `rows` ends the COPY with `PQputCopyEnd(errormsg)` (the server discards it) and is rethrown; either way
    /// the connection stays usable. Inside a transaction, a failed COPY aborts that transaction.
    ///
    /// `freeze` loads the rows frozen (`COPY ... WITH (FREEZE)`), for a table created or truncated in the current
    /// transaction: no later vacuum has to visit them.
    @discardableResult
    public func copyIn(
        schema: String? = nil,
        table: String,
        columns: [String],
        freeze: Bool = false,
        rows: (_ emit: ([String?]) throws -> Void) throws -> Void
    ) throws -> Int {
        let target = schema.map { quoteIdentifier([$0, table]) } ?? quoteIdentifier(table)
        let columnList = columns.map { quoteIdentifier($0) }.joined(separator: ", ")
        let start = PQexec(handle, "COPY \(target) (\(columnList)) FROM STDIN\(freeze ? " WITH (FREEZE)" : "")")
        defer { PQclear(start) }
        try check(start, accepting: [PGRES_COPY_IN])

        var encoder = CopyTextEncoder(capacity: Self.copyChunkBytes + 64 * 1024)
        do {
            try rows { row in
                encoder.append(row: row)
                if encoder.buffer.count >= Self.copyChunkBytes {
                    try self.putCopyData(encoder.buffer)
                    encoder.removeAll()
                }
            }
            if !encoder.buffer.isEmpty {
                try putCopyData(encoder.buffer)
            }
        } catch let failure as CopySendFailure {
            // The server already ended the COPY (usually with an error of its own): report that error.
            throw finishCopy() ?? PostgresError(sqlState: nil, message: failure.message)
        } catch {
            _ = PQputCopyEnd(handle, "COPY aborted by the client: \(error)")
            _ = finishCopy()
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else {
            let message = connectionErrorMessage()
            throw finishCopy() ?? PostgresError(sqlState: nil, message: message)
        }
        var storedRows = 0
        if let failure = finishCopy(storedRows: &storedRows) {
            throw failure
        }
        return storedRows
    }

    private func putCopyData(_ bytes: [UInt8]) throws {
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                PQputCopyData(handle, chars.baseAddress, Int32(chars.count))
            }
        }
        guard status == 1 else {
            throw CopySendFailure(message: connectionErrorMessage())
        }
    }

    private func finishCopy() -> PostgresError? {
        var ignored = 0
        return finishCopy(storedRows: &ignored)
    }

    /// Reads every result left after the end of a COPY; returns the first error, if any.
    private func finishCopy(storedRows: inout Int) -> PostgresError? {
        var firstError: PostgresError?
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            let status = PQresultStatus(result)
            if status == PGRES_COPY_IN {
                // Still in COPY mode: the end marker was not delivered; end it as failed and keep draining.
                if PQputCopyEnd(handle, "COPY aborted by the client") != 1 {
                    firstError = firstError ?? PostgresError(sqlState: nil, message: connectionErrorMessage())
                    break
                }
            } else if status == PGRES_COMMAND_OK {
                storedRows = Int(String(cString: PQcmdTuples(result))) ?? 0
            } else {
                firstError = firstError ?? error(from: result)
            }
        }
        return firstError
    }
}

/// `PQputCopyData` refused data: the COPY is no longer in progress on this connection.
private struct CopySendFailure: Error {
    var message: String
}
