import PlannerCore
import Yams

extension ConfigurationLoader {
    /// Applies the keys present under `kpis`: each a whole number of days, 1 to 3,650.
    static func applyKPIs(_ node: Node, to settings: inout KPISettings, reader: inout YAMLReader) {
        let fields: [(key: String, path: WritableKeyPath<KPISettings, Int>)] = [
            ("sell_through_days", \.sellThroughDays), ("slow_mover_no_sale_days", \.slowMoverNoSaleDays),
            ("slow_mover_cover_days", \.slowMoverCoverDays),
        ]
        guard let entries = reader.mapping(node, context: "kpis", allowed: fields.map(\.key)) else { return }
        for (key, path) in fields {
            if let value = entries[key], let days = reader.wholeNumber(value, "kpis.\(key)", in: 1...3650) {
                settings[keyPath: path] = days
            }
        }
    }

    static let returnsKeys = ["grading_days", "grade_shares"]
    /// Tolerance of the grade shares' sum around 1.
    static let gradeShareSumTolerance = 1e-6

    /// Applies the keys present under `returns` (docs/configuration.md): `grading_days` (0 to 365) and
    /// `grade_shares` (resellable, defective, scrap: each in [0, 1], all three given, summing to 1).
    static func applyReturns(_ node: Node, to settings: inout ReturnsSettings, reader: inout YAMLReader) {
        guard let entries = reader.mapping(node, context: "returns", allowed: returnsKeys) else { return }
        if let value = entries["grading_days"],
            let days = reader.wholeNumber(value, "returns.grading_days", in: 0...365)
        {
            settings.gradingDays = days
        }
        guard let value = entries["grade_shares"],
            let shares = reader.mapping(
                value,
                context: "returns.grade_shares",
                allowed: ReturnGrade.allCases.map(\.rawValue)
            )
        else { return }
        var parsed: [ReturnGrade: Double] = [:]
        for grade in ReturnGrade.allCases {
            guard let shareNode = shares[grade.rawValue] else {
                reader.fail(
                    value,
                    "returns.grade_shares must give resellable, defective and scrap; \(grade.rawValue) is missing"
                )
                return
            }
            guard let share = reader.number(shareNode, "returns.grade_shares.\(grade.rawValue)", in: 0...1) else {
                return
            }
            parsed[grade] = share
        }
        let sum = ReturnGrade.allCases.reduce(0.0) { $0 + parsed[$1]! }
        guard abs(sum - 1) <= gradeShareSumTolerance else {
            reader.fail(value, "returns.grade_shares must sum to 1, found \((sum * 1e6).rounded() / 1e6)")
            return
        }
        settings.gradeShares = parsed
    }
}
