import Foundation
import PostgresClient
import TestSupport
import Testing

/// A password planted in the database URL, wherever it comes from and in every form libpq reads, never
/// appears in anything the planner prints or stores: run summaries, errors, logs at trace level.
@Suite struct SecretTests {
    static let secret = "PLANTED-Secret-7f3a"

    /// The forms of one address with the planted password: URL userinfo, URL query and key=value.
    static func forms(database: String, socket: String) -> [String] {
        [
            "postgresql://postgres:\(secret)@/\(database)?host=\(socket)&port=5432",
            "postgresql:///\(database)?host=\(socket)&port=5432&user=postgres&password=\(secret)",
            "host=\(socket) port=5432 user=postgres dbname=\(database) password='\(secret)'",
        ]
    }

    /// Where a URL is given: the flag, the environment, or the configuration file.
    enum Source: CaseIterable { case flag, environment, configuration }

    /// Runs `arguments` with the URL from `source`; returns everything printed.
    static func run(_ arguments: [String], url: String, source: Source, folder: String) throws -> (Int32, String) {
        var arguments = arguments
        var environment: [String: String] = [:]
        switch source {
        case .flag: arguments += ["--database", url]
        case .environment: environment["PLANNER_DATABASE_URL"] = url
        case .configuration:
            let config = folder + "/secret-\(UUID().uuidString).yaml"
            try "database_url: \"\(url)\"\n".write(
                toFile: config,
                atomically: true,
                encoding: .utf8
            )
            arguments += ["--config", config]
        }
        let outcome = try CommandLineTests.run(arguments, environment: environment)
        return (outcome.status, outcome.stdout + outcome.stderr)
    }

    @Test func noOutputOfAnySubcommandHoldsThePassword() throws {
        let url = try TestCluster.freshDatabase("secret_outputs")
        let socket = try #require(url.components(separatedBy: "host=").last?.components(separatedBy: "&").first)
            .removingPercentEncoding!
        let folder = SampleScenario.files.directory
        let scenario = SampleScenario.files.scenarioPath
        // A run first, so dispatch and explain have something to read.
        #expect(try CommandLineTests.run(["allocate", scenario, "--database", url]).status == 0)
        let order = try #require(
            try PostgresConnection(url: url).query("select order_id from planner.allocations limit 1").first?[0]
        )
        // Every command with every form from every source, reachable and not; the runs with each form once.
        let commands: [[String]] = [
            ["dispatch", "--carrier", "NoSuchCarrier"], ["dispatch", "--carrier", "DPD", "--format", "json"],
            ["explain", order], ["explain", "NO-SUCH-ORDER"], ["db", "migrate"], ["db", "url"], ["db", "status"],
            ["db", "start"], ["db", "stop"], ["db", "grant-carrier", "--carrier", "DPD", "--role", "secret_test_dpd"],
            ["stages", "list"], ["stages", "show", "no-such-stage"], ["stages", "drop", "no-such-stage"],
            ["plan", scenario, "--from-stage", "no-such-stage", "--log-level", "trace"],
        ]
        for (number, form) in Self.forms(database: "secret_outputs", socket: socket).enumerated() {
            // A sharded plan too: both steps of one shard and the merge, each stage its own (the configuration
            // source changes the inputs' fingerprint).
            let stage = "secret-\(number)"
            let runs: [[String]] = [
                ["plan", scenario, "--log-level", "trace"], ["allocate", scenario, "--log-level", "trace"],
                ["forecast", scenario, "--shard", "0/1", "--stage", stage, "--step", "totals", "--log-level", "trace"],
                ["forecast", scenario, "--shard", "0/1", "--stage", stage, "--log-level", "trace"],
                ["plan", scenario, "--from-stage", stage, "--force", "--log-level", "trace"],
            ]
            let unreachable = form.replacingOccurrences(of: "port=5432", with: "port=1")
            for (position, source) in Source.allCases.enumerated() {
                let cases = commands + (position == number ? runs : [])
                for command in cases {
                    let (status, printed) = try Self.run(command, url: form, source: source, folder: folder)
                    #expect(!printed.contains(Self.secret), "\(command) with the URL from \(source): \(printed)")
                    #expect(status != 70, "\(command) \(source): \(printed.prefix(400))")
                }
                for command in cases {
                    let (status, printed) = try Self.run(command, url: unreachable, source: source, folder: folder)
                    #expect(!printed.contains(Self.secret), "\(command), unreachable, \(source): \(printed)")
                    let expected: Set<Int32> =
                        command.prefix(2) == ["db", "url"]
                        ? [0] : command.prefix(2) == ["db", "status"] ? [3] : [64, 65, 69]
                    #expect(expected.contains(status), "\(command), unreachable, \(source): \(printed.prefix(400))")
                }
            }
        }
        let stored = try PostgresConnection(url: url).query(
            "select count(*) from planner.runs where summary::text like '%' || $1 || '%'",
            parameters: [Self.secret]
        )
        #expect(stored == [["0"]])
        #expect(try CommandLineTests.count("select count(*) from planner.runs", url) > 1, "the runs were stored")
    }

    @Test func aURLLibpqCannotReadIsRefusedWithoutBeingQuoted() throws {
        let broken = "postgresql://u:\(Self.secret) with spaces@[not-a-host"
        for source in Source.allCases {
            let (status, printed) = try Self.run(
                ["allocate", SampleScenario.files.scenarioPath],
                url: broken,
                source: source,
                folder: SampleScenario.files.directory
            )
            #expect(status == (source == .configuration ? 65 : 64), "\(source): \(printed)")
            #expect(printed.contains("not a connection string or URL libpq can read"), "\(source)")
            #expect(!printed.contains(Self.secret), "\(source): \(printed)")
        }
    }
}
