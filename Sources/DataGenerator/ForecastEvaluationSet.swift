import Foundation
import PlannerCore

/// The demand shapes of the forecast evaluation set, one per kind of series a forecaster meets.
public enum EvaluationShape: String, Sendable, CaseIterable {
    /// Constant level, Poisson-gamma noise (coefficient of variation about 0.2 on the level).
    case smooth
    /// Constant level with strong gamma noise (shape 1.2): few zero days, large day-to-day swings.
    case erratic
    /// A yearly cycle 1 + A cos(angle - peak), A 0.4-0.8, the peak shared by the category (+/- 15 days).
    case yearly
    /// A log-linear trend of +/- 35-90% a year.
    case trend
    /// 8-35% of days sell 1 + Poisson(0.2-1.0) units.
    case intermittent
    /// Poisson with 0.02-0.15 units a day: mostly single units weeks apart.
    case slow
    /// 2-8% of days sell a large order (mean 8-40 units, gamma-mixed Poisson).
    case lumpy
    /// Launched 7-60 days before the plan date, ramping up linearly from 15% over 3-8 weeks.
    case new
}

/// A generated data set whose true daily mean is known, for measuring forecast accuracy against the noise
/// floor: the MASE of a forecast that knows the true mean is what no forecaster can beat on average
/// (for a symmetric error it is the floor; for a skewed intermittent series a forecast below the mean
/// can score a lower MASE, never a lower RMSSE).
///
/// Every SKU gets one ``EvaluationShape`` (round robin, so each has `skusPerShape`); the history runs
/// `historyDays` days before `planDate` and `holdoutDays` days from it, every day multiplied by the weekly
/// profile and the retail calendar of ``RetailCalendar`` plus a post-peak dip: the 7 days after Cyber
/// Monday sell x0.85 (demand pulled forward into the peak), named `post_peak_dip` in events.csv. Units are
/// drawn from the SKU's own stream, so adding SKUs does not change the others. The network files
/// (regions, warehouses, lanes, stock, suppliers, orders) come from ``DataGenerator`` with the same seed.
public struct ForecastEvaluationSet: Sendable {
    public struct Spec: Sendable, Equatable {
        public var skusPerShape: Int
        public var seed: UInt64
        /// The first holdout day.
        public var planDate: Day
        public var historyDays: Int
        public var holdoutDays: Int

        public init(
            skusPerShape: Int = 50,
            seed: UInt64 = 11,
            planDate: Day,
            historyDays: Int = 1_095,
            holdoutDays: Int = 28
        ) {
            self.skusPerShape = skusPerShape
            self.seed = seed
            self.planDate = planDate
            self.historyDays = historyDays
            self.holdoutDays = holdoutDays
        }
    }

    public var spec: Spec
    /// The history and the holdout days, with the evaluation calendar as events.
    public var dataSet: DataSet
    /// The shape of each SKU, by SKU index.
    public var shapes: [EvaluationShape]
    /// `trueMeanUnits[sku][h]`: the expected units of SKU `sku` on `planDate + h` (all regions).
    public var trueMeanUnits: [[Double]]

    public static let postPeakDipName = "post_peak_dip"
    public static let postPeakDipFactor = 0.85

