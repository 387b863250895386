extension Migrations {
    /// Staged forecasts of sharded plans: `planner forecast SCENARIO --shard K/N --stage ID` writes, `planner plan
    /// SCENARIO --from-stage ID` reads (docs/scale-out.md). Schema `planner_stage`, apart from the run tables: a
    /// stage is not a run, no partner sees it, and the run tables' trigger (every partitioned table of schema
    /// `planner` is a run table) stays true.
    ///
    /// - `stages`: one row per stage, made by its first shard: scenario, plan date, shard count and the fingerprint
    ///   every shard and the merge must share.
    /// - `shards`: one row per (stage, shard, step) done, written in the same transaction as the step's rows; the
    ///   `totals` step also records the shard's earliest demand day and its returns rows.
    /// - `pooling_totals`: per (stage, shard, category) the whole-unit sums the forecast pools by category
    ///   (`PoolingTotals`), a few thousand numbers per category: a rerun deletes and copies them again.
    /// - `rate_weighted_sales`: per (stage, shard, category) the `returns` step's part of the units sold per day
    ///   weighted by their SKU's first-fit return rate (`RateWeightedSales`), exact 128-bit fixed-point integers in
    ///   `numeric`; no row for a category the shard sold nothing of at a positive rate.
    /// - `sku_forecasts`: one row per SKU with what the global stages read of it. It grows with the SKUs (a million
    ///   rows of a hundred numbers), so it is stored like the run tables: partitioned by stage, each stage's table
    ///   partitioned by shard, and a shard's rows are one partition that the shard creates, loads with
    ///   `COPY ... FREEZE` and swaps in (drop the old one, attach the new one) in one transaction. No index, key or
    ///   trigger slows the load; the merge reads whole partitions and checks that every SKU is there once.
    static let versionStages = """
        CREATE SCHEMA planner_stage;
        COMMENT ON SCHEMA planner_stage IS
            'Staged forecasts of sharded plans (planner forecast --shard K/N --stage ID), read by planner plan --from-stage ID.';
        REVOKE ALL ON SCHEMA planner_stage FROM PUBLIC;

        CREATE TABLE planner_stage.stages (
            stage_id text PRIMARY KEY CONSTRAINT stages_id_format CHECK (stage_id ~ '\(StageID.pattern)'),
            scenario text NOT NULL,
            plan_date date NOT NULL,
            shard_count integer NOT NULL
                CONSTRAINT stages_shard_count_range CHECK (shard_count BETWEEN 1 AND \(StageID.maximumShardCount)),
            fingerprint text NOT NULL CONSTRAINT stages_fingerprint_is_sha256 CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
            planner_build text NOT NULL,
            created_at timestamptz NOT NULL
        );
        COMMENT ON TABLE planner_stage.stages IS
            'One row per stage of a sharded plan: its scenario, plan date, shard count and the fingerprint of its inputs.';

        CREATE TABLE planner_stage.shards (
            stage_id text NOT NULL REFERENCES planner_stage.stages ON DELETE CASCADE,
            shard integer NOT NULL,
            step text NOT NULL CONSTRAINT shards_step_known CHECK (\(StageStep.sqlCheck("step"))),
            fingerprint text NOT NULL,
            skus integer NOT NULL CONSTRAINT shards_skus_nonnegative CHECK (skus >= 0),
            demand_rows bigint NOT NULL CONSTRAINT shards_demand_rows_nonnegative CHECK (demand_rows >= 0),
            earliest_demand_date date,
            return_rows bigint,
            host text NOT NULL,
            pid integer NOT NULL,
            started_at timestamptz NOT NULL,
            finished_at timestamptz NOT NULL,
            PRIMARY KEY (stage_id, shard, step),
            CONSTRAINT shards_shard_nonnegative CHECK (shard >= 0)
        );
        COMMENT ON TABLE planner_stage.shards IS
            'One row per step a shard has completed (totals, returns, then forecast), written with the step''s rows.';

        CREATE TABLE planner_stage.pooling_totals (
            stage_id text NOT NULL REFERENCES planner_stage.stages ON DELETE CASCADE,
            shard integer NOT NULL,
            category text NOT NULL,
            established_skus bigint NOT NULL,
            established_units bigint[] NOT NULL,
            earliest_cohort_skus bigint NOT NULL,
            earliest_cohort_units bigint[] NOT NULL,
            weekday_units bigint[] NOT NULL,
            sales_units bigint[] NOT NULL,
            returned_units bigint[] NOT NULL,
            graded_units bigint[] NOT NULL,
            PRIMARY KEY (stage_id, shard, category)
        );
        COMMENT ON TABLE planner_stage.pooling_totals IS
            'Per shard and category, the whole-unit sums the forecast pools by category (summed over the shards).';

        CREATE TABLE planner_stage.rate_weighted_sales (
            stage_id text NOT NULL REFERENCES planner_stage.stages ON DELETE CASCADE,
            shard integer NOT NULL,
            category text NOT NULL,
            scaled_units numeric[] NOT NULL,
            PRIMARY KEY (stage_id, shard, category)
        );
        COMMENT ON TABLE planner_stage.rate_weighted_sales IS
            'Per shard and category, units sold per day of the returns span times their SKU''s first-fit return rate, '
            'in units of 2^-32 (summed over the shards, the second fit of the category''s returns lag).';

        CREATE TABLE planner_stage.sku_forecasts (
            stage_id text NOT NULL,
            shard integer NOT NULL,
            sku text NOT NULL,
            revenue double precision NOT NULL,
            weekly_cv double precision,
            demand_class text,
            adi double precision,
            cv2 double precision,
            demand_days integer,
            model text,
            parameters text,
            backtest_count integer,
            backtest_mae double precision,
            backtest_rmse double precision,
            backtest_bias double precision,
            backtest_mase double precision,
            backtest_rmsse double precision,
            baseline double precision[],
            cumulative_error_sd double precision[],
            error_quantiles double precision[],
            event_actual double precision[],
            event_baseline double precision[],
            dispersion double precision,
            region_shares double precision[],
            return_rate double precision,
            return_lag_days double precision,
            return_source text,
            returned_units bigint,
            return_grade_shares double precision[],
            return_states double precision[],
            last_sale_days_ago integer,
            recent_units bigint[] NOT NULL,
            CONSTRAINT sku_forecasts_model_with_class CHECK ((model IS NULL) = (demand_class IS NULL))
        ) PARTITION BY LIST (stage_id);
        COMMENT ON TABLE planner_stage.sku_forecasts IS
            'Per SKU of a stage: the model its shard selected, the baseline forecast and error spread, ABC revenue, '
            'weekly CV and returns estimate. Partitioned by stage, then by shard (one partition per shard).';
        """
}
