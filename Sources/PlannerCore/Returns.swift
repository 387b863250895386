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
///
/// Stored in 17 bytes (a 20-byte stride against 40 for `Int` fields): a returns file of the 100,000-SKU benchmark
/// holds 28 M rows. Every value fits: days within ``InputLimits``, indices of at most `Int32.max` entities,
/// quantities up to ``InputLimits/quantityMax``; the initializer traps on a value that does not.
public struct ReturnRecord: Sendable, Equatable {
    private var daysSinceEpoch: Int32
    private var storedSKUIndex: Int32
    private var storedRegionIndex: Int32
    private var storedQuantity: Int32
    public var grade: ReturnGrade?

    public var day: Day {
        get { Day(daysSinceEpoch: Int(daysSinceEpoch)) }
        set { daysSinceEpoch = Int32(newValue.daysSinceEpoch) }
    }
    public var skuIndex: Int {
        get { Int(storedSKUIndex) }
        set { storedSKUIndex = Int32(newValue) }
    }
    public var regionIndex: Int {
        get { Int(storedRegionIndex) }
        set { storedRegionIndex = Int32(newValue) }
    }
    public var quantity: Int {
        get { Int(storedQuantity) }
        set { storedQuantity = Int32(newValue) }
    }

    public init(day: Day, skuIndex: Int, regionIndex: Int, quantity: Int, grade: ReturnGrade?) {
        self.daysSinceEpoch = Int32(day.daysSinceEpoch)
        self.storedSKUIndex = Int32(skuIndex)
        self.storedRegionIndex = Int32(regionIndex)
        self.storedQuantity = Int32(quantity)
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
