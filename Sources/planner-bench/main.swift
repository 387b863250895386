// planner-bench: timings with CPU time and peak memory of the planner's heavy stages (docs/benchmarks.md).
// Usage:
//   planner-bench DATA_DIR [--plan-date YYYY-MM-DD] [--horizon DAYS] [--workers N]     load + forecast
import Foundation
@preconcurrency import Glibc
import PlannerCore

do {
    try await ForecastBench.run(Arguments(words: Array(CommandLine.arguments.dropFirst())))
} catch let error as InputError {
    FileHandle.standardError.write(Data((error.description + "\n").utf8))
    exit(65)
} catch {
    FileHandle.standardError.write(Data("planner-bench: \(error)\n".utf8))
    exit(64)
}
