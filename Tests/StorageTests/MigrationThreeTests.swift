import Foundation
import PlannerCore
import PostgresClient
import Storage
import TestSupport
import Testing

/// Migration 3: ABC/XYZ classes per SKU, the policy method's inputs, and stock-out episodes with presale.
@Suite("Migration 3 (inventory classes, policy methods, shortfalls) against a real server")
struct MigrationThreeTests {
    private func migratedDatabase(_ name: String) throws -> (PlannerDatabase, PostgresConnection) {
        let url = try TestCluster.freshDatabase(name)
        let database = try PlannerDatabase(url: url)
        try database.migrate()
        return (database, try PostgresConnection(url: url))
    }

    /// (column, data type, nullable) of `table` in ordinal order, from information_schema.
    private func columns(of table: String, _ inspector: PostgresConnection) throws -> [[String?]] {
        try inspector.query(
            """
            SELECT column_name, data_type, is_nullable FROM information_schema.columns
            WHERE table_schema = 'planner' AND table_name = $1 ORDER BY ordinal_position
            """,
            parameters: [table]
        )
    }

    private func comment(on table: String, column: String, _ inspector: PostgresConnection) throws -> String? {
        try inspector.query(
            """
            SELECT col_description(('planner.' || $1)::regclass, a.attnum) FROM pg_attribute a
            WHERE a.attrelid = ('planner.' || $1)::regclass AND a.attname = $2
            """,
            parameters: [table, column]
        ).first?[0] ?? nil
    }

