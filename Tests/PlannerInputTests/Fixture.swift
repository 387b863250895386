import Foundation
import PlannerCore

/// A small valid data directory written to a fresh temporary folder; tests change one file to break it.
struct Fixture {
    let directory: String

    static let validFiles: [String: String] = [
        "skus.csv": """
        sku,name,category,unit_cost,unit_price,holding_cost_rate,order_cost,pack_size,moq
        S1,Kettle,kitchen,10,25,0.25,50,1,0
        S2,"Mug, blue",kitchen,2.5,6.99,0.2,20,6,12

        """,
        "regions.csv": "region,name\nR1,North\nR2,South\n",
        "warehouses.csv": "warehouse,name,kind,daily_capacity_units\nW1,Leeds,regional,100\nC1,Cloud,cloud,\n",
        "lanes.csv":
            "warehouse,region,transit_days,cost_per_unit,carrier\nW1,R1,1,1.5,DPD\nC1,R1,2,3,GLS\nC1,R2,3,3.5,GLS\n",
        "stock.csv": "warehouse,sku,on_hand,on_order\nW1,S1,40,10\nC1,S2,100,0\n",
        "demand.csv": "date,sku,region,qty\n2026-11-01,S1,R1,3\n2026-11-01,S2,R2,1\n2026-11-02,S1,R1,4\n",
        "orders.csv": "order_id,order_date,sku,region,qty,priority\nO1,2026-11-02,S1,R1,2,1\nO1,2026-11-02,S2,R1,1,\n",
        "suppliers.csv": """
        supplier,sku,role,rank,lead_time_days,lead_time_sd_days,unit_cost,weekly_capacity_units,moq
        SUP1,S1,primary,1,7,1.5,10,500,10
        SUP2,S1,backup,1,3,0.5,11.5,,0
        SUP1,S2,primary,1,10,2,2.5,,12

        """,
    ]

    init(replacing replacements: [String: String] = [:], scenario: String? = nil) throws {
        directory =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("planner-input-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
        for (name, text) in Fixture.validFiles.merging(replacements, uniquingKeysWith: { $1 }) {
            try text.write(toFile: directory + "/data/" + name, atomically: true, encoding: .utf8)
        }
        if let scenario {
            try scenario.write(toFile: scenarioPath, atomically: true, encoding: .utf8)
        }
    }

    var dataDirectory: String { directory + "/data" }
    var scenarioPath: String { directory + "/scenario.yaml" }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
    }

    static let validScenario = """
        name: test
        data: data
        plan_date: 2026-11-03
        horizon_days: 14
        """
}

/// The located problems of a failed load, as `line:column:message` strings for exact assertions.
func issues(of body: () throws -> Void) -> [InputIssue] {
    do {
        try body()
        return []
    } catch let error as InputError {
        return error.issues
    } catch {
        return [InputIssue(file: "?", message: "unexpected error \(error)")]
    }
}
