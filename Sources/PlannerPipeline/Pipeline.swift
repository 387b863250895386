import Allocation
import Forecasting
import InventoryPolicy
import Logging
import PlannerCore
import PlannerInput
import Sourcing

/// Runs the planning stages in order on validated input. Pure computation: nothing is written here.
///
/// `plan`: classify (ABC), forecast, inventory policies, allocation, supplier plan, dispatch.
/// `allocate`: allocation and dispatch only, for the scheduler's daily run.
public enum Pipeline {
    /// - Parameter allocationDays: with more than one day, the open orders are allocated over that many days,
    ///   with the supply plan's orders arriving in the horizon as stock (after a one-day allocation has
    ///   told the supply plan what ships today).
    public static func plan(_ input: PlanningInput, allocationDays: Int = 1, logger: Logger) async throws -> PlanResult
    {
        var times = StageTimes()
        let stage = await times.measure("forecast") {
            let totals = ForecastStage.poolingTotals(of: input)
            let members = Array(input.dataSet.skus.indices)
            return ForecastStage(
                totals: totals,
                skus: await ForecastStage.stagedSKUs(
                    of: input,
                    members: members,
                    totals: totals,
                    weightedSales: ForecastStage.rateWeightedSales(of: input, members: members, totals: totals)
                )
            )
        }
        return try await plan(input, stage: stage, allocationDays: allocationDays, times: times, logger: logger)
    }

