extension Migrations {
    /// Whole units in 64 bits: every column of units (and of lot sizes) becomes `bigint`.
    ///
    /// One input row holds at most 2^31 - 1 units, but sums of them (a lane's units in the dispatch plan, a
    /// stock-out's units short, a lot size from the EOQ) do not fit `integer`. The planner computes them in
    /// 64 bits; the columns now hold what it computes, so a plan the inputs allow is never refused at the
    /// write. `ALTER COLUMN ... TYPE bigint` rewrites each table once; the view over `dispatch_plans` depends
    /// on its columns and is dropped and made again as it was.
    static let version5 = """
        DROP VIEW planner.latest_dispatch_plans;

        ALTER TABLE planner.allocations ALTER COLUMN qty TYPE bigint;
        ALTER TABLE planner.unfilled_lines ALTER COLUMN qty TYPE bigint;
        ALTER TABLE planner.supplier_plans ALTER COLUMN qty TYPE bigint;
        ALTER TABLE planner.dispatch_plans
            ALTER COLUMN order_lines TYPE bigint,
            ALTER COLUMN units TYPE bigint;
        ALTER TABLE planner.inventory_policies ALTER COLUMN lot_size TYPE bigint;
        ALTER TABLE planner.supply_shortfalls
            ALTER COLUMN shortfall_units TYPE bigint,
            ALTER COLUMN presale_units TYPE bigint;
        ALTER TABLE planner.allocation_explanations ALTER COLUMN qty TYPE bigint;

        CREATE VIEW planner.latest_dispatch_plans WITH (security_invoker = true) AS
            SELECT d.*
            FROM planner.dispatch_plans d
            WHERE d.run_id = planner.latest_complete_run_id();
        COMMENT ON VIEW planner.latest_dispatch_plans IS
            'Dispatch plans of the most recently finished complete run (a partner sees its own carrier''s only).';
        GRANT SELECT ON planner.latest_dispatch_plans TO planner_partner;
        """
}
