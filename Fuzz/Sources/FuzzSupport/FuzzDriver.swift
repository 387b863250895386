import Foundation

/// libFuzzer's entry point for a program with its own `main` (LLVM 11 and later), linked in by
/// `-sanitize=fuzzer`.
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// The body of the running fuzz target: a C callback cannot capture it, so it is held here, set once before
/// libFuzzer starts and only read afterwards (libFuzzer calls the callback on one thread).
nonisolated(unsafe) private var fuzzBody: (([UInt8]) -> Void)?

/// Runs libFuzzer with the process's arguments, calling `body` with each input, and exits with its status.
/// `body` must return for every input; a trap or a `fatalError` in it is what the fuzzer reports.
public func runFuzzer(_ body: @escaping ([UInt8]) -> Void) -> Never {
    fuzzBody = body
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    let status = runFuzzerDriver(&argc, &argv) { data, size in
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        fuzzBody?(bytes)
        return 0
    }
    exit(status)
}