    public init(_ spec: Spec) {
        precondition(spec.skusPerShape >= 1 && spec.historyDays >= 28 && spec.holdoutDays >= 1)
        self.spec = spec
        let shapeCount = EvaluationShape.allCases.count
        let skuCount = spec.skusPerShape * shapeCount
        let endDate = spec.planDate.adding(days: spec.holdoutDays)
        var base = DataGenerator.generate(
            GeneratorSpec(
                skuCount: skuCount,
                regionCount: 4,
                warehouseCount: 2,
                historyDays: 28,
                orderCount: 20,
                seed: spec.seed,
                endDate: endDate,
                includesReturns: false
            )
        )
        let categories = Array(Set(base.skus.map(\.category))).sorted()
        var categoryRandom = SeededRandom(seed: spec.seed, stream: 0x4556_414C_0000_0001)
        // Peaks cluster in summer and in December, like the main generator's seasonal SKUs.
        let categoryPeakDays = categories.map { _ in
            categoryRandom.uniform() < 0.5
                ? 185 + categoryRandom.uniform(-25, 25) : 340 + categoryRandom.uniform(-15, 15)
        }
        let categoryIndex = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })

        let firstDay = spec.planDate.adding(days: -spec.historyDays)
        let models = (0..<skuCount).map { sku in
            var random = SeededRandom(seed: spec.seed, stream: 0x4556_414C_0001_0000 &+ UInt64(sku))
            let shape = EvaluationShape.allCases[sku % shapeCount]
            return EvaluationDemandModel(
                shape: shape,
                planDate: spec.planDate,
                categoryPeakDay: categoryPeakDays[categoryIndex[base.skus[sku].category]!],
                random: &random
            )
        }
        let calendar = EvaluationCalendar(years: firstDay.civil.year...endDate.civil.year + 1)

        var demand = DemandHistory()
        var truth = [[Double]](repeating: [], count: skuCount)
        var streams = (0..<skuCount).map { SeededRandom(seed: spec.seed, stream: 0x4556_414C_0002_0000 &+ UInt64($0)) }
        let regionCount = base.regions.count
        for offset in 0..<(spec.historyDays + spec.holdoutDays) {
            let day = firstDay.adding(days: offset)
            let factor = RetailCalendar.weeklyProfile[day.weekday] * calendar.factor(day)
            for sku in 0..<skuCount {
                let model = models[sku]
                let mean = model.meanUnits(on: day, calendarFactor: factor)
                if day >= spec.planDate { truth[sku].append(mean) }
                let units = model.draw(on: day, calendarFactor: factor, random: &streams[sku])
                if units > 0 {
                    demand.append(skuIndex: sku, regionIndex: sku % regionCount, day: day, quantity: units)
                }
            }
        }
        base.demand = demand
        base.events = calendar.events
        dataSet = base
        shapes = models.map(\.shape)
        trueMeanUnits = truth
    }

    /// Writes the data set's CSV files and `truth.csv` (sku, shape, date, mean) into `directory`.
    public func write(to directory: String) throws {
        try DataGenerator.write(dataSet, to: directory)
        let writer = try CSVByteWriter(path: (directory as NSString).appendingPathComponent("truth.csv"))
        try writer.row(["sku", "shape", "date", "mean"])
        for (sku, means) in trueMeanUnits.enumerated() {
            for (offset, mean) in means.enumerated() {
                try writer.row([
                    dataSet.skus[sku].id, shapes[sku].rawValue, spec.planDate.adding(days: offset).description,
                    String(mean),
                ])
            }
        }
        try writer.close()
    }
}

/// The retail calendar of ``RetailCalendar`` with the post-peak dip: the 7 days after Cyber Monday are
/// `post_peak_dip` (x0.85) whatever their month.
struct EvaluationCalendar {
    let events: [CalendarEvent]
    private let factors: [Int: Double]

    init(years: ClosedRange<Int>) {
        var byDay: [Int: (String, Double)] = [:]
        for event in RetailEvent.calendarEvents(years: years) {
            byDay[event.day.daysSinceEpoch] = (event.name, RetailEvent(rawValue: event.name)!.plantedFactor)
        }
        for year in years {
            let cyberMonday = RetailCalendar.blackFriday(year: year).adding(days: 3)
            for offset in 1...7 {
                byDay[cyberMonday.adding(days: offset).daysSinceEpoch] = (
                    ForecastEvaluationSet.postPeakDipName, ForecastEvaluationSet.postPeakDipFactor
                )
            }
        }
        events = byDay.keys.sorted().map { CalendarEvent(day: Day(daysSinceEpoch: $0), name: byDay[$0]!.0) }
        factors = byDay.mapValues(\.1)
    }

    func factor(_ day: Day) -> Double { factors[day.daysSinceEpoch] ?? 1 }
}

