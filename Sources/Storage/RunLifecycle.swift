/// Why a run was made: the scheduler's `daily` allocation (`planner allocate`) or a planner's `scenario`
/// (`planner plan`). docs/data-contract.md, "Run lifecycle", says who sees which.
public enum RunPurpose: String, Sendable, CaseIterable, Codable {
    case daily
    case scenario
}

/// Where a stored run stands. A run is `complete` when committed; a published run becomes `superseded` when
/// another run is published for its plan date.
public enum RunStatus: String, Sendable, CaseIterable, Codable {
    case complete
    case superseded
}

/// What a run computed: the whole pipeline or the daily allocation.
public enum RunKind: String, Sendable, CaseIterable, Codable {
    case plan
    case allocate

    /// The purpose a run of this kind has.
    public var purpose: RunPurpose {
        switch self {
        case .plan: .scenario
        case .allocate: .daily
        }
    }
}

extension CaseIterable where Self: RawRepresentable, RawValue == String {
    /// `column IN ('a', 'b')` for a CHECK constraint, from the Swift cases: the one list both sides use.
    static func sqlCheck(_ column: String) -> String {
        "\(column) IN (" + allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"
    }
}
