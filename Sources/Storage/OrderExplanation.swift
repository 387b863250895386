import Foundation

/// The explanation rows of one order in one run, as `planner explain` prints them.
///
/// Text: one sentence group per row, for example `Order 1234 line sku S1 to region R3: 8 units from W2 (lane
/// 1.20/unit). Runner-up W5 (lane 1.35/unit): moving one unit there would cost 0.15 more. Binding: stock of S1
/// at W1 (cheaper lane) is used up.`, or for a drop-ship supplier `... 2 units drop-shipped by supplier SUP03
/// (1.50/unit). Runner-up W5 ...`. Money is shown to 2 decimals. JSON: `{"run_id":N,"order_id":"O","lines":
/// [...]}`, each line with the columns of `planner.allocation_explanations` (qty as a number, NULL as null,
/// costs unrounded) and `text`, the sentence of the text form.
public struct OrderExplanation: Sendable, Equatable {
    public var runID: Int64
    public var orderID: String
    public var lines: [AllocationExplanation]

    public init(runID: Int64, orderID: String, lines: [AllocationExplanation]) {
        self.runID = runID
        self.orderID = orderID
        self.lines = lines
    }

    public func text() -> String {
        lines.map { Self.sentence($0) + "\n" }.joined()
    }

    public func json() -> String {
        let rows = lines.map { line in
            JSONText.object([
                ("order_id", JSONText.string(line.orderID)), ("sku", JSONText.string(line.sku)),
                ("region", JSONText.string(line.region)), ("warehouse", JSONText.string(line.warehouse)),
                ("qty", String(line.quantity)), ("outcome", JSONText.string(line.outcome.rawValue)),
                ("lane_cost_per_unit", JSONText.number(line.laneCostPerUnit)),
                ("runner_up_warehouse", JSONText.string(line.runnerUpWarehouse)),
                ("runner_up_lane_cost_per_unit", JSONText.number(line.runnerUpLaneCostPerUnit)),
                ("marginal_cost_per_unit", JSONText.number(line.marginalCostPerUnit)),
                ("binding", JSONText.string(line.binding?.rawValue)),
                ("binding_warehouse", JSONText.string(line.bindingWarehouse)),
                ("unfilled_reason", JSONText.string(line.unfilledReason?.rawValue)),
                ("supplier", JSONText.string(line.supplier)),
                ("runner_up_supplier", JSONText.string(line.runnerUpSupplier)),
                ("text", JSONText.string(Self.sentence(line))),
            ])
        }
        let document = JSONText.object([
            ("run_id", String(runID)), ("order_id", JSONText.string(orderID)), ("lines", JSONText.array(lines: rows)),
        ])
        return document + "\n"
    }

    /// The explanation of one row in words.
    public static func sentence(_ line: AllocationExplanation) -> String {
        let units = line.quantity == 1 ? "1 unit" : "\(line.quantity) units"
        var parts = ["Order \(line.orderID) line sku \(line.sku) to region \(line.region): "]
        let allocated = line.outcome != .unfilled
        switch line.outcome {
        case .allocated:
            let lane = line.laneCostPerUnit.map { " (lane \(money($0))/unit)" } ?? ""
            parts[0] += "\(units) from \(line.warehouse ?? "?")\(lane)."
        case .dropShip:
            let cost = line.laneCostPerUnit.map { " (\(money($0))/unit)" } ?? ""
            parts[0] += "\(units) drop-shipped by supplier \(line.supplier ?? "?")\(cost)."
        case .unfilled:
            parts[0] += "\(units) unfilled: \(reason(line))."
        }
        let runnerUpName = line.runnerUpWarehouse ?? line.runnerUpSupplier.map { "drop-ship by supplier \($0)" }
        if let runnerUp = runnerUpName {
            let lane =
                line.runnerUpLaneCostPerUnit.map {
                    " (\(line.runnerUpWarehouse == nil ? "" : "lane ")\(money($0))/unit)"
                } ?? ""
            if let marginal = line.marginalCostPerUnit {
                let move = allocated ? "moving one unit there" : "shipping one unit from there"
                parts.append("Runner-up \(runnerUp)\(lane): \(move) would cost \(extraCost(marginal)).")
            } else {
                parts.append("Runner-up \(runnerUp)\(lane).")
            }
        } else if allocated {
            parts.append("No other warehouse or supplier can serve this line.")
        }
        if let binding = line.binding {
            let cheaper = allocated ? " (cheaper lane)" : ""
            let at = line.bindingWarehouse ?? "?"
            switch binding {
            case .none: parts.append("Binding: none (no cheaper lane was held back by stock or capacity).")
            case .stock: parts.append("Binding: stock of \(line.sku) at \(at)\(cheaper) is used up.")
            case .capacity: parts.append("Binding: the daily capacity of \(at)\(cheaper) is used up.")
            }
        }
        return parts.joined(separator: " ")
    }

    private static func reason(_ line: AllocationExplanation) -> String {
        switch line.unfilledReason {
        case .noLane: "no warehouse has a lane to \(line.region)"
        case .noStock: "no warehouse with a lane to \(line.region) holds \(line.sku)"
        case .capacity: "the warehouses that still hold \(line.sku) for \(line.region) have no daily capacity left"
        case .stockExhausted: "every unit of \(line.sku) within reach of \(line.region) ships to other order lines"
        case .uneconomic: "stock and capacity remain, but shipping costs more than leaving the line unfilled"
        case nil: "no reason recorded"
        }
    }

    private static func extraCost(_ value: Double) -> String {
        if value == 0 { return "nothing more (a tie)" }
        let shown = money(value)
        return shown == "0.00" ? "less than 0.01 more" : "\(shown) more"
    }

    private static func money(_ value: Double) -> String {
        String(format: "%.2f", value)
    }
}
