import Foundation
import PlannerCore
import Testing

@testable import PlannerInput

@Suite struct DataSetLoaderTests {
    @Test func loadsTheValidFixtureWithEveryValue() throws {
        let fixture = try Fixture()
        let data = try DataSetLoader.load(directory: fixture.dataDirectory)
        #expect(data.skus.map(\.id) == ["S1", "S2"])
        #expect(data.skus[1].name == "Mug, blue")
        #expect(data.skus[1].unitPrice == 6.99)
        #expect(data.skus[1].packSize == 6)
        #expect(data.warehouses[0].dailyCapacityUnits == 100)
        #expect(data.warehouses[1].dailyCapacityUnits == nil)
        #expect(data.warehouses[1].kind == .cloud)
        #expect(data.lanes.count == 3)
        #expect(
            data.lanes[2] == Lane(warehouseIndex: 1, regionIndex: 1, transitDays: 3, costPerUnit: 3.5, carrier: "GLS")
        )
        #expect(data.stock[0] == StockRecord(warehouseIndex: 0, skuIndex: 0, onHand: 40, onOrder: 10))
        #expect(data.demand.count == 3)
        #expect(data.demand.quantities == [3, 1, 4])
        #expect(data.demand.days[2] == Int32(Day(iso: "2026-11-02")!.daysSinceEpoch))
        #expect(data.orders[0].priority == 1)
        #expect(data.orders[1].priority == 2, "a blank priority means 2")
        #expect(data.suppliers[1].weeklyCapacityUnits == nil)
        #expect(data.suppliers[0].leadTimeSdDays == 1.5)
    }

    @Test func reportsEveryProblemWithFileLineAndColumn() throws {
        let fixture = try Fixture(replacing: [
            "orders.csv": """
            order_id,order_date,sku,region,qty,priority
            O1,2026-11-02,S1,R1,2,1
            O2,2026-02-30,S9,R1,-3,4
            O1,2026-11-02,S1,R2,1,

            """,
            "lanes.csv": "warehouse,region,transit_days,cost_per_unit,carrier\nW1,R1,1,1.5,DPD\nW1,R7,1,x,DPD\n",
        ])
        let found = issues { _ = try DataSetLoader.load(directory: fixture.dataDirectory) }
        let lanes = fixture.dataDirectory + "/lanes.csv"
        let orders = fixture.dataDirectory + "/orders.csv"
        #expect(
            found.contains(
                InputIssue(file: lanes, line: 3, column: 2, message: "region: unknown region 'R7' (not in regions.csv)")
            )
        )
        #expect(
            found.contains(
                InputIssue(file: lanes, line: 3, column: 4, message: "cost_per_unit: expected a number, found 'x'")
            )
        )
        #expect(
            found.contains(
                InputIssue(
                    file: orders,
                    line: 3,
                    column: 2,
                    message: "order_date: expected a date YYYY-MM-DD that exists, found '2026-02-30'"
                )
            )
        )
        #expect(
            found.contains(
                InputIssue(file: orders, line: 3, column: 3, message: "sku: unknown sku 'S9' (not in skus.csv)")
            )
        )
        #expect(
            found.contains(InputIssue(file: orders, line: 3, column: 5, message: "qty: must be at least 1, found -3"))
        )
        #expect(
            found.contains(
                InputIssue(
                    file: orders,
                    line: 3,
                    column: 6,
                    message: "priority: expected 1, 2, 3 or blank (meaning 2), found 4"
                )
            )
        )
        #expect(
            found.contains(
                InputIssue(
                    file: orders,
                    line: 4,
                    column: 3,
                    message: "sku: order 'O1' already has a line for this sku (line 2); (order_id, sku) is unique"
                )
            )
        )
        #expect(found.count == 7)
    }

    @Test func acceptsWindowsLineEndingsAndAByteOrderMarkAsSpreadsheetsWriteThem() throws {
        let fixture = try Fixture(replacing: [
            "regions.csv": "\u{FEFF}region,name\r\nR1,North\r\nR2,\"South, Coast\"\r\n",
            "orders.csv":
                "order_id,order_date,sku,region,qty,priority\r\nO1,2026-11-02,S1,R1,2,1\r\nO2,2026-11-02,S9,R1,1,\r\n",
        ])
        let found = issues { _ = try DataSetLoader.load(directory: fixture.dataDirectory) }
        #expect(
            found == [
                InputIssue(
                    file: fixture.dataDirectory + "/orders.csv",
                    line: 3,
                    column: 3,
                    message: "sku: unknown sku 'S9' (not in skus.csv)"
                )
            ]
        )
        let valid = try Fixture(replacing: [
            "regions.csv": "\u{FEFF}region,name\r\nR1,North\r\nR2,\"South, Coast\"\r\n"
        ])
        let data = try DataSetLoader.load(directory: valid.dataDirectory)
        #expect(data.regions.map(\.id) == ["R1", "R2"])
        #expect(data.regions[1].name == "South, Coast")
    }

    @Test func decimalsOutsideTheirRangeAreLocatedErrorsNotCrashesLater() throws {
        let fixture = try Fixture(replacing: [
            "suppliers.csv": """
            supplier,sku,role,rank,lead_time_days,lead_time_sd_days,unit_cost,weekly_capacity_units,moq
            SUP1,S1,primary,1,1e300,3651,10,500,10
            SUP1,S2,primary,1,10,2,2e9,,12

            """
        ])
        let found = issues { _ = try DataSetLoader.load(directory: fixture.dataDirectory) }
        let path = fixture.dataDirectory + "/suppliers.csv"
        #expect(
            found == [
                InputIssue(
                    file: path,
                    line: 2,
                    column: 5,
                    message: "lead_time_days: must be at most 3650, found 1e300"
                ),
                InputIssue(
                    file: path,
                    line: 2,
                    column: 6,
                    message: "lead_time_sd_days: must be at most 3650, found 3651"
                ),
                InputIssue(file: path, line: 3, column: 7, message: "unit_cost: must be at most 1000000000, found 2e9"),
            ]
        )
    }

    @Test func quotedFieldsSpanningLinesKeepPhysicalLineNumbers() throws {
        let fixture = try Fixture(replacing: [
            "regions.csv": "region,name\nR1,\"North\nand more\"\nR2,South\nR3,\n"
        ])
        let found = issues { _ = try DataSetLoader.load(directory: fixture.dataDirectory) }
        // A line break inside a name is refused (names hold no control characters); the lines after it keep
        // their physical numbers.
        #expect(
            found == [
                InputIssue(
                    file: fixture.dataDirectory + "/regions.csv",
                    line: 2,
                    column: 2,
                    message: "name: 'North\\u{000A}and more' contains the control character U+000A; remove it"
                ),
                InputIssue(
                    file: fixture.dataDirectory + "/regions.csv",
                    line: 5,
                    column: 2,
                    message: "name: must not be empty"
                ),
            ]
        )
    }

    @Test func headerProblemsAreReportedAndDependentFilesAreNotChecked() throws {
        let fixture = try Fixture(replacing: ["skus.csv": "sku,name,category,unit_cost,price\nS1,a,b,1,2\n"])
        let found = issues { _ = try DataSetLoader.load(directory: fixture.dataDirectory) }
        let skus = fixture.dataDirectory + "/skus.csv"
        #expect(
            found.contains(
                InputIssue(
                    file: skus,
                    line: 1,
                    column: 5,
                    message: "unknown column 'price'; expected the columns sku, name, category, unit_cost, unit_price, "
                        + "holding_cost_rate, order_cost, pack_size, moq and optionally unit_weight_kg, unit_volume_l"
                )
            )
        )
        #expect(found.contains(InputIssue(file: skus, line: 1, message: "missing column 'moq'")))
        #expect(!found.contains { $0.file.hasSuffix("orders.csv") }, "no flood of unknown-sku errors")
        #expect(found.last?.message.contains("were not checked") == true)
    }

    @Test func rejectsDuplicateKeysNamingTheFirstLine() throws {
        let fixture = try Fixture(replacing: [
            "stock.csv": "warehouse,sku,on_hand,on_order\nW1,S1,40,10\nC1,S2,1,0\nW1,S1,5,0\n",
            "lanes.csv": "warehouse,region,transit_days,cost_per_unit,carrier\nW1,R1,1,1.5,DPD\nW1,R1,2,1,UPS\n",
        ])
        let found = issues { _ = try DataSetLoader.load(directory: fixture.dataDirectory) }
        #expect(
            found.map(\.description).sorted() == [
                "\(fixture.dataDirectory)/lanes.csv:3:2: error: region: a second lane for this warehouse and region "
                    + "(first on line 2); at most one is allowed",
                "\(fixture.dataDirectory)/stock.csv:4:2: error: sku: duplicate stock row for this warehouse and sku "
                    + "(first on line 2)",
            ]
        )
    }

    @Test func findsDuplicateDemandRowsEvenWhenTheFileIsUnsorted() throws {
        let fixture = try Fixture(replacing: [
            "demand.csv": "date,sku,region,qty\n2026-11-02,S1,R1,3\n2026-11-01,S1,R1,1\n2026-11-02,S1,R1,4\n"
        ])
        let found = issues { _ = try DataSetLoader.load(directory: fixture.dataDirectory) }
        #expect(
            found == [
                InputIssue(
                    file: fixture.dataDirectory + "/demand.csv",
                    line: 4,
                    column: 1,
                    message: "duplicate demand row for this date, sku and region (first on line 2)"
                )
            ]
        )
        // Out of order but unique rows are fine.
        let unsorted = try Fixture(replacing: [
            "demand.csv": "date,sku,region,qty\n2026-11-02,S1,R1,3\n2026-11-01,S1,R1,1\n"
        ])
        #expect(try DataSetLoader.load(directory: unsorted.dataDirectory).demand.count == 2)
    }

    @Test func reportsBrokenQuotingAndWrongFieldCounts() throws {
        let fixture = try Fixture(replacing: [
            "regions.csv": "region,name\nR1,No\"rth\nR2,South,extra\nR3,\"open\n"
        ])
        let found = issues { _ = try DataSetLoader.load(directory: fixture.dataDirectory) }
        let path = fixture.dataDirectory + "/regions.csv"
        #expect(
            found.contains(
                InputIssue(
                    file: path,
                    line: 2,
                    column: 2,
                    message: "a '\"' inside an unquoted field; quote the whole field and write '\"\"'"
                )
            )
        )
        #expect(found.contains(InputIssue(file: path, line: 3, message: "expected 2 fields (region, name), found 3")))
        #expect(
            found.contains(
                InputIssue(
                    file: path,
                    line: 4,
                    column: 2,
                    message: "a quoted field is never closed: add the missing '\"'"
                )
            )
        )
    }

    @Test func aMissingFileOrDirectoryIsNamed() throws {
        let fixture = try Fixture()
        try FileManager.default.removeItem(atPath: fixture.dataDirectory + "/orders.csv")
        let found = issues { _ = try DataSetLoader.load(directory: fixture.dataDirectory) }
        #expect(
            found == [
                InputIssue(
                    file: fixture.dataDirectory + "/orders.csv",
                    message: "cannot read the file (missing or unreadable)"
                )
            ]
        )
        let missing = issues { _ = try DataSetLoader.load(directory: "/nonexistent/planner-data") }
        #expect(missing == [InputIssue(file: "/nonexistent/planner-data", message: "data directory not found")])
    }

    @Test func capsTheListPerFileAndCountsTheRest() throws {
        var text = "date,sku,region,qty\n"
        for day in 1...250 { text += "2026-01-\(String(format: "%02d", (day % 28) + 1)),S1,R1,-\(day)\n" }
        let fixture = try Fixture(replacing: ["demand.csv": text])
        let found = issues { _ = try DataSetLoader.load(directory: fixture.dataDirectory) }
        #expect(found.count == 201)
        #expect(found.last?.message == "50 more problems in this file are not listed")
    }
}