    @Test func aFreshDatabaseGetsTheNewColumnsTablesAndComments() throws {
        let url = try TestCluster.freshDatabase("db_m3_fresh")
        let database = try PlannerDatabase(url: url)
        #expect(try database.migrate() == [1, 2, 3, 4, 5])
        let inspector = try PostgresConnection(url: url)

        let policyColumns = try columns(of: "inventory_policies", inspector)
        #expect(policyColumns.count == 23)
        #expect(policyColumns.first { $0[0] == "safety_factor" } == ["safety_factor", "double precision", "YES"])
        #expect(
            Array(policyColumns.suffix(8)) == [
                ["xyz_class", "text", "YES"], ["service_type", "text", "YES"], ["stocking", "text", "YES"],
                ["sigma_source", "text", "YES"], ["review_period_days", "double precision", "YES"],
                ["order_up_to", "double precision", "YES"], ["lot_size", "integer", "YES"],
                ["presale_allowed", "boolean", "YES"],
            ]
        )
        #expect(
            try columns(of: "sku_classes", inspector) == [
                ["run_id", "bigint", "NO"], ["sku", "text", "NO"], ["abc_class", "text", "NO"],
                ["xyz_class", "text", "NO"], ["revenue", "double precision", "NO"],
                ["weekly_cv", "double precision", "YES"], ["stocking", "text", "NO"],
            ]
        )
        #expect(
            try columns(of: "supply_shortfalls", inspector) == [
                ["run_id", "bigint", "NO"], ["sku", "text", "NO"], ["warehouse", "text", "NO"],
                ["abc_class", "text", "NO"], ["cause", "text", "NO"], ["stockout_date", "date", "NO"],
                ["last_short_date", "date", "NO"], ["recovery_date", "date", "YES"],
                ["shortfall_days", "integer", "NO"], ["shortfall_units", "integer", "NO"],
                ["presale_units", "integer", "NO"], ["promised_date", "date", "YES"],
            ]
        )
        let keys = try inspector.query(
            """
            SELECT c.conrelid::regclass::text, pg_get_constraintdef(c.oid) FROM pg_constraint c
            WHERE c.connamespace = 'planner'::regnamespace AND c.contype IN ('p', 'f')
              AND c.conrelid IN ('planner.sku_classes'::regclass, 'planner.supply_shortfalls'::regclass)
            ORDER BY 1, 2
            """
        )
        #expect(
            keys == [
                ["planner.sku_classes", "FOREIGN KEY (run_id) REFERENCES planner.runs(run_id) ON DELETE CASCADE"],
                ["planner.sku_classes", "PRIMARY KEY (run_id, sku)"],
                [
                    "planner.supply_shortfalls",
                    "FOREIGN KEY (run_id) REFERENCES planner.runs(run_id) ON DELETE CASCADE",
                ],
            ]
        )
        let shortfallIndexes = try inspector.query(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = 'planner' AND tablename = 'supply_shortfalls'"
        )
        #expect(
            shortfallIndexes == [
                ["CREATE INDEX supply_shortfalls_run_id_idx ON planner.supply_shortfalls USING btree (run_id)"]
            ]
        )

        // Every new column and every column whose meaning changed says what it holds.
        let documented: [(String, [String])] = [
            (
                "inventory_policies",
                [
                    "method", "safety_factor", "xyz_class", "service_type", "stocking", "sigma_source",
                    "review_period_days", "order_up_to", "lot_size", "presale_allowed",
                ]
            ),
            ("sku_classes", ["abc_class", "xyz_class", "revenue", "weekly_cv", "stocking"]),
            (
                "supply_shortfalls",
                [
                    "cause", "stockout_date", "last_short_date", "recovery_date", "shortfall_days", "shortfall_units",
                    "presale_units", "promised_date",
                ]
            ),
            ("supplier_plans", ["reason"]),
        ]
        for (table, tableColumns) in documented {
            for column in tableColumns {
                #expect(try comment(on: table, column: column, inspector)?.isEmpty == false, "\(table).\(column)")
            }
        }
        let newPolicyColumns = policyColumns.suffix(8).compactMap { $0[0] }
        for column in newPolicyColumns {
            let text = try comment(on: "inventory_policies", column: column, inspector) ?? ""
            #expect(text.contains("runs before schema 3"), "\(column): \(text)")
        }
        let method = try comment(on: "inventory_policies", column: "method", inspector) ?? ""
        for name in ["normal_cycle", "normal_fill_rate", "poisson_cycle", "periodic_review", "drop_ship"] {
            #expect(method.contains(name), "method comment names \(name)")
        }
        let reason = try comment(on: "supplier_plans", column: "reason", inspector) ?? ""
        for name in [
            "reorder_point", "periodic_review", "primary_capacity", "primary_disrupted", "primary_late", "drop_ship",
            "no_supplier", "no_supplier_capacity",
        ] {
            #expect(reason.contains(name), "supplier_plans.reason comment names \(name)")
        }
        // Adjacent SQL string literals on separate lines are one comment, not a syntax error or a truncation.
        #expect(method.hasSuffix("so there is no CHECK."))
    }

    @Test func aVersionTwoDatabaseKeepsItsPolicyRowsWithTheNewColumnsNull() throws {
        let url = try TestCluster.freshDatabase("db_m3_upgrade")
        let database = try PlannerDatabase(url: url)
        #expect(try database.migrate(throughVersion: 2) == [1, 2])
        let inspector = try PostgresConnection(url: url)
        #expect(try inspector.query("SELECT to_regclass('planner.sku_classes') IS NULL") == [["t"]])

        // A run as a schema-2 planner wrote it: policies with the old method name, and a shortfall row in
        // supplier_plans.
        let old = try #require(
            try inspector.query(
                """
                INSERT INTO planner.runs (kind, scenario, plan_date, status, started_at, finished_at, summary)
                VALUES ('plan', 'schema-2', '2025-03-03', 'complete', now(), now(), '{}') RETURNING run_id
                """
            ).first?[0]
        )
        try inspector.execute(
            """
            INSERT INTO planner.inventory_policies VALUES
                (\(old), 'SKU-1', 'W-1', 'A', 0.98, 12.5, 3.1, 7, 1.5, 2.054, 9.4, 19.3, 106.8, 240, 'forecast_error'),
                (\(old), 'SKU-2', 'W-1', 'C', 0.9, 0.2, 0.45, 14, 0, 1.2816, 1.7, 2.2, 5, 12, 'rop_ss');
            INSERT INTO planner.supplier_plans VALUES
                (\(old), 'SKU-2', 'W-1', NULL, NULL, NULL, '2025-03-03', NULL, 4, NULL, 'no_supplier_capacity',
                 '2025-03-05');
            """
        )

        #expect(try database.migrate() == [3, 4, 5])
        #expect(try database.migrate() == [])
        let policies = try inspector.query(
            """
            SELECT sku, safety_factor, reorder_point, order_quantity, method, xyz_class, service_type, stocking,
                   sigma_source, review_period_days, order_up_to, lot_size, presale_allowed
            FROM planner.inventory_policies WHERE run_id = $1 ORDER BY sku
            """,
            parameters: [old]
        )
        #expect(
            policies == [
                ["SKU-1", "2.054", "106.8", "240", "forecast_error", nil, nil, nil, nil, nil, nil, nil, nil],
                ["SKU-2", "1.2816", "5", "12", "rop_ss", nil, nil, nil, nil, nil, nil, nil, nil],
            ]
        )
        let shortfallRow = try inspector.query(
            "SELECT supplier, qty, reason FROM planner.supplier_plans WHERE run_id = $1",
            parameters: [old]
        )
        #expect(shortfallRow == [[nil, "4", "no_supplier_capacity"]])
        let oldID = try #require(Int64(old))
        #expect(try database.rowCount(table: "sku_classes", runID: oldID) == 0)
        #expect(try database.rowCount(table: "supply_shortfalls", runID: oldID) == 0)

        // A schema-3 run is written next to it; deleting the old run removes its rows only.
        let new = try database.writeRun(SampleRun.record(scenario: "schema-3"), tables: SampleRun.tables)
        try inspector.execute("DELETE FROM planner.runs WHERE run_id = \(old)")
        #expect(try database.rowCount(table: "inventory_policies", runID: oldID) == 0)
        #expect(try database.rowCount(table: "supplier_plans", runID: oldID) == 0)
        for table in SampleRun.tables {
            #expect(try database.rowCount(table: table.name, runID: new) == table.rowCount, "\(table.name)")
        }
    }

    /// One violation per case: (what is wrong, table, column, bad value, the constraint that must reject it).
    private static let violations: [(String, String, String, String?, String)] = [
        (
            "presale above the shortfall", "supply_shortfalls", "presale_units", "39",
            "supply_shortfalls_presale_within_shortfall"
        ),
        ("negative presale", "supply_shortfalls", "presale_units", "-1", "supply_shortfalls_presale_units_check"),
        ("unknown cause", "supply_shortfalls", "cause", "x", "supply_shortfalls_cause_check"),
        ("an episode of no days", "supply_shortfalls", "shortfall_days", "0", "supply_shortfalls_shortfall_days_check"),
        (
            "last short day before the stock-out", "supply_shortfalls", "last_short_date", "2025-03-05",
            "supply_shortfalls_dates_in_order"
        ),
        ("unknown ABC class", "supply_shortfalls", "abc_class", "D", "supply_shortfalls_abc_class_check"),
        ("unknown XYZ class", "sku_classes", "xyz_class", "W", "sku_classes_xyz_class_check"),
        ("unknown ABC class", "sku_classes", "abc_class", "D", "sku_classes_abc_class_check"),
        ("unknown stocking", "sku_classes", "stocking", "cloud", "sku_classes_stocking_check"),
        ("unknown XYZ class", "inventory_policies", "xyz_class", "x", "inventory_policies_xyz_class_check"),
        ("unknown service type", "inventory_policies", "service_type", "beta", "inventory_policies_service_type_check"),
        ("unknown stocking", "inventory_policies", "stocking", "pool", "inventory_policies_stocking_check"),
        (
            "negative review period", "inventory_policies", "review_period_days", "-1",
            "inventory_policies_review_period_days_check"
        ),
        ("negative lot size", "inventory_policies", "lot_size", "-1", "inventory_policies_lot_size_check"),
    ]

    /// A valid row of each table migration 3 added or extended, all columns in PlannerSchema order.
    private static let validRows: [String: [String?]] = [
        "supply_shortfalls": [
            "SKU-1", "W-1", "A", "lead_time", "2025-03-06", "2025-03-09", "2025-03-10", "4", "38", "30", "2025-03-10",
        ],
        "sku_classes": ["SKU-1", "A", "X", "125000.5", "0.31", "regional"],
        "inventory_policies": [
            "SKU-1", "W-1", "A", "0.98", "12.5", "3.1", "7", "1.5", "2.054", "9.4", "19.3", "106.8", "240",
            "normal_cycle", "X", "cycle", "regional", "forecast_error", nil, "346.8", "240", "true",
        ],
    ]

    private static func row(of table: String, setting column: String, to value: String?) throws -> [String?] {
        var row = try #require(validRows[table])
        let columns = try #require(PlannerSchema.outputTable(named: table)).columns
        row[try #require(columns.firstIndex(of: column))] = value
        return row
    }

    @Test func checkConstraintsRejectBadValues() throws {
        let (database, _) = try migratedDatabase("db_m3_checks")
        // The valid rows, and the values migration 3 allows that look odd, are accepted: each rejection
        // below is the one changed value's doing.
        let accepted: [(String, [String?])] = [
            ("sku_classes", try Self.row(of: "sku_classes", setting: "weekly_cv", to: nil)),
            ("inventory_policies", try Self.row(of: "inventory_policies", setting: "safety_factor", to: nil)),
            ("inventory_policies", try Self.row(of: "inventory_policies", setting: "method", to: "forecast_error")),
            ("supply_shortfalls", try Self.row(of: "supply_shortfalls", setting: "presale_units", to: "38")),
            ("supply_shortfalls", try Self.row(of: "supply_shortfalls", setting: "recovery_date", to: nil)),
            ("supply_shortfalls", try Self.row(of: "supply_shortfalls", setting: "cause", to: "late_order")),
            ("supply_shortfalls", try Self.row(of: "supply_shortfalls", setting: "cause", to: "supplier_capacity")),
            (
                "supply_shortfalls",
                try Self.row(of: "supply_shortfalls", setting: "last_short_date", to: "2025-03-06")
            ),
        ]
        for (table, row) in accepted {
            #expect(throws: Never.self, "\(table) \(row)") {
                try database.writeRun(SampleRun.record(), tables: [SampleRun.table(table, [row])])
            }
        }
        let acceptedRuns = accepted.count

        for (what, table, column, value, constraint) in Self.violations {
            let row = try Self.row(of: table, setting: column, to: value)
            let error = #expect(throws: PostgresError.self, "\(table): \(what)") {
                try database.writeRun(SampleRun.record(), tables: [SampleRun.table(table, [row])])
            }
            #expect(error?.sqlState == "23514", "\(table): \(what)")  // check_violation
            #expect(
                error?.message.contains("\"\(constraint)\"") == true,
                "\(table): \(what): \(String(describing: error))"
            )
        }

        // A promised date needs presale units.
        var promiseWithoutPresale = try Self.row(of: "supply_shortfalls", setting: "presale_units", to: "0")
        promiseWithoutPresale[10] = "2025-03-10"
        let promiseError = #expect(throws: PostgresError.self) {
            try database.writeRun(
                SampleRun.record(),
                tables: [SampleRun.table("supply_shortfalls", [promiseWithoutPresale])]
            )
        }
        #expect(promiseError?.message.contains("\"supply_shortfalls_promise_needs_presale\"") == true)
        // NOT NULL columns of the new tables, and one row per (run, sku) in sku_classes.
        let noRevenue = try Self.row(of: "sku_classes", setting: "revenue", to: nil)
        let nullError = #expect(throws: PostgresError.self) {
            try database.writeRun(SampleRun.record(), tables: [SampleRun.table("sku_classes", [noRevenue])])
        }
        #expect(nullError?.sqlState == "23502")  // not_null_violation
        let twice = try #require(Self.validRows["sku_classes"])
        let duplicateError = #expect(throws: PostgresError.self) {
            try database.writeRun(SampleRun.record(), tables: [SampleRun.table("sku_classes", [twice, twice])])
        }
        #expect(duplicateError?.sqlState == "23505")  // unique_violation: one row per (run, sku)
        #expect(try database.runs(limit: 100).count == acceptedRuns)
    }

    @Test func deletingARunCascadesToTheNewTables() throws {
        let (database, inspector) = try migratedDatabase("db_m3_cascade")
        let first = try database.writeRun(SampleRun.record(scenario: "first"), tables: SampleRun.tables)
        let second = try database.writeRun(SampleRun.record(scenario: "second"), tables: SampleRun.tables)
        for table in ["sku_classes", "supply_shortfalls", "inventory_policies"] {
            #expect(try inspector.query("SELECT count(*) FROM planner.\(table)") == [["4"]], "\(table)")
        }
        try inspector.execute("DELETE FROM planner.runs WHERE run_id = \(first)")
        for table in ["sku_classes", "supply_shortfalls", "inventory_policies"] {
            let left = try inspector.query("SELECT run_id, count(*) FROM planner.\(table) GROUP BY run_id")
            #expect(left == [[String(second), "2"]], "\(table)")
        }
    }

    @Test func writeRunRoundTripsTheNewTables() throws {
        let (database, inspector) = try migratedDatabase("db_m3_roundtrip")
        let classes: [[String?]] = [
            ["SKU-1", "A", "X", "125000.5", "0.31", "regional"],
            ["SKU-2", "B", "Y", "20480.25", "0.7234567890123456", "regional"],
            ["SKU-3", "C", "Z", "0", nil, "drop_ship"],
        ]
        let policies: [[String?]] = [
            [
                "SKU-1", "W-1", "A", "0.98", "12.5", "3.1", "7", "1.5", "2.0537489106318225", "9.4", "19.3", "106.8",
                "240", "normal_fill_rate", "X", "fill_rate", "regional", "forecast_error", nil, "346.8", "240", "true",
            ],
            [
                "SKU-2", "W-1", "B", "0.95", "3", "1.2", "10", "2", "1.6448536269514729", "7.0", "11.5", "41.5", "48",
                "periodic_review", "Y", "cycle", "regional", "forecast_error", "7", "62.75", "48", "false",
            ],
            [
                "SKU-3", "W-C", "C", "0.9", "0.05", "0.3", "5", "0", nil, "0.67", "1", "2", "6", "poisson_cycle", "Z",
                "cycle", "cloud_pool", "history", nil, "8", "6", "false",
            ],
        ]
        let shortfalls: [[String?]] = [
            [
                "SKU-1", "W-1", "A", "lead_time", "2025-03-06", "2025-03-09", "2025-03-10", "4", "38", "30",
                "2025-03-10",
            ],
            ["SKU-2", "W-1", "B", "supplier_capacity", "2025-03-20", "2025-03-21", "2025-03-22", "2", "7", "0", nil],
            ["SKU-3", "W-C", "C", "no_supplier", "2025-03-04", "2025-04-01", nil, "29", "29", "0", nil],
        ]
        let runID = try database.writeRun(
            SampleRun.record(),
            tables: [
                SampleRun.table("sku_classes", classes), SampleRun.table("inventory_policies", policies),
                SampleRun.table("supply_shortfalls", shortfalls),
            ]
        )

        func readBack(_ table: String) throws -> [[String?]] {
            let columns = try #require(PlannerSchema.outputTable(named: table)).columns
            let list = columns.map { quoteIdentifier($0) + "::text" }.joined(separator: ", ")
            return try inspector.query(
                "SELECT \(list) FROM planner.\(table) WHERE run_id = $1 ORDER BY sku",
                parameters: [String(runID)]
            )
        }
        #expect(try readBack("sku_classes") == classes)
        // PostgreSQL prints a double in its shortest form: 7.0 reads back as 7.
        var expectedPolicies = policies
        expectedPolicies[1][9] = "7"
        #expect(try readBack("inventory_policies") == expectedPolicies)
        #expect(try readBack("supply_shortfalls") == shortfalls)
    }

    @Test func aWriterMayLeaveOutNullableColumnsButNotRequiredOnes() throws {
        let (database, inspector) = try migratedDatabase("db_m3_subset")
        // The policies table as a schema-2 planner writes it: the 14 columns it knew.
        let oldColumns = Array(try #require(PlannerSchema.outputTable(named: "inventory_policies")).columns.prefix(14))
        #expect(oldColumns.last == "method")
        let oldPolicies = OutputTable(name: "inventory_policies", columns: oldColumns, rowCount: 1) { emit in
            try emit([
                "SKU-1", "W-1", "A", "0.98", "12.5", "3.1", "7", "1.5", "2.054", "9.4", "19.3", "106.8", "240", "x",
            ])
        }
        let shortColumns = [
            "sku", "warehouse", "abc_class", "cause", "stockout_date", "last_short_date", "shortfall_days",
            "shortfall_units", "presale_units",
        ]
        let shortfalls = OutputTable(name: "supply_shortfalls", columns: shortColumns, rowCount: 1) { emit in
            try emit(["SKU-1", "W-1", "B", "lead_time", "2025-03-06", "2025-03-06", "1", "3", "0"])
        }
        let runID = try database.writeRun(SampleRun.record(), tables: [oldPolicies, shortfalls])
        let policy = try inspector.query(
            """
            SELECT method, safety_factor, xyz_class, stocking, lot_size, presale_allowed
            FROM planner.inventory_policies WHERE run_id = $1
            """,
            parameters: [String(runID)]
        )
        #expect(policy == [["x", "2.054", nil, nil, nil, nil]])
        let shortfall = try inspector.query(
            "SELECT shortfall_days, recovery_date, promised_date FROM planner.supply_shortfalls WHERE run_id = $1",
            parameters: [String(runID)]
        )
        #expect(shortfall == [["1", nil, nil]])

        // Refused before anything is sent: a NOT NULL column left out, a column repeated, columns out of order.
        let withoutCause = OutputTable(
            name: "supply_shortfalls",
            columns: shortColumns.filter { $0 != "cause" },
            rowCount: 0
        ) { _ in }
        let missing = #expect(throws: StorageError.self) {
            try database.writeRun(SampleRun.record(), tables: [withoutCause])
        }
        #expect(
            missing?.message
                == "output table 'supply_shortfalls' lacks cause, which planner.supply_shortfalls requires (NOT NULL)"
        )
        let repeated = OutputTable(name: "sku_classes", columns: ["sku", "sku", "abc_class"], rowCount: 0) { _ in }
        let swapped = OutputTable(
            name: "sku_classes",
            columns: ["sku", "xyz_class", "abc_class", "revenue", "stocking"],
            rowCount: 0
        ) { _ in }
        for table in [repeated, swapped] {
            #expect(throws: StorageError.self, "\(table.columns)") {
                try database.writeRun(SampleRun.record(), tables: [table])
            }
        }
        #expect(try database.runs(limit: 10).map(\.runID) == [runID])
    }
}
