import Foundation
import PlannerCore
import Testing

@testable import PlannerInput

/// The optional `drop_ship` column of suppliers.csv (docs/data-contract.md).
@Suite struct SupplierDropShipTests {
    static let header =
        "supplier,sku,role,rank,lead_time_days,lead_time_sd_days,unit_cost,weekly_capacity_units,moq"

    @Test func aFileWithoutTheColumnAllowsNoDropShip() throws {
        let data = try DataSetLoader.load(directory: try Fixture().dataDirectory)
        #expect(data.suppliers.count == 3)
        #expect(data.suppliers.allSatisfy { !$0.allowsDropShip })
    }

    @Test func readsTrueFalseAndBlankAsFalse() throws {
        let fixture = try Fixture(replacing: [
            "suppliers.csv": """
            \(Self.header),drop_ship
            SUP1,S1,primary,1,7,1.5,10,500,10,true
            SUP2,S1,backup,1,3,0.5,11.5,,0,
            SUP1,S2,primary,1,10,2,2.5,,12,false

            """
        ])
        let data = try DataSetLoader.load(directory: fixture.dataDirectory)
        #expect(data.suppliers.map(\.allowsDropShip) == [true, false, false])
        #expect(
            data.suppliers[0]
                == SupplierOffer(
                    supplier: "SUP1",
                    skuIndex: 0,
                    role: .primary,
                    rank: 1,
                    leadTimeDays: 7,
                    leadTimeSdDays: 1.5,
                    unitCost: 10,
                    weeklyCapacityUnits: 500,
                    moq: 10,
                    allowsDropShip: true
                )
        )
    }

    @Test func theColumnMayStandAnywhereInTheHeader() throws {
        let fixture = try Fixture(replacing: [
            "suppliers.csv": """
            drop_ship,supplier,sku,role,rank,lead_time_days,lead_time_sd_days,unit_cost,weekly_capacity_units,moq
            true,SUP1,S2,primary,1,10,2,2.5,,12

            """
        ])
        let data = try DataSetLoader.load(directory: fixture.dataDirectory)
        #expect(data.suppliers.map(\.allowsDropShip) == [true])
        #expect(data.suppliers.map(\.moq) == [12])
    }

    @Test func aBadValueIsLocatedAtItsLineAndColumn() throws {
        let fixture = try Fixture(replacing: [
            "suppliers.csv": """
            \(Self.header),drop_ship
            SUP1,S1,primary,1,7,1.5,10,500,10,yes
            SUP2,S1,backup,1,3,0.5,11.5,,0,TRUE
            SUP1,S2,primary,1,10,2,2.5,,12,true

            """
        ])
        let found = issues { _ = try DataSetLoader.load(directory: fixture.dataDirectory) }
        let path = fixture.dataDirectory + "/suppliers.csv"
        #expect(
            found == [
                InputIssue(
                    file: path,
                    line: 2,
                    column: 10,
                    message: "drop_ship: expected 'true' or 'false' (or empty, meaning false), found 'yes'"
                ),
                InputIssue(
                    file: path,
                    line: 3,
                    column: 10,
                    message: "drop_ship: expected 'true' or 'false' (or empty, meaning false), found 'TRUE'"
                ),
            ]
        )
    }

    /// `planner generate` marked 43 primary offers of Scenarios/sample's long tail (docs/data-contract.md).
    @Test func theSampleCarriesTheGeneratedFlags() throws {
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Scenarios/sample").standardized.path
        let suppliers = try DataSetLoader.load(directory: sample).suppliers
        let allowed = suppliers.filter(\.allowsDropShip)
        #expect(suppliers.count == 388)
        #expect(allowed.count == 43)
        #expect(allowed.allSatisfy { $0.role == .primary })
    }

    /// `drop_ship_cost_per_unit`: a non-negative number on a drop-ship offer, empty for none; a cost on an offer
    /// that does not drop-ship, or a bad number, is an error at its line and column.
    @Test func readsTheDropShipCostAndRefusesItWithoutDropShip() throws {
        let fixture = try Fixture(replacing: [
            "suppliers.csv": """
            \(Self.header),drop_ship,drop_ship_cost_per_unit
            SUP1,S1,primary,1,7,1.5,10,500,10,true,2.75
            SUP2,S1,backup,1,3,0.5,11.5,,0,true,
            SUP1,S2,primary,1,10,2,2.5,,12,false,

            """
        ])
        let data = try DataSetLoader.load(directory: fixture.dataDirectory)
        #expect(data.suppliers.map(\.dropShipCostPerUnit) == [2.75, nil, nil])
        #expect(data.suppliers.map(\.allowsDropShip) == [true, true, false])

        let bad = try Fixture(replacing: [
            "suppliers.csv": """
            \(Self.header),drop_ship,drop_ship_cost_per_unit
            SUP1,S1,primary,1,7,1.5,10,500,10,false,2.75
            SUP2,S1,backup,1,3,0.5,11.5,,0,true,-1

            """
        ])
        let found = issues { _ = try DataSetLoader.load(directory: bad.dataDirectory) }
        #expect(found.map(\.line) == [2, 3])
        #expect(found.map(\.column) == [11, 11])
        #expect(found.first?.message.contains("drop_ship_cost_per_unit: is only for a drop_ship offer") == true)
        #expect(found.last?.message.contains("must be at least 0") == true)
    }

    @Test func aMisspelledColumnIsAnUnknownColumnNotAnIgnoredOne() throws {
        let fixture = try Fixture(replacing: [
            "suppliers.csv": "\(Self.header),dropship\nSUP1,S1,primary,1,7,1.5,10,500,10,true\n"
        ])
        let found = issues { _ = try DataSetLoader.load(directory: fixture.dataDirectory) }
        #expect(found.count == 1)
        #expect(found.first?.line == 1)
        #expect(found.first?.column == 10)
        #expect(found.first?.message.hasPrefix("unknown column 'dropship'") == true)
        #expect(found.first?.message.hasSuffix("and optionally drop_ship, drop_ship_cost_per_unit") == true)
    }
}

