import Foundation
import PlannerCore
import PlannerReport
import PostgresClient
import TestSupport
import Testing

/// `planner compare` and `planner report` through the real binary, the real database and a real headless Chromium.
@Suite(.serialized) struct CompareAndReportTests {
    static let events = """
          - {kind: demand_uplift, from: 2026-11-20, to: 2026-11-22, factor: 10, skus: HERO, regions: R01}
          - {kind: lead_time_change, suppliers: P, skus: HERO, from: 2026-11-16, to: 2026-12-13, days: 10}
          - {kind: service_level, abc_class: A, level: 0.99}
        """

    static func storedKPI(_ url: String, run: Int, kpi: String, abcClass: String?) throws -> Double? {
        let rows = try PostgresConnection(url: url).query(
            "SELECT value FROM planner.operating_kpis WHERE run_id = $1 AND kpi = $2 AND abc_class IS NOT DISTINCT FROM $3",
            parameters: [String(run), kpi, abcClass]
        )
        return rows.first?[0].flatMap { Double($0) }
    }

    @Test func compareDifferencesEqualTheStoredKPIsAndUnchangedScenariosReuseTheirRuns() throws {
        let url = try TestCluster.freshDatabase("cli_compare")
        let base = try EventFixture.scenario("compare-base")
        let peak = try EventFixture.scenario("compare-peak", events: Self.events)
        let first = try CommandLineTests.run(
            ["compare", base, peak, "--database", url, "--format", "json", "--by-class", "--quiet"]
        )
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.isEmpty, "--quiet: \(first.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let runs = try #require(json["runs"] as? [[String: Any]])
        let ids = runs.compactMap { $0["run_id"] as? Int }
        #expect(ids == [1, 2])
        let kpis = try #require(json["kpis"] as? [[String: Any]])
        var checked = 0
        for row in kpis {
            let kpi = try #require(row["kpi"] as? String)
            let abcClass = row["abc_class"] as? String
            let stored = try ids.map { try Self.storedKPI(url, run: $0, kpi: kpi, abcClass: abcClass) }
            let differences = try #require(row["differences"] as? [Any])
            if let a = stored[0], let b = stored[1] {
                let difference = try #require(differences[0] as? Double, "\(kpi) \(abcClass ?? "total")")
                #expect(abs(difference - (b - a)) <= 1e-9 * max(1, abs(b - a)), "\(kpi) \(abcClass ?? "total")")
                checked += 1
            } else {
                #expect(differences[0] is NSNull, "\(kpi): a missing value has no difference")
            }
        }
        let storedRows = try CommandLineTests.count(
            "select count(*) from planner.operating_kpis where run_id = 2 and value is not null",
            url
        )
        #expect(checked == storedRows, "every stored KPI of both runs is compared")
        let upliftDays = kpis.first { $0["kpi"] as? String == "over_capacity_days" }?["values"] as? [Double]
        #expect(upliftDays == [0, 3], "HERO x10 in R01 for three days overloads W1 (capacity 100) on each")
        let changes = try #require(json["changes"] as? [[String: Any]])
        let hero = changes.first { $0["kind"] as? String == "sku" && $0["id"] as? String == "HERO" }
        #expect((hero?["reason"] as? String)?.contains("lead_time_change event") == true)
        #expect((hero?["reason"] as? String)?.contains("fallback to backups (primary_late)") == true)

        // The same files again: the stored runs are reused, and run ids give the same table.
        let again = try CommandLineTests.run(["compare", base, peak, "--database", url, "--format", "json"])
        #expect(again.status == 0, "\(again.stderr)")
        let sources =
            ((try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])?["runs"]
            as? [[String: Any]])?.compactMap { $0["source"] as? String } ?? []
        #expect(
            sources.count == 2 && sources[0].hasSuffix("(unchanged: run 1)")
                && sources[1].hasSuffix("(unchanged: run 2)")
        )
        #expect(try CommandLineTests.count("select count(*) from planner.runs", url) == 2)
        let byID = try CommandLineTests.run(["compare", "1", "2", "--database", url, "--format", "csv", "--quiet"])
        #expect(byID.status == 0, "\(byID.stderr)")
        let lines = byID.stdout.split(separator: "\n")
        #expect(lines.first == "section,name,abc_class,unit,run_1,run_2,diff_run_2,reason")
        let table = try CommandLineTests.run(["compare", "1", "2", "--database", url, "--quiet"])
        #expect(
            table.stdout.contains("over_capacity_days") && table.stdout.contains("Top changes against compare-base")
        )
        let missing = try CommandLineTests.run(["compare", "1", "9", "--database", url, "--quiet"])
        #expect(missing.status == 65 && missing.stderr.contains("9"))
    }

    @Test func theReportRendersInHeadlessChromiumWithEveryChartAndNoNetwork() throws {
        let url = try TestCluster.freshDatabase("cli_report")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "planner-report-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let base = try EventFixture.scenario("report-base")
        let peak = try EventFixture.scenario("report-peak", events: Self.events)
        let report = folder.appendingPathComponent("report.html").path
        let outcome = try CommandLineTests.run(
            ["report", peak, "--compare", base, "--out", report, "--database", url, "--log-format", "json"]
        )
        #expect(outcome.status == 0, "\(outcome.stderr)")
        // --log-format json: every log line is a JSON object with a level and a message.
        for line in outcome.stderr.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["level"] != nil && object?["message"] != nil, "\(line)")
        }
        let html = try String(contentsOfFile: report, encoding: .utf8)

        // Nothing in the page can name a resource, and its policy forbids loading any.
        #expect(
            html.contains(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"\(ReportPage.contentSecurityPolicy)\">"
            )
        )
        for forbidden in ["http:", "https:", "//", "src=", "href=", "url(", "@import", "<script", "<link", "<iframe"] {
            #expect(
                !html.lowercased().contains(forbidden) || forbidden == "//" && !html.contains("\"//"),
                "\(forbidden)"
            )
        }

        // 1. The browser's own network log: the page asks for nothing. The same log catches a page that does.
        let browser = try Chromium()
        let net = folder.appendingPathComponent("net.json").path
        let screenshot = folder.appendingPathComponent("report.png").path
        try browser.run(["--log-net-log=\(net)", "--screenshot=\(screenshot)", "file://\(report)"])
        #expect(try Chromium.pageRequests(netLog: net) == [])
        #expect(try Chromium.socketsOpened(netLog: net) == 0)
        let probe = folder.appendingPathComponent("probe.html").path
        try "<html><body><img src=\"http://127.0.0.1:9/probe.png\"></body></html>"
            .write(toFile: probe, atomically: true, encoding: .utf8)
        let probeNet = folder.appendingPathComponent("probe-net.json").path
        try browser.run(["--log-net-log=\(probeNet)", "--dump-dom", "file://\(probe)"])
        #expect(try Chromium.pageRequests(netLog: probeNet) == ["http://127.0.0.1:9/probe.png"])

        // 2. The screenshot: a PNG as wide as the window.
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        #expect(png.count > 20_000 && png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == Chromium.windowWidth)

        // 3. The DOM after layout: a copy whose only change is a script that writes each chart's rendered size.
        let measured = folder.appendingPathComponent("measured.html").path
        try html.replacingOccurrences(
            of: ReportPage.contentSecurityPolicy,
            with: "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"
        )
        .replacingOccurrences(
            of: "</body>",
            with: "<script>for (const e of document.querySelectorAll('.chart')) { const r = e.getBoundingClientRect();"
                + " e.setAttribute('data-rendered', Math.round(r.width) + 'x' + Math.round(r.height)); }</script></body>"
        )
        .write(toFile: measured, atomically: true, encoding: .utf8)
        let dom = try browser.run(["--dump-dom", "file://\(measured)"])
        let charts = Chromium.elements(in: dom, withClass: "chart")
        var kinds: [String: Int] = [:]
        for chart in charts {
            let kind = chart["data-chart"] ?? "?"
            kinds[kind, default: 0] += 1
            #expect(Int(chart["data-points"] ?? "") ?? 0 > 0, "\(kind) has no data")
            let size = (chart["data-rendered"] ?? "0x0").split(separator: "x").compactMap { Int($0) }
            #expect(
                size.count == 2 && size[0] > 100 && size[1] > 40,
                "\(kind) rendered \(chart["data-rendered"] ?? "nothing")"
            )
        }
        // Two runs side by side: per run four forecasts at most, stock series, three warehouses, one matrix, one timeline.
        #expect(kinds["load"] == 6 && kinds["flow_matrix"] == 2 && kinds["supplier_timeline"] == 2)
        #expect((kinds["forecast"] ?? 0) >= 2 && (kinds["stock"] ?? 0) >= 2)

        // 4. The KPI tiles show the stored numbers of their run, formatted as the report formats them.
        let tiles = Chromium.elements(in: dom, withClass: "tile")
        #expect(tiles.count == 2 * 12)
        let runOfTile = Chromium.tileRuns(in: dom)
        for (tile, run) in zip(tiles, runOfTile) {
            let kpi = try #require(tile["data-kpi"].flatMap(OperatingKPI.init(rawValue:)))
            let stored = try Self.storedKPI(url, run: run, kpi: kpi.rawValue, abcClass: nil)
            #expect(tile["data-value"].flatMap(Double.init) == stored, "\(kpi) of run \(run)")
            #expect(
                tile["text"]?.hasPrefix(Format.kpi(stored, unit: kpi.unit)) == true,
                "\(kpi): \(tile["text"] ?? "")"
            )
        }
        // By hand, for the base run (docs/formulas.md): inventory at cost 340 x 10 + 95 x 24 + 50 x 2, every line filled.
        let baseTiles = zip(tiles, runOfTile).filter { $0.1 == 1 }.map(\.0)
        #expect(baseTiles.first { $0["data-kpi"] == "inventory_value" }?["text"]?.hasPrefix("5,780") == true)
        #expect(baseTiles.first { $0["data-kpi"] == "fill_rate" }?["text"]?.hasPrefix("100.0%") == true)
    }
}

