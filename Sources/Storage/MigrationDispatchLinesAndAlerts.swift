import PlannerCore

extension Migrations {
    /// Dispatch lines a carrier can work from, and the alerts a run breached. Two run tables, partitioned by run
    /// like every run table (migration 6: no foreign key, no run_id index; a run writes one partition of each),
    /// so older runs simply have no rows in them.
    ///
    /// `dispatch_lines`: one row per allocated (order line, warehouse, ship date), with the order line's number
    /// within its order and, where `skus.csv` gives them, the line's weight and volume. Partners read it as they
    /// read `dispatch_plans`: row level security shows a `planner_partner` member its own carrier's rows, through
    /// the table and the view `latest_dispatch_lines`. `previous_published_run_id(run)` names the published run a
    /// carrier saw before `run` for its date (for `planner dispatch --changes`), callable by partners, who may not
    /// read `planner.runs`.
    ///
    /// `alerts`: one row per breach of a threshold of `alerts:` in the configuration; the alert CHECK lists
    /// ``AlertKind``'s cases.
    static let versionDispatchLinesAndAlerts = """
        CREATE TABLE planner.dispatch_lines (
            run_id bigint NOT NULL,
            carrier text NOT NULL,
            warehouse text NOT NULL,
            ship_date date NOT NULL,
            region text NOT NULL,
            order_id text NOT NULL,
            line integer NOT NULL CONSTRAINT dispatch_lines_line_check CHECK (line >= 1),
            sku text NOT NULL,
            qty bigint NOT NULL CONSTRAINT dispatch_lines_qty_check CHECK (qty > 0),
            promise_date date NOT NULL,
            weight_kg double precision CONSTRAINT dispatch_lines_weight_check CHECK (weight_kg >= 0),
            volume_l double precision CONSTRAINT dispatch_lines_volume_check CHECK (volume_l >= 0)
        ) PARTITION BY LIST (run_id);
        COMMENT ON TABLE planner.dispatch_lines IS
            'What a carrier picks up, order line by order line: one row per allocated (order line, warehouse, '
            'ship date), with the line''s weight and volume where skus.csv gives the unit''s.';
        COMMENT ON COLUMN planner.dispatch_lines.line IS
            'The order line''s number within its order, 1, 2, ... in orders.csv order.';
        COMMENT ON COLUMN planner.dispatch_lines.promise_date IS
            'Delivery date promised for the order line: orders.csv promise_date, or order_date + 1 when it is blank.';
        COMMENT ON COLUMN planner.dispatch_lines.weight_kg IS
            'qty x skus.csv unit_weight_kg, to the gram; NULL when the SKU has no unit weight.';
        COMMENT ON COLUMN planner.dispatch_lines.volume_l IS
            'qty x skus.csv unit_volume_l, to the millilitre; NULL when the SKU has no unit volume.';

        ALTER TABLE planner.dispatch_lines ENABLE ROW LEVEL SECURITY;
        CREATE POLICY dispatch_lines_own_carrier ON planner.dispatch_lines FOR SELECT TO planner_partner
            USING (carrier IN (SELECT a.carrier FROM planner.carrier_accounts a WHERE a.role_name = current_user));
        CREATE VIEW planner.latest_dispatch_lines WITH (security_invoker = true) AS
            SELECT d.*
            FROM planner.dispatch_lines d
            WHERE d.run_id = planner.latest_published_run_id();
        COMMENT ON VIEW planner.latest_dispatch_lines IS
            'Dispatch lines of the newest published run (a partner sees its own carrier''s only).';
        GRANT SELECT ON planner.dispatch_lines, planner.latest_dispatch_lines TO planner_partner;

        -- A published run: the run it superseded most recently (the plan carriers had before it). A run not
        -- published: the run published for its date now (the plan it would replace). NULL when there is none.
        CREATE FUNCTION planner.previous_published_run_id(run bigint) RETURNS bigint
            LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = pg_catalog, pg_temp
            AS $$
                SELECT CASE WHEN r.published THEN (
                        SELECT p.run_id FROM planner.runs p
                        WHERE p.superseded_by = r.run_id
                        ORDER BY p.published_at DESC, p.run_id DESC
                        LIMIT 1
                    ) ELSE (
                        SELECT p.run_id FROM planner.runs p
                        WHERE p.plan_date = r.plan_date AND p.published AND p.status = 'complete'
                            AND p.run_id <> r.run_id
                        ORDER BY p.published_at DESC, p.run_id DESC
                        LIMIT 1
                    ) END
                FROM planner.runs r
                WHERE r.run_id = run
            $$;
        REVOKE EXECUTE ON FUNCTION planner.previous_published_run_id(bigint) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION planner.previous_published_run_id(bigint) TO planner_partner;
        COMMENT ON FUNCTION planner.previous_published_run_id(bigint) IS
            'The published run carriers had before run: the one it superseded (published), or the one published '
            'for its date (not published); NULL when there is none.';

        CREATE TABLE planner.alerts (
            run_id bigint NOT NULL,
            alert text NOT NULL CONSTRAINT alerts_alert_check CHECK (\(AlertKind.sqlCheck("alert"))),
            region text,
            sku text,
            warehouse text,
            supplier text,
            observed double precision NOT NULL,
            threshold double precision,
            message text NOT NULL
        ) PARTITION BY LIST (run_id);
        COMMENT ON TABLE planner.alerts IS
            'One row per breach of a threshold of alerts: in the configuration, found once the run was planned.';
        COMMENT ON COLUMN planner.alerts.observed IS
            'The run''s figure: fill rate, region next-day share, unfilled units, units short, or units ordered.';
        COMMENT ON COLUMN planner.alerts.threshold IS
            'The configured limit it breached; NULL for the checks that are on or off (new A-class shortfall, '
            'backup supplier order).';
        """
}
