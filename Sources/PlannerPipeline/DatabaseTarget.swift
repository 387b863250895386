import PlannerCore
import Storage

/// Which PostgreSQL a run writes to: the first of `--database`, `PLANNER_DATABASE_URL` and the
/// configuration's `database_url` that is non-empty, else the embedded cluster under `.planner/`.
public enum DatabaseTarget: Sendable, Equatable {
    case url(String)
    case embedded(directory: String)

    public static let environmentVariable = "PLANNER_DATABASE_URL"
    public static let defaultEmbeddedDirectory = ".planner"

    public static func resolve(
        flag: String?,
        environment: [String: String],
        configuration: PlannerConfiguration?,
        embeddedDirectory: String = defaultEmbeddedDirectory
    ) -> DatabaseTarget {
        for candidate in [flag, environment[environmentVariable], configuration?.databaseURL] {
            if let candidate, !candidate.isEmpty { return .url(candidate) }
        }
        return .embedded(directory: embeddedDirectory)
    }

    /// The libpq URL to connect to, starting the embedded cluster first if that is the target.
    public func connectionURL() throws -> String {
        switch self {
        case .url(let url): return url
        case .embedded(let directory): return try EmbeddedPostgres(directory: directory).start()
        }
    }

    /// For messages: the URL, or "embedded database in DIR".
    public var description: String {
        switch self {
        case .url(let url): return url
        case .embedded(let directory): return "embedded database in \(directory)/"
        }
    }
}
