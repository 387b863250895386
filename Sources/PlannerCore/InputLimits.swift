/// What the database, the formulas and the solver can hold: the limits every input is checked against
/// before anything is planned (docs/data-contract.md, "Limits"). `planner validate` applies exactly these
/// checks, so an input it accepts cannot make `plan` fail on data.
public enum InputLimits {
    /// Longest identifier (sku, region, warehouse, supplier, carrier, category, order id, scenario name), in
    /// UTF-8 bytes. PostgreSQL's btree index rows hold about 2,700 bytes; ids stay well below that.
    public static let identifierMaxBytes = 200
    /// Longest free text (a SKU's, region's or warehouse's name, a scenario's description), in UTF-8 bytes.
    public static let textMaxBytes = 1_000
    /// Longest record of a CSV file, in bytes. A longer one (or a quote left open) is reported where it starts.
    public static let recordMaxBytes = 1 << 20

    /// Earliest and latest date any input may hold, and every planned day (plan date plus horizon) must
    /// fall within: PostgreSQL's `date` holds them, and day counts between any two stay small.
    public static let earliestDay = Day(year: 1900, month: 1, day: 1)!
    public static let latestDay = Day(year: 2999, month: 12, day: 31)!

    /// Largest quantity of one input row (demand, order line, stock, capacity, MOQ, pack size): 2^31 - 1.
    public static let quantityMax = Int(Int32.max)
    /// Largest combined factor of the scenario's demand uplifts on any SKU, region and day (they multiply).
    public static let combinedUpliftMax = 1_000.0
    /// Largest amount of money or rate (a price, a cost per unit) an input, or a scenario event's change, may hold.
    public static let moneyMax = 1_000_000_000.0
    /// Longest lead time (or its deviation), in days, also after a scenario's `lead_time_change`.
    public static let leadTimeDaysMax = 3_650.0
    /// Most events in one scenario, its bases' included: the contradiction checks compare events pairwise.
    public static let scenarioEventsMax = 1_000
    /// Largest `order_cost / (holding_cost_rate x unit_cost)`, in unit-years: it bounds the economic order
    /// quantity sqrt(2 K D / h) to at most about 10^14 units for any demand the other limits allow.
    public static let orderToHoldingCostRatioMax = 1e12
    /// Largest number of units a day's forecast of one SKU may reach; larger model output is capped here.
    /// With the limits above no plausible history reaches it; it keeps every computed quantity within 64 bits.
    public static let dailyForecastUnitsMax = 1e12
    /// Largest weight of one unit (`skus.csv` `unit_weight_kg`), in kilograms: four full road trailers (about
    /// 25 t each). A unit heavier than that is no parcel or pallet a carrier picks up; it is a unit mistake.
    public static let unitWeightKgMax = 100_000.0
    /// Largest volume of one unit (`skus.csv` `unit_volume_l`), in litres: 100 m3, more than a road trailer
    /// holds (about 90 m3).
    public static let unitVolumeLitresMax = 100_000.0

    /// Why `text` cannot be an identifier or a name of at most `maxBytes` bytes, or nil when it can.
    /// Control characters (C0, DEL and C1, NUL among them) are refused: they break CSV, logs and terminals.
    public static func problem(with text: String, maxBytes: Int) -> String? {
        let bytes = text.utf8.count
        if bytes > maxBytes {
            return "is \(bytes) bytes long; at most \(maxBytes) bytes are allowed"
        }
        if let scalar = text.unicodeScalars.first(where: isControl) {
            return "contains the control character U+\(hex(scalar.value)); remove it"
        }
        return nil
    }

    /// Whether `day` lies within ``earliestDay`` ... ``latestDay``.
    public static func contains(_ day: Day) -> Bool {
        day >= earliestDay && day <= latestDay
    }

    /// `text` for a message: at most 60 characters, control characters shown as `\u{..}`, quoted.
    public static func quoted(_ text: String) -> String {
        "'" + shortened(text) + "'"
    }

    /// `text` for a message, unquoted: at most 60 characters, control characters shown as `\u{..}`.
    public static func shortened(_ text: String) -> String {
        var shown = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == 60 {
                shown += "... (\(text.utf8.count) bytes)"
                break
            }
            shown += isControl(scalar) ? "\\u{\(hex(scalar.value))}" : String(scalar)
            count += 1
        }
        return shown
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
