/// Quotes an SQL identifier: wraps it in double quotes and doubles any embedded double quote, so
/// `my "table"` becomes `"my ""table"""`. Safe for any name without a NUL character
/// (PostgreSQL manual, section 4.1.1 "Identifiers and Key Words").
public func quoteIdentifier(_ name: String) -> String {
    enclose(name, in: "\"")
}

/// Quotes a qualified name: `planner.runs` given `["planner", "runs"]` becomes `"planner"."runs"`.
public func quoteIdentifier(_ parts: [String]) -> String {
    parts.map { quoteIdentifier($0) }.joined(separator: ".")
}

/// `'text'` as an SQL string literal: single quotes doubled (with `standard_conforming_strings`, on since
/// PostgreSQL 9.1, a backslash is an ordinary character). For DDL, which takes no parameters.
public func quoteLiteral(_ text: String) -> String {
    enclose(text, in: "'")
}

/// `text` between two `mark`s, each `mark` inside doubled: SQL's quoting of identifiers and of string literals.
private func enclose(_ text: String, in mark: Character) -> String {
    var quoted = String(mark)
    for character in text {
        quoted.append(character)
        if character == mark { quoted.append(mark) }
    }
    quoted.append(mark)
    return quoted
}
