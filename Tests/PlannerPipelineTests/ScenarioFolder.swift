import Foundation

/// A data folder and scenario written for a test: `files` into `directory/data` (each ending in a newline), and a
/// scenario with a 28-day horizon whose `data` is that folder.
enum ScenarioFolder {
    /// Writes the files and the scenario; `more` are top-level lines before `events`. Returns the scenario's path.
    static func write(
        _ files: [String: String],
        into directory: String,
        name: String,
        planDate: String,
        events: String,
        more: String = ""
    ) throws -> String {
        try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
        for (file, text) in files {
            try (text.hasSuffix("\n") ? text : text + "\n").write(
                toFile: directory + "/data/" + file,
                atomically: true,
                encoding: .utf8
            )
        }
        let path = directory + "/scenario.yaml"
        try """
        name: \(name)
        data: data
        plan_date: \(planDate)
        horizon_days: 28
        \(more)events:\(events.isEmpty ? " []" : "\n" + events)

        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