/// One evaluation SKU's law of daily units; `meanUnits` is its exact expectation.
struct EvaluationDemandModel {
    var shape: EvaluationShape
    /// Level in units a day at the plan date (smooth, erratic, yearly, trend, new, slow).
    var level = 0.0
    /// Gamma shape of the level noise; 0 for plain Poisson.
    var noiseShape = 0.0
    var amplitude = 0.0
    var peakAngle = 0.0
    var growthPerYear = 0.0
    /// Chance of a demand day (intermittent, lumpy) before the calendar factor.
    var probability = 0.0
    /// Mean units of a demand day (intermittent, lumpy).
    var meanSize = 0.0
    var launchDay = Int.min
    var rampDays = 1.0
    let planDay: Int

    init(shape: EvaluationShape, planDate: Day, categoryPeakDay: Double, random: inout SeededRandom) {
        self.shape = shape
        planDay = planDate.daysSinceEpoch
        switch shape {
        case .smooth:
            level = random.logNormal(median: 8, sigma: 0.6)
            noiseShape = 30
        case .erratic:
            level = random.logNormal(median: 6, sigma: 0.5)
            noiseShape = 1.2
        case .yearly:
            level = random.logNormal(median: 4, sigma: 0.7)
            noiseShape = 20
            amplitude = random.uniform(0.4, 0.8)
            peakAngle = 2 * Double.pi * (categoryPeakDay + random.uniform(-15, 15)) / 365.25
        case .trend:
            level = random.logNormal(median: 5, sigma: 0.6)
            noiseShape = 20
            growthPerYear = (random.uniform() < 0.5 ? -1 : 1) * random.uniform(0.35, 0.9)
        case .intermittent:
            probability = random.uniform(0.08, 0.35)
            meanSize = 1 + random.uniform(0.2, 1.0)
        case .slow:
            level = random.uniform(0.02, 0.15)
        case .lumpy:
            probability = random.uniform(0.02, 0.08)
            meanSize = random.uniform(8, 40)
        case .new:
            level = random.logNormal(median: 4, sigma: 0.7)
            noiseShape = 15
            launchDay = planDay - random.int(in: 7...60)
            rampDays = random.uniform(21, 56)
        }
    }

    /// Expected units on `day` with the weekly and calendar factor `calendarFactor`.
    func meanUnits(on day: Day, calendarFactor: Double) -> Double {
        let number = day.daysSinceEpoch
        guard number >= launchDay else { return 0 }
        switch shape {
        case .intermittent, .lumpy:
            return dayProbability(calendarFactor) * meanSize
        default:
            return dailyLevel(number) * calendarFactor
        }
    }

    func draw(on day: Day, calendarFactor: Double, random: inout SeededRandom) -> Int {
        let number = day.daysSinceEpoch
        guard number >= launchDay else { return 0 }
        switch shape {
        case .intermittent:
            guard random.uniform() < dayProbability(calendarFactor) else { return 0 }
            return 1 + random.poisson(meanSize - 1)
        case .lumpy:
            guard random.uniform() < dayProbability(calendarFactor) else { return 0 }
            return 1 + random.poisson(random.gamma(shape: 1.5, scale: (meanSize - 1) / 1.5))
        default:
            var mean = dailyLevel(number) * calendarFactor
            if noiseShape > 0 { mean *= random.gamma(shape: noiseShape, scale: 1 / noiseShape) }
            return random.poisson(mean)
        }
    }

    private func dayProbability(_ calendarFactor: Double) -> Double {
        min(shape == .lumpy ? 0.5 : 0.95, probability * calendarFactor)
    }

    /// The level of day `number` before the weekly and calendar factor.
    private func dailyLevel(_ number: Int) -> Double {
        switch shape {
        case .yearly:
            let angle = RetailCalendar.yearAngle(Day(daysSinceEpoch: number))
            return level * (1 + amplitude * cos(angle - peakAngle))
        case .trend:
            return level * exp(growthPerYear * Double(number - planDay) / 365.25)
        case .new:
            return level * min(1, 0.15 + 0.85 * Double(number - launchDay) / rampDays)
        default:
            return level
        }
    }
}
