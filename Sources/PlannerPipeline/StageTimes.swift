import Foundation

/// Wall-clock seconds spent in each stage of a run, in the order the stages ran.
public struct StageTimes: Sendable, Equatable {
    public private(set) var stages: [(name: String, seconds: Double)] = []

    public init() {}

    /// Runs `body`, recording its duration under `name` (monotonic clock).
    public mutating func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let clock = ContinuousClock()
        let start = clock.now
        defer {
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            stages.append((name, seconds))
        }
        return try body()
    }

    /// Runs the asynchronous `body`, recording its duration under `name` (monotonic clock).
    public mutating func measure<T>(_ name: String, _ body: () async throws -> T) async rethrows -> T {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try await body()
        let elapsed = clock.now - start
        stages.append((name, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
        return result
    }

    /// Appends the stages of `other` after these.
    public mutating func append(contentsOf other: StageTimes) {
        stages.append(contentsOf: other.stages)
    }

    public var totalSeconds: Double { stages.reduce(0) { $0 + $1.seconds } }

    public static func == (lhs: StageTimes, rhs: StageTimes) -> Bool {
        lhs.stages.elementsEqual(rhs.stages) { $0.name == $1.name && $0.seconds == $1.seconds }
    }
}
