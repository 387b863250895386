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
            guard var field else {
                buffer.append(UInt8(ascii: "\\"))
                buffer.append(UInt8(ascii: "N"))
                continue
            }
            // Most fields (numbers, ids, dates) need no escape: copy their bytes at once.
            let copied = field.withUTF8 { bytes -> Bool in
                guard !bytes.contains(where: Self.needsEscape) else { return false }
                buffer.append(contentsOf: bytes)
                return true
            }
            if !copied { appendEscaped(field) }
        }
        buffer.append(UInt8(ascii: "\n"))
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }

    private mutating func appendEscaped(_ field: String) {
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

    mutating func removeAll() {
        buffer.removeAll(keepingCapacity: true)
    }
}
