/// Quotes an SQL identifier: wraps it in double quotes and doubles any embedded double quote, so
/// `my "table"` becomes `"my ""table"""`. Safe for any name without a NUL character
/// (PostgreSQL manual, section 4.1.1 "Identifiers and Key Words").
public func quoteIdentifier(_ name: String) -> String {
    var quoted = "\""
    for character in name {
        quoted.append(character)
        if character == "\"" { quoted.append("\"") }
    }
    quoted.append("\"")
    return quoted
}

/// Quotes a qualified name: `planner.runs` given `["planner", "runs"]` becomes `"planner"."runs"`.
public func quoteIdentifier(_ parts: [String]) -> String {
    parts.map { quoteIdentifier($0) }.joined(separator: ".")
}

/// `'text'` as an SQL string literal: single quotes doubled (with `standard_conforming_strings`, on since
/// PostgreSQL 9.1, a backslash is an ordinary character). For DDL, which takes no parameters.
public func quoteLiteral(_ text: String) -> String {
    var quoted = "'"
    for character in text {
        quoted.append(character)
        if character == "'" { quoted.append("'") }
    }
    quoted.append("'")
    return quoted
}
