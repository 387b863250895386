import Glibc

/// Runs programs with `posix_spawn` and `waitpid`, stdin from /dev/null and stdout and stderr appended to a log.
///
/// Never Foundation's `Process` here: `pg_ctl start` leaves a daemon that inherits every open descriptor, so
/// a pipe-watching `Process` waits forever (see field notes). The child gets only descriptors 0, 1 and 2
/// (`posix_spawn_file_actions_addclosefrom_np`, glibc 2.34+, looked up at run time because Swift's Glibc
/// module does not export it) and runs in `/` so that a working directory the `postgres` user cannot enter
/// does not matter.
///
/// swift-subprocess (1.0.2) would do the same with `close_range`, but its API is async and this module's
/// callers are synchronous (the CLI's `db` commands, the tests' shared cluster); sixty tested lines were kept
/// rather than a package built in every CI run and async plumbing through the embedded server.
enum ChildProcess {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `arguments[0]` (an absolute path) and returns its exit status, or 128 + signal number when a
    /// signal ended it.
    /// `environment` adds to (or replaces in) the planner's own environment for the child.
    static func run(_ arguments: [String], logPath: String, environment: [String: String] = [:]) throws -> Int32 {
        precondition(!arguments.isEmpty && arguments[0].hasPrefix("/"), "an absolute program path is needed")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        if let closeFrom = closeFromAction {
            _ = closeFrom(&actions, 3)
        }
        if let changeDirectory = changeDirectoryAction {
            _ = changeDirectory(&actions, "/")
        }

        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        var spawnStatus: Int32
        if environment.isEmpty {
            spawnStatus = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
        } else {
            var inherited: [String] = []
            var entry = environ
            while let pointer = entry.pointee {
                let text = String(cString: pointer)
                let name = text.split(separator: "=", maxSplits: 1).first.map(String.init) ?? text
                if environment[name] == nil { inherited.append(text) }
                entry += 1
            }
            let pairs = inherited + environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            let envp: [UnsafeMutablePointer<CChar>?] = pairs.map { strdup($0) } + [nil]
            defer { for pointer in envp { free(pointer) } }
            spawnStatus = posix_spawn(&pid, arguments[0], &actions, nil, argv, envp)
        }
        guard spawnStatus == 0 else {
            throw Failure(description: "could not start \(arguments[0]): \(String(cString: strerror(spawnStatus)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else {
                throw Failure(description: "waitpid for \(arguments[0]) failed: \(String(cString: strerror(errno)))")
            }
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
    private typealias ChangeDirectory =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?) -> Int32

    private static let closeFromAction: CloseFrom? = lookUp("posix_spawn_file_actions_addclosefrom_np")
    private static let changeDirectoryAction: ChangeDirectory? = lookUp("posix_spawn_file_actions_addchdir_np")

    private static func lookUp<Function>(_ name: String) -> Function? {
        // RTLD_DEFAULT is the null handle on glibc.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(symbol, to: Function.self)
    }
}
