// The bad-input corpus, continued: the scenario event kinds, `extends`, and the limits they must keep.
extension BadInput {
    /// `events:` with the given flow mappings, one a line, after the base scenario (the first is line 6).
    static func events(_ items: String...) -> [Edit] {
        scenario(base.scenario("events:\n" + items.map { "  - {\($0)}\n" }.joined()))
    }

    static let newSKU: Edit = .append("data/skus.csv", "S3,Lamp,home,5,9,0.2,10,1,0")

    static let scenarioEvents: [BadInput] = [
        data(
            "lead time change outside the horizon",
            events("kind: lead_time_change, from: 2026-12-01, to: 2026-12-05, days: 3"),
            at: "s.yaml:6:36:",
            "outside the horizon"
        ),
        data(
            "lead time change of an unknown supplier",
            events("kind: lead_time_change, suppliers: SUP9, from: 2026-11-03, to: 2026-11-05, days: 3"),
            at: "s.yaml:6:",
            "unknown supplier 'SUP9'"
        ),
        data(
            "lead time change without days or factor",
            events("kind: lead_time_change, from: 2026-11-03, to: 2026-11-05"),
            at: "s.yaml:6:5:",
            "needs 'days', 'factor' or both"
        ),
        data(
            "lead time change past 3650 days",
            events("kind: lead_time_change, suppliers: SUP1, from: 2026-11-03, to: 2026-11-05, days: 3650"),
            at: "s.yaml:6:",
            "at most 3650"
        ),
        data(
            "two lead time changes of one offer on common days",
            events(
                "kind: lead_time_change, suppliers: SUP1, from: 2026-11-03, to: 2026-11-05, days: 3",
                "kind: lead_time_change, skus: S1, from: 2026-11-05, to: 2026-11-07, factor: 2"
            ),
            at: "s.yaml:7:5:",
            "contradicts events[1] (line 6)"
        ),
        data(
            "two lead time changes of one offer on other days",
            events(
                "kind: lead_time_change, suppliers: SUP1, from: 2026-11-03, to: 2026-11-04, days: 3",
                "kind: lead_time_change, skus: S1, from: 2026-11-05, to: 2026-11-07, factor: 2"
            ),
            exit: 0
        ),
        data(
            "two service levels for class A",
            events(
                "kind: service_level, abc_class: A, level: 0.99",
                "kind: service_level, abc_class: [B, A], level: 0.9"
            ),
            at: "s.yaml:7:5:",
            "service level of class A"
        ),
        data(
            "service_level event at level 1",
            events("kind: service_level, abc_class: A, level: 1"),
            at: "s.yaml:6:",
            "(0.0, 1.0)"
        ),
        data(
            "stock adjustment with delta and factor",
            events("kind: stock_adjustment, from: 2026-11-03, delta: 5, factor: 2"),
            at: "s.yaml:6:5:",
            "exactly one of 'delta' and 'factor'"
        ),
        data(
            "stock adjustment past 2^31 - 1 units",
            events("kind: stock_adjustment, warehouses: W1, skus: S1, from: 2026-11-03, delta: \(int32Max)"),
            at: "s.yaml:6:",
            "at most 2147483647"
        ),
        data(
            "two stock adjustments of one SKU at one warehouse",
            events(
                "kind: stock_adjustment, warehouses: W1, from: 2026-11-03, delta: -5",
                "kind: stock_adjustment, skus: S1, from: 2026-11-06, to: 2026-11-07, factor: 0"
            ),
            at: "s.yaml:7:5:",
            "both adjust S1 at W1"
        ),
        data(
            "stock adjustment after the horizon",
            events("kind: stock_adjustment, from: 2026-11-17, delta: 5"),
            at: "s.yaml:6:",
            "outside the horizon"
        ),
        data(
            "closed lane with a cost factor",
            events("kind: lane_change, from: 2026-11-03, to: 2026-11-05, closed: true, cost_factor: 2"),
            at: "s.yaml:6:",
            "a closed lane has no cost_factor"
        ),
        data(
            "lane change of an unknown region",
            events("kind: lane_change, regions: R9, from: 2026-11-03, to: 2026-11-05, closed: true"),
            at: "s.yaml:6:",
            "unknown region 'R9'"
        ),
        data(
            "two lane changes of one lane on common days",
            events(
                "kind: lane_change, warehouses: C1, from: 2026-11-03, to: 2026-11-05, cost_factor: 2",
                "kind: lane_change, regions: R2, from: 2026-11-04, to: 2026-11-05, closed: true"
            ),
            at: "s.yaml:7:5:",
            "both change lane C1-R2"
        ),
        data(
            "lane cost factor past 10^9",
            [.line("data/lanes.csv", 2, "W1,R1,1,2000000,DPD")]
                + events("kind: lane_change, warehouses: W1, from: 2026-11-03, to: 2026-11-05, cost_factor: 1000"),
            at: "s.yaml:6:",
            "at most 1000000000"
        ),
        data(
            "a closed lane plans",
            events("kind: lane_change, warehouses: W1, from: 2026-11-03, to: 2026-11-16, closed: true"),
            exit: 0
        ),
        data(
            "launch of a SKU that already sold",
            events("kind: new_sku_launch, sku: S2, like_sku: S1, from: 2026-11-05, expected_daily_units: 3"),
            at: "s.yaml:6:",
            "already sold"
        ),
        data(
            "launch like an unknown SKU",
            [newSKU] + events("kind: new_sku_launch, sku: S3, like_sku: S9, from: 2026-11-05, expected_daily_units: 3"),
            at: "s.yaml:6:",
            "unknown sku 'S9'"
        ),
        data(
            "two launches of one SKU",
            [newSKU]
                + events(
                    "kind: new_sku_launch, sku: S3, like_sku: S1, from: 2026-11-05, expected_daily_units: 3",
                    "kind: new_sku_launch, sku: S3, like_sku: S2, from: 2026-11-06, expected_daily_units: 3"
                ),
            at: "s.yaml:7:5:",
            "both launch SKU S3"
        ),
        data(
            "a launch plans",
            [newSKU] + events("kind: new_sku_launch, sku: S3, like_sku: S1, from: 2026-11-05, expected_daily_units: 3"),
            exit: 0
        ),
        data(
            "extends a file that extends it back",
            scenario(base.scenario("extends: b.yaml\n")) + [.file("b.yaml", "extends: s.yaml\n")],
            at: "b.yaml:1:10:",
            "a cycle (s.yaml -> b.yaml -> s.yaml)"
        ),
        data(
            "extends a missing file",
            scenario(base.scenario("extends: nowhere.yaml\n")),
            at: "s.yaml:5:10:",
            "cannot read 'nowhere.yaml'"
        ),
        data(
            "extends merges the base's events and overrides",
            scenario("extends: b.yaml\nname: child\nevents:\n  - {kind: service_level, abc_class: B, level: 0.9}\n")
                + [
                    .file(
                        "b.yaml",
                        base.scenario(
                            "overrides: {service_levels: {C: 0.8}}\nevents:\n"
                                + "  - {kind: service_level, abc_class: A, level: 0.99}\n"
                        )
                    )
                ],
            exit: 0
        ),
        data(
            "extends: a base's event contradicts the child's",
            scenario("extends: b.yaml\nname: child\nevents:\n  - {kind: service_level, abc_class: A, level: 0.9}\n")
                + [.file("b.yaml", base.scenario("events:\n  - {kind: service_level, abc_class: A, level: 0.99}\n"))],
            at: "s.yaml:4:5:",
            "contradicts events[1] of b.yaml"
        ),
        data(
            "extends: a base's event outside the child's horizon",
            scenario("extends: b.yaml\nplan_date: 2026-12-01\n")
                + [
                    .file(
                        "b.yaml",
                        base.scenario(
                            "events:\n  - {kind: demand_uplift, from: 2026-11-05, to: 2026-11-06, factor: 2}\n"
                        )
                    )
                ],
            at: "b.yaml:6:33:",
            "outside the horizon (2026-12-01 to 2026-12-14)"
        ),
        data(
            "scenario without data in any file of the chain",
            scenario("extends: b.yaml\n") + [.file("b.yaml", "name: b\nplan_date: 2026-11-03\nhorizon_days: 14\n")],
            at: "s.yaml:1:1:",
            "missing required key 'data'"
        ),
        data(
            "1001 events",
            scenario(
                base.scenario(
                    "events:\n"
                        + String(repeating: "  - {kind: service_level, abc_class: C, level: 0.9}\n", count: 1001)
                )
            ),
            at: "s.yaml:6:3:",
            "more than 1000 events"
        ),
        data(
            "1000 events plan",
            scenario(
                base.scenario(
                    "events:\n"
                        + String(
                            repeating: "  - {kind: demand_uplift, from: 2026-11-05, to: 2026-11-06, factor: 1.001}\n",
                            count: 1000
                        )
                )
            ),
            exit: 0
        ),
        data(
            "600 events in a base and 401 in the child",
            scenario(
                "extends: b.yaml\nname: child\nevents:\n"
                    + String(repeating: "  - {kind: service_level, abc_class: C, level: 0.9}\n", count: 401)
            )
                + [
                    .file(
                        "b.yaml",
                        base.scenario(
                            "events:\n"
                                + String(repeating: "  - {kind: service_level, abc_class: B, level: 0.9}\n", count: 600)
                        )
                    )
                ],
            at: "s.yaml:4:3:",
            "more than 1000 events in the scenario and its bases"
        ),
        data("kpi window of 0 days", configuration("kpis: {sell_through_days: 0}\n"), at: "planner.yaml:1:", "kpis"),
    ]
}
