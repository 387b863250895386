/// One schema change, applied once per database and recorded in `planner.schema_migrations`.
struct Migration: Sendable {
    var version: Int
    var name: String
    var sql: String
}

/// The planner's schema history. Never edit an applied migration; append a new one.
enum Migrations {
    static let all: [Migration] = [
        Migration(version: 1, name: "runs and output tables", sql: version1),
        Migration(version: 2, name: "forecast quantiles and models", sql: version2),
    ]

    private static let version1 = """
        CREATE SCHEMA IF NOT EXISTS planner;

        CREATE TABLE planner.runs (
            run_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            kind text NOT NULL CHECK (kind IN ('plan', 'allocate')),
            scenario text NOT NULL,
            plan_date date NOT NULL,
            status text NOT NULL CHECK (status IN ('complete', 'superseded')),
            started_at timestamptz NOT NULL,
            finished_at timestamptz NOT NULL,
            summary jsonb NOT NULL
        );
        CREATE INDEX runs_status_finished_at_idx ON planner.runs (status, finished_at DESC, run_id DESC);
        COMMENT ON TABLE planner.runs IS
            'One row per committed planner run (plan or allocate); every output table references it by run_id.';

        -- forecasts grows with skus x regions x horizon days (millions of rows a run). A foreign key checks
        -- every row against planner.runs and made COPY 3.2x slower (3 M rows: 15.6 s against 4.9 s), so this
        -- table alone has none: the run row is inserted first in the same transaction, and a statement
        -- trigger on planner.runs deletes a run's forecasts with it, as ON DELETE CASCADE would.
        CREATE TABLE planner.forecasts (
            run_id bigint NOT NULL,
            sku text NOT NULL,
            region text NOT NULL,
            date date NOT NULL,
            units double precision NOT NULL,
            model text NOT NULL
        );
        CREATE INDEX forecasts_run_id_idx ON planner.forecasts (run_id);
        COMMENT ON TABLE planner.forecasts IS
            'Forecast demand in units per sku, region and day of the horizon, and the model that made it.';
        CREATE FUNCTION planner.delete_forecasts_of_deleted_runs() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                DELETE FROM planner.forecasts f USING deleted_runs d WHERE f.run_id = d.run_id;
                RETURN NULL;
            END
            $$;
        CREATE TRIGGER runs_delete_forecasts AFTER DELETE ON planner.runs
            REFERENCING OLD TABLE AS deleted_runs
            FOR EACH STATEMENT EXECUTE FUNCTION planner.delete_forecasts_of_deleted_runs();

        CREATE TABLE planner.inventory_policies (
            run_id bigint NOT NULL REFERENCES planner.runs ON DELETE CASCADE,
            sku text NOT NULL,
            warehouse text NOT NULL,
            abc_class text NOT NULL CHECK (abc_class IN ('A', 'B', 'C')),
            service_level double precision NOT NULL,
            mean_daily_demand double precision NOT NULL,
            sd_daily_demand double precision NOT NULL,
            lead_time_days double precision NOT NULL,
            lead_time_sd_days double precision NOT NULL,
            safety_factor double precision NOT NULL,
            sigma_lt double precision NOT NULL,
            safety_stock double precision NOT NULL,
            reorder_point double precision NOT NULL,
            order_quantity double precision NOT NULL CHECK (order_quantity >= 0),
            method text NOT NULL
        );
        CREATE INDEX inventory_policies_run_id_idx ON planner.inventory_policies (run_id);
        COMMENT ON TABLE planner.inventory_policies IS
            'Safety stock, reorder point and order quantity per sku and warehouse, with the inputs used.';

        CREATE TABLE planner.allocations (
            run_id bigint NOT NULL REFERENCES planner.runs ON DELETE CASCADE,
            order_id text NOT NULL,
            sku text NOT NULL,
            warehouse text NOT NULL,
            region text NOT NULL,
            qty integer NOT NULL CHECK (qty > 0),
            transit_days integer NOT NULL CHECK (transit_days >= 0),
            cost_per_unit double precision NOT NULL
        );
        CREATE INDEX allocations_run_id_idx ON planner.allocations (run_id);
        COMMENT ON TABLE planner.allocations IS
            'Units of each open order line shipped from a warehouse to its region, with transit and cost.';

        CREATE TABLE planner.unfilled_lines (
            run_id bigint NOT NULL REFERENCES planner.runs ON DELETE CASCADE,
            order_id text NOT NULL,
            sku text NOT NULL,
            region text NOT NULL,
            qty integer NOT NULL CHECK (qty >= 0),
            reason text NOT NULL
        );
        CREATE INDEX unfilled_lines_run_id_idx ON planner.unfilled_lines (run_id);
        COMMENT ON TABLE planner.unfilled_lines IS
            'Units of open order lines that no warehouse could ship in this run, and why.';

        CREATE TABLE planner.supplier_plans (
            run_id bigint NOT NULL REFERENCES planner.runs ON DELETE CASCADE,
            sku text NOT NULL,
            warehouse text NOT NULL,
            supplier text,
            role text CHECK (role IN ('primary', 'backup')),
            rank integer CHECK (rank >= 1),
            order_date date NOT NULL,
            arrival_date date,
            qty integer NOT NULL CHECK (qty >= 0),
            unit_cost double precision,
            reason text NOT NULL,
            projected_stockout_date date
        );
        CREATE INDEX supplier_plans_run_id_idx ON planner.supplier_plans (run_id);
        COMMENT ON TABLE planner.supplier_plans IS
            'Planned purchase orders per sku and warehouse (supplier null when none can supply), with the reason.';

        CREATE TABLE planner.dispatch_plans (
            run_id bigint NOT NULL REFERENCES planner.runs ON DELETE CASCADE,
            carrier text NOT NULL,
            warehouse text NOT NULL,
            ship_date date NOT NULL,
            region text NOT NULL,
            order_lines integer NOT NULL CHECK (order_lines >= 0),
            units integer NOT NULL CHECK (units >= 0)
        );
        CREATE INDEX dispatch_plans_run_id_idx ON planner.dispatch_plans (run_id);
        CREATE INDEX dispatch_plans_carrier_run_id_idx ON planner.dispatch_plans (carrier, run_id);
        COMMENT ON TABLE planner.dispatch_plans IS
            'Order lines and units each carrier picks up per warehouse, ship date and region (for logistics partners).';

        CREATE VIEW planner.latest_dispatch_plans AS
            SELECT d.*
            FROM planner.dispatch_plans d
            WHERE d.run_id = (
                SELECT r.run_id FROM planner.runs r
                WHERE r.status = 'complete'
                ORDER BY r.finished_at DESC, r.run_id DESC
                LIMIT 1
            );
        COMMENT ON VIEW planner.latest_dispatch_plans IS
            'Dispatch plans of the most recently finished complete run.';
        """

