import Testing

@testable import Flow

@Suite("Flow: parallel pricing schedule")
struct ParallelPricingTests {
    /// Every index is scheduled exactly once; indices over 16 x the average weight come first, heaviest
    /// first; chunks cover the order without gaps.
    @Test func scheduleCoversEveryIndexHeavyFirst() {
        var weights = [Int](repeating: 10, count: 1000)
        weights[700] = 5000
        weights[3] = 8000
        weights[500] = 5000
        let (order, chunkStarts) = ParallelPricing.schedule(weights: weights, chunkCount: 64)
        #expect(order.sorted() == Array(0..<1000))
        #expect(Array(order.prefix(3)) == [3, 500, 700])
        #expect(Array(order.dropFirst(3).prefix(4)) == [0, 1, 2, 4])
        #expect(chunkStarts.first == 0)
        #expect(chunkStarts.last == 1000)
        #expect(zip(chunkStarts, chunkStarts.dropFirst()).allSatisfy { $0 < $1 })
        // The heaviest index fills a chunk of its own.
        #expect(chunkStarts[1] == 1)
    }

    /// The result is `body` applied to every index in index order, whatever the worker count.
    @Test func mapKeepsIndexOrder() {
        let weights = (0..<500).map { $0 % 7 == 0 ? 400 : 3 }
        for workers in 1...3 {
            let squares = ParallelPricing.map(count: 500, workers: workers, weights: weights) { index, _ in
                index * index
            }
            #expect(squares == (0..<500).map { $0 * $0 })
        }
    }
}
