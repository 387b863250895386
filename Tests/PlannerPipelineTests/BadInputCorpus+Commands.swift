import Foundation

// The bad-input corpus, continued: the scenario, the configuration and the command line.
extension BadInput {
    static func scenario(_ text: String) -> [Edit] { [.file("s.yaml", text)] }
    static func configuration(_ text: String) -> [Edit] { [.file("planner.yaml", text)] }
    static let base = BadInputBase.self

    static let aliasBomb: String = {
        var lines = ["name: bomb", "data: data", "plan_date: 2026-11-03", "horizon_days: 14"]
        lines.append("x0: &a0 [q, q, q, q, q, q, q, q, q, q]")
        for level in 1...9 {
            let aliases = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            lines.append("x\(level): &a\(level) [\(aliases)]")
        }
        lines += ["? *a9", ": boom"]
        return lines.joined(separator: "\n") + "\n"
    }()

    static let scenarios: [BadInput] = [
        data(
            "scenario without a name",
            scenario("data: data\nplan_date: 2026-11-03\nhorizon_days: 14\n"),
            at: "s.yaml:1:1:"
        ),
        data("scenario name of 201 bytes", scenario(base.scenario(name: id201)), at: "s.yaml:1:7:"),
        data("scenario name of 200 bytes", scenario(base.scenario(name: id200)), exit: 0),
        data(
            "scenario name with a NUL byte",
            scenario(base.scenario(name: "\"cor\\0pus\"")),
            at: "s.yaml:1:7:",
            "U+0000"
        ),
        data(
            "scenario name with an escape",
            scenario(base.scenario(name: "\"cor\\epus\"")),
            at: "s.yaml:1:7:",
            "U+001B"
        ),
        data(
            "data folder missing",
            scenario("name: corpus\ndata: nowhere\nplan_date: 2026-11-03\nhorizon_days: 14\n"),
            at: "nowhere:"
        ),
        data("plan_date that does not exist", scenario(base.scenario(planDate: "2026-02-29")), at: "s.yaml:3:12:"),
        data("plan_date in year 0", scenario(base.scenario(planDate: "0000-06-01")), at: "s.yaml:3:12:", "outside"),
        data(
            "plan_date whose horizon leaves the accepted dates",
            scenario(base.scenario(planDate: "2999-12-20")),
            at: "s.yaml:3:12:",
            "horizon_days"
        ),
        data("plan_date far back", scenario(base.scenario(planDate: "1900-03-01")), exit: 0),
        data(
            "horizon 0",
            scenario("name: corpus\ndata: data\nplan_date: 2026-11-03\nhorizon_days: 0\n"),
            at: "s.yaml:4:15:"
        ),
        data(
            "horizon 367",
            scenario("name: corpus\ndata: data\nplan_date: 2026-11-03\nhorizon_days: 367\n"),
            at: "s.yaml:4:15:"
        ),
        data("horizon 366", scenario("name: corpus\ndata: data\nplan_date: 2026-11-03\nhorizon_days: 366\n"), exit: 0),
        data("unknown top-level key", scenario(base.scenario("horizon: 3\n")), at: "s.yaml:5:1:"),
        data("events not a list", scenario(base.scenario("events: 3\n")), at: "s.yaml:5:9:"),
        data(
            "event of an unknown kind",
            scenario(base.scenario("events:\n  - {kind: flood, from: 2026-11-05, to: 2026-11-06}\n")),
            at: "s.yaml:6:12:"
        ),
        data("uplift factor above 1000", scenario(base.scenario(base.uplifts(["1001"]))), at: "s.yaml:6:"),
        data("uplift factor negative", scenario(base.scenario(base.uplifts(["-1"]))), at: "s.yaml:6:"),
        data("uplift factor of 1000", scenario(base.scenario(base.uplifts(["1000"]))), exit: 0),
        data(
            "uplift ending before it starts",
            scenario(
                base.scenario("events:\n  - {kind: demand_uplift, from: 2026-11-07, to: 2026-11-05, factor: 2}\n")
            ),
            at: "s.yaml:6:"
        ),
        data(
            "uplift of an unknown sku",
            scenario(base.scenario(base.uplifts(["2"], skus: ", skus: [S9]"))),
            at: "s.yaml:6:",
            "unknown sku 'S9'"
        ),
        data(
            "five x1000 uplifts on the same days",
            scenario(base.scenario(base.uplifts(Array(repeating: "1000", count: 5)))),
            at: "s.yaml:10:5:",
            "multiply to"
        ),
        data(
            "three x1000 uplifts on the same days",
            scenario(base.scenario(base.uplifts(Array(repeating: "1000", count: 3)))),
            at: "s.yaml:8:5:",
            "at most x1000"
        ),
        data("two uplifts stacking to x998.56", scenario(base.scenario(base.uplifts(["31.6", "31.6"]))), exit: 0),
        data(
            "two x1000 uplifts on disjoint SKUs",
            scenario(
                base.scenario(
                    "events:\n  - {kind: demand_uplift, from: 2026-11-05, to: 2026-11-07, factor: 1000, skus: [S1]}\n"
                        + "  - {kind: demand_uplift, from: 2026-11-05, to: 2026-11-07, factor: 1000, skus: [S2]}\n"
                )
            ),
            exit: 0
        ),
        data(
            "two x1000 uplifts on different classes",
            scenario(
                base.scenario(
                    "events:\n  - {kind: demand_uplift, from: 2026-11-05, to: 2026-11-07, factor: 1000, abc_class: A}\n"
                        + "  - {kind: demand_uplift, from: 2026-11-05, to: 2026-11-07, factor: 1000, abc_class: B}\n"
                )
            ),
            exit: 0
        ),
        data(
            "two x1000 uplifts outside the horizon",
            scenario(
                base.scenario(
                    "events:\n  - {kind: demand_uplift, from: 2027-01-05, to: 2027-01-07, factor: 1000}\n"
                        + "  - {kind: demand_uplift, from: 2027-01-05, to: 2027-01-07, factor: 1000}\n"
                )
            ),
            at: "s.yaml:6:33:",
            "outside the horizon (2026-11-03 to 2026-11-16)"
        ),
        data(
            "disruption of an unknown supplier",
            scenario(
                base.scenario(
                    "events:\n  - {kind: supplier_disruption, supplier: SUP9, from: 2026-11-03, to: 2026-11-09}\n"
                )
            ),
            at: "s.yaml:6:",
            "unknown supplier"
        ),
        data(
            "disruption capacity factor 1.5",
            scenario(
                base.scenario(
                    "events:\n  - {kind: supplier_disruption, supplier: SUP1, from: 2026-11-03, to: 2026-11-09, "
                        + "capacity_factor: 1.5}\n"
                )
            ),
            at: "s.yaml:6:"
        ),
        data(
            "capacity change of an unknown warehouse",
            scenario(
                base.scenario(
                    "events:\n  - {kind: warehouse_capacity, warehouse: W9, from: 2026-11-03, to: 2026-11-04}\n"
                )
            ),
            at: "s.yaml:6:",
            "unknown warehouse"
        ),
        data(
            "capacity factor 11",
            scenario(
                base.scenario(
                    "events:\n  - {kind: warehouse_capacity, warehouse: W1, from: 2026-11-03, to: 2026-11-04, "
                        + "capacity_factor: 11}\n"
                )
            ),
            at: "s.yaml:6:"
        ),
        data(
            "two x10 capacity changes on one day",
            scenario(
                base.scenario(
                    "events:\n"
                        + "  - {kind: warehouse_capacity, warehouse: W1, from: 2026-11-03, to: 2026-11-04, capacity_factor: 10}\n"
                        + "  - {kind: warehouse_capacity, warehouse: W1, from: 2026-11-04, to: 2026-11-05, capacity_factor: 10}\n"
                )
            ),
            at: "s.yaml:7:5:",
            "at most x10"
        ),
        data("alias bomb as a mapping key", scenario(aliasBomb), at: "s.yaml:", "expands to more than 100000 nodes"),
        data(
            "scenario of 2 MB",
            scenario(base.scenario() + "description: \"" + String(repeating: "d", count: 2_000_000) + "\"\n"),
            at: "s.yaml:",
            "longer than 1048576 bytes"
        ),
        data("duplicate key", scenario(base.scenario("name: again\n")), at: "s.yaml:", "duplicate key"),
        data("not YAML", scenario("name: [corpus\n"), at: "s.yaml:", "not valid YAML"),
        data("scenario not UTF-8", [.bytes("s.yaml", Array("name: cor".utf8) + [0xC3, 0x28])], at: "s.yaml:", "UTF-8"),
        data("override of an unknown key", scenario(base.scenario("overrides: {abc: 1}\n")), at: "s.yaml:5:"),
        data(
            "override service level 1",
            scenario(base.scenario("overrides: {service_levels: {A: 1}}\n")),
            at: "s.yaml:5:"
        ),
        data(
            "override making abc_thresholds cross",
            scenario(base.scenario("overrides: {abc_thresholds: {A: 0.97}}\n")),
            at: "s.yaml:5:",
            "must be below B"
        ),
        data(
            "anchors and aliases within the budget",
            scenario(
                base.scenario(
                    "events:\n  - &up {kind: demand_uplift, from: 2026-11-05, to: 2026-11-07, factor: 2, skus: [S1]}\n"
                        + "  - *up\n"
                )
            ),
            exit: 0
        ),
    ]