    /// Forecast quantiles, and one row per SKU with the model, its backtest accuracy and its error spread.
    ///
    /// Forecast rows of runs written before this migration have no quantiles: they are set to `units`, as a
    /// new run writes them when its model gives none, so p50, p80 and p95 are never NULL and a reader needs
    /// no second rule. Such runs have no `forecast_models` rows, which is how to tell them apart.
    /// The backfill is an ALTER COLUMN ... TYPE ... USING units, which rewrites the table once into new
    /// files: on 3 M rows it took 5.0 s and grew it from 236 to 307 MB, where an UPDATE took 19.5 s and
    /// left 544 MB of which half dead rows. Either way it holds an exclusive lock on forecasts meanwhile.
    private static let version2 = """
        ALTER TABLE planner.forecasts
            ADD COLUMN p50 double precision,
            ADD COLUMN p80 double precision,
            ADD COLUMN p95 double precision;
        ALTER TABLE planner.forecasts
            ALTER COLUMN p50 TYPE double precision USING units,
            ALTER COLUMN p80 TYPE double precision USING units,
            ALTER COLUMN p95 TYPE double precision USING units,
            ALTER COLUMN p50 SET NOT NULL,
            ALTER COLUMN p80 SET NOT NULL,
            ALTER COLUMN p95 SET NOT NULL;
        COMMENT ON COLUMN planner.forecasts.p50 IS
            '50% quantile of the day''s units (the region''s share of its SKU''s); units for runs before schema 2.';
        COMMENT ON COLUMN planner.forecasts.p80 IS '80% quantile of the day''s units; units for runs before schema 2.';
        COMMENT ON COLUMN planner.forecasts.p95 IS '95% quantile of the day''s units; units for runs before schema 2.';

        CREATE TABLE planner.forecast_models (
            run_id bigint NOT NULL REFERENCES planner.runs ON DELETE CASCADE,
            sku text NOT NULL,
            demand_class text NOT NULL,
            adi double precision,
            cv2 double precision,
            model text NOT NULL,
            parameters text NOT NULL,
            backtest_mae double precision,
            backtest_rmse double precision,
            backtest_bias double precision,
            backtest_mase double precision,
            backtest_rmsse double precision,
            error_sd_1d double precision,
            error_sd_7d double precision,
            error_sd_28d double precision,
            event_factors text NOT NULL,
            PRIMARY KEY (run_id, sku)
        );
        COMMENT ON TABLE planner.forecast_models IS
            'Per sku: demand class, the forecast model selected by backtest, its accuracy and error spread.';
        COMMENT ON COLUMN planner.forecast_models.adi IS
            'Average demand interval in days (Syntetos-Boylan); NULL when the history has no demand.';
        COMMENT ON COLUMN planner.forecast_models.cv2 IS 'Squared coefficient of variation of non-zero demand sizes.';
        COMMENT ON COLUMN planner.forecast_models.backtest_bias IS
            'Mean of forecast - actual in the rolling-origin backtest: positive means over-forecasting.';
        COMMENT ON COLUMN planner.forecast_models.backtest_mase IS
            'MAE over the in-sample one-step naive MAE; NULL without a backtest or when the history is constant.';
        COMMENT ON COLUMN planner.forecast_models.error_sd_7d IS
            'Standard deviation of the error of the forecast total over 7 days; NULL without a backtest.';
        COMMENT ON COLUMN planner.forecast_models.event_factors IS
            'Estimated uplift per calendar event, name=factor;... by name; empty when there are none.';
        """
}
