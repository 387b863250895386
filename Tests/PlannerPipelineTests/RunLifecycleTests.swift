import Foundation
import PostgresClient
import Storage
import TestSupport
import Testing

/// The run lifecycle through the real `planner`: what-ifs never reach carriers, reruns and concurrent runs store
/// one run, a held lock times out with 75, history commands, and a backup restored into a new embedded database.
@Suite struct RunLifecycleTests {
    static let scenario = SampleScenario.files.scenarioPath

    static func run(_ arguments: [String], database: String) throws -> CommandLineTests.Outcome {
        try CommandLineTests.run(arguments + ["--database", database])
    }

    /// The URL of the same database as `role` (the test cluster trusts local connections).
    static func url(_ url: String, as role: String) -> String {
        (url.components(separatedBy: "&user=").first ?? url) + "&user=" + role
    }

    /// What psql prints for `sql` (unaligned, tuples only).
    static func psql(_ url: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = ["-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", url, "-c", sql]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aWhatIfNeverReachesCarriersAndPublishingDoes() throws {
        let url = try TestCluster.freshDatabase("life_what_if")
        let role = "life_partner_\(getpid())"
        #expect(
            try Self.run(["db", "grant-carrier", "--carrier", "DPD", "--role", role, "--login"], database: url).status
                == 0
        )
        let partner = Self.url(url, as: role)
        let latest = "select distinct run_id from planner.latest_dispatch_plans"

        let daily = try Self.run(["allocate", Self.scenario], database: url)
        #expect(daily.status == 0, "\(daily.stderr)")
        #expect(daily.stdout.contains("published: carriers see this run"))
        #expect(try Self.psql(partner, latest) == "1")

        let whatIf = try Self.run(["plan", Self.scenario], database: url)
        #expect(whatIf.status == 0, "\(whatIf.stderr)")
        #expect(whatIf.stdout.contains("not published (planner runs publish 2)"))
        #expect(try Self.psql(partner, latest) == "1", "a what-if leaves the carriers' plan as it was")
        #expect(try Self.psql(partner, "select count(*) from planner.dispatch_plans where run_id = 2") != "0")

        // The same plan with --publish is the stored run, published now: carriers see it.
        let published = try Self.run(["plan", Self.scenario, "--publish"], database: url)
        #expect(published.status == 0, "\(published.stderr)")
        #expect(
            published.stdout.hasPrefix(
                "unchanged: run 2 (plan of scenario 'test-peak' for 2026-11-16, now published, superseding run 1)"
            )
        )
        #expect(try Self.psql(partner, latest) == "2")
        #expect(
            try Self.psql(url, "select run_id, status, published, superseded_by from planner.runs order by run_id")
                == "1|superseded|t|2\n2|complete|t|"
        )
        // The superseded run stays readable by its owner.
        let old = try Self.run(["dispatch", "--carrier", "DPD", "--run", "1"], database: url)
        #expect(old.status == 0)
        #expect(old.stdout.split(separator: "\n").count > 1)
    }

    @Test func aRerunIsOneRunAndChangedOrdersSupersedeIt() throws {
        let url = try TestCluster.freshDatabase("life_rerun")
        let first = try Self.run(["allocate", Self.scenario], database: url)
        #expect(first.status == 0, "\(first.stderr)")
        let again = try Self.run(["allocate", Self.scenario], database: url)
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("unchanged: run 1 (allocate of scenario 'test-peak' for 2026-11-16, published)"))
        #expect(try CommandLineTests.count("select count(*) from planner.runs", url) == 1)
        let forced = try Self.run(["allocate", Self.scenario, "--force", "--no-publish"], database: url)
        #expect(forced.status == 0)
        #expect(try CommandLineTests.count("select count(*) from planner.runs", url) == 2)

        // A copy of the data with one order line more: a new fingerprint, a new run that supersedes run 1.
        let copy = SampleScenario.files.directory + "/changed-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: SampleScenario.files.directory + "/data", toPath: copy + "/data")
        try String(contentsOfFile: Self.scenario, encoding: .utf8).write(
            toFile: copy + "/peak.yaml",
            atomically: true,
            encoding: .utf8
        )
        let orders = try String(contentsOfFile: copy + "/data/orders.csv", encoding: .utf8)
        // The first line's date is on or before the plan date: the new line is open.
        let firstLine = try #require(orders.split(separator: "\n").dropFirst().first)
        let fields = firstLine.split(separator: ",", omittingEmptySubsequences: false)
        let extra = (["ZZ-EXTRA"] + fields.dropFirst()).joined(separator: ",")
        try (orders + extra + "\n").write(toFile: copy + "/data/orders.csv", atomically: true, encoding: .utf8)
        let changed = try Self.run(["allocate", copy + "/peak.yaml"], database: url)
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(changed.stdout.hasPrefix("Run 3: allocate"), "run 2 is the forced rehearsal")
        #expect(
            try Self.psql(url, "select run_id, status, published, superseded_by from planner.runs order by run_id")
                == "1|superseded|t|3\n2|complete|f|\n3|complete|t|"
        )
        let readable = try Self.run(["explain", "ZZ-EXTRA", "--run", "3"], database: url)
        #expect(readable.status == 0, "\(readable.stderr)")
        #expect(try Self.run(["explain", "ZZ-EXTRA", "--run", "1"], database: url).status == 65, "not in run 1")
    }

    /// An unchanged run's --out files are exported from the stored run: byte for byte what the run wrote.
    @Test func anUnchangedRunExportsTheStoredFilesToOut() throws {
        let url = try TestCluster.freshDatabase("life_unchanged_out")
        let folder = SampleScenario.files.directory + "/unchanged-\(UUID().uuidString)"
        let first = try Self.run(["plan", Self.scenario, "--out", folder + "/first"], database: url)
        #expect(first.status == 0, "\(first.stderr)")
        let again = try Self.run(["plan", Self.scenario, "--out", folder + "/again"], database: url)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.hasPrefix("unchanged: run 1 "))
        let written = try FileManager.default.contentsOfDirectory(atPath: folder + "/first").sorted()
        let exported = try FileManager.default.contentsOfDirectory(atPath: folder + "/again").sorted()
        #expect(written == exported)
        for file in written where file.hasSuffix(".csv") {
            let original = try Data(contentsOf: URL(fileURLWithPath: folder + "/first/" + file))
            let copy = try Data(contentsOf: URL(fileURLWithPath: folder + "/again/" + file))
            #expect(original == copy, "\(file)")
        }
        let summary =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: folder + "/again/summary.json"))
            ) as? [String: Any]
        #expect(summary?["run_id"] as? Int == 1)
    }

    @Test func fourIdenticalAllocationsAtOnceStoreOneRun() throws {
        let url = try TestCluster.freshDatabase("life_concurrent")
        let started = try (0..<4).map { _ in
            try CommandLineTests.start(["allocate", Self.scenario, "--database", url])
        }
        var outputs: [String] = []
        for (process, out, _) in started {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            outputs.append(try String(contentsOf: out, encoding: .utf8))
        }
        #expect(try CommandLineTests.count("select count(*) from planner.runs", url) == 1)
        #expect(outputs.filter { $0.hasPrefix("Run 1: allocate") }.count == 1, "\(outputs)")
        #expect(outputs.filter { $0.hasPrefix("unchanged: run 1 ") }.count == 3, "\(outputs)")
    }

    @Test func aHolderPastTheLockTimeoutMakesTheWaiterExit75() throws {
        let url = try TestCluster.freshDatabase("life_lock")
        #expect(try Self.run(["db", "migrate"], database: url).status == 0)
        // Hold the lock of allocate for 2026-11-16 as another planner would.
        let holder = try PostgresConnection(url: url + "&application_name=planner%20allocate%20pid%3D4242")
        let day = try #require(SampleScenario.spec.endDate.daysSinceEpoch)
        _ = try holder.query("select pg_advisory_lock(1397772865, $1::int4)", parameters: [String(day)])
        let started = Date()
        let waiter = try Self.run(["allocate", Self.scenario, "--lock-timeout", "2s"], database: url)
        #expect(waiter.status == 75, "\(waiter.stderr)")
        #expect(Date().timeIntervalSince(started) >= 2)
        #expect(
            waiter.stderr.contains(
                "another allocate run for 2026-11-16 holds the run lock: 'planner allocate pid=4242'"
            )
        )
        #expect(!waiter.stderr.contains("allocated open orders"), "nothing was computed")
        #expect(try CommandLineTests.count("select count(*) from planner.runs", url) == 0)
        // A plan of the same date takes another lock; once the holder goes, the allocation goes through.
        #expect(try Self.run(["plan", Self.scenario, "--lock-timeout", "2s"], database: url).status == 0)
        _ = try holder.query("select pg_advisory_unlock_all()")
        #expect(try Self.run(["allocate", Self.scenario, "--lock-timeout", "2s"], database: url).status == 0)
    }

    @Test func historyListsShowsAndPrunesAllButTheCurrentPublishedRun() throws {
        let url = try TestCluster.freshDatabase("life_history")
        #expect(try Self.run(["allocate", Self.scenario], database: url).status == 0)
        #expect(try Self.run(["plan", Self.scenario], database: url).status == 0)
        let list = try Self.run(["runs", "list", "--format", "csv"], database: url)
        #expect(list.status == 0)
        let rows = list.stdout.split(separator: "\n")
        #expect(rows.first?.hasPrefix("run_id,kind,purpose,scenario,plan_date,status,published") == true)
        #expect(
            rows.dropFirst().map { $0.split(separator: ",").prefix(3).joined(separator: ",") } == [
                "2,plan,scenario", "1,allocate,daily",
            ]
        )
        let filtered = try Self.run(["runs", "list", "--kind", "allocate", "--format", "json"], database: url)
        #expect(filtered.stdout.contains("\"run_id\": 1") && !filtered.stdout.contains("\"run_id\": 2"))

        let show = try Self.run(["runs", "show", "2"], database: url)
        #expect(show.status == 0)
        let fingerprint = try Self.psql(url, "select fingerprint from planner.runs where run_id = 2")
        #expect(fingerprint.count == 64)
        #expect(show.stdout.contains("fingerprint   \(fingerprint)"))
        let forecasts = try CommandLineTests.count("select count(*) from planner.forecasts where run_id = 2", url)
        #expect(show.stdout.contains("forecasts \(forecasts)"))
        #expect(show.stdout.contains("\"forecast\":"), "the effective configuration is shown")

        let dry = try Self.run(["runs", "prune", "--keep-days", "0", "--dry-run"], database: url)
        #expect(dry.stdout.hasPrefix("would delete 1 runs"), "\(dry.stdout)")
        #expect(try CommandLineTests.count("select count(*) from planner.runs", url) == 2)
        let pruned = try Self.run(["runs", "prune", "--keep-days", "0"], database: url)
        #expect(
            pruned.stdout.hasPrefix("deleted 1 runs, \(forecasts + 0)") || pruned.stdout.hasPrefix("deleted 1 runs")
        )
        #expect(try Self.psql(url, "select run_id from planner.runs") == "1", "the published run stays")
        #expect(try CommandLineTests.count("select count(*) from planner.forecasts", url) == 0)
        #expect(
            try Self.psql(
                url,
                "select count(*) from pg_tables where schemaname = 'planner_runs' and tablename like '%\\_2'"
            ) == "0"
        )
    }

    @Test func aBackupRestoredIntoANewEmbeddedDatabaseHasEveryRowAndTheSameLatest() throws {
        let url = try TestCluster.freshDatabase("life_backup")
        #expect(try Self.run(["allocate", Self.scenario], database: url).status == 0)
        #expect(try Self.run(["plan", Self.scenario, "--publish"], database: url).status == 0)
        let folder = "/tmp/planner-restore-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        chmod(folder, 0o755)
        defer {
            _ = try? EmbeddedFirstStartKillTests.planner(["db", "stop"], in: folder)
            try? FileManager.default.removeItem(atPath: folder)
        }
        let file = folder + "/runs.dump"
        let backup = try Self.run(["db", "backup", file], database: url)
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.hasPrefix("backed up 2 runs (schema \(PlannerDatabase.latestSchemaVersion))"))

        let restore = try EmbeddedFirstStartKillTests.planner(["db", "restore", file], in: folder)
        #expect(restore.status == 0, "\(restore.stderr)")
        let embedded = try #require(
            EmbeddedFirstStartKillTests.planner(["db", "url"], in: folder).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)
        )
        let counts = """
            select string_agg(format('%s=%s', c.relname, (xpath('/row/n/text()',
                query_to_xml(format('select count(*) as n from planner.%I', c.relname), false, true, '')))[1]),
                ',' order by c.relname)
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'planner' and c.relkind in ('r', 'p')
            """
        #expect(try Self.psql(embedded, counts) == (try Self.psql(url, counts)))
        #expect(!(try Self.psql(url, counts)).isEmpty)
        let latest = "select planner.latest_published_run_id()"
        #expect(try Self.psql(embedded, latest) == (try Self.psql(url, latest)))
        let dispatch = try Self.run(["dispatch", "--carrier", "DPD"], database: url)
        let restoredDispatch = try EmbeddedFirstStartKillTests.planner(["dispatch", "--carrier", "DPD"], in: folder)
        #expect(restoredDispatch.stdout == dispatch.stdout)

        // A second restore is refused; --clean restores again.
        let refused = try EmbeddedFirstStartKillTests.planner(["db", "restore", file], in: folder)
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("already holds a planner schema"))
        #expect(try EmbeddedFirstStartKillTests.planner(["db", "restore", file, "--clean"], in: folder).status == 0)
    }

    @Test func anUnreachableDatabaseFailsBeforeAnyPlanning() throws {
        let started = Date()
        let outcome = try CommandLineTests.run([
            "plan", Self.scenario, "--database", "postgresql:///x?host=/nonexistent-dir",
        ])
        #expect(outcome.status == 69)
        #expect(outcome.stderr.contains("after 3 attempts"))
        #expect(!outcome.stderr.contains("forecast demand"), "nothing was computed")
        #expect(Date().timeIntervalSince(started) < 20)
    }
}