    static let configurations: [BadInput] = [
        data("configuration with an unknown key", configuration("colour: blue\n"), at: "planner.yaml:1:1:"),
        data("service level 1", configuration("service_levels: {A: 1}\n"), at: "planner.yaml:1:21:"),
        data("service level 0", configuration("service_levels: {B: 0}\n"), at: "planner.yaml:1:21:"),
        data(
            "abc thresholds crossing",
            configuration("abc_thresholds: {A: 0.9, B: 0.8}\n"),
            at: "planner.yaml:1:21:",
            "must be below B"
        ),
        data(
            "next-day share of an unknown region",
            configuration("allocation: {next_day_share: {default: 0.8, regions: {R9: 0.9}}}\n"),
            at: "planner.yaml:1:55:",
            "unknown region 'R9'"
        ),
        data(
            "next-day share of a known region",
            configuration("allocation: {next_day_share: {default: 0.8, regions: {R1: 0.9}}}\n"),
            exit: 0
        ),
        data(
            "next-day share 1.5",
            configuration("allocation: {next_day_share: {default: 1.5}}\n"),
            at: "planner.yaml:1:"
        ),
        data("solver unknown", configuration("allocation: {solver: simplex}\n"), at: "planner.yaml:1:22:"),
        data("priority weight 0", configuration("allocation: {priority_weights: {1: 0}}\n"), at: "planner.yaml:1:"),
        data(
            "forecast history shorter than fit and backtest",
            configuration("forecast: {history_days: 100}\n"),
            at: "planner.yaml:1:",
            "must cover"
        ),
        data(
            "database_url libpq cannot read",
            configuration("database_url: \"postgresql://u:SECRET PW@[bad\"\n"),
            arguments: ["plan", "{scenario}", "--config", "{config}"],
            "database_url of the configuration"
        ),
        data("slow_mover_units 0", configuration("policy: {slow_mover_units: 0}\n"), at: "planner.yaml:1:"),
        data(
            "class stocking unknown",
            configuration("policy: {classes: {A: {stocking: warehouse}}}\n"),
            at: "planner.yaml:1:"
        ),
        data(
            "split shipments without its required key",
            configuration("allocation: {split_shipments: {max_lines: 10}}\n"),
            at: "planner.yaml:1:"
        ),
        data("alias bomb in the configuration", configuration(aliasBomb), at: "planner.yaml:", "expands to more"),
        data("alert of an unknown kind", configuration("alerts: {min_stock: 5}\n"), at: "planner.yaml:1:10:"),
        data("alert fill rate 1.2", configuration("alerts: {min_fill_rate: 1.2}\n"), at: "planner.yaml:1:25:"),
        data(
            "alert unfilled units negative",
            configuration("alerts: {max_unfilled_units: -1}\n"),
            at: "planner.yaml:1:30:"
        ),
        data(
            "alert unfilled units fractional",
            configuration("alerts: {max_unfilled_units: 2.5}\n"),
            at: "planner.yaml:1:30:"
        ),
        data(
            "alert next-day share without a default or regions",
            configuration("alerts: {min_next_day_share: {}}\n"),
            at: "planner.yaml:1:30:",
            "must give a default share, regions, or both"
        ),
        data(
            "alert next-day share of an unknown region",
            configuration("alerts: {min_next_day_share: {regions: {R9: 0.5}}}\n"),
            at: "planner.yaml:1:",
            "unknown region 'R9'"
        ),
        data(
            "alert switch that is not true or false",
            configuration("alerts: {new_a_class_shortfall: maybe}\n"),
            at: "planner.yaml:1:33:"
        ),
        data(
            "alerts turned off with null",
            configuration("alerts: {min_fill_rate: null, backup_supplier_order: false}\n"),
            exit: 0
        ),
    ]

