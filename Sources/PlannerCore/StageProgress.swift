import Foundation

/// Progress of the long stages of a run (load, forecast, allocate, store): how many items of how many are done.
/// The stages report to ``current`` (a task-local, so the pipeline's signatures do not change and worker tasks
/// inherit it); the command line decides how to show it. Thread-safe: workers of one stage advance it at once.
public final class StageProgress: @unchecked Sendable {
    /// A stage's state as shown: its name, items done, items in all (nil: unknown), unit and seconds so far.
    public struct Snapshot: Sendable {
        public var stage: String
        public var done: Int
        public var total: Int?
        public var unit: String
        public var seconds: Double
        public var finished: Bool

        /// Items per second so far.
        public var rate: Double { seconds > 0 ? Double(done) / seconds : 0 }
    }

    @TaskLocal public static var current: StageProgress?

    private let lock = NSLock()
    private let show: @Sendable (Snapshot) -> Void
    /// Least time between two updates shown while a stage runs.
    private let intervalSeconds: Double
    private var snapshot: Snapshot?
    private var started = Date()
    private var lastShown = Date.distantPast

    /// `show` is called at most every `intervalSeconds` while a stage runs, and once when it ends.
    public init(intervalSeconds: Double = 0.1, show: @escaping @Sendable (Snapshot) -> Void) {
        self.intervalSeconds = intervalSeconds
        self.show = show
    }

    public func begin(_ stage: String, total: Int?, unit: String) {
        lock.withLock {
            started = Date()
            lastShown = .distantPast
            snapshot = Snapshot(stage: stage, done: 0, total: total, unit: unit, seconds: 0, finished: false)
        }
        update(force: true)
    }

    public func advance(by count: Int) {
        lock.withLock { snapshot?.done += count }
        update(force: false)
    }

    /// Ends the stage; `done` replaces the count when given (a stage that counts only at its end).
    public func end(done: Int? = nil) {
        let final: Snapshot? = lock.withLock {
            guard var current = snapshot else { return nil }
            if let done { current.done = done }
            current.seconds = Date().timeIntervalSince(started)
            current.finished = true
            snapshot = nil
            return current
        }
        if let final { show(final) }
    }

    private func update(force: Bool) {
        let due: Snapshot? = lock.withLock {
            guard var current = snapshot else { return nil }
            let now = Date()
            guard force || now.timeIntervalSince(lastShown) >= intervalSeconds else { return nil }
            lastShown = now
            current.seconds = now.timeIntervalSince(started)
            return current
        }
        if let due { show(due) }
    }
}
