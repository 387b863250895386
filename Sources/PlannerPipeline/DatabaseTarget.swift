import EmbeddedServer
import PlannerCore
import PostgresClient
import Storage

/// Which PostgreSQL a run writes to: the first of `--database`, `PLANNER_DATABASE_URL` and the
/// configuration's `database_url` that is non-empty, else the embedded cluster under `.planner/`.
///
/// Its description never shows a password: a URL is held as ``ConnectionSettings``, which prints masked.
public enum DatabaseTarget: Sendable, Equatable, CustomStringConvertible {
    /// A server given by a connection string or URL, and where that came from (for messages).
    case server(ConnectionSettings, source: Source)
    case embedded(directory: String)

    /// Where a connection string came from.
    public enum Source: Sendable, Equatable, CustomStringConvertible {
        case flag
        case environment
        case configuration

        public var description: String {
            switch self {
            case .flag: "--database"
            case .environment: "$\(DatabaseTarget.environmentVariable)"
            case .configuration: "database_url of the configuration"
            }
        }
    }

    public static let environmentVariable = "PLANNER_DATABASE_URL"
    public static let defaultEmbeddedDirectory = ".planner"

    /// The target; throws ``DatabaseTargetError`` (naming the source, never the text) when the chosen
    /// connection string cannot be parsed.
    public static func resolve(
        flag: String?,
        environment: [String: String],
        configuration: PlannerConfiguration?,
        embeddedDirectory: String = defaultEmbeddedDirectory
    ) throws(DatabaseTargetError) -> DatabaseTarget {
        let candidates: [(String?, Source)] = [
            (flag, .flag), (environment[environmentVariable], .environment),
            (configuration?.databaseURL, .configuration),
        ]
        for case (let text?, let source) in candidates where !text.isEmpty {
            do {
                return .server(try ConnectionSettings(text), source: source)
            } catch {
                throw DatabaseTargetError(source: source, reason: error.description)
            }
        }
        return .embedded(directory: embeddedDirectory)
    }

    /// The settings to connect with, starting the embedded cluster first if that is the target.
    public func connectionSettings() throws -> ConnectionSettings {
        switch self {
        case .server(let settings, _): return settings
        case .embedded(let directory): return try ConnectionSettings(EmbeddedPostgres(directory: directory).start())
        }
    }

    /// Whether the planner manages this database (`planner db start|stop|status`).
    public var isEmbedded: Bool {
        if case .embedded = self { return true }
        return false
    }

    /// For messages: the masked URL and where it came from, or "embedded database in DIR/".
    public var description: String {
        switch self {
        case .server(let settings, let source): return "\(settings) (from \(source))"
        case .embedded(let directory): return "embedded database in \(directory)/"
        }
    }
}

/// A connection string that cannot be parsed; says where it came from, never what it holds.
public struct DatabaseTargetError: Error, Sendable, CustomStringConvertible {
    public var source: DatabaseTarget.Source
    public var reason: String

    public var description: String { "\(source): \(reason)" }
}
