struct Usage: Error, CustomStringConvertible {
    var description: String
}

/// Command-line words, consumed option by option; whatever is left are the positional arguments.
struct Arguments {
    var words: [String]

    /// Removes `name VALUE` and returns VALUE; nil when the option is absent.
    mutating func option(_ name: String) throws -> String? {
        guard let index = words.firstIndex(of: name) else { return nil }
        guard index + 1 < words.count else { throw Usage(description: "\(name) needs a value") }
        let value = words[index + 1]
        words.removeSubrange(index...(index + 1))
        return value
    }

    /// Removes the flag `name` and says whether it was there.
    mutating func flag(_ name: String) -> Bool {
        guard let index = words.firstIndex(of: name) else { return false }
        words.remove(at: index)
        return true
    }
}
