internal import CLibPQ
import Glibc

extension PostgresConnection {
    /// Runs `COPY (query) TO STDOUT` (text format) and calls `row` with each row's values as text (nil for NULL),
    /// streaming: only one row is decoded at a time, whatever the size of the result. Returns the number of rows.
    @discardableResult
    public func copyOut(query: String, row: ([String?]) throws -> Void) throws -> Int {
        let start = PQexec(handle, "COPY (\(query)) TO STDOUT")
        defer { PQclear(start) }
        try check(start, accepting: [PGRES_COPY_OUT])
        var count = 0
        var failure: (any Error)? = nil
        while true {
            var buffer: UnsafeMutablePointer<CChar>? = nil
            let length = PQgetCopyData(handle, &buffer, 0)
            if length == -1 { break }
            if length == -2 {
                throw PostgresError(sqlState: nil, message: connectionErrorMessage())
            }
            guard let buffer else { continue }
            defer { PQfreemem(buffer) }
            // After a failure in `row`, keep reading to the end so the connection stays usable.
            guard failure == nil else { continue }
            let bytes = UnsafeRawBufferPointer(start: buffer, count: Int(length))
            do {
                try row(CopyTextDecoder.fields(of: bytes))
                count += 1
            } catch {
                failure = error
            }
        }
        var serverError: PostgresError? = nil
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            if PQresultStatus(result) != PGRES_COMMAND_OK { serverError = serverError ?? error(from: result) }
        }
        if let failure { throw failure }
        if let serverError { throw serverError }
        return count
    }
}

/// Decodes one row of PostgreSQL's COPY text format: the inverse of ``CopyTextEncoder``.
enum CopyTextDecoder {
    static func fields(of line: UnsafeRawBufferPointer) -> [String?] {
        var fields: [String?] = []
        var field: [UInt8] = []
        var index = 0
        var end = line.count
        if end > 0, line[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        func finish() {
            fields.append(
                field == [UInt8(ascii: "\\"), UInt8(ascii: "N")] ? nil : String(decoding: field, as: UTF8.self)
            )
            field.removeAll(keepingCapacity: true)
        }
        while index < end {
            let byte = line[index]
            if byte == UInt8(ascii: "\t") {
                finish()
            } else if byte == UInt8(ascii: "\\"), index + 1 < end {
                index += 1
                switch line[index] {
                case UInt8(ascii: "t"): field.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "n"): field.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "r"): field.append(UInt8(ascii: "\r"))
                case UInt8(ascii: "N") where field.isEmpty:
                    field += [UInt8(ascii: "\\"), UInt8(ascii: "N")]
                default: field.append(line[index])
                }
            } else {
                field.append(byte)
            }
            index += 1
        }
        finish()
        return fields
    }
}
