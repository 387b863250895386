extension Migrations {
    /// Allocation at peak-day scale: carrier, ship and promise dates on allocations; why each order
    /// line went where it did; next-day service KPIs; how the allocation was solved; and read access for
    /// logistics partners to their own carrier's dispatch plans.
    ///
    /// Allocation rows of runs written before this migration keep their values with the new columns NULL, as
    /// migration 3 did: nothing recorded them. The new columns have no default, so adding them changes only
    /// the catalog; the CHECK on days_late makes PostgreSQL read allocations once, under its exclusive lock.
    ///
    /// Access: the group role `planner_partner` (NOLOGIN, cluster-wide, created only if missing) may read
    /// `dispatch_plans` and `latest_dispatch_plans`, where row level security shows it the rows of the
    /// carriers that `carrier_accounts` maps to the reading role; nothing else of the schema. The owner (the
    /// planner) is not subject to the policy: row security is enabled, not forced.
    static let version4 = """
        ALTER TABLE planner.allocations
            ADD COLUMN carrier text,
            ADD COLUMN ship_date date,
            ADD COLUMN promise_date date,
            ADD COLUMN days_late integer CHECK (days_late >= 0);
        COMMENT ON COLUMN planner.allocations.carrier IS
            'Carrier of the lane used (lanes.csv); NULL for runs before schema 4.';
        COMMENT ON COLUMN planner.allocations.ship_date IS
            'Day the units leave the warehouse; NULL for runs before schema 4.';
        COMMENT ON COLUMN planner.allocations.promise_date IS
            'Delivery date promised for the order line; NULL when it has none, and for runs before schema 4.';
        COMMENT ON COLUMN planner.allocations.days_late IS
            'Days by which ship_date + transit_days falls after promise_date, 0 when on time; NULL without a '
            'promise date, and for runs before schema 4.';

        CREATE TABLE planner.allocation_explanations (
            run_id bigint NOT NULL REFERENCES planner.runs ON DELETE CASCADE,
            order_id text NOT NULL,
            sku text NOT NULL,
            region text NOT NULL,
            warehouse text,
            qty integer NOT NULL CHECK (qty > 0),
            outcome text NOT NULL CHECK (outcome IN ('allocated', 'unfilled')),
            lane_cost_per_unit double precision,
            runner_up_warehouse text,
            runner_up_lane_cost_per_unit double precision,
            marginal_cost_per_unit double precision CHECK (marginal_cost_per_unit >= 0),
            binding text CHECK (binding IN ('none', 'stock', 'capacity')),
            binding_warehouse text,
            unfilled_reason text
                CHECK (unfilled_reason IN ('no_lane', 'no_stock', 'capacity', 'stock_exhausted', 'uneconomic')),
            CONSTRAINT allocation_explanations_allocated_has_warehouse
                CHECK (outcome <> 'allocated' OR (warehouse IS NOT NULL AND unfilled_reason IS NULL)),
            CONSTRAINT allocation_explanations_unfilled_has_reason
                CHECK (outcome <> 'unfilled' OR (unfilled_reason IS NOT NULL AND warehouse IS NULL)),
            CONSTRAINT allocation_explanations_binding_names_warehouse
                CHECK (CASE WHEN binding IN ('stock', 'capacity') THEN binding_warehouse IS NOT NULL
                            ELSE binding_warehouse IS NULL END),
            CONSTRAINT allocation_explanations_runner_up_costs_need_runner_up
                CHECK (runner_up_warehouse IS NOT NULL
                       OR (runner_up_lane_cost_per_unit IS NULL AND marginal_cost_per_unit IS NULL))
        );
        CREATE INDEX allocation_explanations_run_id_order_id_idx ON planner.allocation_explanations (run_id, order_id);
        COMMENT ON TABLE planner.allocation_explanations IS
            'Why each part of an order line went where it did: the warehouse chosen, the runner-up and what moving '
            'a unit there would cost, the constraint that kept a cheaper lane out; or why the part is unfilled.';
        COMMENT ON COLUMN planner.allocation_explanations.warehouse IS
            'Warehouse shipping these units; NULL for an unfilled row.';
        COMMENT ON COLUMN planner.allocation_explanations.outcome IS
            'allocated (qty units ship from warehouse) or unfilled (qty units of the line ship from nowhere).';
        COMMENT ON COLUMN planner.allocation_explanations.lane_cost_per_unit IS
            'Effective cost per unit of the lane from warehouse to region: cost_per_unit of lanes.csv, plus the '
            'next-day miss penalty when transit_days > 1.';
        COMMENT ON COLUMN planner.allocation_explanations.runner_up_warehouse IS
            'The warehouse the units would go to next, had the chosen one not been used; NULL when none can serve.';
        COMMENT ON COLUMN planner.allocation_explanations.runner_up_lane_cost_per_unit IS
            'Effective cost per unit of the runner-up''s lane to the region (as lane_cost_per_unit).';
        COMMENT ON COLUMN planner.allocation_explanations.marginal_cost_per_unit IS
            'What moving one unit to the runner-up costs the plan, >= 0: its reduced cost, from the optimal node '
            'potentials. It includes the knock-on re-routing, so it may differ from the difference of the lane costs.';
        COMMENT ON COLUMN planner.allocation_explanations.binding IS
            'The constraint that kept the units from a cheaper lane: none, stock (of the sku at binding_warehouse) '
            'or capacity (the daily capacity of binding_warehouse).';
        COMMENT ON COLUMN planner.allocation_explanations.binding_warehouse IS
            'The cheaper warehouse whose stock or capacity is used up; set exactly when binding is stock or capacity.';
        COMMENT ON COLUMN planner.allocation_explanations.unfilled_reason IS
            'For an unfilled row: no_lane (no lane reaches the region), no_stock (no reachable warehouse holds the '
            'sku), capacity (those that do have no capacity left), stock_exhausted (every reachable unit ships to '
            'other lines) or uneconomic (shipping costs more than the unfilled penalty).';

        -- One row per region and one with region NULL for all regions. NULLS NOT DISTINCT (PostgreSQL 15) makes
        -- the all-regions row unique too: a plain UNIQUE treats NULLs as distinct and would accept two of them.
        CREATE TABLE planner.service_kpis (
            run_id bigint NOT NULL REFERENCES planner.runs ON DELETE CASCADE,
            region text,
            units_total bigint NOT NULL CHECK (units_total >= 0),
            units_next_day bigint NOT NULL CHECK (units_next_day >= 0),
            orders_total integer NOT NULL CHECK (orders_total >= 0),
            orders_next_day integer NOT NULL CHECK (orders_next_day >= 0),
            unit_share_next_day double precision NOT NULL CHECK (unit_share_next_day BETWEEN 0 AND 1),
            order_share_next_day double precision NOT NULL CHECK (order_share_next_day BETWEEN 0 AND 1),
            min_next_day_share double precision CHECK (min_next_day_share BETWEEN 0 AND 1),
            target_met boolean,
            split_orders integer NOT NULL CHECK (split_orders >= 0),
            shipments integer NOT NULL CHECK (shipments >= 0),
            CONSTRAINT service_kpis_one_row_per_region UNIQUE NULLS NOT DISTINCT (run_id, region),
            CONSTRAINT service_kpis_next_day_units_within_total CHECK (units_next_day <= units_total),
            CONSTRAINT service_kpis_next_day_orders_within_total CHECK (orders_next_day <= orders_total),
            CONSTRAINT service_kpis_split_orders_within_total CHECK (split_orders <= orders_total),
            CONSTRAINT service_kpis_target_met_needs_target CHECK (target_met IS NULL OR min_next_day_share IS NOT NULL)
        );
        COMMENT ON TABLE planner.service_kpis IS
            'Next-day service per region of an allocation (region NULL: all regions), split orders and shipments.';
        COMMENT ON COLUMN planner.service_kpis.region IS 'The region; NULL on the one row that covers all regions.';
        COMMENT ON COLUMN planner.service_kpis.units_total IS
            'Units of the open order lines to the region, allocated or unfilled.';
        COMMENT ON COLUMN planner.service_kpis.units_next_day IS
            'Allocated units that leave on the allocation day on lanes with transit_days <= 1.';
        COMMENT ON COLUMN planner.service_kpis.orders_total IS 'Orders with at least one line to the region.';
        COMMENT ON COLUMN planner.service_kpis.orders_next_day IS
            'Orders all of whose units to the region are allocated and delivered next day (none unfilled).';
        COMMENT ON COLUMN planner.service_kpis.unit_share_next_day IS
            'units_next_day / units_total; 1 when units_total = 0 (nothing ordered, nothing missed).';
        COMMENT ON COLUMN planner.service_kpis.order_share_next_day IS
            'orders_next_day / orders_total; 1 when orders_total = 0.';
        COMMENT ON COLUMN planner.service_kpis.min_next_day_share IS
            'Configured minimum next-day unit share for the region; NULL when none is configured.';
        COMMENT ON COLUMN planner.service_kpis.target_met IS
            'Whether unit_share_next_day reaches min_next_day_share; NULL when no minimum is configured.';
        COMMENT ON COLUMN planner.service_kpis.split_orders IS 'Orders shipped from two or more warehouses.';
        COMMENT ON COLUMN planner.service_kpis.shipments IS
            'Pickups: distinct (order, warehouse, ship date) of the allocated units.';

        CREATE TABLE planner.allocation_solves (
            run_id bigint PRIMARY KEY REFERENCES planner.runs ON DELETE CASCADE,
            solver_path text NOT NULL
                CHECK (solver_path IN ('decomposition', 'lp', 'integer', 'multi_day_decomposition', 'multi_day_lp')),
            objective double precision NOT NULL,
            solve_seconds double precision NOT NULL CHECK (solve_seconds >= 0),
            iterations integer NOT NULL CHECK (iterations >= 0),
            mip_gap double precision CHECK (mip_gap >= 0),
            CONSTRAINT allocation_solves_gap_only_for_integer CHECK (mip_gap IS NULL OR solver_path = 'integer')
        );
        COMMENT ON TABLE planner.allocation_solves IS 'How the allocation of a run was solved: one row per run.';
        COMMENT ON COLUMN planner.allocation_solves.solver_path IS
            'decomposition (per-SKU flows with priced warehouse capacities), lp (the full LP with GLPK), integer '
            '(GLPK glp_intopt with a fixed cost per extra shipment), multi_day_decomposition or multi_day_lp '
            '(the time-expanded network of --days N).';
        COMMENT ON COLUMN planner.allocation_solves.objective IS
            'Objective of the allocation model (money): shipping cost plus penalties.';
        COMMENT ON COLUMN planner.allocation_solves.iterations IS
            'Master iterations of the decomposition, or simplex iterations of the LP or integer solve.';
        COMMENT ON COLUMN planner.allocation_solves.mip_gap IS
            'Relative gap between the integer solution and its bound when the time limit stopped glp_intopt; '
            '0 when proved optimal; NULL for the decomposition and lp paths.';

        -- Logistics partners read their own dispatch plans, and nothing else. Roles are cluster-wide and other
        -- databases of the cluster may have created the group role already (or be creating it right now, under
        -- their own advisory lock): create it only if missing, and take a concurrent creation as done. A planner
        -- whose role may not create roles needs a DBA to create this one first; the migration then passes.
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'planner_partner') THEN
                CREATE ROLE planner_partner NOLOGIN;
                COMMENT ON ROLE planner_partner IS
                    'Logistics partners: members read their own carrier''s dispatch plans (planner.carrier_accounts).';
            END IF;
        EXCEPTION
            WHEN duplicate_object OR unique_violation THEN
                NULL;
            WHEN insufficient_privilege THEN
                RAISE EXCEPTION 'migration 4 needs the group role planner_partner and this role may not create it'
                    USING ERRCODE = 'insufficient_privilege',
                          HINT = 'Have a role with CREATEROLE run CREATE ROLE planner_partner NOLOGIN, then migrate.';
        END
        $$;

        CREATE TABLE planner.carrier_accounts (
            carrier text PRIMARY KEY,
            role_name text UNIQUE NOT NULL
        );
        COMMENT ON TABLE planner.carrier_accounts IS
            'Which database role reads which carrier''s dispatch plans (planner db grant-carrier): one role per '
            'carrier, one carrier per role.';
        -- The dispatch policy below reads this table as the partner: partners may select it, and see their own row.
        ALTER TABLE planner.carrier_accounts ENABLE ROW LEVEL SECURITY;
        CREATE POLICY carrier_accounts_own_row ON planner.carrier_accounts FOR SELECT TO planner_partner
            USING (role_name = current_user);

        -- Row level security restricts every role but the owner (the planner itself; not FORCEd) and superusers:
        -- a partner sees the rows of the carriers mapped to its role, other roles none.
        ALTER TABLE planner.dispatch_plans ENABLE ROW LEVEL SECURITY;
        CREATE POLICY dispatch_plans_own_carrier ON planner.dispatch_plans FOR SELECT TO planner_partner
            USING (carrier IN (SELECT a.carrier FROM planner.carrier_accounts a WHERE a.role_name = current_user));

        -- The latest complete run, for partners who may not read planner.runs: runs as its owner, returns one id.
        CREATE FUNCTION planner.latest_complete_run_id() RETURNS bigint
            LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = pg_catalog, pg_temp
            AS $$
                SELECT r.run_id FROM planner.runs r
                WHERE r.status = 'complete'
                ORDER BY r.finished_at DESC, r.run_id DESC
                LIMIT 1
            $$;
        REVOKE EXECUTE ON FUNCTION planner.latest_complete_run_id() FROM PUBLIC;
        -- Functions are executable by PUBLIC by default. Migration 1's trigger function cannot be called outside
        -- its trigger, and triggers fire without that right, but partners get nothing they do not need.
        REVOKE EXECUTE ON FUNCTION planner.delete_forecasts_of_deleted_runs() FROM PUBLIC;
        COMMENT ON FUNCTION planner.latest_complete_run_id() IS
            'run_id of the most recently finished complete run (NULL when there is none).';

        -- A plain view runs with its owner's rights and would show partners every carrier: security_invoker
        -- (PostgreSQL 15) applies the reader's rights and so the policy above.
        CREATE OR REPLACE VIEW planner.latest_dispatch_plans WITH (security_invoker = true) AS
            SELECT d.*
            FROM planner.dispatch_plans d
            WHERE d.run_id = planner.latest_complete_run_id();
        COMMENT ON VIEW planner.latest_dispatch_plans IS
            'Dispatch plans of the most recently finished complete run (a partner sees its own carrier''s only).';

        GRANT USAGE ON SCHEMA planner TO planner_partner;
        GRANT SELECT ON planner.dispatch_plans, planner.latest_dispatch_plans, planner.carrier_accounts
            TO planner_partner;
        GRANT EXECUTE ON FUNCTION planner.latest_complete_run_id() TO planner_partner;
        """
}
