import PlannerCore

/// One data row of a ``CSVTable``, read field by field by column number in the table's column list.
///
/// Every accessor returns nil when the field breaks its rule and records an ``InputIssue`` naming
/// the file, the physical line, the 1-based field column and the column name.
struct CSVRow {
    let file: String
    let columns: [String]
    private var record = CSVRecord()
    private var fieldIndexByColumn: [Int] = []
    private var issues: [InputIssue] = []

    init(file: String, columns: [String]) {
        self.file = file
        self.columns = columns
    }

    var line: Int { record.line }

    mutating func start(record: CSVRecord, fieldIndexByColumn: [Int]) {
        self.record = record
        self.fieldIndexByColumn = fieldIndexByColumn
    }

    mutating func takeIssues() -> [InputIssue] {
        defer { issues.removeAll(keepingCapacity: true) }
        return issues
    }

    var hasIssues: Bool { !issues.isEmpty }

    /// Records a problem with column `column` of this row (field 0 when it is an absent optional column).
    mutating func fail(_ column: Int, _ message: String) {
        issues.append(
            InputIssue(
                file: file,
                line: record.line,
                column: fieldIndexByColumn[column] + 1,
                message: "\(columns[column]): \(message)"
            )
        )
    }

    /// Whether this row, whose sku is column `skuColumn`, is one of `filter`'s shard (always without a filter). A row
    /// of another shard is skipped unread, or, when the filter refuses others, recorded as a problem at its sku.
    mutating func isShardRow(_ filter: RowFilter?, skuColumn: Int, lookup: EntityLookup) -> Bool {
        guard let filter else { return true }
        let sku = raw(skuColumn)
        guard !filter.owns(sku: sku, index: lookup.skuIndex[sku]) else { return true }
        if filter.refusesOthers {
            issues.append(
                InputIssue(
                    file: file,
                    line: record.line,
                    column: fieldIndexByColumn[skuColumn] + 1,
                    message: filter.foreignRowMessage(sku: sku)
                )
            )
        }
        return false
    }

    private func raw(_ column: Int) -> String {
        let field = fieldIndexByColumn[column]
        return field < 0 ? "" : record.string(field) ?? "\u{FFFD}"
    }

    /// The field as a message shows it: quoted, shortened, control characters escaped.
    private func shown(_ column: Int) -> String {
        InputLimits.quoted(raw(column))
    }

    /// Whether the field is empty (an optional column absent from the header counts as empty).
    func isEmpty(_ column: Int) -> Bool {
        let field = fieldIndexByColumn[column]
        return field < 0 || record.isEmpty(field)
    }

    /// A number in [minimum, maximum] like ``decimal(_:minimum:maximum:)``, or `.some(nil)` when the field is
    /// empty or its optional column absent.
    mutating func optionalDecimal(
        _ column: Int,
        minimum: Double = 0,
        maximum: Double = CSVRow.largestDecimal
    )
        -> Double??
    {
        isEmpty(column) ? .some(nil) : decimal(column, minimum: minimum, maximum: maximum).map { .some($0) }
    }

    /// `true` or `false` (exact spelling), or `whenEmpty` for an empty field or an absent optional column.
    mutating func flag(_ column: Int, whenEmpty: Bool) -> Bool? {
        if isEmpty(column) { return whenEmpty }
        switch raw(column) {
        case "true": return true
        case "false": return false
        case let value:
            fail(
                column,
                "expected 'true' or 'false' (or empty, meaning \(whenEmpty)), found \(InputLimits.quoted(value))"
            )
            return nil
        }
    }

    /// A non-empty identifier (sku, region, order id, ...) without surrounding spaces or control characters,
    /// at most ``InputLimits/identifierMaxBytes`` bytes.
    mutating func identifier(_ column: Int) -> String? {
        text(column, maxBytes: InputLimits.identifierMaxBytes)
    }

    /// A non-empty name or identifier without surrounding spaces or control characters, at most `maxBytes`
    /// bytes (by default ``InputLimits/textMaxBytes``, the limit of free text such as names).
    mutating func text(_ column: Int, maxBytes: Int = InputLimits.textMaxBytes) -> String? {
        let field = fieldIndexByColumn[column]
        guard let value = field < 0 ? "" : record.string(field) else {
            fail(column, "is not valid UTF-8")
            return nil
        }
        if value.isEmpty {
            fail(column, "must not be empty")
            return nil
        }
        if let problem = InputLimits.problem(with: value, maxBytes: maxBytes) {
            fail(column, "\(InputLimits.quoted(value)) \(problem)")
            return nil
        }
        if value.trimmingWhitespace() != value {
            fail(column, "\(InputLimits.quoted(value)) has leading or trailing spaces")
            return nil
        }
        return value
    }

