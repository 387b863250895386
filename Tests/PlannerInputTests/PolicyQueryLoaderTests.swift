import PlannerCore
import Testing

@testable import PlannerInput

@Suite struct PolicyQueryLoaderTests {
    @Test func readsRequiredAndOptionalColumnsInAnyOrder() throws {
        let fixture = try Fixture()
        try fixture.write(
            "stats.csv",
            """
            service_type,sku,mean_daily_demand,sd_daily_demand,lead_time_days,lead_time_sd_days,service_level,order_quantity
            cycle,A,20,5,10,2,0.95,
            fill_rate,B,1.5,0.5,3.5,0,0.9,40

            """
        )
        let queries = try PolicyQueryLoader.load(path: fixture.directory + "/stats.csv")
        #expect(
            queries == [
                PolicyQuery(
                    sku: "A",
                    meanDailyDemand: 20,
                    sdDailyDemand: 5,
                    leadTimeDays: 10,
                    leadTimeSdDays: 2,
                    serviceLevel: 0.95,
                    serviceType: .cycle,
                    line: 2
                ),
                PolicyQuery(
                    sku: "B",
                    meanDailyDemand: 1.5,
                    sdDailyDemand: 0.5,
                    leadTimeDays: 3.5,
                    leadTimeSdDays: 0,
                    serviceLevel: 0.9,
                    serviceType: .fillRate,
                    orderQuantity: 40,
                    line: 3
                ),
            ]
        )
    }

    @Test func everyBadFieldIsLocated() throws {
        let fixture = try Fixture()
        let path = fixture.directory + "/bad.csv"
        try fixture.write(
            "bad.csv",
            """
            sku,mean_daily_demand,sd_daily_demand,lead_time_days,lead_time_sd_days,service_level,service_type,review_period_days
            A,-1,5,10,2,0,cycle,
            B,1,1,1,0,0.9,fill_rate,7
            C,1,1,1,0,0.9,sometimes,

            """
        )
        let found = issues { _ = try PolicyQueryLoader.load(path: path) }
        #expect(
            found.map { "\($0.line ?? 0):\($0.column ?? 0)" } == ["2:2", "2:6", "3:8", "3:7", "4:7"],
            "\(found)"
        )
        #expect(found[1].message == "service_level: must be strictly between 0 and 1, found 0.0")
        #expect(found[3].message.hasPrefix("service_type: fill_rate needs order_quantity"))
    }

    @Test func aZeroOrderQuantityIsAnErrorNotAnInfiniteSafetyFactor() throws {
        let fixture = try Fixture()
        let path = fixture.directory + "/zero.csv"
        try fixture.write(
            "zero.csv",
            """
            sku,mean_daily_demand,sd_daily_demand,lead_time_days,lead_time_sd_days,service_level,service_type,order_quantity
            A,2,1,5,0,0.95,fill_rate,0

            """
        )
        let found = issues { _ = try PolicyQueryLoader.load(path: path) }
        #expect(found.map { "\($0.line ?? 0):\($0.column ?? 0)" } == ["2:8"], "\(found)")
    }
}
