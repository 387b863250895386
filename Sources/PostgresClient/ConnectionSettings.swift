internal import CLibPQ
import Glibc

/// A libpq connection string (`host=db user=planner password=...`) or URL (`postgresql://u:p@host/db?...`),
/// parsed once by libpq itself (`PQconninfoParse`), so every form libpq accepts is understood the way libpq
/// understands it, and no other.
///
/// It never prints a secret: `description`, `debugDescription` and its reflection show the masked form
/// (`postgresql://u:***@host/db`), hiding every option libpq marks as a password field (`password`,
/// `sslpassword`). Anything else that prints settings must print this type, not the text it was made from.
public struct ConnectionSettings: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// One option with a value, as libpq parsed it.
    struct Option: Sendable, Equatable {
        var keyword: String
        var value: String
        /// libpq's display character "*": a password field, never shown.
        var isSecret: Bool
    }

    /// The options with values, in libpq's keyword order.
    let options: [Option]

    /// Parses `text`. Throws ``ConnectionSettingsError`` when libpq cannot parse it; the error never quotes
    /// the text, which may hold a password.
    public init(_ text: String) throws(ConnectionSettingsError) {
        guard !text.utf8.contains(0) else { throw ConnectionSettingsError() }
        var message: UnsafeMutablePointer<CChar>? = nil
        guard let parsed = PQconninfoParse(text, &message) else {
            if let message { PQfreemem(message) }
            throw ConnectionSettingsError()
        }
        defer { PQconninfoFree(parsed) }
        var options: [Option] = []
        var entry = parsed
        while let keyword = entry.pointee.keyword {
            if let value = entry.pointee.val {
                let display = entry.pointee.dispchar.map { String(cString: $0) } ?? ""
                options.append(
                    Option(keyword: String(cString: keyword), value: String(cString: value), isSecret: display == "*")
                )
            }
            entry += 1
        }
        self.options = options
    }

    /// The value of `keyword`, or nil; only for options that are not secret.
    public func value(of keyword: String) -> String? {
        options.first { $0.keyword == keyword && !$0.isSecret }?.value
    }

    /// These settings with `keyword` set to `value` (replacing a value it had).
    public func setting(_ keyword: String, to value: String) -> ConnectionSettings {
        let secret = options.first { $0.keyword == keyword }?.isSecret ?? false
        return ConnectionSettings(
            options: options.filter { $0.keyword != keyword }
                + [Option(keyword: keyword, value: value, isSecret: secret)]
        )
    }

    private init(options: [Option]) {
        self.options = options
    }

    /// The masked URL: `postgresql://user:***@host:port/dbname?other=options`, secrets as `***`, a socket
    /// directory as the `host` query parameter.
    public var description: String {
        var userInfo = ""
        if let user = value(of: "user") { userInfo = Self.encoded(user) }
        if options.contains(where: { $0.keyword == "password" }) { userInfo += ":***" }
        if !userInfo.isEmpty { userInfo += "@" }
        let host = value(of: "host")
        let hostIsPath = host.map { $0.hasPrefix("/") || $0.contains(",") } ?? false
        var authority = userInfo + (hostIsPath ? "" : host.map(Self.encoded) ?? "")
        if let port = value(of: "port"), !hostIsPath { authority += ":" + Self.encoded(port) }
        var query: [String] = []
        if hostIsPath, let host { query.append("host=" + Self.encoded(host)) }
        if hostIsPath, let port = value(of: "port") { query.append("port=" + Self.encoded(port)) }
        for option in options where !["user", "password", "host", "port", "dbname"].contains(option.keyword) {
            query.append(option.keyword + "=" + (option.isSecret ? "***" : Self.encoded(option.value)))
        }
        let database = value(of: "dbname").map { "/" + Self.encoded($0) } ?? "/"
        return "postgresql://" + authority + database + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    public var debugDescription: String { description }

    /// Reflection (`dump`, debuggers) sees the masked form only.
    public var customMirror: Mirror {
        Mirror(self, children: ["masked": description], displayStyle: .struct)
    }

    /// `text` with every secret value of these settings (as given, and percent-encoded) replaced by `***`:
    /// for messages that libpq or a server built from them.
    public func redacting(_ text: String) -> String {
        var result = text
        for option in options where option.isSecret && !option.value.isEmpty {
            for form in Set([option.value, Self.encoded(option.value)]) {
                result = result.replacingAll(form, with: "***")
            }
        }
        return result
    }

    /// The settings as a `key='value'` connection string for a client program (`pg_dump --dbname`), without the
    /// password: that goes in the program's environment (``passwordEnvironment``), never on its command line.
    public var connectionStringWithoutPassword: String {
        options.filter { !$0.isSecret }.map { option in
            let escaped = option.value.replacingAll("\\", with: "\\\\").replacingAll("'", with: "\\'")
            return "\(option.keyword)='\(escaped)'"
        }.joined(separator: " ")
    }

    /// `PGPASSWORD` with the password, for a client program's environment; empty without a password.
    public var passwordEnvironment: [String: String] {
        options.first { $0.keyword == "password" }.map { ["PGPASSWORD": $0.value] } ?? [:]
    }

    /// Keywords and values for `PQconnectdbParams`, secrets included: only for opening a connection.
    var keywordsAndValues: (keywords: [String], values: [String]) {
        (options.map(\.keyword), options.map(\.value))
    }

    /// RFC 3986 percent-encoding of everything except unreserved characters, for a part of a libpq URL.
    public static func encoded(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                encoded.append(Character(Unicode.Scalar(byte)))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return encoded
    }
}

/// A connection string libpq cannot parse. Its message does not quote the string: it may hold a password.
public struct ConnectionSettingsError: Error, Sendable, CustomStringConvertible {
    public var description: String {
        "not a connection string or URL libpq can read (postgresql://user@host:port/dbname?options, or "
            + "key=value pairs); it is not shown here because it may hold a password"
    }
}

extension String {
    /// Every occurrence of `target` (as UTF-8 bytes) replaced by `replacement`.
    func replacingAll(_ target: String, with replacement: String) -> String {
        let bytes = Array(utf8)
        let needle = Array(target.utf8)
        guard !needle.isEmpty, bytes.count >= needle.count else { return self }
        var result: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if index + needle.count <= bytes.count, bytes[index..<index + needle.count].elementsEqual(needle) {
                result += replacement.utf8
                index += needle.count
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
