import Foundation
import PlannerCore
import Testing

@testable import PlannerInput

/// returns.csv and the `returns` key of the configuration.
@Suite struct ReturnsInputTests {
    func load(returns: String) throws -> (DataSet?, [InputIssue], String) {
        let fixture = try Fixture(replacing: ["returns.csv": returns])
        var data: DataSet? = nil
        let found = issues { data = try DataSetLoader.load(directory: fixture.dataDirectory) }
        return (data, found, fixture.dataDirectory + "/returns.csv")
    }

    @Test func readsGradedAndUngradedReturnsAndAFileWithoutGrades() throws {
        let (data, found, _) = try load(
            returns:
                "date,sku,region,qty,grade\n2025-01-02,S1,R1,2,resellable\n2025-01-02,S1,R1,1,\n2025-01-03,S2,R2,4,scrap\n"
        )
        #expect(found == [])
        #expect(
            data?.returns == [
                ReturnRecord(day: day("2025-01-02"), skuIndex: 0, regionIndex: 0, quantity: 2, grade: .resellable),
                ReturnRecord(day: day("2025-01-02"), skuIndex: 0, regionIndex: 0, quantity: 1, grade: nil),
                ReturnRecord(day: day("2025-01-03"), skuIndex: 1, regionIndex: 1, quantity: 4, grade: .scrap),
            ]
        )
        let (bare, bareIssues, _) = try load(returns: "date,sku,region,qty\n2025-01-02,S2,R1,3\n")
        #expect(bareIssues == [])
        #expect(bare?.returns.map(\.grade) == [nil])
        let absent = try DataSetLoader.load(directory: try Fixture().dataDirectory)
        #expect(absent.returns.isEmpty)
        #expect(DataSetLoader.optionalFileNames.contains("returns.csv"))
    }

    @Test func reportsEveryBrokenFieldWithLineAndColumn() throws {
        let (data, found, path) = try load(
            returns: """
                date,sku,region,qty,grade
                2025-02-30,S1,R1,1,
                2025-01-02,S9,R1,1,
                2025-01-02,S1,R7,1,
                2025-01-02,S1,R1,0,
                2025-01-02,S1,R1,1,broken

                """
        )
        #expect(data == nil)
        #expect(
            found.map(\.description) == [
                "\(path):2:1: error: date: expected a date YYYY-MM-DD that exists, found '2025-02-30'",
                "\(path):3:2: error: sku: unknown sku 'S9' (not in skus.csv)",
                "\(path):4:3: error: region: unknown region 'R7' (not in regions.csv)",
                "\(path):5:4: error: qty: must be at least 1, found 0",
                "\(path):6:5: error: grade: expected 'resellable' or 'defective' or 'scrap', found 'broken'",
            ]
        )
    }

    private func loadConfiguration(_ text: String) throws -> (PlannerConfiguration?, [InputIssue], String) {
        let fixture = try Fixture()
        let path = fixture.directory + "/config.yaml"
        try fixture.write("config.yaml", text)
        var configuration: PlannerConfiguration?
        let found = issues { configuration = try ConfigurationLoader.load(path: path) }
        return (configuration, found, path)
    }

    @Test func readsTheReturnsKeysAndRejectsSharesThatDoNotAddUp() throws {
        #expect(PlannerConfiguration().returns == ReturnsSettings(gradingDays: 2, gradeShares: nil))
        let (configuration, found, _) = try loadConfiguration(
            "returns:\n  grading_days: 3\n  grade_shares: {resellable: 0.7, defective: 0.2, scrap: 0.1}\n"
        )
        #expect(found == [])
        #expect(configuration?.returns.gradingDays == 3)
        #expect(configuration?.returns.gradeShares == [.resellable: 0.7, .defective: 0.2, .scrap: 0.1])
        let (_, bad, path) = try loadConfiguration(
            "returns:\n  grading_days: 400\n  grade_shares: {resellable: 0.7, defective: 0.2, scrap: 0.2}\n"
        )
        #expect(
            bad.map(\.description) == [
                "\(path):2:17: error: returns.grading_days must be between 0 and 365, found 400",
                "\(path):3:17: error: returns.grade_shares must sum to 1, found 1.1",
            ]
        )
        let (_, missing, _) = try loadConfiguration("returns:\n  grade_shares: {resellable: 1}\n")
        #expect(missing.map(\.message).first?.contains("defective is missing") == true, "\(missing)")
    }
}

func day(_ iso: String) -> Day { Day(iso: iso)! }
