import Foundation
import PlannerCore
import Testing

@testable import DataGenerator

/// Two years of history (so two Black Fridays), small enough for a debug build.
let twoYearSpec = GeneratorSpec(
    skuCount: 150,
    regionCount: 8,
    warehouseCount: 4,
    historyDays: 730,
    orderCount: 600,
    seed: 20_261_116
)

/// Generated once per process and shared by the suites that only read it.
let twoYearDataSet = DataGenerator.generate(twoYearSpec)

func makeTemporaryDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("datagen-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func removeDirectory(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
}

func readFile(_ directory: String, _ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(name)))
}

/// A minimal RFC 4180 reader for checking written files: quoted fields, doubled quotes, LF rows.
func parseCSV(_ bytes: [UInt8]) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field: [UInt8] = []
    var inQuotes = false
    var index = 0
    while index < bytes.count {
        let byte = bytes[index]
        if inQuotes {
            if byte == UInt8(ascii: "\"") {
                if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\"") {
                    field.append(byte)
                    index += 1
                } else {
                    inQuotes = false
                }
            } else {
                field.append(byte)
            }
        } else if byte == UInt8(ascii: "\"") {
            inQuotes = true
        } else if byte == UInt8(ascii: ",") {
            row.append(String(decoding: field, as: UTF8.self))
            field = []
        } else if byte == 10 {
            row.append(String(decoding: field, as: UTF8.self))
            rows.append(row)
            row = []
            field = []
        } else {
            field.append(byte)
        }
        index += 1
    }
    if !field.isEmpty || !row.isEmpty {
        row.append(String(decoding: field, as: UTF8.self))
        rows.append(row)
    }
    return rows
}

/// Every part of two data sets is equal (DataSet itself is not Equatable).
func expectSameDataSet(_ lhs: DataSet, _ rhs: DataSet, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(lhs.skus == rhs.skus, sourceLocation: sourceLocation)
    #expect(lhs.regions == rhs.regions, sourceLocation: sourceLocation)
    #expect(lhs.warehouses == rhs.warehouses, sourceLocation: sourceLocation)
    #expect(lhs.lanes == rhs.lanes, sourceLocation: sourceLocation)
    #expect(lhs.stock == rhs.stock, sourceLocation: sourceLocation)
    #expect(lhs.demand == rhs.demand, sourceLocation: sourceLocation)
    #expect(lhs.orders == rhs.orders, sourceLocation: sourceLocation)
    #expect(lhs.suppliers == rhs.suppliers, sourceLocation: sourceLocation)
}