/// Every ``CSVRow`` accessor reads an optional column missing from the header as an empty field: a value
/// for the ones that allow empty, a located "must not be empty" for the rest, never an out-of-range trap.
@Suite struct AbsentOptionalColumnTests {
    @Test func everyAccessorTreatsAnAbsentColumnAsEmpty() throws {
        let fixture = try Fixture()
        try fixture.write("table.csv", "id\nx\n")
        let path = fixture.directory + "/table.csv"
        let optional = ["t", "w", "r", "d", "o", "day", "c", "f", "ref"]
        let table = CSVTable(displayPath: path, columns: ["id"], optionalColumns: optional)
        var issues = IssueCollector()
        var rows = 0
        let readable = table.read(reader: try CSVReader(path: path, displayPath: path), issues: &issues) { row in
            rows += 1
            #expect(row.text(0) == "x")
            #expect(row.isEmpty(1))
            #expect(row.text(1) == nil)
            #expect(row.wholeNumber(2, emptyAllowed: true) == .some(nil))
            #expect(row.requiredWholeNumber(3) == nil)
            #expect(row.decimal(4) == nil)
            #expect(row.optionalDecimal(5) == .some(nil))
            #expect(row.day(6) == nil)
            #expect(row.choice(7, ["a", "b"]) == nil)
            #expect(row.flag(8, whenEmpty: true) == true)
            #expect(row.flag(8, whenEmpty: false) == false)
            #expect(row.reference(9, in: ["x": 0], noun: "thing", definedIn: "things.csv") == nil)
        }
        #expect(readable)
        #expect(rows == 1)
        #expect(
            issues.issues.map(\.message) == [
                "t: must not be empty",
                "r: must not be empty; expected a whole number >= 0",
                "d: must not be empty; expected a number >= 0.0",
                "day: expected a date YYYY-MM-DD that exists, found ''",
                "c: expected 'a' or 'b', found ''",
                "ref: must not be empty",
            ]
        )
        #expect(issues.issues.allSatisfy { $0.line == 2 && $0.column == 0 })
    }
}
