import ArgumentParser
import EmbeddedServer
import Foundation
import PlannerPipeline
import Storage

/// Opening the database for the commands that read stored runs (`dispatch`, `explain`), with their exit codes.
enum StoredRunAccess {
    /// The database `options` address. Unreachable: exit 69. An embedded database that was never created
    /// holds no run: exit 65, without creating one.
    static func open(_ options: DatabaseOptions) throws -> PlannerDatabase {
        let target = try options.resolve()
        if case .embedded(let directory) = target,
            (try? EmbeddedPostgres(directory: directory).status()) == .notInitialized
        {
            printError("no run is stored yet: there is no embedded database in \(directory)/")
            throw ExitStatus.dataError
        }
        do {
            return try PlannerDatabase(settings: try target.connectionSettings())
        } catch {
            printError("database unavailable (\(target.description)): \(error)")
            throw ExitStatus.unavailable
        }
    }

    /// Runs a read. Something asked for that is not stored (run, carrier, order, schema): exit 65; any
    /// other failure, such as a table the role may not read: exit 70. An exit the body chose passes through.
    static func read<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let exit as ExitCode {
            throw exit
        } catch let error as PlannerLookupError {
            printError(error.description)
            throw ExitStatus.dataError
        } catch {
            printError("reading the database failed: \(error)")
            throw ExitStatus.software
        }
    }

    /// Writes `text` to `path`, or to standard output when there is none; an unwritable file is exit 73.
    static func write(_ text: String, to path: String?) throws {
        guard let path else {
            print(text, terminator: "")
            return
        }
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            printError("cannot write '\(path)': \(error.localizedDescription)")
            throw ExitStatus.cannotCreate
        }
    }

    /// `--run`'s value as a selector, or the usage error that names the option.
    static func runSelector(_ text: String) throws -> RunSelector {
        guard let selector = RunSelector(text) else {
            throw ValidationError("--run must be latest or a run_id (a whole number >= 1), found '\(text)'")
        }
        return selector
    }
}
