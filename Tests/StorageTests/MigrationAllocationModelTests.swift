import Foundation
import PlannerCore
import PostgresClient
import Storage
import TestSupport
import Testing

/// The allocation-model migration (schema 8): typed solver paths and statuses, the horizon, ship days on
/// explanations; rows of earlier runs keep their meaning, in the partitions migration 6 moved them to.
@Suite("Migration: one allocation model")
struct MigrationAllocationModelTests {
    @Test func schemaFourRowsAreRewrittenAndTheChecksComeFromTheSwiftEnums() throws {
        let url = try TestCluster.freshDatabase("db_allocation_model")
        let database = try PlannerDatabase(url: url)
        #expect(try database.migrate(throughVersion: 4) == [1, 2, 3, 4])
        let inspector = try PostgresConnection(url: url)
        // Solves as a schema-4 planner wrote them: its five columns, its path names.
        var runs: [Int64] = []
        for (path, gap) in [
            ("multi_day_lp", nil), ("multi_day_decomposition", nil), ("decomposition", nil), ("integer", "0.003"),
            ("integer", "0"),
        ] as [(String, String?)] {
            let run = try #require(
                try inspector.query(
                    """
                    INSERT INTO planner.runs (kind, scenario, plan_date, status, started_at, finished_at, summary)
                    VALUES ('allocate', $1, '2025-03-03', 'complete', now(), now(), '{}') RETURNING run_id
                    """,
                    parameters: [path]
                ).first?[0].flatMap { Int64($0) }
            )
            _ = try inspector.query(
                """
                INSERT INTO planner.allocation_solves (run_id, solver_path, objective, solve_seconds, iterations, mip_gap)
                VALUES ($1, $2, 10.5, 0.01, 3, $3::double precision)
                """,
                parameters: [String(run), path, gap]
            )
            runs.append(run)
        }

        #expect(try database.migrate() == PlannerDatabase.schemaVersions.filter { $0 >= 5 })
        let stored = try inspector.query(
            """
            SELECT solver_path, horizon_days::text, status FROM planner.allocation_solves
            WHERE run_id = ANY($1::bigint[]) ORDER BY run_id
            """,
            parameters: ["{" + runs.map(String.init).joined(separator: ",") + "}"]
        )
        #expect(
            stored == [
                ["lp", nil, "optimal"], ["decomposition", nil, "optimal"], ["decomposition", "1", "optimal"],
                ["integer", "1", "feasible"], ["integer", "1", "optimal"],
            ]
        )

        // The CHECK lists exactly the Swift enum's raw values.
        let definitions = try inspector.query(
            """
            SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE conrelid = 'planner.allocation_solves'::regclass AND conname IN
                ('allocation_solves_solver_path_check', 'allocation_solves_status_check') ORDER BY conname
            """
        )
        #expect(definitions.count == 2)
        for path in AllocationSolverPath.allCases {
            #expect(definitions[0][1]?.contains("'\(path.rawValue)'::text") == true, "\(path)")
        }
        #expect(definitions[0][1]?.contains("multi_day") == false)
        for status in AllocationSolveStatus.allCases {
            #expect(definitions[1][1]?.contains("'\(status.rawValue)'::text") == true, "\(status)")
        }

        // Each run's partition holds the same checks, none of the old path list left behind.
        let partitions = try inspector.query(
            """
            SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_inherits i ON i.inhrelid = c.conrelid
            WHERE i.inhparent = 'planner.allocation_solves'::regclass AND c.conname = 'allocation_solves_solver_path_check'
            """
        )
        #expect(partitions.count == runs.count)
        #expect(partitions.allSatisfy { $0[0] == definitions[0][1] })

        let columns = try #require(PlannerSchema.outputTable(named: "allocation_solves")).columns
        for path in AllocationSolverPath.allCases {
            let row: [String?] = [path.rawValue, "1", "0.1", "0", path == .integer ? "0" : nil, "1", "optimal"]
            #expect(throws: Never.self, "\(path)") {
                try database.writeRun(SampleRun.record(), tables: [SampleRun.table("allocation_solves", [row])])
            }
        }
        for (bad, constraint) in [
            (["multi_day_lp", "1", "0.1", "0", nil, "3", "optimal"], "allocation_solves_solver_path_check"),
            (["lp", "1", "0.1", "0", nil, "1", "good"], "allocation_solves_status_check"),
            (["lp", "1", "0.1", "0", nil, "0", "optimal"], "allocation_solves_horizon_days_check"),
        ] as [([String?], String)] {
            #expect(bad.count == columns.count)
            let error = #expect(throws: PostgresError.self, "\(bad)") {
                try database.writeRun(SampleRun.record(), tables: [SampleRun.table("allocation_solves", [bad])])
            }
            #expect(error?.sqlState == "23514")
            #expect(error?.message.contains("\"\(constraint)\"") == true, "\(String(describing: error))")
        }
    }
}
