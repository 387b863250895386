import Foundation
import PostgresClient
import Storage
import TestSupport
import Testing

/// Runs the real `planner` executable (built by `make test` before the tests) as a scheduler would.
@Suite struct CommandLineTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let binary = packageRoot + "/.build/debug/planner"

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Starts `planner arguments` with output going to files; the caller waits or kills.
    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> (Process, URL, URL) {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: binary + " (run `swift build` first)"])
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planner-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let out = folder.appendingPathComponent("stdout")
        let err = folder.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, out, err)
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        let (process, out, err) = try start(arguments, environment: environment)
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            stdout: try String(contentsOf: out, encoding: .utf8),
            stderr: try String(contentsOf: err, encoding: .utf8)
        )
    }

    /// Starts `planner arguments` while another session holds `lock` (SQL run in a transaction), waits until the
    /// planner's session ("planner COMMAND pid=N ...") waits on a lock, kills the planner with SIGKILL, releases the
    /// lock and waits for the planner's session to end. Returns whether the planner was seen blocked. A second
    /// connection watches: inside a transaction pg_stat_activity keeps showing the snapshot it first took.
    static func killWhileBlocked(_ arguments: [String], command: String, lock: String, url: String) throws -> Bool {
        let admin = try PostgresConnection(url: url)
        try admin.execute("begin; " + lock)
        let monitor = try PostgresConnection(url: url)
        let (process, _, _) = try start(arguments)
        let session = "planner \(command) pid=\(process.processIdentifier) %"
        var blocked = false
        for _ in 0..<1_200 where !blocked {
            let waiting = try monitor.query(
                "select count(*) from pg_stat_activity where application_name like $1 and wait_event_type = 'Lock'",
                parameters: [session]
            )
            blocked = waiting == [["1"]]
            if !blocked { usleep(50_000) }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try admin.execute("rollback")
        for _ in 0..<600 {
            let sessions = try monitor.query(
                "select count(*) from pg_stat_activity where application_name like $1",
                parameters: [session]
            )
            if sessions == [["0"]] { break }
            usleep(50_000)
        }
        return blocked
    }

    static func count(_ sql: String, _ url: String) throws -> Int {
        Int(try PostgresConnection(url: url).query(sql).first?.first??.description ?? "-1") ?? -1
    }

    @Test func validateAcceptsTheSampleAndPlanStoresARunAndWritesCSV() throws {
        let url = try TestCluster.freshDatabase("cli_plan")
        let valid = try Self.run(["validate", SampleScenario.files.scenarioPath])
        #expect(valid.status == 0)
        #expect(valid.stdout.contains("valid. 80 SKUs, 6 regions, 4 warehouses"))

        let out = SampleScenario.files.directory + "/cli-out-\(UUID().uuidString)"
        let plan = try Self.run(["plan", SampleScenario.files.scenarioPath, "--database", url, "--out", out])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.hasPrefix("Run 1: plan of scenario 'test-peak' for 2026-11-16"))
        #expect(try Self.count("select count(*) from planner.runs where status = 'complete'", url) == 1)
        let headers = [
            "allocations.csv":
                "order_id,sku,warehouse,region,qty,transit_days,cost_per_unit,carrier,ship_date,promise_date,days_late",
            "unfilled.csv": "order_id,sku,region,qty,reason",
            "dispatch_plans.csv": "carrier,warehouse,ship_date,region,order_lines,units",
            "forecasts.csv": "sku,region,date,units,model,p50,p80,p95",
        ]
        for (file, header) in headers {
            let text = try String(contentsOfFile: out + "/" + file, encoding: .utf8)
            #expect(text.split(separator: "\n").first.map(String.init) == header, "\(file)")
        }
        let summary = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))
        )
        let fields = try #require(summary as? [String: Any])
        #expect(fields["run_id"] as? Int == 1)
        let allocatedRows =
            try String(contentsOfFile: out + "/allocations.csv", encoding: .utf8)
            .split(separator: "\n").count - 1
        #expect(try Self.count("select count(*) from planner.allocations where run_id = 1", url) == allocatedRows)
    }

    @Test func badInputExitsWith65ListsEveryLocatedProblemAndWritesNothing() throws {
        let url = try TestCluster.freshDatabase("cli_bad_input")
        #expect(try Self.run(["allocate", SampleScenario.files.scenarioPath, "--database", url]).status == 0)
        let broken = SampleScenario.files.directory + "/broken-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: SampleScenario.files.directory + "/data", toPath: broken + "/data")
        var orders = try String(contentsOfFile: broken + "/data/orders.csv", encoding: .utf8).split(
            separator: "\n",
            omittingEmptySubsequences: false
        ).map(String.init)
        var fields = orders[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[4] = "-3"
        orders[2] = fields.joined(separator: ",")
        fields = orders[4].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[3] = "NOWHERE"
        orders[4] = fields.joined(separator: ",")
        try orders.joined(separator: "\n").write(toFile: broken + "/data/orders.csv", atomically: true, encoding: .utf8)
        try String(contentsOfFile: SampleScenario.files.scenarioPath, encoding: .utf8)
            .write(toFile: broken + "/peak.yaml", atomically: true, encoding: .utf8)

        let outcome = try Self.run(["plan", broken + "/peak.yaml", "--database", url, "--out", broken + "/out"])
        #expect(outcome.status == 65)
        #expect(outcome.stderr.contains("\(broken)/data/orders.csv:3:5: error: qty: must be at least 1, found -3"))
        #expect(outcome.stderr.contains("\(broken)/data/orders.csv:5:4: error: region: unknown region 'NOWHERE'"))
        #expect(outcome.stderr.contains("2 input problems found; nothing was planned or written."))
        #expect(try Self.count("select count(*) from planner.runs", url) == 1, "the earlier run only")
        #expect(!FileManager.default.fileExists(atPath: broken + "/out/allocations.csv"))
    }

    @Test func dbStartAndStopRefuseAConfiguredServerAndStatusReportsOnIt() throws {
        let url = try TestCluster.freshDatabase("cli_db_commands")
        for command in [["db", "start"], ["db", "stop"]] {
            let outcome = try Self.run(command, environment: ["PLANNER_DATABASE_URL": url])
            #expect(outcome.status == 64, "\(command): \(outcome.stderr)")
            #expect(outcome.stderr.contains("which the planner does not manage"), "\(command)")
            #expect(outcome.stderr.contains("(from $PLANNER_DATABASE_URL)"), "\(command)")
        }
        let fresh = try Self.run(["db", "status"], environment: ["PLANNER_DATABASE_URL": url])
        #expect(fresh.status == 0)
        #expect(fresh.stdout.hasPrefix("reachable: postgresql://postgres@/cli_db_commands?host="))
        #expect(fresh.stdout.hasSuffix("schema version none (not migrated yet)\n"))
        #expect(try Self.run(["db", "migrate", "--database", url]).status == 0)
        let migrated = try Self.run(["db", "status", "--database", url])
        #expect(
            migrated.stdout.hasSuffix("schema version \(PlannerDatabase.latestSchemaVersion)\n"),
            "\(migrated.stdout)"
        )
        let gone = try Self.run(["db", "status", "--database", "postgresql:///x?host=/nonexistent-dir"])
        #expect(gone.status == 3)
        #expect(gone.stdout.hasPrefix("not reachable: postgresql:///x?host=%2Fnonexistent-dir (from --database)"))
    }

    @Test func anUnreachableDatabaseExitsWith69() throws {
        let outcome = try Self.run([
            "allocate", SampleScenario.files.scenarioPath, "--database", "postgresql:///x?host=/nonexistent-dir",
        ])
        #expect(outcome.status == 69)
        #expect(outcome.stderr.contains("database unavailable"))
    }

    @Test func aKillInTheMiddleOfStoringLeavesNoPartialRun() throws {
        let url = try TestCluster.freshDatabase("cli_kill")
        #expect(try Self.run(["allocate", SampleScenario.files.scenarioPath, "--database", url]).status == 0)
        // Hold a lock on the last table the run writes, so the run blocks inside its transaction.
        let blocked = try Self.killWhileBlocked(
            ["plan", SampleScenario.files.scenarioPath, "--database", url],
            command: "plan",
            lock: "lock table planner.dispatch_plans in access exclusive mode",
            url: url
        )
        #expect(blocked, "the run reached the locked table inside its transaction")
        #expect(try Self.count("select count(*) from planner.runs", url) == 1, "only the earlier allocate run")
        for table in ["forecasts", "inventory_policies", "allocations", "unfilled_lines", "supplier_plans"] {
            #expect(try Self.count("select count(*) from planner.\(table) where run_id <> 1", url) == 0, "\(table)")
        }
    }
}
