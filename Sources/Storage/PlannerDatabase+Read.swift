import PostgresClient

extension PlannerDatabase {
    /// The rows of one read-only statement over the planner's tables (`planner compare`, `planner report`), run in
    /// a `READ ONLY` transaction so that no text handed in can change anything. Values are PostgreSQL's text form.
    public func readOnly(_ sql: String, parameters: [String?] = []) throws -> [[String?]] {
        try connection.transaction {
            try connection.execute("SET TRANSACTION READ ONLY")
            return try connection.query(sql, parameters: parameters)
        }
    }
}
