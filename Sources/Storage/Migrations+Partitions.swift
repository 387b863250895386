extension Migrations {
    /// SQL that drops CHECK constraints `names` from the run table `table` (schema-qualified) and from each of its
    /// partitions. A partition holds the parent's CHECKs as its own (it must, to be attached), so dropping them from
    /// the parent leaves them on the partitions; a constraint added to the parent afterwards is added to every
    /// partition and checks its rows.
    static func dropChecks(_ names: [String], fromRunTable table: String) -> String {
        let parentDrops = names.map { "DROP CONSTRAINT \($0)" }.joined(separator: ", ")
        let partitionDrops = names.map { "DROP CONSTRAINT IF EXISTS \($0)" }.joined(separator: ", ")
        return """
            ALTER TABLE \(table) \(parentDrops);
            DO $$
            DECLARE
                part regclass;
            BEGIN
                FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = '\(table)'::regclass
                LOOP
                    EXECUTE format('ALTER TABLE %s \(partitionDrops)', part);
                END LOOP;
            END
            $$;
            """
    }
}
