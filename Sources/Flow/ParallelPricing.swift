import Dispatch
import Foundation

/// Runs independent per-index work (pricing subproblems) on up to `workers` threads, each with its own
/// `ComponentFlowSolver`. Threads claim chunks of indices from a shared counter; each result goes to
/// the preallocated slot of its index, so the output never depends on thread timing. No GLPK here.
///
/// The calling thread works too, helped by `workers - 1` threads started for the call (about 20 calls
/// per solve, so starting threads costs nothing measurable). Threads of its own rather than
/// `DispatchQueue.concurrentPerform`, so that the parallelism does not depend on a shared pool that the
/// calling Swift task may itself occupy; on an idle machine both gave the same times (0.69-0.71 s for
/// a benchmark of 20,000 components with 2 workers).
enum ParallelPricing {
    /// Chunks per thread: enough that the threads finish close together, few enough that claiming
    /// (one lock per chunk) costs nothing measurable.
    static let chunksPerThread = 32

    /// `[body(0), body(1), ..., body(count - 1)]`, computed on up to `workers` threads. `weights` (one
    /// per index, e.g. arcs + nodes) steer the scheduling only: indices far heavier than the average go
    /// first, heaviest first, and chunks hold about equal weight, so that a few components of 300 nodes do not
    /// all land in one thread's last chunk. The output is the same whatever the weights.
    static func map<Output: Sendable>(
        count: Int,
        workers: Int,
        weights: [Int],
        _ body: @escaping @Sendable (Int, ComponentFlowSolver) -> Output
    ) -> [Output] {
        let threadCount = min(max(1, workers), count)
        if threadCount <= 1 {
            let solver = ComponentFlowSolver()
            return (0..<count).map { body($0, solver) }
        }
        let (order, chunkStarts) = schedule(weights: weights, chunkCount: threadCount * chunksPerThread)
        let chunkCount = chunkStarts.count - 1
        let slots = Slots<Output>(count: count)
        let counter = ChunkCounter()
        let work: @Sendable () -> Void = {
            let solver = ComponentFlowSolver()
            while let chunk = counter.claim(chunkCount: chunkCount) {
                for position in chunkStarts[chunk]..<chunkStarts[chunk + 1] {
                    let index = order[position]
                    slots.initialize(index, to: body(index, solver))
                }
            }
        }
        let finished = DispatchSemaphore(value: 0)
        for _ in 1..<threadCount {
            Thread {
                work()
                finished.signal()
            }.start()
        }
        work()
        for _ in 1..<threadCount { finished.wait() }
        // Every helper has signalled after its last write: all slots are initialised.
        return slots.moveToArray()
    }

    /// The order to process indices in (those over 16 x the average weight first, heaviest first, the
    /// rest in index order) and the start of each chunk in it (chunks of about total / chunkCount
    /// weight, at least one index each), ending with `weights.count`.
    static func schedule(weights: [Int], chunkCount: Int) -> (order: [Int], chunkStarts: [Int]) {
        let total = weights.reduce(0) { $0 + max(1, $1) }
        let heavy = 16 * total / max(1, weights.count)
        var order = weights.indices.filter { weights[$0] > heavy }
        order.sort { weights[$0] > weights[$1] || (weights[$0] == weights[$1] && $0 < $1) }
        order += weights.indices.filter { weights[$0] <= heavy }
        let target = max(1, total / max(1, chunkCount))
        var chunkStarts = [0]
        var load = 0
        for (position, index) in order.enumerated() {
            load += max(1, weights[index])
            if load >= target && position + 1 < order.count {
                chunkStarts.append(position + 1)
                load = 0
            }
        }
        chunkStarts.append(order.count)
        return (order, chunkStarts)
    }
}

/// The next unclaimed chunk, behind a lock (claims are rare: a few dozen per thread and call).
private final class ChunkCounter: @unchecked Sendable {
    // @unchecked: `next` is only read and written while `lock` is held.
    private let lock = NSLock()
    private var next = 0

    func claim(chunkCount: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < chunkCount else { return nil }
        next += 1
        return next - 1
    }
}

/// One write-once slot per index, written from several threads, read after they have all finished.
private final class Slots<Element>: @unchecked Sendable {
    // @unchecked: each index is initialised by exactly one thread (the one that claimed its chunk), and
    // the memory is only read by `moveToArray` after every thread has signalled that it is done.
    private let memory: UnsafeMutablePointer<Element>
    private let count: Int

    init(count: Int) {
        self.count = count
        memory = UnsafeMutablePointer<Element>.allocate(capacity: max(1, count))
    }

    func initialize(_ index: Int, to value: Element) {
        (memory + index).initialize(to: value)
    }

    /// The elements in index order; the slots are empty afterwards.
    func moveToArray() -> [Element] {
        let output = Array(UnsafeBufferPointer(start: memory, count: count))
        memory.deinitialize(count: count)
        return output
    }

    deinit {
        memory.deallocate()
    }
}
