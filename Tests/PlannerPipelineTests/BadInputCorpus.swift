import Foundation

/// One input given to the real `planner`, and what it must do: plan (exit 0, one run stored) or be refused
/// with its exit code and the place of the problem (`file:line:column:` relative to the case's folder).
struct BadInput: Sendable, CustomStringConvertible {
    enum Edit: Sendable {
        /// Replace line `line` (1-based) of `file` with `text`.
        case line(String, Int, String)
        /// Add `text` as a new last line of `file`.
        case append(String, String)
        /// Replace the whole file.
        case file(String, String)
        /// Replace the whole file with bytes.
        case bytes(String, [UInt8])
    }

    var name: String
    var edits: [Edit]
    /// The arguments after `planner`; `{scenario}`, `{config}`, `{database}` and `{folder}` are filled in.
    var arguments: [String]
    var exitCode: Int32
    /// Where the problem is reported (`data/skus.csv:2:4:`), nil for a usage error or a plan.
    var location: String?
    /// Words the message must contain.
    var message: String?
    /// Also run `planner validate` and expect the same outcome (every case about data, scenario or configuration).
    var checksValidate: Bool

    var description: String { name }

    static let plan = ["plan", "{scenario}", "--config", "{config}", "--database", "{database}"]

    /// A case about the inputs, run by `plan` (and `validate`).
    static func data(
        _ name: String,
        _ edits: [Edit],
        exit: Int32 = 65,
        at location: String? = nil,
        _ message: String? = nil
    ) -> BadInput {
        BadInput(
            name: name,
            edits: edits,
            arguments: plan,
            exitCode: exit,
            location: location,
            message: message,
            checksValidate: true
        )
    }

    /// A case about the command line.
    static func command(
        _ name: String,
        _ arguments: [String],
        exit: Int32 = 64,
        edits: [Edit] = [],
        _ message: String? = nil
    ) -> BadInput {
        BadInput(
            name: name,
            edits: edits,
            arguments: arguments,
            exitCode: exit,
            location: nil,
            message: message,
            checksValidate: false
        )
    }
}

/// The base inputs every case changes: a small valid data set, scenario and configuration that plan in well
/// under a second.
enum BadInputBase {
    static let files: [String: String] = [
        "data/skus.csv": """
        sku,name,category,unit_cost,unit_price,holding_cost_rate,order_cost,pack_size,moq
        S1,Kettle,kitchen,10,25,0.25,50,1,0
        S2,"Mug, blue",kitchen,2.5,6.99,0.2,20,6,12

        """,
        "data/regions.csv": "region,name\nR1,North\nR2,South\n",
        "data/warehouses.csv": "warehouse,name,kind,daily_capacity_units\nW1,Leeds,regional,100\nC1,Cloud,cloud,\n",
        "data/lanes.csv": """
        warehouse,region,transit_days,cost_per_unit,carrier
        W1,R1,1,1.5,DPD
        C1,R1,2,3,GLS
        C1,R2,3,3.5,GLS

        """,
        "data/stock.csv": "warehouse,sku,on_hand,on_order\nW1,S1,40,10\nC1,S2,100,0\n",
        "data/demand.csv": """
        date,sku,region,qty
        2026-11-01,S1,R1,3
        2026-11-01,S2,R2,1
        2026-11-02,S1,R1,4
        2026-11-02,S2,R1,2

        """,
        "data/orders.csv": """
        order_id,order_date,sku,region,qty,priority,promise_date
        O1,2026-11-02,S1,R1,2,1,
        O1,2026-11-02,S2,R1,1,,2026-11-05

        """,
        "data/suppliers.csv": """
        supplier,sku,role,rank,lead_time_days,lead_time_sd_days,unit_cost,weekly_capacity_units,moq,drop_ship
        SUP1,S1,primary,1,7,1.5,10,500,10,false
        SUP2,S1,backup,1,3,0.5,11.5,,0,
        SUP1,S2,primary,1,10,2,2.5,,12,true

        """,
        "data/events.csv": "date,name,skus,categories,regions\n2026-10-30,promo,S1,,R1\n2026-10-31,promo,,kitchen,\n",
        "s.yaml": scenario(),
        "planner.yaml": """
        service_levels: {A: 0.98, B: 0.95, C: 0.90}
        abc_thresholds: {A: 0.80, B: 0.95}
        allocation: {unfilled_penalty_per_unit: 50, solver: auto}

        """,
    ]

    /// The base scenario, with more lines (events, overrides) after it.
    static func scenario(name: String = "corpus", planDate: String = "2026-11-03", _ more: String = "") -> String {
        "name: \(name)\ndata: data\nplan_date: \(planDate)\nhorizon_days: 14\n" + more
    }

    static func uplifts(_ factors: [String], skus: String = "") -> String {
        "events:\n"
            + factors.map { "  - {kind: demand_uplift, from: 2026-11-05, to: 2026-11-07, factor: \($0)\(skus)}\n" }
            .joined()
    }
}