    /// The global stages, from the per-SKU part of the plan (one record per SKU of the data set, in SKU order, and
    /// the pooling totals of all SKUs): what a plan does once every shard of a stage has forecast its SKUs. `input`
    /// needs no demand or returns rows: everything read of them is in `stage`.
    public static func plan(
        _ input: PlanningInput,
        stage: ForecastStage,
        allocationDays: Int = 1,
        times: StageTimes = StageTimes(),
        logger: Logger
    ) async throws -> PlanResult {
        var times = times
        let dataSet = input.dataSet
        let scenario = input.scenario
        let configuration = input.configuration
        precondition(stage.skus.map(\.skuIndex) == Array(dataSet.skus.indices), "one staged record per SKU, in order")
        // What the allocation and the policies see: lanes, lead times and stock as the scenario has them today.
        let onPlanDate = scenario.dataSetOnPlanDate(dataSet)
        let (unlaunched, variability) = times.measure("classify") {
            let revenue = stage.skus.map(\.revenue)
            let weeklyCV = stage.skus.map(\.weeklyCV)
            return (
                ABCClassification(
                    classes: ABCClassifier.classes(
                        revenue: revenue,
                        ids: dataSet.skus.map(\.id),
                        thresholds: configuration.abcThresholds
                    ),
                    revenue: revenue
                ),
                XYZClassification(
                    classes: weeklyCV.map {
                        XYZClassifier.classify($0, thresholds: configuration.policy.xyzThresholds)
                    },
                    weeklyCV: weeklyCV
                )
            )
        }
        let launches = ScenarioEffects.launchPlans(scenario, dataSet: dataSet)
        let classification = ScenarioEffects.classifyingLaunches(unlaunched, launches)
        logger.info(
            "classified SKUs by revenue (ABC) and weekly variability (XYZ)",
            metadata: [
                "abc": "\(classCounts(classification.classes))", "xyz": "\(xyzCounts(variability.classes))",
            ]
        )
        var forecast = times.measure("assemble") {
            DemandForecaster.assemble(
                stage.skus.compactMap(\.forecast),
                dataSet: dataSet,
                planDate: scenario.planDate,
                horizonDays: scenario.horizonDays,
                uplifts: scenario.demandUplifts,
                abcClassBySKU: classification.classes
            )
        }
        forecast.addLaunches(launches, regionCount: dataSet.regions.count)
        let cappedDays = forecast.capDailyUnits()
        if cappedDays > 0 {
            logger.warning(
                "forecast capped",
                metadata: ["sku_days": "\(cappedDays)", "maximum_units": "\(InputLimits.dailyForecastUnitsMax)"]
            )
        }
        logger.info(
            "forecast demand",
            metadata: [
                "skus": "\(forecast.skuForecasts.count)", "series": "\(forecast.series.count)",
                "days": "\(forecast.horizonDays)", "models": "\(modelCounts(forecast))",
            ]
        )
        let policyPlan = times.measure("policy") {
            PolicyPlanner.plan(
                dataSet: onPlanDate,
                forecast: forecast,
                abc: classification,
                xyz: variability,
                settings: configuration.policy,
                serviceLevels: { scenario.serviceLevel(for: $0) ?? configuration.serviceLevel(for: $0) }
            )
        }
        logger.info(
            "computed inventory policies",
            metadata: ["rows": "\(policyPlan.records.count)", "methods": "\(methodCounts(policyPlan.records))"]
        )
        let hasReturns = stage.totals.returnRows > 0
        let returns = times.measure("returns") {
            let model = ReturnModel(planDate: scenario.planDate, estimates: stage.skus.map(\.returnEstimate))
            var states: [Int: SIMD2<Double>] = [:]
            for sku in stage.skus {
                for (region, state) in sku.returnStates {
                    states[sku.skuIndex * dataSet.regions.count + region] = state
                }
            }
            return ReturnsForecast(
                states: states,
                dataSet: dataSet,
                model: model,
                forecast: forecast,
                settings: configuration.returns
            )
        }
        if hasReturns {
            logger.info("forecast returns", metadata: returnsMetadata(returns, dataSet: dataSet))
        }
        let dropShipSKUs = AllocationStage.dropShipSKUs(classes: classification.classes, policy: configuration.policy)
        var allocation = try AllocationStage(
            dataSet: onPlanDate,
            scenario: scenario,
            startDay: scenario.planDate,
            days: 1,
            settings: configuration.allocation,
            dropShipSKUs: dropShipSKUs
        ).run(arrivals: [], &times, logger)
        // Supplier lead times stay as in the data here: the supply plan applies each order day's changes itself.
        var supplyData = onPlanDate
        supplyData.suppliers = dataSet.suppliers
        let supplyPlan = times.measure("sourcing") {
            SupplyPlanner.plan(
                dataSet: supplyData,
                scenario: scenario,
                forecast: forecast,
                policies: policyPlan.records,
                shippedUnits: allocation.shippedUnits(
                    warehouseCount: dataSet.warehouses.count,
                    skuCount: dataSet.skus.count
                ),
                dropShippedUnits: allocation.dropShippedUnitsByOffer,
                returns: returns
            )
        }
        logger.info(
            "planned supplier orders",
            metadata: [
                "orders": "\(supplyPlan.orders.count)", "shortfalls": "\(supplyPlan.shortfalls.count)",
                "shortfall_units": "\(supplyPlan.shortfalls.saturatingSum(\.shortfallUnits))",
            ]
        )
        if allocationDays > 1 {
            let planned = supplyPlan.orders.map {
                (warehouseIndex: $0.warehouseIndex, skuIndex: $0.skuIndex, arrival: $0.arrivalDate, units: $0.quantity)
            }
            allocation = try AllocationStage(
                dataSet: onPlanDate,
                scenario: scenario,
                startDay: scenario.planDate,
                days: allocationDays,
                settings: configuration.allocation,
                dropShipSKUs: dropShipSKUs
            ).run(
                arrivals: AllocationStage.arrivals(from: planned, startDay: scenario.planDate, days: allocationDays),
                &times,
                logger
            )
        }
        let dispatch = times.measure("dispatch") {
            DispatchPlanner.plan(allocation: allocation, shipDate: scenario.planDate)
        }
        let presold = presell(
            allocation: allocation,
            dataSet: onPlanDate,
            planDate: scenario.planDate,
            allocationDays: allocationDays,
            supplyOrders: supplyPlan.orders,
            classes: classification.classes,
            policy: configuration.policy
        )
        logger.info("presold unfilled lines against planned receipts", metadata: ["rows": "\(presold.count)"])
        var result = PlanResult(
            kind: .plan,
            input: PlanningInputSnapshot(scenario: scenario, dataSet: onPlanDate, planDate: scenario.planDate),
            classification: classification,
            variability: variability,
            stockingBySKU: policyPlan.stockingBySKU,
            forecast: forecast,
            policies: policyPlan.records,
            allocation: allocation,
            supplyOrders: supplyPlan.orders,
            shortfalls: supplyPlan.shortfalls,
            dispatch: dispatch,
            stageTimes: times,
            serviceKPIs: ServiceKPIs.compute(
                allocation: allocation,
                dataSet: dataSet,
                target: configuration.allocation.nextDayShareTarget
            ),
            returns: hasReturns ? returns : nil
        )
        result.presold = presold
        times.measure("kpis") {
            result.health = InventoryHealth.compute(
                result,
                dataSet: dataSet,
                skus: stage.skus,
                projections: supplyPlan.projections,
                configuration: configuration
            )
        }
        result.stageTimes = times
        logger.info("computed stress test and operating KPIs", metadata: result.health?.logMetadata ?? [:])
        return result
    }