    /// A whole number `>= minimum`, or nil (with `nil` for an empty field when `emptyAllowed`).
    mutating func wholeNumber(_ column: Int, minimum: Int = 0, emptyAllowed: Bool = false) -> Int?? {
        let field = fieldIndexByColumn[column]
        if isEmpty(column) {
            if emptyAllowed { return .some(nil) }
            fail(column, "must not be empty; expected a whole number >= \(minimum)")
            return nil
        }
        let parsed: Int? = record.withBytes(field) { bytes in
            var value = 0
            var negative = false
            var index = bytes.startIndex
            if bytes[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            } else if bytes[index] == UInt8(ascii: "+") {
                index += 1
            }
            guard index < bytes.endIndex, bytes.endIndex - index <= 18 else { return nil }
            while index < bytes.endIndex {
                let digit = Int(bytes[index]) - 48
                guard digit >= 0, digit <= 9 else { return nil }
                value = value * 10 + digit
                index += 1
            }
            return negative ? -value : value
        }
        guard let value = parsed else {
            fail(column, "expected a whole number, found \(shown(column))")
            return nil
        }
        guard value >= minimum else {
            fail(column, "must be at least \(minimum), found \(value)")
            return nil
        }
        guard value <= Int(Int32.max) else {
            fail(column, "\(value) is too large (at most \(Int32.max))")
            return nil
        }
        return .some(value)
    }

    /// A required whole number `>= minimum`.
    mutating func requiredWholeNumber(_ column: Int, minimum: Int = 0) -> Int? {
        wholeNumber(column, minimum: minimum) ?? nil
    }

    /// A finite decimal number in `minimum...maximum` (`.` as decimal point; an exponent is accepted).
    mutating func decimal(_ column: Int, minimum: Double = 0, maximum: Double = CSVRow.largestDecimal) -> Double? {
        let text = raw(column)
        guard !text.isEmpty else {
            fail(column, "must not be empty; expected a number >= \(minimum)")
            return nil
        }
        guard
            text.allSatisfy({
                $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+" || $0 == "e" || $0 == "E")
            }),
            let value = Double(text), value.isFinite
        else {
            fail(column, "expected a number, found \(InputLimits.quoted(text))")
            return nil
        }
        guard value >= minimum else {
            fail(column, "must be at least \(minimum), found \(InputLimits.shortened(text))")
            return nil
        }
        guard value <= maximum else {
            fail(column, "must be at most \(Int(maximum)), found \(InputLimits.shortened(text))")
            return nil
        }
        return value
    }

    /// Refuses a SKU whose order cost K is too large for its holding cost h = rate x unit cost: the EOQ
    /// sqrt(2 K D / h) must stay within 64-bit whole units (``InputLimits/orderToHoldingCostRatioMax``). Either
    /// cost being 0 is allowed: the EOQ is then 0 and the lot is the MOQ.
    mutating func checkOrderToHoldingCost(
        orderCost: Double,
        unitCost: Double,
        holdingCostRate: Double,
        column: Int
    ) {
        guard orderCost > 0, unitCost > 0, holdingCostRate > 0 else { return }
        let holdingCost = holdingCostRate * unitCost
        guard holdingCost * InputLimits.orderToHoldingCostRatioMax < orderCost else { return }
        fail(
            column,
            "order_cost \(orderCost) over holding cost (holding_cost_rate \(holdingCostRate) x unit_cost "
                + "\(unitCost)) is more than \(InputLimits.orderToHoldingCostRatioMax) unit-years: the economic "
                + "order quantity would be beyond any whole number of units; check these three values"
        )
    }

    /// Bound of money and rates: larger values are typos, and would overflow the LP's objective.
    static let largestDecimal = 1e9
    /// Bound of lead times and their deviations, in days (ten years).
    static let longestLeadTimeDays = 3650.0

    /// An ISO 8601 calendar date `YYYY-MM-DD` that exists.
    mutating func day(_ column: Int) -> Day? {
        let field = fieldIndexByColumn[column]
        let parsed = field < 0 ? nil : record.withBytes(field) { Day(isoBytes: $0) }
        guard let day = parsed else {
            fail(column, "expected a date YYYY-MM-DD that exists, found \(shown(column))")
            return nil
        }
        guard InputLimits.contains(day) else {
            fail(
                column,
                "\(day) is outside the dates the planner accepts (\(InputLimits.earliestDay) to \(InputLimits.latestDay))"
            )
            return nil
        }
        return day
    }

    /// One of `allowed` (exact spelling).
    mutating func choice(_ column: Int, _ allowed: [String]) -> String? {
        let value = raw(column)
        guard allowed.contains(value) else {
            let list = allowed.map { "'\($0)'" }.joined(separator: " or ")
            fail(column, "expected \(list), found \(InputLimits.quoted(value))")
            return nil
        }
        return value
    }

    /// A reference to an entity read earlier: returns its index, or records "unknown X". An id in `refused`
    /// (its own row was refused, with its problem reported there) gives nil without a second message.
    mutating func reference(
        _ column: Int,
        in index: [String: Int],
        refused: Set<String> = [],
        noun: String,
        definedIn: String
    ) -> Int? {
        guard let key = identifier(column) else { return nil }
        guard let found = index[key] else {
            if refused.contains(key) { return nil }
            fail(column, "unknown \(noun) \(InputLimits.quoted(key)) (not in \(definedIn))")
            return nil
        }
        return found
    }
}

extension Day {
    /// Parses `YYYY-MM-DD` from raw bytes without building a String.
    init?(isoBytes bytes: ArraySlice<UInt8>) {
        guard bytes.count == 10 else { return nil }
        let base = bytes.startIndex
        func number(_ offset: Int, _ length: Int) -> Int? {
            var value = 0
            for position in base + offset..<base + offset + length {
                let digit = Int(bytes[position]) - 48
                guard digit >= 0, digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard bytes[base + 4] == UInt8(ascii: "-"), bytes[base + 7] == UInt8(ascii: "-"),
            let year = number(0, 4), let month = number(5, 2), let day = number(8, 2)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }
}
