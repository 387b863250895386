extension Migrations {
    /// The run tables of schema 5, each partitioned by run here. Kept apart from `PlannerSchema` on purpose:
    /// a migration's text never changes once applied, while the schema's list grows.
    static let runTablesOfVersion5 = [
        "forecasts", "forecast_models", "sku_classes", "inventory_policies", "allocations", "unfilled_lines",
        "allocation_explanations", "service_kpis", "allocation_solves", "supplier_plans", "supply_shortfalls",
        "dispatch_plans",
    ]

    /// Runs that schedulers and carriers can rely on, stored at the speed of COPY.
    ///
    /// Lifecycle: every run gets a purpose (`daily` or `scenario`), a `published` flag and time, the run that
    /// superseded it, and what produced it (fingerprint, planner build, effective configuration and scenario). At
    /// most one complete published run per plan date (a partial unique index); partners see the newest one
    /// (`planner.latest_published_run_id()`). Of the runs already stored, the one partners saw until now (the
    /// newest complete run) is published, so their view does not change.
    ///
    /// Storage: each run table becomes a table partitioned by `run_id`, one partition per run in schema
    /// `planner_runs`, which the writer creates, loads with `COPY ... FREEZE` and attaches in the run's
    /// transaction. The per-row foreign keys and the indexes go: they set the pace of a write (a run's rows are
    /// written only with its run row, in one transaction), partition pruning finds a run's rows, and the reads
    /// that looked up one order or one carrier scan one run's partition (200,000 explanation rows in tens of
    /// milliseconds). Keys that say something stay: one row per SKU, per run, per region.
    /// Deleting runs drops their partitions (a statement trigger on `planner.runs`), so pruning is a DROP. The rows
    /// of stored runs move into partitions of their own; constraints, comments, the partners' policy and view
    /// are made again as they were.
    static let version6: String = {
        let tables = runTablesOfVersion5.map { "'\($0)'" }.joined(separator: ", ")
        return """
            CREATE SCHEMA planner_runs;
            COMMENT ON SCHEMA planner_runs IS
                'One partition per run of each planner run table (<table>_<run_id>); read them through planner.<table>.';
            REVOKE ALL ON SCHEMA planner_runs FROM PUBLIC;

            ALTER TABLE planner.runs
                ADD COLUMN purpose text,
                ADD COLUMN published boolean NOT NULL DEFAULT false,
                ADD COLUMN published_at timestamptz,
                ADD COLUMN superseded_by bigint REFERENCES planner.runs ON DELETE SET NULL,
                ADD COLUMN fingerprint text,
                ADD COLUMN planner_build text,
                ADD COLUMN configuration jsonb,
                ADD COLUMN scenario_definition jsonb,
                ADD COLUMN row_counts jsonb NOT NULL DEFAULT '{}';
            UPDATE planner.runs SET purpose = CASE kind WHEN 'allocate' THEN 'daily' ELSE 'scenario' END;
            UPDATE planner.runs SET published = true, published_at = finished_at WHERE status = 'superseded';
            UPDATE planner.runs SET published = true, published_at = finished_at
                WHERE run_id = (
                    SELECT run_id FROM planner.runs WHERE status = 'complete'
                    ORDER BY finished_at DESC, run_id DESC LIMIT 1
                );
            ALTER TABLE planner.runs
                ALTER COLUMN purpose SET NOT NULL,
                ADD CONSTRAINT runs_purpose_known CHECK (\(RunPurpose.sqlCheck("purpose"))),
                ADD CONSTRAINT runs_fingerprint_is_sha256 CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
                ADD CONSTRAINT runs_published_when CHECK (published = (published_at IS NOT NULL)),
                ADD CONSTRAINT runs_superseded_were_published CHECK (status <> 'superseded' OR published);
            CREATE UNIQUE INDEX runs_one_published_per_date ON planner.runs (plan_date)
                WHERE published AND status = 'complete';
            CREATE INDEX runs_fingerprint_idx ON planner.runs (fingerprint, kind, plan_date) WHERE fingerprint IS NOT NULL;
            COMMENT ON COLUMN planner.runs.purpose IS
                'daily (planner allocate, the scheduler''s run) or scenario (planner plan, a planner''s what-if).';
            COMMENT ON COLUMN planner.runs.published IS
                'Published runs are the official plan of their date; partners see only the newest published run.';
            COMMENT ON COLUMN planner.runs.superseded_by IS 'The published run that replaced this one for its date.';
            COMMENT ON COLUMN planner.runs.row_counts IS 'Rows the run stored per table, by table name.';
            COMMENT ON COLUMN planner.runs.fingerprint IS
                'SHA-256 of what produced the run (inputs, configuration, scenario, planner build); NULL before schema 6.';

            CREATE FUNCTION planner.latest_published_run_id() RETURNS bigint
                LANGUAGE sql STABLE SECURITY DEFINER
                SET search_path = pg_catalog, pg_temp
                AS $$
                    SELECT r.run_id FROM planner.runs r
                    WHERE r.published AND r.status = 'complete'
                    ORDER BY r.plan_date DESC, r.published_at DESC, r.run_id DESC
                    LIMIT 1
                $$;
            REVOKE EXECUTE ON FUNCTION planner.latest_published_run_id() FROM PUBLIC;
            GRANT EXECUTE ON FUNCTION planner.latest_published_run_id() TO planner_partner;
            COMMENT ON FUNCTION planner.latest_published_run_id() IS
                'run_id of the published, not superseded run with the latest plan date (NULL when there is none).';

            DROP VIEW planner.latest_dispatch_plans;
            DROP FUNCTION planner.latest_complete_run_id();
            DROP TRIGGER runs_delete_forecasts ON planner.runs;
            DROP FUNCTION planner.delete_forecasts_of_deleted_runs();

            DO $$
            DECLARE
                name text;
                old regclass;
                run bigint;
                moved bigint;
                dropped record;
            BEGIN
                FOREACH name IN ARRAY ARRAY[\(tables)] LOOP
                    EXECUTE format('ALTER TABLE planner.%I RENAME TO %I', name, name || '_unpartitioned');
                    old := format('planner.%I', name || '_unpartitioned')::regclass;
                    -- Keys and indexes are relations of their own: free their names for the new table.
                    FOR dropped IN SELECT conname FROM pg_constraint WHERE conrelid = old AND contype IN ('p', 'u', 'f')
                    LOOP
                        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', old, dropped.conname);
                    END LOOP;
                    FOR dropped IN SELECT indexrelid::regclass AS index FROM pg_index WHERE indrelid = old LOOP
                        EXECUTE format('DROP INDEX %s', dropped.index);
                    END LOOP;
                    EXECUTE format(
                        'CREATE TABLE planner.%I (LIKE %s INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING COMMENTS) '
                            'PARTITION BY LIST (run_id)',
                        name, old
                    );
                    EXECUTE format('COMMENT ON TABLE planner.%I IS %L', name, obj_description(old, 'pg_class'));
                    FOR run IN EXECUTE format('SELECT DISTINCT run_id FROM %s ORDER BY run_id', old) LOOP
                        EXECUTE format(
                            'CREATE TABLE planner_runs.%I (LIKE planner.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS, '
                                'CONSTRAINT %I CHECK (run_id = %s))',
                            name || '_' || run, name, name || '_' || run || '_run', run
                        );
                        EXECUTE format(
                            'INSERT INTO planner_runs.%I SELECT * FROM %s WHERE run_id = %s',
                            name || '_' || run, old, run
                        );
                        GET DIAGNOSTICS moved = ROW_COUNT;
                        UPDATE planner.runs SET row_counts = row_counts || jsonb_build_object(name, moved)
                            WHERE run_id = run;
                        EXECUTE format(
                            'ALTER TABLE planner.%I ATTACH PARTITION planner_runs.%I FOR VALUES IN (%s)',
                            name, name || '_' || run, run
                        );
                    END LOOP;
                    EXECUTE format('DROP TABLE %s', old);
                END LOOP;
            END
            $$;

            ALTER TABLE planner.forecast_models ADD PRIMARY KEY (run_id, sku);
            ALTER TABLE planner.sku_classes ADD PRIMARY KEY (run_id, sku);
            ALTER TABLE planner.allocation_solves ADD PRIMARY KEY (run_id);
            ALTER TABLE planner.service_kpis
                ADD CONSTRAINT service_kpis_one_row_per_region UNIQUE NULLS NOT DISTINCT (run_id, region);

            -- Every partitioned table of schema planner is a run table: a run's partition of each is <table>_<run_id>.
            CREATE FUNCTION planner.drop_partitions_of_deleted_runs() RETURNS trigger
                LANGUAGE plpgsql AS $$
                DECLARE
                    deleted record;
                    parent record;
                BEGIN
                    FOR deleted IN SELECT run_id FROM deleted_runs LOOP
                        FOR parent IN
                            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                            WHERE n.nspname = 'planner' AND c.relkind = 'p'
                        LOOP
                            EXECUTE format('DROP TABLE IF EXISTS planner_runs.%I', parent.relname || '_' || deleted.run_id);
                        END LOOP;
                    END LOOP;
                    RETURN NULL;
                END
                $$;
            REVOKE EXECUTE ON FUNCTION planner.drop_partitions_of_deleted_runs() FROM PUBLIC;
            CREATE TRIGGER runs_drop_partitions AFTER DELETE ON planner.runs
                REFERENCING OLD TABLE AS deleted_runs
                FOR EACH STATEMENT EXECUTE FUNCTION planner.drop_partitions_of_deleted_runs();

            ALTER TABLE planner.dispatch_plans ENABLE ROW LEVEL SECURITY;
            CREATE POLICY dispatch_plans_own_carrier ON planner.dispatch_plans FOR SELECT TO planner_partner
                USING (carrier IN (SELECT a.carrier FROM planner.carrier_accounts a WHERE a.role_name = current_user));
            CREATE VIEW planner.latest_dispatch_plans WITH (security_invoker = true) AS
                SELECT d.*
                FROM planner.dispatch_plans d
                WHERE d.run_id = planner.latest_published_run_id();
            COMMENT ON VIEW planner.latest_dispatch_plans IS
                'Dispatch plans of the newest published run (a partner sees its own carrier''s only).';
            GRANT SELECT ON planner.dispatch_plans, planner.latest_dispatch_plans TO planner_partner;
            """
    }()
}
