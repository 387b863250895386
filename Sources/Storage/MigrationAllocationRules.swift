import PlannerCore

extension Migrations {
    /// Operating rules of the allocation: enforced next-day targets, and their outcome per region.
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

        ALTER TABLE planner.allocation_solves DROP CONSTRAINT allocation_solves_gap_only_for_integer;
        DO $$
        DECLARE
            part regclass;
        BEGIN
            FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'planner.allocation_solves'::regclass
            LOOP
                EXECUTE format('ALTER TABLE %s DROP CONSTRAINT IF EXISTS allocation_solves_gap_only_for_integer', part);
            END LOOP;
        END
        $$;
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
        """
}
