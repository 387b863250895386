import Foundation
@preconcurrency import Glibc

/// Process CPU seconds (user + system) and peak resident set size in MB, from getrusage. The peak is
/// the whole process's so far, not a stage's.
func resourceUsage() -> (cpuSeconds: Double, peakMB: Double) {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    return (user + system, Double(usage.ru_maxrss) / 1024)
}

/// Resident set size now, in MB: the second field of /proc/self/statm (pages) times the page size.
/// Nil where /proc is not available.
func currentResidentMB() -> Double? {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Double(fields[1]) else { return nil }
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / (1024 * 1024)
}

func wallSeconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}
