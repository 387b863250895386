import PlannerCore

extension Migrations {
    /// Returns: the returns forecast of a plan run, by SKU, serving warehouse, week of the horizon and
    /// grade, with the units' value and, for resellable units, the first day they are sellable again; each row
    /// carries the SKU's return rate and mean lag and whether they were its own or its category's. One table,
    /// nothing else changes, so older runs simply have no rows. The grade CHECK lists ``ReturnGrade``'s cases.
    /// Partitioned by run like every run table (migration 6): a run writes a partition of its own.
    static let versionReturns = """
        CREATE TABLE planner.returns_forecast (
            run_id bigint NOT NULL,
            sku text NOT NULL,
            warehouse text NOT NULL,
            week_start date NOT NULL,
            grade text NOT NULL CONSTRAINT returns_forecast_grade_check CHECK (grade IN (\(
                ReturnGrade.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            ))),
            units double precision NOT NULL CONSTRAINT returns_forecast_units_check CHECK (units >= 0),
            value double precision NOT NULL CONSTRAINT returns_forecast_value_check CHECK (value >= 0),
            sellable_from date,
            return_rate double precision NOT NULL CONSTRAINT returns_forecast_rate_check CHECK (return_rate >= 0),
            mean_lag_days double precision NOT NULL,
            rate_source text NOT NULL
        ) PARTITION BY LIST (run_id);
        COMMENT ON TABLE planner.returns_forecast IS
            'Expected returned units per sku, serving warehouse, 7-day week from the plan date and grade, valued at '
            'unit cost; resellable units are sellable again from sellable_from (return day + returns.grading_days, '
            'the week''s first day).';
        """
}
