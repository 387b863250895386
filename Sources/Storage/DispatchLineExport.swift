import PlannerCore

/// One order line a carrier picks up: a row of `planner.dispatch_lines`.
public struct DispatchLine: Sendable, Equatable {
    public var carrier: String
    public var warehouse: String
    public var shipDate: Day
    public var region: String
    public var orderID: String
    /// The order line's number within its order (orders.csv order).
    public var line: Int
    public var sku: String
    public var quantity: Int
    /// The delivery date promised (orders.csv's, or the day after the order date when it gives none).
    public var promiseDate: Day
    /// qty x the SKU's unit weight (kg) and volume (litres); nil when skus.csv does not give them.
    public var weightKg: Double?
    public var volumeLitres: Double?

    public init(
        carrier: String,
        warehouse: String,
        shipDate: Day,
        region: String,
        orderID: String,
        line: Int,
        sku: String,
        quantity: Int,
        promiseDate: Day,
        weightKg: Double?,
        volumeLitres: Double?
    ) {
        self.carrier = carrier
        self.warehouse = warehouse
        self.shipDate = shipDate
        self.region = region
        self.orderID = orderID
        self.line = line
        self.sku = sku
        self.quantity = quantity
        self.promiseDate = promiseDate
        self.weightKg = weightKg
        self.volumeLitres = volumeLitres
    }

    /// What identifies the line across runs: where and when it is picked up, where it goes, and which order
    /// line it is. Compared as bytes, the export order.
    var key: [String] {
        [warehouse, shipDate.description, region, orderID, String(line), sku]
    }

    /// Whether `self` comes before `other` in export order: warehouse, ship date, region, order id (bytes), line
    /// number, sku (bytes).
    func precedes(_ other: DispatchLine) -> Bool {
        for (mine, theirs) in [
            (warehouse, other.warehouse), (shipDate.description, other.shipDate.description), (region, other.region),
            (orderID, other.orderID),
        ] where mine != theirs {
            return mine.utf8.lexicographicallyPrecedes(theirs.utf8)
        }
        if line != other.line { return line < other.line }
        return sku.utf8.lexicographicallyPrecedes(other.sku.utf8)
    }
}

/// The order lines of one carrier in one run, as `planner dispatch --detail lines` exports them.
///
/// Stable schema: the columns below, in this order, rows sorted by warehouse, ship_date, region, order_id (bytes),
/// line, sku (bytes). CSV: a header row with exactly these names, RFC 4180 quoting, `\n` line ends, an empty field
/// for an unknown weight or volume. JSON: one object `{"run_id":N,"carrier":"C","rows":[...]}` whose
/// rows have these keys, whole numbers and decimals as numbers (null when unknown), dates as `YYYY-MM-DD` strings.
public struct DispatchLineExport: Sendable, Equatable {
    public static let columns = [
        "carrier", "warehouse", "ship_date", "region", "order_id", "line", "sku", "qty", "promise_date", "weight_kg",
        "volume_l",
    ]

    public var runID: Int64
    public var carrier: String
    /// In export order.
    public var lines: [DispatchLine]

    public init(runID: Int64, carrier: String, lines: [DispatchLine]) {
        self.runID = runID
        self.carrier = carrier
        self.lines = lines
    }

    public func csv() -> String {
        ExportText.csv(columns: Self.columns, rows: lines.map(Self.fields))
    }

    public func json() -> String {
        ExportText.json(
            [("run_id", String(runID)), ("carrier", JSONText.string(carrier))],
            columns: Self.columns,
            rows: lines.map(Self.jsonValues)
        )
    }

    /// The line's CSV fields in column order (nil: an empty field).
    static func fields(_ line: DispatchLine) -> [String?] {
        [
            line.carrier, line.warehouse, line.shipDate.description, line.region, line.orderID, String(line.line),
            line.sku, String(line.quantity), line.promiseDate.description, line.weightKg.map(CSVField.decimal),
            line.volumeLitres.map(CSVField.decimal),
        ]
    }

    /// The line's JSON values in column order.
    static func jsonValues(_ line: DispatchLine) -> [String] {
        [
            JSONText.string(line.carrier), JSONText.string(line.warehouse), JSONText.string(line.shipDate.description),
            JSONText.string(line.region), JSONText.string(line.orderID), String(line.line), JSONText.string(line.sku),
            String(line.quantity), JSONText.string(line.promiseDate.description), JSONText.number(line.weightKg),
            JSONText.number(line.volumeLitres),
        ]
    }
}
