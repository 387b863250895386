import Foundation
import Logging
import PlannerCore
import PostgresClient
import Storage
import TestSupport
import Testing

@testable import PlannerPipeline

@Suite struct StoredRunTests {
    let logger = Logger(label: "test")

    @Test func aPlanRunStoresEveryRowOfEveryTableUnderOneCompleteRun() async throws {
        let url = try TestCluster.freshDatabase("pipeline_stored_run")
        let result = try await Pipeline.plan(try SampleScenario.input(), logger: logger)
        let runID = try RunWriter.commit(result, target: .url(url), startedAt: Date(), logger: logger)
        let connection = try PostgresConnection(url: url)
        let run = try connection.query(
            "select kind, scenario, plan_date::text, status, (summary->>'allocated_units')::int, "
                + "(summary->>'fill_rate')::float8, (summary->>'run_id')::bigint = run_id "
                + "from planner.runs where run_id = $1",
            parameters: [String(runID)]
        )
        let summary = result.summary(runID: nil)
        #expect(
            run == [
                [
                    "plan", "test-peak", "2026-11-16", "complete", String(summary.allocatedUnits),
                    "\(summary.fillRate)", "t",
                ]
            ]
        )
        let expected = try rowsByTable(result.outputTables)
        for table in result.outputTables {
            let count = try connection.query(
                "select count(*) from planner.\(table.name) where run_id = $1",
                parameters: [String(runID)]
            )
            #expect(count == [[String(table.rowCount)]], "\(table.name)")
            #expect(expected[table.name]?.count == table.rowCount)
        }
        #expect(
            result.outputTables.map(\.name).sorted() == [
                "allocations", "dispatch_plans", "forecasts", "inventory_policies", "supplier_plans", "unfilled_lines",
            ]
        )
        // Units stored per warehouse equal the allocation in memory, and the dispatch plans agree with them.
        let stored = try connection.query(
            "select sum(qty)::int, (select sum(units)::int from planner.dispatch_plans where run_id = $1) "
                + "from planner.allocations where run_id = $1",
            parameters: [String(runID)]
        )
        #expect(stored == [[String(summary.allocatedUnits), String(summary.allocatedUnits)]])
        // A stored forecast row reads back as the same number.
        let firstSeries = try #require(result.forecast?.series.first)
        let sku = result.input.dataSet.skus[firstSeries.skuIndex].id
        let region = result.input.dataSet.regions[firstSeries.regionIndex].id
        let units = try connection.query(
            "select units from planner.forecasts where run_id = $1 and sku = $2 and region = $3 order by date limit 1",
            parameters: [String(runID), sku, region]
        )
        #expect(units.first?.first??.description == format(firstSeries.unitsPerDay[0]))
    }

    @Test func everyStoredRowReadsBackExactlyAsComputed() async throws {
        let url = try TestCluster.freshDatabase("pipeline_exact_rows")
        let result = try await Pipeline.plan(try SampleScenario.input(), logger: logger)
        let runID = try RunWriter.commit(result, target: .url(url), startedAt: Date(), logger: logger)
        let connection = try PostgresConnection(url: url)
        func sorted(_ rows: [[String?]]) -> [[String?]] {
            rows.sorted { $0.map { $0 ?? "\u{0}" }.lexicographicallyPrecedes($1.map { $0 ?? "\u{0}" }) }
        }
        for table in result.outputTables {
            var computed: [[String?]] = []
            try table.forEachRow { computed.append($0) }
            let columns = table.columns.map { "\($0)::text" }.joined(separator: ", ")
            let stored = try connection.query(
                "select \(columns) from planner.\(table.name) where run_id = $1",
                parameters: [String(runID)]
            )
            #expect(stored.count == computed.count, "\(table.name)")
            #expect(sorted(stored) == sorted(computed), "\(table.name): every value, as text")
        }
    }

    @Test func runsGetNewIdsAndIdenticalRows() async throws {
        let url = try TestCluster.freshDatabase("pipeline_two_runs")
        let result = try await Pipeline.plan(try SampleScenario.input(), logger: logger)
        let first = try RunWriter.commit(result, target: .url(url), startedAt: Date(), logger: logger)
        let again = try await Pipeline.plan(try SampleScenario.input(), logger: logger)
        let second = try RunWriter.commit(again, target: .url(url), startedAt: Date(), logger: logger)
        #expect(second > first)
        let connection = try PostgresConnection(url: url)
        let difference = try connection.query(
            """
            select count(*) from (
              (select order_id, sku, warehouse, qty from planner.allocations where run_id = $1
               except all select order_id, sku, warehouse, qty from planner.allocations where run_id = $2)
              union all
              (select order_id, sku, warehouse, qty from planner.allocations where run_id = $2
               except all select order_id, sku, warehouse, qty from planner.allocations where run_id = $1)) d
            """,
            parameters: [String(first), String(second)]
        )
        #expect(difference == [["0"]])
    }

    @Test func anUnreachableDatabaseIsReportedAsUnavailable() throws {
        let result = try Pipeline.allocateOnly(try SampleScenario.input(), date: nil, logger: logger)
        let target = DatabaseTarget.url("postgresql:///planner?host=/nonexistent-socket-dir")
        do {
            _ = try RunWriter.commit(result, target: target, startedAt: Date(), logger: logger)
            Issue.record("expected a StoreError")
        } catch let error as StoreError {
            #expect(error.kind == .unavailable)
        }
    }

    @Test func theDatabaseTargetFollowsFlagThenEnvironmentThenConfiguration() {
        var configuration = PlannerConfiguration()
        let environment = [DatabaseTarget.environmentVariable: "postgresql://env"]
        #expect(
            DatabaseTarget.resolve(flag: "postgresql://flag", environment: environment, configuration: configuration)
                == .url("postgresql://flag")
        )
        #expect(
            DatabaseTarget.resolve(flag: nil, environment: environment, configuration: configuration)
                == .url("postgresql://env")
        )
        configuration.databaseURL = "postgresql://config"
        #expect(
            DatabaseTarget.resolve(flag: nil, environment: [:], configuration: configuration)
                == .url("postgresql://config")
        )
        #expect(
            DatabaseTarget.resolve(flag: "", environment: [:], configuration: PlannerConfiguration())
                == .embedded(directory: ".planner")
        )
    }
}
