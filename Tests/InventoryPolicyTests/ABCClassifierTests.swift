import InventoryPolicy
import PlannerCore
import Testing

@Suite struct ABCClassifierTests {
    let thresholds = ABCThresholds(a: 0.80, b: 0.95)

    @Test func classesFollowCumulativeShareOfSKUsRankedAbove() {
        // Total 1000. Share above: S0 0 -> A, S1 0.5 -> A, S2 0.8 (not < 0.8) -> B, S3 0.95 (not < 0.95) -> C,
        // S4 no revenue -> C.
        let classes = ABCClassifier.classes(
            revenue: [500, 300, 150, 50, 0],
            ids: ["S0", "S1", "S2", "S3", "S4"],
            thresholds: thresholds
        )
        #expect(classes == [.A, .A, .B, .C, .C])
    }

    @Test func tiesAreBrokenBySKUIDAscending() {
        // Index 1 "B" and index 2 "A" tie at 300: "A" ranks first (share 0.4 -> A), "B" next (share 0.7 -> B).
        let classes = ABCClassifier.classes(
            revenue: [400, 300, 300],
            ids: ["X", "B", "A"],
            thresholds: ABCThresholds(a: 0.7, b: 0.95)
        )
        #expect(classes == [.A, .B, .A])
    }

    @Test func allZeroRevenueIsAllC() {
        let classes = ABCClassifier.classes(revenue: [0, 0, -5], ids: ["a", "b", "c"], thresholds: thresholds)
        #expect(classes == [.C, .C, .C])
    }

    @Test func revenueUsesThe365DaysBeforeThePlanDate() {
        let planDate = day("2025-03-01")
        let rows: [DemandRow] = [
            (0, 0, planDate.adding(days: -1), 10),  // counted
            (0, 0, planDate.adding(days: -365), 5),  // counted: first day of the window
            (0, 0, planDate.adding(days: -366), 1000),  // too old
            (0, 0, planDate, 1000),  // on the plan date: not history
            (1, 0, planDate.adding(days: -30), 100),
            (2, 0, planDate.adding(days: 3), 50),  // only future sales: revenue 0
        ]
        let dataSet = makeDataSet(skuIDs: ["S0", "S1", "S2"], rows: rows)
        let result = ABCClassifier.classify(dataSet: dataSet, planDate: planDate, thresholds: thresholds)
        // Unit price 20: S0 (10 + 5) * 20 = 300, S1 100 * 20 = 2000, S2 0.
        #expect(result.revenue == [300, 2000, 0])
        // Total 2300: S1 share above 0 -> A; S0 share 2000/2300 = 0.87 -> B; S2 -> C.
        #expect(result.classes == [.B, .A, .C])
    }
}
