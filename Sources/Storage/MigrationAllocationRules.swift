import PlannerCore

extension Migrations {
    /// Operating rules of the allocation: enforced next-day targets and their outcome per region; drop-ship orders
    /// sent to suppliers, who read their own.
    ///
    /// `service_kpis` gains the target in units, the units short of it and whether it was enforced (NULL on rows
    /// of earlier runs, which recorded neither); `allocation_solves` the fewest units any plan could miss the
    /// targets by. `mip_gap` was only for the split-shipment integer mode; a plan found by branch and bound within
    /// a time limit (next-day rows can make the LP's vertex fractional) has one too, so the check becomes "a gap
    /// only for a plan not proven optimal, or the integer mode". Each run's partition holds the table's checks as
    /// its own, so the old one is dropped from the parent and then from every partition before the new one is
    /// added to the parent, which adds it to every partition, checking their rows.
    static let allocationRules = """
        ALTER TABLE planner.service_kpis
            ADD COLUMN target_units bigint CHECK (target_units >= 0),
            ADD COLUMN shortfall_units bigint CHECK (shortfall_units >= 0),
            ADD COLUMN target_enforced boolean,
            ADD CONSTRAINT service_kpis_shortfall_within_target CHECK (shortfall_units <= target_units),
            ADD CONSTRAINT service_kpis_shortfall_needs_target
                CHECK ((shortfall_units IS NULL) = (target_units IS NULL));
        COMMENT ON COLUMN planner.service_kpis.target_units IS
            'Next-day units min_next_day_share asks for: ceil(share x units_total); on the all-regions row the sum of '
            'the regions''. NULL without a minimum, and for runs before schema 12.';
        COMMENT ON COLUMN planner.service_kpis.shortfall_units IS
            'Units by which units_next_day falls short of target_units, 0 when met; on the all-regions row the sum of '
            'the regions''. NULL without a minimum, and for runs before schema 12.';
        COMMENT ON COLUMN planner.service_kpis.target_enforced IS
            'Whether the minimum was a constraint of the allocation (allocation.next_day_share.enforce) rather than '
            'only reported; NULL for runs before schema 12.';

        \(dropChecks(["allocation_solves_gap_only_for_integer"], fromRunTable: "planner.allocation_solves"))
        ALTER TABLE planner.allocation_solves
            ADD COLUMN min_next_day_shortfall_units bigint CHECK (min_next_day_shortfall_units >= 0),
            ADD CONSTRAINT allocation_solves_gap_only_when_unproven
                CHECK (mip_gap IS NULL OR solver_path = '\(AllocationSolverPath.integer.rawValue)'
                       OR status = '\(AllocationSolveStatus.feasible.rawValue)');
        COMMENT ON COLUMN planner.allocation_solves.min_next_day_shortfall_units IS
            'With enforced next-day targets: the fewest units by which any plan misses them in all (0 when every '
            'target can be met), from a maximum flow; NULL when no target was enforced.';
        COMMENT ON COLUMN planner.allocation_solves.mip_gap IS
            'Relative gap between the plan and a bound no better plan beats: the split-shipment search stopped by '
            'its time limit, or whole units found within a time limit when next-day targets made the LP fractional '
            '(docs/allocation-model.md); 0 or NULL when proved optimal.';

        -- Drop-ship: explanations name the supplier of a drop-shipped part, or a supplier as the runner-up.
        \(dropChecks(
            ["allocation_explanations_outcome_check", "allocation_explanations_runner_up_costs_need_runner_up"],
            fromRunTable: "planner.allocation_explanations"
        ))
        ALTER TABLE planner.allocation_explanations
            ADD COLUMN supplier text,
            ADD COLUMN runner_up_supplier text,
            ADD CONSTRAINT allocation_explanations_outcome_check CHECK (\(AllocationExplanation.Outcome.sqlCheck("outcome"))),
            ADD CONSTRAINT allocation_explanations_drop_ship_has_supplier
                CHECK ((outcome = '\(AllocationExplanation.Outcome.dropShip.rawValue)') = (supplier IS NOT NULL)
                       AND (supplier IS NULL OR (warehouse IS NULL AND unfilled_reason IS NULL))),
            ADD CONSTRAINT allocation_explanations_one_runner_up
                CHECK (runner_up_warehouse IS NULL OR runner_up_supplier IS NULL),
            ADD CONSTRAINT allocation_explanations_runner_up_costs_need_runner_up
                CHECK (runner_up_warehouse IS NOT NULL OR runner_up_supplier IS NOT NULL
                       OR (runner_up_lane_cost_per_unit IS NULL AND marginal_cost_per_unit IS NULL));
        COMMENT ON COLUMN planner.allocation_explanations.supplier IS
            'The drop-ship supplier shipping these units straight to the customer (outcome drop_ship); NULL otherwise.';
        COMMENT ON COLUMN planner.allocation_explanations.runner_up_supplier IS
            'The drop-ship supplier the units would go to next, when it is the runner-up rather than a warehouse.';

        CREATE TABLE planner.supplier_dispatch (
            run_id bigint NOT NULL,
            supplier text NOT NULL,
            order_id text NOT NULL,
            sku text NOT NULL,
            region text NOT NULL,
            qty bigint NOT NULL CHECK (qty > 0),
            ship_date date NOT NULL,
            delivery_date date NOT NULL,
            promise_date date,
            days_late integer CHECK (days_late >= 0),
            cost_per_unit double precision NOT NULL CHECK (cost_per_unit >= 0),
            CONSTRAINT supplier_dispatch_delivered_after_shipping CHECK (delivery_date >= ship_date)
        ) PARTITION BY LIST (run_id);
        COMMENT ON TABLE planner.supplier_dispatch IS
            'Customer order lines a drop-ship supplier ships straight to the customer (one row per order line and '
            'ship date); the supplier reads its own rows (planner db grant-supplier).';
        COMMENT ON COLUMN planner.supplier_dispatch.delivery_date IS
            'ship_date plus the supplier''s lead time, rounded up (with the scenario''s extra days): the date promised '
            'to the customer for these units.';
        COMMENT ON COLUMN planner.supplier_dispatch.promise_date IS
            'The order line''s own promise date; NULL when the data gives none.';
        COMMENT ON COLUMN planner.supplier_dispatch.days_late IS
            'Days delivery_date falls after the promise (after the day after the order date without one); NULL in a '
            'one-day allocation.';
        COMMENT ON COLUMN planner.supplier_dispatch.cost_per_unit IS
            'suppliers.csv drop_ship_cost_per_unit: what the supplier charges to deliver one unit.';

        -- Suppliers read their own rows: the same pattern as carriers (migration 4), in the group planner_partner.
        CREATE TABLE planner.supplier_accounts (
            supplier text PRIMARY KEY,
            role_name text UNIQUE NOT NULL
        );
        COMMENT ON TABLE planner.supplier_accounts IS
            'Which database role reads which supplier''s drop-ship orders (planner db grant-supplier): one role per '
            'supplier, one supplier per role.';
        ALTER TABLE planner.supplier_accounts ENABLE ROW LEVEL SECURITY;
        CREATE POLICY supplier_accounts_own_row ON planner.supplier_accounts FOR SELECT TO planner_partner
            USING (role_name = current_user);
        ALTER TABLE planner.supplier_dispatch ENABLE ROW LEVEL SECURITY;
        CREATE POLICY supplier_dispatch_own_supplier ON planner.supplier_dispatch FOR SELECT TO planner_partner
            USING (supplier IN (SELECT a.supplier FROM planner.supplier_accounts a WHERE a.role_name = current_user));
        CREATE VIEW planner.latest_supplier_dispatch WITH (security_invoker = true) AS
            SELECT d.*
            FROM planner.supplier_dispatch d
            WHERE d.run_id = planner.latest_published_run_id();
        COMMENT ON VIEW planner.latest_supplier_dispatch IS
            'Drop-ship orders of the newest published run (a supplier sees its own only).';
        GRANT SELECT ON planner.supplier_dispatch, planner.latest_supplier_dispatch, planner.supplier_accounts
            TO planner_partner;
        """
}
