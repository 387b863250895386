/// Encodes rows in PostgreSQL's COPY text format: fields separated by a tab, rows ended by a newline,
/// NULL written as `\N`, and backslash, tab, newline and carriage return escaped as `\\`, `\t`, `\n`, `\r`
/// (PostgreSQL manual, COPY, "Text Format").
struct CopyTextEncoder {
    private(set) var buffer: [UInt8] = []

    init(capacity: Int) {
        buffer.reserveCapacity(capacity)
    }

    mutating func append(row: [String?]) {
        for (index, field) in row.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: "\t")) }
            guard let field else {
                buffer.append(UInt8(ascii: "\\"))
                buffer.append(UInt8(ascii: "N"))
                continue
            }
            for byte in field.utf8 {
                switch byte {
                case UInt8(ascii: "\\"):
                    buffer.append(UInt8(ascii: "\\"))
                    buffer.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "\t"):
                    buffer.append(UInt8(ascii: "\\"))
                    buffer.append(UInt8(ascii: "t"))
                case UInt8(ascii: "\n"):
                    buffer.append(UInt8(ascii: "\\"))
                    buffer.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"):
                    buffer.append(UInt8(ascii: "\\"))
                    buffer.append(UInt8(ascii: "r"))
                default:
                    buffer.append(byte)
                }
            }
        }
        buffer.append(UInt8(ascii: "\n"))
    }

    mutating func removeAll() {
        buffer.removeAll(keepingCapacity: true)
    }
}
