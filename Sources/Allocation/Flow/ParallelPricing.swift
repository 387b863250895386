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
/// the 20,000-SKU benchmark with 2 workers).
enum ParallelPricing {
    /// Indices per claim: small enough to balance a few large components, large enough that the
    /// lock is rare.
    static let chunkSize = 32

    /// `[body(0), body(1), ..., body(count - 1)]`, computed on up to `workers` threads.
    static func map<Output: Sendable>(
        count: Int,
        workers: Int,
        _ body: @escaping @Sendable (Int, ComponentFlowSolver) -> Output
    ) -> [Output] {
        let chunkCount = (count + chunkSize - 1) / chunkSize
        let threadCount = min(max(1, workers), chunkCount)
        if threadCount <= 1 {
            let solver = ComponentFlowSolver()
            return (0..<count).map { body($0, solver) }
        }
        let slots = Slots<Output>(count: count)
        let counter = ChunkCounter()
        let work: @Sendable () -> Void = {
            let solver = ComponentFlowSolver()
            while let chunk = counter.claim(chunkCount: chunkCount) {
                for index in chunk * chunkSize..<min(count, (chunk + 1) * chunkSize) {
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
}

/// The next unclaimed chunk, behind a lock (claims are rare: one per `chunkSize` indices).
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
