import PlannerCore

extension Migrations {
    /// Inventory health: what a plan run says beyond the plan itself, for `planner compare` and `planner report`.
    ///
    /// - `operating_kpis`: one row per KPI, in total (abc_class NULL) and per class; the names are
    ///   ``OperatingKPI``'s cases, the classes ``ABCClass``'s, both CHECKed from the Swift enums.
    /// - `warehouse_load`, `region_next_day`: the peak capacity stress test, per warehouse or region and day.
    /// - `warehouse_stock`: projected on hand per warehouse and day; `stock_projection` per (sku, warehouse, day)
    ///   for class A only, so the table grows with the A-class policies rather than with every SKU (a run of
    ///   100,000 SKUs would otherwise store millions of rows a run and slow the store stage down).
    /// - `sku_history`: the recent daily sales of the top A-class SKUs, which the report draws the forecast against.
    /// - `scenario_events`: the scenario's events, which the report marks and `compare` names as reasons, and the
    ///   calendar events (`events.csv`, kind `calendar`) of the days the report draws.
    /// Partitioned by run like every run table (migration 6); keys only on the small tables.
    static let versionInventoryHealth = """
        CREATE TABLE planner.operating_kpis (
            run_id bigint NOT NULL,
            abc_class text CONSTRAINT operating_kpis_class_check CHECK (\(ABCClass.sqlCheck("abc_class"))),
            kpi text NOT NULL CONSTRAINT operating_kpis_kpi_check CHECK (\(OperatingKPI.sqlCheck("kpi"))),
            value double precision,
            unit text NOT NULL,
            CONSTRAINT operating_kpis_one_row UNIQUE NULLS NOT DISTINCT (run_id, abc_class, kpi)
        ) PARTITION BY LIST (run_id);
        COMMENT ON TABLE planner.operating_kpis IS
            'Operating KPIs of a plan run (docs/formulas.md), in total (abc_class NULL) and per ABC class; value NULL '
            'where undefined (no demand, no stock).';

        CREATE TABLE planner.warehouse_load (
            run_id bigint NOT NULL,
            warehouse text NOT NULL,
            date date NOT NULL,
            forecast_units double precision NOT NULL CONSTRAINT warehouse_load_units_check CHECK (forecast_units >= 0),
            capacity_units bigint,
            over_capacity_units double precision NOT NULL
                CONSTRAINT warehouse_load_over_check CHECK (over_capacity_units >= 0),
            PRIMARY KEY (run_id, warehouse, date)
        ) PARTITION BY LIST (run_id);
        COMMENT ON TABLE planner.warehouse_load IS
            'Stress test: forecast outbound units per warehouse and day by the stocking rules, against the day''s '
            'capacity (NULL: no limit).';

        CREATE TABLE planner.region_next_day (
            run_id bigint NOT NULL,
            region text NOT NULL,
            date date NOT NULL,
            forecast_units double precision NOT NULL,
            next_day_units double precision NOT NULL,
            next_day_share double precision NOT NULL,
            min_next_day_share double precision,
            below_target boolean,
            PRIMARY KEY (run_id, region, date)
        ) PARTITION BY LIST (run_id);
        COMMENT ON TABLE planner.region_next_day IS
            'Stress test: a region''s forecast units per day and the part its warehouses ship next day within capacity.';

        CREATE TABLE planner.warehouse_stock (
            run_id bigint NOT NULL,
            warehouse text NOT NULL,
            date date NOT NULL,
            on_hand_units double precision NOT NULL,
            on_hand_value double precision NOT NULL,
            PRIMARY KEY (run_id, warehouse, date)
        ) PARTITION BY LIST (run_id);
        COMMENT ON TABLE planner.warehouse_stock IS
            'Projected on hand at the end of each horizon day per warehouse, in units and at unit cost.';

        CREATE TABLE planner.stock_projection (
            run_id bigint NOT NULL,
            sku text NOT NULL,
            warehouse text NOT NULL,
            date date NOT NULL,
            on_hand double precision NOT NULL CONSTRAINT stock_projection_on_hand_check CHECK (on_hand >= 0),
            backlog double precision NOT NULL CONSTRAINT stock_projection_backlog_check CHECK (backlog >= 0)
        ) PARTITION BY LIST (run_id);
        COMMENT ON TABLE planner.stock_projection IS
            'Projected on hand and backlog at the end of each horizon day per class A (sku, warehouse) policy.';

        CREATE TABLE planner.sku_history (
            run_id bigint NOT NULL,
            sku text NOT NULL,
            date date NOT NULL,
            units double precision NOT NULL,
            PRIMARY KEY (run_id, sku, date)
        ) PARTITION BY LIST (run_id);
        COMMENT ON TABLE planner.sku_history IS
            'Daily units sold (all regions) before the plan date of the top A-class SKUs by forecast, for the report.';

        CREATE TABLE planner.scenario_events (
            run_id bigint NOT NULL,
            event_number integer NOT NULL,
            kind text NOT NULL
                CONSTRAINT scenario_events_kind_check CHECK (\(ScenarioEventKind.sqlCheck("kind")) OR kind = 'calendar'),
            first_day date,
            last_day date,
            detail text NOT NULL,
            PRIMARY KEY (run_id, event_number)
        ) PARTITION BY LIST (run_id);
        COMMENT ON TABLE planner.scenario_events IS
            'The scenario''s events as the run applied them (kind, window, what each changes), then the calendar '
            'events (kind calendar) of the 56 days before the plan date and of the horizon.';
        """
}