    /// A configuration case that runs other arguments (one that never reaches the data).
    static func data(
        _ name: String,
        _ edits: [Edit],
        arguments: [String],
        exit: Int32 = 65,
        _ message: String
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

    static let allocate = ["allocate", "{scenario}", "--config", "{config}", "--database", "{database}"]

    static let commandLines: [BadInput] = [
        command("plan without a scenario", ["plan"]),
        command("plan of a missing scenario file", ["plan", "{folder}/none.yaml"], "not found"),
        command("plan --days 0", plan + ["--days", "0"], "--days"),
        command("plan --days 61", plan + ["--days", "61"], "--days"),
        command("plan --log-level loud", plan + ["--log-level", "loud"]),
        command("plan --config missing", ["plan", "{scenario}", "--config", "{folder}/none.yaml"], "not found"),
        command("plan with an unknown flag", plan + ["--fast"]),
        command(
            "plan --database libpq cannot read",
            ["plan", "{scenario}", "--config", "{config}", "--database", "postgresql://u:SECRET PW@[bad"],
            "--database"
        ),
        command("allocate --date that does not exist", allocate + ["--date", "2026-02-30"]),
        command("allocate --date in year 0", allocate + ["--date", "0000-01-01"]),
        command(
            "allocate --date whose days leave the accepted dates",
            allocate + ["--date", "2999-12-20", "--days", "30"],
            "outside the dates"
        ),
        command(
            "policy --slow-mover-units 1e9",
            ["policy", "--input", "{folder}/none.csv", "--slow-mover-units", "1e9"]
        ),
        command(
            "policy of a row with an EOQ beyond 64 bits",
            ["policy", "--input", "{folder}/stats.csv"],
            exit: 65,
            edits: [
                .file(
                    "stats.csv",
                    "sku,mean_daily_demand,sd_daily_demand,lead_time_days,lead_time_sd_days,service_level,service_type,"
                        + "order_quantity,annual_demand,order_cost,unit_cost,holding_cost_rate,review_period_days\n"
                        + "A1,10,3,14,0,0.95,cycle,,,50,1e-320,0.25,\n"
                )
            ],
            "stats.csv:2:11:"
        ),
        command(
            "grant-carrier --role public",
            ["db", "grant-carrier", "--carrier", "DPD", "--role", "public", "--database", "{database}"],
            "reserved"
        ),
        command(
            "grant-carrier --role PUBLIC",
            ["db", "grant-carrier", "--carrier", "DPD", "--role", "PUBLIC", "--database", "{database}"],
            "reserved"
        ),
        command(
            "grant-carrier --role none",
            ["db", "grant-carrier", "--carrier", "DPD", "--role", "none", "--database", "{database}"],
            "reserved"
        ),
        command(
            "grant-carrier --role current_user",
            ["db", "grant-carrier", "--carrier", "DPD", "--role", "current_user", "--database", "{database}"],
            "reserved"
        ),
        command(
            "grant-carrier --role planner_partner",
            ["db", "grant-carrier", "--carrier", "DPD", "--role", "planner_partner", "--database", "{database}"],
            "reserved"
        ),
        command(
            "grant-carrier --role with a line break",
            ["db", "grant-carrier", "--carrier", "DPD", "--role", "a\nb", "--database", "{database}"],
            "U+000A"
        ),
        command(
            "grant-carrier --role of 64 bytes",
            [
                "db", "grant-carrier", "--carrier", "DPD", "--role", String(repeating: "r", count: 64), "--database",
                "{database}",
            ],
            "at most 63"
        ),
        command(
            "dispatch --run yesterday",
            ["dispatch", "--carrier", "DPD", "--run", "yesterday", "--database", "{database}"]
        ),
        command("explain without an order", ["explain", "--database", "{database}"]),
        command("backtest --holdout 0", ["backtest", "{folder}/data", "--holdout", "0"]),
        command("generate --skus 0", ["generate", "--skus", "0", "--out", "{folder}/generated"]),
        command(
            "plan --out onto a regular file",
            plan + ["--out", "{folder}/data/skus.csv"],
            exit: 73,
            "not a folder"
        ),
        command(
            "plan --out onto a folder the planner did not write",
            plan + ["--out", "{folder}/data"],
            exit: 73,
            "no planner run wrote it"
        ),
    ]
}
