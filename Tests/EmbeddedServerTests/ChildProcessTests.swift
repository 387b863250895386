import Foundation
import Glibc
import TestSupport
import Testing

@testable import EmbeddedServer

@Suite("ChildProcess (posix_spawn + waitpid)")
struct ChildProcessTests {
    private func logPath(_ name: String) -> String {
        let path = TestCluster.root + "/child-\(name).log"
        unlink(path)
        return path
    }

    @Test func reportsExitStatusAndSignals() throws {
        #expect(try ChildProcess.run(["/bin/sh", "-c", "exit 7"], logPath: logPath("exit")) == 7)
        #expect(try ChildProcess.run(["/bin/sh", "-c", "kill -9 $$"], logPath: logPath("kill")) == 128 + 9)
    }

    @Test func appendsStdoutAndStderrToTheLogAndReadsStdinFromDevNull() throws {
        let log = logPath("output")
        #expect(try ChildProcess.run(["/bin/sh", "-c", "echo out; echo err >&2; cat; echo done"], logPath: log) == 0)
        #expect(try ChildProcess.run(["/bin/sh", "-c", "echo again"], logPath: log) == 0)
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "out\nerr\ndone\nagain\n")
    }

    @Test func theChildInheritsNoDescriptorBeyondStandardStreamsAndRunsInRoot() throws {
        var pipeEnds: [Int32] = [0, 0]
        try #require(pipe(&pipeEnds) == 0)  // no O_CLOEXEC: would leak into a daemon without closefrom
        defer { for end in pipeEnds { close(end) } }
        let log = logPath("fds")
        #expect(try ChildProcess.run(["/bin/sh", "-c", "pwd; ls /proc/$$/fd"], logPath: log) == 0)
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.first == "/")
        let descriptors = Set(lines.dropFirst().compactMap { Int32($0) })
        #expect(descriptors.isSuperset(of: [0, 1, 2]))
        #expect(descriptors.isDisjoint(with: pipeEnds))
    }
}
