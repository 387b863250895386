import Foundation
import PlannerCore

/// A small valid data set, scenario and configuration that the fuzz targets change one file of.
public enum BaseData {
    public static let dataFiles: [(name: String, text: String)] = [
        (
            "skus.csv",
            """
            sku,name,category,unit_cost,unit_price,holding_cost_rate,order_cost,pack_size,moq
            S1,Kettle,kitchen,10,25,0.25,50,1,0
            S2,"Mug, blue",kitchen,2.5,6.99,0.2,20,6,12

            """
        ),
        ("regions.csv", "region,name\nR1,North\nR2,South\n"),
        ("warehouses.csv", "warehouse,name,kind,daily_capacity_units\nW1,Leeds,regional,100\nC1,Cloud,cloud,\n"),
        (
            "lanes.csv",
            "warehouse,region,transit_days,cost_per_unit,carrier\nW1,R1,1,1.5,DPD\nC1,R1,2,3,GLS\nC1,R2,3,3.5,GLS\n"
        ),
        ("stock.csv", "warehouse,sku,on_hand,on_order\nW1,S1,40,10\nC1,S2,100,0\n"),
        (
            "demand.csv",
            "date,sku,region,qty\n2026-11-01,S1,R1,3\n2026-11-01,S2,R2,1\n2026-11-02,S1,R1,4\n2026-11-02,S2,R1,2\n"
        ),
        (
            "orders.csv",
            "order_id,order_date,sku,region,qty,priority,promise_date\nO1,2026-11-02,S1,R1,2,1,\nO1,2026-11-02,S2,R1,1,,2026-11-05\n"
        ),
        (
            "suppliers.csv",
            """
            supplier,sku,role,rank,lead_time_days,lead_time_sd_days,unit_cost,weekly_capacity_units,moq,drop_ship
            SUP1,S1,primary,1,7,1.5,10,500,10,false
            SUP2,S1,backup,1,3,0.5,11.5,,0,
            SUP1,S2,primary,1,10,2,2.5,,12,true

            """
        ),
        ("events.csv", "date,name,skus,categories,regions\n2026-10-30,promo,S1,,R1\n2026-10-31,promo,,kitchen,\n"),
    ]

    public static let scenario = """
        name: fuzz
        data: data
        plan_date: 2026-11-03
        horizon_days: 14
        events:
          - {kind: demand_uplift, from: 2026-11-05, to: 2026-11-07, factor: 2, categories: [kitchen], regions: [R1]}
          - {kind: supplier_disruption, supplier: SUP1, from: 2026-11-03, to: 2026-11-10, capacity_factor: 0.5}
          - {kind: warehouse_capacity, warehouse: W1, from: 2026-11-04, to: 2026-11-04, capacity_factor: 0}

        """

    public static let configuration = """
        service_levels: {A: 0.98, B: 0.95, C: 0.90}
        abc_thresholds: {A: 0.8, B: 0.95}
        allocation:
          unfilled_penalty_per_unit: 50
          next_day_share: {default: 0.8, regions: {R1: 0.9}}
          split_shipments: null
        forecast: {history_days: 400, fit_days: 300, backtest_days: 56}
        policy:
          slow_mover_units: 10
          classes:
            C: {stocking: cloud_pool, presale: false, drop_ship: true, service_type: cycle, review_period_days: null}

        """

    /// A fresh folder holding `data/` (every data file), `scenario.yaml` and `planner.yaml`: in /dev/shm when
    /// there is one, so that rewriting a file per input costs no disk.
    public static func makeFolder() -> String {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let folder = base + "/planner-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder + "/data", withIntermediateDirectories: true)
        for (name, text) in dataFiles { write(text, to: folder + "/data/" + name) }
        write(scenario, to: folder + "/scenario.yaml")
        write(configuration, to: folder + "/planner.yaml")
        return folder
    }

    public static func write(_ text: String, to path: String) {
        write(Array(text.utf8), to: path)
    }

    public static func write(_ bytes: [UInt8], to path: String) {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            fatalError("fuzz harness: cannot write \(path)")
        }
    }
}

/// Stops the fuzzer (as a finding) unless every problem of `error` names one of the `files` and says something.
public func requireLocated(_ error: InputError, files: Set<String>) {
    guard !error.issues.isEmpty else { fatalError("an InputError without problems") }
    for issue in error.issues {
        guard files.contains(issue.file) || files.contains(where: { issue.file.hasPrefix($0 + "/") }) else {
            fatalError("a problem names no input file: \(issue)")
        }
        guard !issue.message.isEmpty, issue.line >= 0, issue.column >= 0 else {
            fatalError("a problem without a message or with a negative place: \(issue)")
        }
    }
}
