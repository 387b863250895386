import Glibc

/// Runs `body` while holding an exclusive `flock` on `path` (created if missing), so that two planner
/// processes never initialise or start the same cluster at once. The lock dies with the process.
func withExclusiveFileLock<T>(path: String, _ body: () throws -> T) throws -> T {
    let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
        throw EmbeddedPostgresError(operation: "opening lock file \(path): \(String(cString: strerror(errno)))")
    }
    defer { close(descriptor) }
    while flock(descriptor, LOCK_EX) != 0 {
        guard errno == EINTR else {
            throw EmbeddedPostgresError(operation: "locking \(path): \(String(cString: strerror(errno)))")
        }
    }
    defer { flock(descriptor, LOCK_UN) }
    return try body()
}
