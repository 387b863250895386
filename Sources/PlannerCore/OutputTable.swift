/// A table of a run's results, streamed row by row to CSV files and to PostgreSQL COPY alike.
///
/// Values are text as they appear in a CSV file (`nil` is SQL NULL and an empty CSV field);
/// numbers use Swift's shortest round-tripping form, so the same plan always gives the same bytes.
public struct OutputTable: Sendable {
    /// Name of the table (`allocations`) and of its CSV file (`allocations.csv`).
    public var name: String
    public var columns: [String]
    public var rowCount: Int
    private let produceRows: @Sendable (_ emit: (_ row: [String?]) throws -> Void) throws -> Void

    public init(
        name: String,
        columns: [String],
        rowCount: Int,
        rows: @escaping @Sendable (_ emit: (_ row: [String?]) throws -> Void) throws -> Void
    ) {
        self.name = name
        self.columns = columns
        self.rowCount = rowCount
        self.produceRows = rows
    }

    /// Calls `body` once per row, in the table's stable order.
    public func forEachRow(_ body: (_ row: [String?]) throws -> Void) throws {
        try produceRows(body)
    }
}
