import PlannerCore

extension Migrations {
    /// One allocation model for every horizon: the solver path and status of a solve as typed
    /// values, the horizon apart from the path, and ship days on explanations (every horizon is explained).
    ///
    /// The CHECKs on `allocation_solves.solver_path` and `status` are built from `AllocationSolverPath` and
    /// `AllocationSolveStatus`, so the database admits exactly what the planner writes. Rows written before
    /// keep their meaning: `multi_day_lp` and `multi_day_decomposition` become `lp` and `decomposition` with
    /// `horizon_days` NULL (the horizon was not recorded, only that it was longer than a day); the other
    /// paths get `horizon_days` 1; `status` is `feasible` where a MIP gap above 0 was stored, else `optimal`.
    /// Explanations of earlier runs keep NULL ship days. `presale_lines` (plan runs) holds the unfilled units of
    /// presale classes sold ahead against planned receipts; partitioned by run like every run table.
    ///
    /// Each run's partition holds the table's CHECKs as its own (a partition must have them to be attached), so
    /// the old solver-path CHECK is dropped from the parent and then from every partition before the new one is
    /// added to the parent, which adds it to every partition, checking their rows.
    static let allocationModel = """
        \(dropChecks(["allocation_solves_solver_path_check"], fromRunTable: "planner.allocation_solves"))
        ALTER TABLE planner.allocation_solves
            ADD COLUMN horizon_days integer CHECK (horizon_days >= 1),
            ADD COLUMN status text;
        UPDATE planner.allocation_solves SET
            horizon_days = CASE WHEN solver_path LIKE 'multi\\_day\\_%' THEN NULL ELSE 1 END,
            solver_path = CASE solver_path
                WHEN 'multi_day_lp' THEN 'lp' WHEN 'multi_day_decomposition' THEN 'decomposition' ELSE solver_path END,
            status = CASE WHEN mip_gap > 0 THEN 'feasible' ELSE 'optimal' END;
        ALTER TABLE planner.allocation_solves
            ALTER COLUMN status SET NOT NULL,
            ADD CONSTRAINT allocation_solves_solver_path_check CHECK (solver_path IN (\(sqlList(AllocationSolverPath.allCases.map(\.rawValue))))),
            ADD CONSTRAINT allocation_solves_status_check CHECK (status IN (\(sqlList(AllocationSolveStatus.allCases.map(\.rawValue)))));
        COMMENT ON COLUMN planner.allocation_solves.solver_path IS
            'lp (the whole model as one GLPK LP), decomposition (per-SKU flows with priced warehouse capacities), '
            'lp_after_decomposition (the decomposition could not recover whole units, so the whole model went to '
            'GLPK), integer (glp_intopt with a fixed cost per extra shipment).';
        COMMENT ON COLUMN planner.allocation_solves.horizon_days IS
            'Days the allocation planned (--days; 1 for the daily run); NULL for multi-day runs stored before it '
            'was recorded.';
        COMMENT ON COLUMN planner.allocation_solves.status IS
            'optimal, or feasible: the split-shipment search stopped at its time limit within mip_gap.';

        ALTER TABLE planner.allocation_explanations
            ADD COLUMN ship_date date,
            ADD COLUMN runner_up_ship_date date;
        COMMENT ON COLUMN planner.allocation_explanations.ship_date IS
            'Day the units leave the chosen warehouse; NULL for an unfilled row and for runs before it was recorded.';
        COMMENT ON COLUMN planner.allocation_explanations.runner_up_ship_date IS
            'Day the runner-up would ship (over several days it may be the same warehouse on another day); NULL '
            'without a runner-up.';

        CREATE TABLE planner.presale_lines (
            run_id bigint NOT NULL,
            order_id text NOT NULL,
            sku text NOT NULL,
            region text NOT NULL,
            warehouse text NOT NULL,
            qty bigint NOT NULL CHECK (qty > 0),
            receipt_date date NOT NULL,
            promise_date date NOT NULL,
            CONSTRAINT presale_lines_promise_after_receipt CHECK (promise_date >= receipt_date)
        ) PARTITION BY LIST (run_id);
        COMMENT ON TABLE planner.presale_lines IS
            'Units of presale classes (policy.classes.<class>.presale) that no warehouse ships today, sold ahead '
            'against the earliest planned receipt within presale_days; a presale-class unit of unfilled_lines '
            'without a row here had no receipt within the window.';
        COMMENT ON COLUMN planner.presale_lines.promise_date IS
            'receipt_date plus the transit days of the lane from warehouse to region.';
        """

    /// 'a', 'b', ... for an SQL IN list; the values are the enums' raw values (letters and underscores).
    private static func sqlList(_ values: [String]) -> String {
        values.map { "'\($0)'" }.joined(separator: ", ")
    }
}
