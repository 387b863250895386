import InventoryPolicy
import PlannerCore
import Testing

@Suite struct XYZClassifierTests {
    static let planDate = day("2025-03-03")

    @Test func boundariesAreInclusiveAtXAndY() {
        let thresholds = XYZThresholds()
        #expect(XYZClassifier.classify(0.5, thresholds: thresholds) == .X)
        #expect(XYZClassifier.classify(0.500_000_1, thresholds: thresholds) == .Y)
        #expect(XYZClassifier.classify(1.0, thresholds: thresholds) == .Y)
        #expect(XYZClassifier.classify(1.000_000_1, thresholds: thresholds) == .Z)
        #expect(XYZClassifier.classify(nil, thresholds: thresholds) == .Z)
    }

    @Test func coefficientOfVariationIsPopulationSDOverMean() throws {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, population sd 2 (the textbook example), CV 0.4.
        let cv = try #require(XYZClassifier.coefficientOfVariation([2, 4, 4, 4, 5, 5, 7, 9]))
        #expect(abs(cv - 0.4) < 1e-15)
        #expect(XYZClassifier.coefficientOfVariation([]) == nil)
        #expect(XYZClassifier.coefficientOfVariation([0, 0]) == nil)
    }

    @Test func weeksCountFromTheFirstSaleInTheLast52Weeks() throws {
        // S0 sells 10 every week of the year (steady: CV 0 -> X). S1 sells only in the last two weeks, 5 then
        // 15: measured over those two weeks, mean 10, sd 5, CV 0.5 -> X (not Z for the 50 empty weeks
        // before it existed). S2 sells 30 once in week 0 and nothing after: 52 weeks, CV sqrt(51) -> Z.
        // S3 sells only on the plan date and before the window: no demand -> Z without a CV.
        var rows: [DemandRow] = (0..<52).map { week in (0, 0, Self.planDate.adding(days: -364 + 7 * week), 10) }
        rows += [(1, 0, Self.planDate.adding(days: -14), 5), (1, 0, Self.planDate.adding(days: -7), 15)]
        rows += [(2, 0, Self.planDate.adding(days: -364), 30)]
        rows += [(3, 0, Self.planDate, 50), (3, 0, Self.planDate.adding(days: -365), 50)]
        let dataSet = makeDataSet(skuIDs: ["S0", "S1", "S2", "S3"], rows: rows)
        let result = XYZClassifier.classify(dataSet: dataSet, planDate: Self.planDate, thresholds: XYZThresholds())
        #expect(result.classes == [.X, .X, .Z, .Z])
        #expect(result.weeklyCV[0] == 0)
        #expect(abs(try #require(result.weeklyCV[1]) - 0.5) < 1e-15)
        #expect(abs(try #require(result.weeklyCV[2]) - 51.0.squareRoot()) < 1e-12)
        #expect(result.weeklyCV[3] == nil)
    }
}
