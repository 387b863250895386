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
        Migration(version: 3, name: "inventory classes, policy methods, shortfalls", sql: version3),
        Migration(version: 4, name: "allocation explanations, service KPIs, solves, partner access", sql: version4),
        Migration(version: 5, name: "whole units in 64 bits", sql: version5),
        Migration(version: 6, name: "run lifecycle, one partition per run", sql: version6),
        Migration(version: 7, name: "returns forecast", sql: versionReturns),
        Migration(
            version: 8,
            name: "one allocation model: typed solver paths, horizon, explained ship days, presale",
            sql: allocationModel
        ),
        Migration(version: 9, name: "dispatch lines, alerts", sql: versionDispatchLinesAndAlerts),
        Migration(version: 10, name: "inventory health, stress test, operating KPIs", sql: versionInventoryHealth),
        Migration(version: 11, name: "staged forecasts of sharded plans", sql: versionStages),
        Migration(version: 12, name: "allocation rules: enforced next-day targets, drop-ship", sql: allocationRules),
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
    /// files, where an UPDATE would leave half of them dead rows (docs/data-contract.md, "Schema versions",
    /// has the measurement). Either way it holds an exclusive lock on forecasts meanwhile.
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

    /// ABC/XYZ classes per SKU, the policy method's inputs per (sku, warehouse), and stock-out episodes.
    ///
    /// Policy rows of runs written before this migration keep their values, and the new columns are NULL for
    /// them: nothing recorded what they would hold, and guessing would pass a guess off as the run's decision.
    /// Adding nullable columns without a default changes only the catalog; their CHECK constraints make
    /// PostgreSQL read the table once to validate them (no rewrite): 0.5 s for 3 M rows (426 MB), under the
    /// exclusive lock on inventory_policies. `method` gets no CHECK: older runs hold other names.
    private static let version3 = """
        ALTER TABLE planner.inventory_policies
            ALTER COLUMN safety_factor DROP NOT NULL,
            ADD COLUMN xyz_class text CHECK (xyz_class IN ('X', 'Y', 'Z')),
            ADD COLUMN service_type text CHECK (service_type IN ('cycle', 'fill_rate')),
            ADD COLUMN stocking text CHECK (stocking IN ('regional', 'cloud_pool', 'drop_ship')),
            ADD COLUMN sigma_source text,
            ADD COLUMN review_period_days double precision CHECK (review_period_days >= 0),
            ADD COLUMN order_up_to double precision,
            ADD COLUMN lot_size integer CHECK (lot_size >= 0),
            ADD COLUMN presale_allowed boolean;
        COMMENT ON COLUMN planner.inventory_policies.method IS
            'normal_cycle, normal_fill_rate, poisson_cycle, periodic_review or drop_ship; runs before schema 3 '
            'hold forecast_error or older names, so there is no CHECK.';
        COMMENT ON COLUMN planner.inventory_policies.safety_factor IS
            'z (cycle service) or k (fill rate) of SS = factor * sigma_lt; NULL for poisson_cycle, which has none.';
        COMMENT ON COLUMN planner.inventory_policies.xyz_class IS
            'X, Y or Z by the coefficient of variation of weekly demand; NULL for runs before schema 3.';
        COMMENT ON COLUMN planner.inventory_policies.service_type IS
            'cycle (service_level is alpha) or fill_rate (beta); NULL for runs before schema 3.';
        COMMENT ON COLUMN planner.inventory_policies.stocking IS
            'regional, cloud_pool or drop_ship, from the class strategy; NULL for runs before schema 3.';
        COMMENT ON COLUMN planner.inventory_policies.sigma_source IS
            'Where the demand spread came from, e.g. forecast_error; NULL for runs before schema 3.';
        COMMENT ON COLUMN planner.inventory_policies.review_period_days IS
            'R of periodic review (R, S); NULL for continuous review and for runs before schema 3.';
        COMMENT ON COLUMN planner.inventory_policies.order_up_to IS
            'S of (R, S), or s + Q under continuous review; NULL for runs before schema 3.';
        COMMENT ON COLUMN planner.inventory_policies.lot_size IS
            'Q in units after the supplier''s MOQ and pack size; NULL for runs before schema 3.';
        COMMENT ON COLUMN planner.inventory_policies.presale_allowed IS
            'Whether the class strategy lets a shortfall be sold ahead; NULL for runs before schema 3.';

        -- One row per SKU, so a class is stated once per run and not repeated on each warehouse's policy.
        -- The primary key (run_id, sku) also serves lookups by run_id.
        CREATE TABLE planner.sku_classes (
            run_id bigint NOT NULL REFERENCES planner.runs ON DELETE CASCADE,
            sku text NOT NULL,
            abc_class text NOT NULL CHECK (abc_class IN ('A', 'B', 'C')),
            xyz_class text NOT NULL CHECK (xyz_class IN ('X', 'Y', 'Z')),
            revenue double precision NOT NULL,
            weekly_cv double precision,
            stocking text NOT NULL CHECK (stocking IN ('regional', 'cloud_pool', 'drop_ship')),
            PRIMARY KEY (run_id, sku)
        );
        COMMENT ON TABLE planner.sku_classes IS
            'Per sku and plan run: ABC class by revenue, XYZ class by weekly demand variation, and how it is stocked.';
        COMMENT ON COLUMN planner.sku_classes.abc_class IS 'A, B or C by revenue rank (configured thresholds).';
        COMMENT ON COLUMN planner.sku_classes.xyz_class IS
            'X (weekly_cv <= 0.5), Y (<= 1.0) or Z (above, or no demand) by default thresholds.';
        COMMENT ON COLUMN planner.sku_classes.revenue IS 'Revenue over the 365 days before the plan date.';
        COMMENT ON COLUMN planner.sku_classes.weekly_cv IS
            'Coefficient of variation of weekly demand; NULL when the SKU had no demand.';
        COMMENT ON COLUMN planner.sku_classes.stocking IS
            'regional (each warehouse), cloud_pool (one pooled warehouse) or drop_ship (the supplier ships).';

        CREATE TABLE planner.supply_shortfalls (
            run_id bigint NOT NULL REFERENCES planner.runs ON DELETE CASCADE,
            sku text NOT NULL,
            warehouse text NOT NULL,
            abc_class text NOT NULL CHECK (abc_class IN ('A', 'B', 'C')),
            cause text NOT NULL CHECK (cause IN ('no_supplier', 'lead_time', 'supplier_capacity', 'late_order')),
            stockout_date date NOT NULL,
            last_short_date date NOT NULL,
            recovery_date date,
            shortfall_days integer NOT NULL CHECK (shortfall_days > 0),
            shortfall_units integer NOT NULL CHECK (shortfall_units >= 0),
            presale_units integer NOT NULL CHECK (presale_units >= 0),
            promised_date date,
            -- Checks that compare columns are table constraints (a column constraint should read its own only),
            -- named so that a violation says which rule broke.
            CONSTRAINT supply_shortfalls_presale_within_shortfall CHECK (presale_units <= shortfall_units),
            CONSTRAINT supply_shortfalls_promise_needs_presale CHECK (promised_date IS NULL OR presale_units > 0),
            CONSTRAINT supply_shortfalls_dates_in_order CHECK (last_short_date >= stockout_date)
        );
        CREATE INDEX supply_shortfalls_run_id_idx ON planner.supply_shortfalls (run_id);
        COMMENT ON TABLE planner.supply_shortfalls IS
            'One row per projected stock-out episode of a sku at a warehouse: the units short and, '
            'for an A-class SKU, the part that may be sold ahead (presale).';
        COMMENT ON COLUMN planner.supply_shortfalls.cause IS
            'no_supplier (the SKU has none), lead_time (no supplier could arrive before the stock-out), '
            'supplier_capacity (units asked for by then found no capacity) or late_order (a supplier could '
            'have arrived in time; the order went out later than the lead time actually obtained needed).';
        COMMENT ON COLUMN planner.supply_shortfalls.stockout_date IS 'First day on which demand is not served.';
        COMMENT ON COLUMN planner.supply_shortfalls.last_short_date IS
            'Last day of the episode on which demand is not served.';
        COMMENT ON COLUMN planner.supply_shortfalls.recovery_date IS
            'Day the backlog is cleared; NULL when stock does not recover within the horizon.';
        COMMENT ON COLUMN planner.supply_shortfalls.shortfall_days IS
            'Days of the episode on which demand is not served.';
        COMMENT ON COLUMN planner.supply_shortfalls.shortfall_units IS
            'Units of forecast demand not served from stock on the day they arrive (backorders, served first '
            'in, first out).';
        COMMENT ON COLUMN planner.supply_shortfalls.presale_units IS
            'The part of shortfall_units that an A-class SKU may sell ahead, promised for promised_date.';
        COMMENT ON COLUMN planner.supply_shortfalls.promised_date IS
            'Delivery date promised for presale units: the day the backlog clears; NULL when presale_units = 0.';

        COMMENT ON COLUMN planner.supplier_plans.reason IS
            'reorder_point, periodic_review, primary_capacity, primary_disrupted, primary_late or drop_ship; '
            'runs before schema 3 also hold no_supplier and no_supplier_capacity rows with supplier NULL.';
        """
}
