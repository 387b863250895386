// planner-bench: timings with CPU time and peak memory of the planner's heavy stages (docs/benchmarks.md).
// Usage:
//   planner-bench DATA_DIR [--plan-date YYYY-MM-DD] [--horizon DAYS] [--workers N]     load + forecast
//   planner-bench allocate [--lines 2000,20000,200000] [--solver auto|decomposition|lp] [--seed S]
//                          [--workers N] [--skus N] [--no-header]                       allocation
//   planner-bench accuracy --plan-date YYYY-MM-DD [--out DIR] [--skus-per-shape N] [--seed S]
//                                                      accuracy against the noise floor, eight demand shapes
// Exit codes: 64 usage, 65 invalid input data, 70 any other failure (an allocation error).
import Foundation
@preconcurrency import Glibc
import PlannerCore

do {
    let words = Array(CommandLine.arguments.dropFirst())
    if words.first == "allocate" {
        try AllocationBench.run(Arguments(words: Array(words.dropFirst())))
    } else if words.first == "accuracy" {
        try await AccuracyBench.run(Arguments(words: Array(words.dropFirst())))
    } else {
        try await ForecastBench.run(Arguments(words: words))
    }
} catch let error as InputError {
    FileHandle.standardError.write(Data((error.description + "\n").utf8))
    exit(65)
} catch let error as Usage {
    FileHandle.standardError.write(Data("planner-bench: \(error)\n".utf8))
    exit(64)
} catch {
    FileHandle.standardError.write(Data("planner-bench: \(error)\n".utf8))
    exit(70)
}
