import Foundation
import PlannerCore
import Testing

@testable import PlannerInput

/// The optional `unit_weight_kg` and `unit_volume_l` columns of skus.csv (docs/data-contract.md).
@Suite struct SKUDimensionTests {
    static let header = "sku,name,category,unit_cost,unit_price,holding_cost_rate,order_cost,pack_size,moq"

    @Test func aFileWithoutTheColumnsHasNoDimensions() throws {
        let data = try DataSetLoader.load(directory: try Fixture().dataDirectory)
        #expect(data.skus.map(\.unitWeightKg) == [nil, nil])
        #expect(data.skus.map(\.unitVolumeLitres) == [nil, nil])
    }

    @Test func readsDecimalsAndBlankAsUnknownInAnyColumnOrder() throws {
        let fixture = try Fixture(replacing: [
            "skus.csv": """
            unit_volume_l,\(Self.header),unit_weight_kg
            2.5,S1,Kettle,kitchen,10,25,0.25,50,1,0,1.234
            ,S2,"Mug, blue",kitchen,2.5,6.99,0.2,20,6,12,0

            """
        ])
        let data = try DataSetLoader.load(directory: fixture.dataDirectory)
        #expect(data.skus.map(\.unitWeightKg) == [1.234, 0])
        #expect(data.skus.map(\.unitVolumeLitres) == [2.5, nil])
        #expect(data.skus.map(\.moq) == [0, 12])
    }

    @Test func onlyOneOfTheColumnsMayBeGiven() throws {
        let fixture = try Fixture(replacing: [
            "skus.csv": "\(Self.header),unit_weight_kg\nS1,Kettle,kitchen,10,25,0.25,50,1,0,0.9\n"
                + "S2,Mug,kitchen,2.5,6.99,0.2,20,6,12,0.35\n"
        ])
        let data = try DataSetLoader.load(directory: fixture.dataDirectory)
        #expect(data.skus.map(\.unitWeightKg) == [0.9, 0.35])
        #expect(data.skus.map(\.unitVolumeLitres) == [nil, nil])
    }

    @Test func aBadValueIsLocatedAtItsLineAndColumnAndRefusesTheSKU() throws {
        let fixture = try Fixture(replacing: [
            "skus.csv": """
            \(Self.header),unit_weight_kg,unit_volume_l
            S1,Kettle,kitchen,10,25,0.25,50,1,0,-0.5,2
            S2,Mug,kitchen,2.5,6.99,0.2,20,6,12,0.3,100000.5
            S3,Pan,kitchen,4,9,0.2,20,1,0,1kg,nan

            """
        ])
        let found = issues { _ = try DataSetLoader.load(directory: fixture.dataDirectory) }
        let path = fixture.dataDirectory + "/skus.csv"
        let located = found.filter { $0.file == path }.map { "\($0.line):\($0.column): \($0.message)" }
        #expect(
            located == [
                "2:10: unit_weight_kg: must be at least 0.0, found -0.5",
                "3:11: unit_volume_l: must be at most 100000, found 100000.5",
                "4:10: unit_weight_kg: expected a number, found '1kg'",
                "4:11: unit_volume_l: expected a number, found 'nan'",
            ]
        )
    }

    @Test func theLimitsAreInclusive() throws {
        let fixture = try Fixture(replacing: [
            "skus.csv": "\(Self.header),unit_weight_kg,unit_volume_l\nS1,Kettle,kitchen,10,25,0.25,50,1,0,100000,1e5\n"
                + "S2,Mug,kitchen,2.5,6.99,0.2,20,6,12,0,0\n"
        ])
        let data = try DataSetLoader.load(directory: fixture.dataDirectory)
        #expect(data.skus.map(\.unitWeightKg) == [InputLimits.unitWeightKgMax, 0])
        #expect(data.skus.map(\.unitVolumeLitres) == [InputLimits.unitVolumeLitresMax, 0])
    }
}
