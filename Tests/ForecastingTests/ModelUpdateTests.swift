import Testing

@testable import Forecasting

/// Each model's update equations against values worked by hand.
@Suite struct ModelUpdateTests {
    @Test func sesMovesTheLevelByAlphaTimesTheError() {
        var model = SESForecaster(alpha: 0.5, initialLevel: 10)
        model.observe(12)  // 10 + 0.5 * 2 = 11
        #expect(model.forecast(stepsAhead: 1) == 11)
        model.observe(8)  // 11 + 0.5 * -3 = 9.5
        #expect(model.forecast(stepsAhead: 5) == 9.5)
    }

    @Test func dampedHoltFollowsGardnerMcKenzie() {
        var model = DampedHoltForecaster(alpha: 0.5, beta: 0.5, phi: 0.9, initialLevel: 10, initialTrend: 1)
        model.observe(12)
        // l = 0.5 * 12 + 0.5 * (10 + 0.9 * 1) = 11.45; b = 0.5 * 1.45 + 0.5 * 0.9 * 1 = 1.175.
        // Two days ahead: 11.45 + (0.9 + 0.81) * 1.175 = 13.45925.
        #expect(abs(model.forecast(stepsAhead: 2) - 13.45925) < 1e-12)
        #expect(abs(model.forecast(stepsAhead: 1) - (11.45 + 0.9 * 1.175)) < 1e-12)
    }

    @Test func crostonAndSBAUpdateOnlyOnDemandDays() {
        var croston = CrostonForecaster(alphaSize: 0.5, alphaInterval: 0.5, isSBA: false)
        var sba = CrostonForecaster(alphaSize: 0.5, alphaInterval: 0.5, isSBA: true)
        for value in [0.0, 0, 4] {
            croston.observe(value)
            sba.observe(value)
        }
        // First demand on day 3: size 4, interval 3.
        #expect(croston.forecast(stepsAhead: 1) == 4.0 / 3)
        for value in [0.0, 2] {
            croston.observe(value)
            sba.observe(value)
        }
        // Size 4 + 0.5 (2 - 4) = 3; interval 3 + 0.5 (2 - 3) = 2.5; z / p = 1.2; SBA x (1 - 0.25) = 0.9.
        #expect(abs(croston.forecast(stepsAhead: 1) - 1.2) < 1e-12)
        #expect(abs(sba.forecast(stepsAhead: 7) - 0.9) < 1e-12)
    }

    @Test func crostonForecastsZeroBeforeAnyDemand() {
        var model = CrostonForecaster(alphaSize: 0.2, alphaInterval: 0.2, isSBA: true)
        model.observe(0)
        #expect(model.forecast(stepsAhead: 1) == 0)
    }

    @Test func tsbUpdatesTheProbabilityEveryDay() {
        var model = TSBForecaster(alphaSize: 0.5, alphaProbability: 0.2, initialSize: 2, initialProbability: 0.5)
        model.observe(0)  // p = 0.5 - 0.2 * 0.5 = 0.4; forecast 0.4 * 2
        #expect(abs(model.forecast(stepsAhead: 1) - 0.8) < 1e-12)
        model.observe(4)  // p = 0.4 + 0.2 * 0.6 = 0.52; z = 2 + 0.5 * 2 = 3
        #expect(abs(model.forecast(stepsAhead: 1) - 1.56) < 1e-12)
    }

    @Test func seasonalNaiveRepeatsTheLastWeek() {
        var model = SeasonalNaiveForecaster(initial: UnsafeBufferPointer(start: nil, count: 0))
        for value in 1...14 { model.observe(Double(value)) }
        // Last week observed: 8...14; tomorrow is the weekday of 8.
        #expect(model.forecast(stepsAhead: 1) == 8)
        #expect(model.forecast(stepsAhead: 3) == 10)
        #expect(model.forecast(stepsAhead: 7) == 14)
        #expect(model.forecast(stepsAhead: 8) == 8)
    }

    @Test func movingAverageKeepsTheLastWindowDays() {
        let values: [Double] = [1, 2, 3, 4, 10]
        values.withUnsafeBufferPointer { buffer in
            var model = MovingAverageForecaster(window: 3, series: buffer.baseAddress!, start: 0)
            model.observe(1)
            #expect(model.forecast(stepsAhead: 1) == 1)
            model.observe(2)
            model.observe(3)
            model.observe(4)
            #expect(model.forecast(stepsAhead: 1) == 3)  // (2 + 3 + 4) / 3
            model.observe(10)
            #expect(model.forecast(stepsAhead: 9) == 17.0 / 3)
        }
    }