    /// Presale of the classes that sell ahead (`Presale`): the units the allocation left unfilled, against
    /// the supply plan's receipts that arrive after the allocation's horizon and within each class's window.
    static func presell(
        allocation: AllocationResult,
        dataSet: DataSet,
        planDate: Day,
        allocationDays: Int,
        supplyOrders: [PlannedSupplyOrder],
        classes: [ABCClass],
        policy: PolicySettings
    ) -> [PresoldLine] {
        let receipts = supplyOrders.compactMap { order -> StockArrival? in
            guard order.supplier != nil, order.reason != .dropShip, let arrival = order.arrivalDate, order.quantity > 0
            else { return nil }
            return StockArrival(
                warehouseIndex: order.warehouseIndex,
                skuIndex: order.skuIndex,
                dayOffset: planDate.days(to: arrival),
                units: order.quantity
            )
        }
        let windows = classes.map { abcClass -> Int? in
            let strategy = policy.strategy(for: abcClass)
            return strategy.presale ? strategy.presaleDays : nil
        }
        return Presale.presell(
            unfilled: allocation.unfilled,
            dataSet: dataSet,
            planDate: planDate,
            afterDayOffset: allocationDays - 1,
            receipts: receipts,
            windowDaysBySKU: windows
        )
    }

    /// The daily allocation: open orders on `date` (default: the scenario's plan date) ship on that date;
    /// with `days` > 1, orders dated within the horizon are allocated over it (time-expanded, on-hand stock).
    public static func allocateOnly(
        _ input: PlanningInput,
        date: Day?,
        days: Int = 1,
        logger: Logger
    ) throws -> PlanResult {
        var times = StageTimes()
        let planDate = date ?? input.scenario.planDate
        var onDate = input.scenario
        onDate.planDate = planDate
        let dataSet = onDate.dataSetOnPlanDate(input.dataSet)
        let allocation = try AllocationStage(
            dataSet: dataSet,
            scenario: input.scenario,
            startDay: planDate,
            days: days,
            settings: input.configuration.allocation,
            dropShipSKUs: AllocationStage.dropShipSKUs(
                dataSet: input.dataSet,
                planDate: planDate,
                configuration: input.configuration
            )
        ).run(arrivals: [], &times, logger)
        let dispatch = times.measure("dispatch") {
            DispatchPlanner.plan(allocation: allocation, shipDate: planDate)
        }
        return PlanResult(
            kind: .allocate,
            input: PlanningInputSnapshot(scenario: input.scenario, dataSet: dataSet, planDate: planDate),
            classification: nil,
            variability: nil,
            stockingBySKU: [],
            forecast: nil,
            policies: [],
            allocation: allocation,
            supplyOrders: [],
            shortfalls: [],
            dispatch: dispatch,
            stageTimes: times,
            serviceKPIs: ServiceKPIs.compute(
                allocation: allocation,
                dataSet: input.dataSet,
                target: input.configuration.allocation.nextDayShareTarget
            )
        )
    }

    /// Expected returned units over the horizon per grade, with the value of the defective and scrap units.
    static func returnsMetadata(_ returns: ReturnsForecast, dataSet: DataSet) -> Logger.Metadata {
        var units: [ReturnGrade: Double] = [:]
        var value: [ReturnGrade: Double] = [:]
        for series in returns.series {
            let total = series.unitsPerDay.reduce(0, +)
            for grade in ReturnGrade.allCases {
                let share = returns.share(of: grade, skuIndex: series.skuIndex)
                units[grade, default: 0] += total * share
                value[grade, default: 0] += total * share * dataSet.skus[series.skuIndex].unitCost
            }
        }
        var metadata: Logger.Metadata = [:]
        for grade in ReturnGrade.allCases {
            metadata["\(grade.rawValue)_units"] = "\(Int((units[grade] ?? 0).rounded()))"
        }
        metadata["written_down_value"] = "\(Int(((value[.defective] ?? 0) + (value[.scrap] ?? 0)).rounded()))"
        return metadata
    }

    static func modelCounts(_ forecast: DemandForecast) -> String {
        var counts: [ForecastModelKind: Int] = [:]
        for sku in forecast.skuForecasts { counts[sku.model, default: 0] += 1 }
        return counts.keys.sorted().map { "\($0.rawValue)=\(counts[$0]!)" }.joined(separator: " ")
    }

    static func xyzCounts(_ classes: [XYZClass]) -> String {
        XYZClass.allCases.map { xyzClass in "\(xyzClass.rawValue)=\(classes.filter { $0 == xyzClass }.count)" }
            .joined(separator: " ")
    }

    static func methodCounts(_ records: [InventoryPolicyRecord]) -> String {
        PolicyMethod.allCases.compactMap { method in
            let count = records.filter { $0.method == method }.count
            return count == 0 ? nil : "\(method.rawValue)=\(count)"
        }.joined(separator: " ")
    }

    static func classCounts(_ classes: [ABCClass]) -> String {
        ABCClass.allCases.map { abcClass in "\(abcClass.rawValue)=\(classes.filter { $0 == abcClass }.count)" }
            .joined(separator: " ")
    }
}