/// Debian's headless Chromium, with every request it would make on its own kept on this machine: no host name
/// resolves (so neither the browser's update and account checks nor a page's requests reach any address).
struct Chromium {
    static let windowWidth = 1240
    let path: String

    init() throws {
        let candidates = ["/usr/bin/chromium", "/usr/lib/chromium/chromium"]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "chromium (make test-deps installs it)"])
        }
        path = found
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--no-pings",
                "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
                "--window-size=\(Self.windowWidth),3000", "--user-data-dir=\(profile.path)",
            ] + arguments
        let output = profile.appendingPathExtension("out")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(
                .executableLoad,
                userInfo: [NSLocalizedDescriptionKey: "chromium exit \(process.terminationStatus)"]
            )
        }
        return try String(contentsOf: output, encoding: .utf8)
    }

    static func events(_ netLog: String) throws -> [(type: String, params: [String: Any])] {
        let log = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: netLog))) as? [String: Any]
        )
        let constants = try #require(log["constants"] as? [String: Any])
        let types = try #require(constants["logEventTypes"] as? [String: Int])
        let names = Dictionary(uniqueKeysWithValues: types.map { ($1, $0) })
        return (log["events"] as? [[String: Any]] ?? []).map { event in
            (names[event["type"] as? Int ?? -1] ?? "", event["params"] as? [String: Any] ?? [:])
        }
    }

    /// URLs the page asked for: requests started on behalf of a file:// page (the browser's own requests carry
    /// another network isolation key).
    static func pageRequests(netLog: String) throws -> [String] {
        try events(netLog).filter { event in
            event.type == "URL_REQUEST_START_JOB"
                && (event.params["network_isolation_key"] as? String)?.hasPrefix("file://") == true
        }.compactMap { $0.params["url"] as? String }
    }

    /// TCP connections the browser attempted, to any address (its own checks included). Chromium's IPv6
    /// reachability check "connects" a UDP socket, which sends nothing, so UDP is not counted.
    static func socketsOpened(netLog: String) throws -> Int {
        try events(netLog).filter { ["TCP_CONNECT", "TCP_CONNECT_ATTEMPT"].contains($0.type) }.count
    }

    /// The attributes of each element with `cssClass` among its classes, plus its text (tags stripped) as "text".
    static func elements(in dom: String, withClass cssClass: String) -> [[String: String]] {
        var found: [[String: String]] = []
        let pattern = try! NSRegularExpression(
            pattern: "<(\\w+)([^>]*\\bclass=\"(?:[^\"]* )?\(cssClass)(?: [^\"]*)?\"[^>]*)>"
        )
        let text = dom as NSString
        for match in pattern.matches(in: dom, range: NSRange(location: 0, length: text.length)) {
            let attributes = text.substring(with: match.range(at: 2))
            var element: [String: String] = [:]
            let attribute = try! NSRegularExpression(pattern: "([\\w-]+)=\"([^\"]*)\"")
            for pair in attribute.matches(
                in: attributes,
                range: NSRange(location: 0, length: (attributes as NSString).length)
            ) {
                element[(attributes as NSString).substring(with: pair.range(at: 1))] =
                    (attributes as NSString).substring(with: pair.range(at: 2))
            }
            let tag = text.substring(with: match.range(at: 1))
            let rest = text.substring(from: match.range.location + match.range.length)
            if let end = rest.range(of: "</\(tag)>") {
                element["text"] = rest[..<end.lowerBound].replacingOccurrences(
                    of: "<[^>]+>",
                    with: " ",
                    options: .regularExpression
                )
                .trimmingCharacters(in: .whitespaces)
            }
            found.append(element)
        }
        return found
    }

    /// The run id of each KPI tile, in document order (from its `tiles` container's `data-run`).
    static func tileRuns(in dom: String) -> [Int] {
        var runs: [Int] = []
        for container in dom.components(separatedBy: "class=\"tiles\" data-run=\"").dropFirst() {
            let run = Int(container.prefix { $0.isNumber }) ?? 0
            let tiles = container.components(separatedBy: "class=\"tile\"").count - 1
            runs += Array(repeating: run, count: min(tiles, 12))
        }
        return runs
    }
}
