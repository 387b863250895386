/// What grading found a returned unit to be: sold again, written down as defective, or thrown away.
public enum ReturnGrade: String, Sendable, CaseIterable, Comparable {
    case resellable
    case defective
    case scrap

    public static func < (lhs: ReturnGrade, rhs: ReturnGrade) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Units of a SKU returned from a region on a day (`returns.csv`), with the grade they got; nil when not graded.
public struct ReturnRecord: Sendable, Equatable {
    public var day: Day
    public var skuIndex: Int
    public var regionIndex: Int
    public var quantity: Int
    public var grade: ReturnGrade?

    public init(day: Day, skuIndex: Int, regionIndex: Int, quantity: Int, grade: ReturnGrade?) {
        self.day = day
        self.skuIndex = skuIndex
        self.regionIndex = regionIndex
        self.quantity = quantity
        self.grade = grade
    }
}

/// The `returns:` section of the configuration.
public struct ReturnsSettings: Sendable, Equatable {
    /// Days from a unit's return to its being sellable again at the warehouse serving its region.
    public var gradingDays: Int
    /// Share of returned units per grade, summing to 1; nil: estimated from the graded return history.
    public var gradeShares: [ReturnGrade: Double]?

    public init(gradingDays: Int = 2, gradeShares: [ReturnGrade: Double]? = nil) {
        self.gradingDays = gradingDays
        self.gradeShares = gradeShares
    }
}
