import Testing

@testable import Forecasting

@Suite struct ClassificationAndSpreadTests {
    @Test func syntetosBoylanCutOffs() {
        #expect(DemandClass.classify(averageDemandInterval: 1.31, squaredVariation: 0.48) == .smooth)
        #expect(DemandClass.classify(averageDemandInterval: 1.31, squaredVariation: 0.49) == .erratic)
        #expect(DemandClass.classify(averageDemandInterval: 1.32, squaredVariation: 0.48) == .intermittent)
        #expect(DemandClass.classify(averageDemandInterval: 1.32, squaredVariation: 0.49) == .lumpy)
    }

    @Test func patternStatisticsOfAShortSeries() {
        // Demand on 2 of 4 days (ADI 2), sizes 2 and 4: mean 3, population variance 1, CV^2 1/9.
        let statistics = DemandPatternStatistics(values: [0.0, 2, 0, 4])
        #expect(statistics.averageDemandInterval == 2)
        #expect(abs(statistics.squaredVariation - 1.0 / 9) < 1e-12)
        #expect(statistics.demandClass == .intermittent)
        #expect(DemandPatternStatistics(values: [0.0, 0, 0]).demandClass == .inactive)
    }

    @Test func cumulativeErrorSpreadByHand() {
        // Two origins, horizon 3; the second reaches only two days.
        let errors: [Double] = [1, 2, -1, 3, -1, .nan]
        let spread = errors.withUnsafeBufferPointer {
            ErrorSpread.cumulativeSD(errors: $0, originCount: 2, horizonDays: 3)
        }
        // h=1: sums 1 and 3: sqrt((1 + 9) / 2). h=2: 3 and 2: sqrt((9 + 4) / 2). h=3: 2 only: 2.
        #expect(abs(spread[0] - 5.0.squareRoot()) < 1e-12)
        #expect(abs(spread[1] - 6.5.squareRoot()) < 1e-12)
        #expect(spread[2] == 2)
    }

    @Test func spreadBeyondTheHorizonGrowsBetweenSquareRootAndLinear() {
        // sigma doubles from h = 2 to h = 4 (exponent 1): persistent level error, so linear growth.
        let linear: [Double] = [1, 2, 3, 4]
        #expect(abs(ErrorSpread.sd(overDays: 8, cumulativeSD: linear) - 8) < 1e-12)
        #expect(abs(ErrorSpread.sd(overDays: 2.5, cumulativeSD: linear) - 2.5) < 1e-12)
        // Flat spread: the exponent is clamped to 1/2 (independent errors).
        let flat: [Double] = [3, 3, 3, 3]
        #expect(abs(ErrorSpread.sd(overDays: 16, cumulativeSD: flat) - 6) < 1e-12)
    }

    @Test func empiricalQuantilesInterpolate() {
        let errors: [Double] = [4, 0, 1, 3, 2, .nan]
        let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: 6)
        defer { scratch.deallocate() }
        let quantiles = errors.withUnsafeBufferPointer {
            ErrorSpread.quantiles(errors: $0, scratch: scratch, probabilities: SIMD4(0.5, 0.8, 0.95, 0))
        }
        // Sorted 0...4: type 7 positions 2, 3.2, 3.8.
        #expect(quantiles[0] == 2)
        #expect(abs(quantiles[1] - 3.2) < 1e-12)
        #expect(abs(quantiles[2] - 3.8) < 1e-12)
    }

    @Test func accuracyMetricsByHand() {
        // Actual - forecast: 2, -1, NaN (skipped), -1: MAE 4/3, RMSE sqrt(6/3), bias (forecast - actual) 0.
        let errors: [Double] = [2, -1, .nan, -1]
        let accuracy = errors.withUnsafeBufferPointer {
            ForecastAccuracy(errors: $0, scale: NaiveScale(values: [1.0, 3, 2]))
        }
        #expect(accuracy.count == 3)
        #expect(abs(accuracy.meanAbsoluteError - 4.0 / 3) < 1e-12)
        #expect(abs(accuracy.rootMeanSquaredError - 2.0.squareRoot()) < 1e-12)
        #expect(accuracy.bias == 0)
        // Naive differences 2 and -1: scale 1.5 and 2.5.
        #expect(abs(accuracy.meanAbsoluteScaledError! - (4.0 / 3) / 1.5) < 1e-12)
        #expect(abs(accuracy.rootMeanSquaredScaledError! - (2.0 / 2.5).squareRoot()) < 1e-12)
        #expect(
            ForecastAccuracy(errors: UnsafeBufferPointer(start: nil, count: 0), scale: NaiveScale(values: [5.0, 5]))
                .meanAbsoluteScaledError == nil
        )
    }
}