    @Test func adidaSmoothsBucketTotalsAndSpreadsThem() {
        var model = ADIDAForecaster(bucketDays: 3, alpha: 0.5, initialDailyLevel: 1)  // bucket level 3
        model.observe(0)
        model.observe(0)
        #expect(model.forecast(stepsAhead: 1) == 1)  // the bucket is not complete yet
        model.observe(6)  // 3 + 0.5 * (6 - 3) = 4.5 a bucket
        #expect(model.forecast(stepsAhead: 1) == 1.5)
    }

    @Test func imapaAveragesItsAggregationLevels() {
        let levels = [
            ADIDAForecaster(bucketDays: 1, alpha: 0.5, initialDailyLevel: 2),
            ADIDAForecaster(bucketDays: 2, alpha: 0.5, initialDailyLevel: 2),
        ]
        var model = IMAPAForecaster(levels: levels)
        model.observe(4)
        model.observe(0)
        // Level 1: 2 -> 3 -> 1.5. Level 2: bucket 4 + 0.5 (4 - 4) = 4, daily 2. Mean (1.5 + 2) / 2.
        #expect(model.forecast(stepsAhead: 1) == 1.75)
    }

    @Test func holtWintersAdditiveTracksItsWeekdayIndex() {
        // Level 10, index +5 on the first weekday: observing 15 there changes nothing (zero error).
        var season = SIMD8<Double>(repeating: 0)
        season[0] = 5
        season[1] = -5
        var model = HoltWintersForecaster(
            alpha: 0.3,
            beta: 0,
            gamma: 0.2,
            phi: 0.9,
            isMultiplicative: false,
            initialLevel: 10,
            initialSeason: season
        )
        #expect(model.forecast(stepsAhead: 1) == 15)
        #expect(model.forecast(stepsAhead: 2) == 5)
        #expect(model.forecast(stepsAhead: 8) == 15)
        model.observe(15)
        #expect(model.forecast(stepsAhead: 1) == 5)
        #expect(model.forecast(stepsAhead: 7) == 15)
        // An error of +7 on the second weekday: l = 0.3 * (12 - -5) + 0.7 * 10 = 12.1;
        // s = 0.2 * (12 - 10) + 0.8 * -5 = -3.6.
        model.observe(12)
        #expect(abs(model.forecast(stepsAhead: 7) - (12.1 - 3.6)) < 1e-12)
        #expect(abs(model.forecast(stepsAhead: 6) - (12.1 + 5)) < 1e-12)
    }

    @Test func holtWintersMultiplicativeScalesTheLevel() {
        var season = SIMD8<Double>(repeating: 1)
        season[0] = 2
        var model = HoltWintersForecaster(
            alpha: 0.5,
            beta: 0,
            gamma: 0.5,
            phi: 0.9,
            isMultiplicative: true,
            initialLevel: 10,
            initialSeason: season
        )
        #expect(model.forecast(stepsAhead: 1) == 20)
        // y = 30 on the index-2 day: l = 0.5 * 30 / 2 + 0.5 * 10 = 12.5; s = 0.5 * 30 / 10 + 0.5 * 2 = 2.5.
        model.observe(30)
        #expect(model.forecast(stepsAhead: 1) == 12.5)
        #expect(model.forecast(stepsAhead: 7) == 12.5 * 2.5)
    }

    @Test func seasonalIndicesComeFromTheFirstWholeWeeks() {
        // Four weeks of 10 on five days and 20 on two: mean 90 / 7.
        let week: [Double] = [10, 10, 10, 10, 10, 20, 20]
        let values = Array((0..<8).map { _ in week }.joined())
        values.withUnsafeBufferPointer { buffer in
            let context = FitContext(values: buffer, fitStart: 0, originStart: 56)
            #expect(context.initialDays == 28)
            let mean = 90.0 / 7
            #expect(abs(context.initialMean - mean) < 1e-12)
            for slot in 0..<7 {
                #expect(abs(context.additiveSeason[slot] - (week[slot] - mean)) < 1e-12)
                #expect(abs(context.multiplicativeSeason[slot] - week[slot] / mean) < 1e-12)
            }
        }
    }
}
