import PostgresClient

extension PlannerDatabase {
    /// The server's major version (15 for PostgreSQL 15.18).
    public func serverMajorVersion() throws -> Int {
        let rows = try connection.query("SELECT current_setting('server_version_num')::int / 10000")
        guard let text = rows.first?[0], let major = Int(text) else {
            throw StorageError("unreadable server_version_num")
        }
        return major
    }

    /// Stored runs, 0 when the schema is not there yet.
    public func runCount() throws -> Int {
        guard try hasPlannerSchema() else { return 0 }
        return Int(try connection.query("SELECT count(*) FROM planner.runs").first?[0] ?? "0") ?? 0
    }

    /// Whether the database holds the planner's schema (or its runs' partitions).
    public func hasPlannerSchema() throws -> Bool {
        let rows = try connection.query(
            "SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname IN ('planner', 'planner_runs', 'planner_stage')"
        )
        return rows.first?[0] != "0"
    }

    /// Drops the schemas `planner_stage`, `planner_runs` and `planner` with everything in them, in one transaction.
    public func dropPlannerSchemas() throws {
        try connection.transaction {
            try connection.execute(
                "DROP SCHEMA IF EXISTS planner_stage CASCADE; DROP SCHEMA IF EXISTS planner_runs CASCADE; "
                    + "DROP SCHEMA IF EXISTS planner CASCADE"
            )
        }
    }

    /// Creates the group role `planner_partner` when the cluster lacks it (a restore's grants name it).
    public func createPartnerGroupRole() throws {
        try connection.execute(
            """
            DO $$
            BEGIN
                IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'planner_partner') THEN
                    CREATE ROLE planner_partner NOLOGIN;
                END IF;
            END
            $$
            """
        )
    }

    /// Roles the accounts tables (`planner.carrier_accounts`, `planner.supplier_accounts`) map partners to that this
    /// cluster does not have, sorted.
    public func partnerRolesMissingFromCluster() throws -> [String] {
        guard try hasPlannerSchema() else { return [] }
        var missing: [String] = []
        for kind in PartnerKind.allCases {
            guard try connection.query("SELECT to_regclass('\(kind.accountsTable)') IS NOT NULL").first?[0] == "t"
            else { continue }
            missing += try connection.query(
                """
                SELECT a.role_name FROM \(kind.accountsTable) a
                WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_roles r WHERE r.rolname = a.role_name)
                """
            ).compactMap { $0[0] }
        }
        return missing.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
