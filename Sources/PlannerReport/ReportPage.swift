import PlannerCore

/// One self-contained HTML page for one run, or several side by side (`--compare`): inline CSS and SVG, no script,
/// and a Content-Security-Policy that lets the browser load nothing at all (no network, no file), readable
/// printed on A4.
public struct ReportPage {
    public var runs: [StoredRun]
    public var comparison: RunComparison?

    public init(runs: [StoredRun], comparison: RunComparison? = nil) {
        self.runs = runs
        self.comparison = comparison
    }

    /// Nothing may be fetched: styles only inline, images only as data URLs (there are none).
    public static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

    public func html() -> String {
        let names = runs.map { "\(HTML.escape($0.scenario)) (run \($0.runID))" }
        var body =
            "<header><h1>Plan report: \(names.joined(separator: " vs "))</h1>"
            + "<p>Plan date \(runs.map(\.planDate).joined(separator: " / ")). Every figure is read from the stored "
            + "runs; definitions in docs/formulas.md.</p></header>"
        body += section("Operating KPIs", runs.map { KPITiles(run: $0).html() })
        if let comparison {
            body +=
                "<section><h2>Differences to \(HTML.escape(runs[0].scenario))</h2>\(comparison.htmlTable())</section>"
        }
        body += section(
            "Forecast against history, top A-class SKUs",
            runs.map { run in
                run.forecasts.map { ForecastChart(series: $0, events: run.events).svg() }.joined()
            }
        )
        body += section(
            "Projected stock, safety stock and reorder point",
            runs.map { run in
                run.stock.map { StockChart(series: $0).svg() }.joined()
            }
        )
        body += section(
            "Warehouse load against capacity (stress test)",
            runs.map { run in
                run.loads.map { LoadChart(series: $0).svg() }.joined()
            }
        )
        body += section("Flows and next-day share", runs.map { FlowMatrixTable(flows: $0.flows).html() })
        body += section("Supplier plan", runs.map { SupplierTimeline(orders: $0.supplierOrders).svg() })
        body += section("Exceptions", runs.map { ExceptionsTable(run: $0).html() })
        body += section(
            "Scenario events",
            runs.map { run in
                let scenario = run.events.filter { $0.kind != "calendar" }
                let calendar = run.events.filter { $0.kind == "calendar" }
                return "<ul class=\"events\">"
                    + scenario.map { event in
                        "<li>\(event.number). \(HTML.escape(event.kind)) \(event.from ?? "")"
                            + "\(event.to.map { $0 == event.from ? "" : " to \($0)" } ?? ""): \(HTML.escape(event.detail))</li>"
                    }.joined() + (scenario.isEmpty ? "<li>no scenario events</li>" : "") + "</ul>"
                    + (calendar.isEmpty
                        ? ""
                        : "<p>Calendar (events.csv): "
                            + calendar.map { event in
                                HTML.escape(event.detail.replacingOccurrences(of: "calendar event ", with: ""))
                                    + " \(event.from ?? "")"
                                    + (event.to.map { $0 == event.from ? "" : " to \($0)" } ?? "")
                            }.joined(separator: "; ") + "</p>")
            }
        )
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="\(Self.contentSecurityPolicy)">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Plan report: \(names.joined(separator: " vs "))</title>
            <style>\(Self.style(columns: runs.count))</style></head>
            <body>\(body)</body></html>

            """
    }

    /// A titled section with one column per run.
    private func section(_ title: String, _ columns: [String]) -> String {
        let headed = runs.count > 1
        let cells = zip(runs, columns).map { run, html in
            "<div class=\"column\">" + (headed ? "<h3>\(HTML.escape(run.scenario))</h3>" : "") + html + "</div>"
        }
        return "<section><h2>\(HTML.escape(title))</h2><div class=\"columns\">\(cells.joined())</div></section>"
    }

    static func style(columns: Int) -> String {
        """
        @page { size: A4; margin: 12mm; }
        * { box-sizing: border-box; }
        body { font: 12px/1.4 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1d2430; margin: 16px; }
        h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 15px; margin: 18px 0 6px;
            border-bottom: 1px solid #c8d0dc; } h3 { font-size: 13px; margin: 4px 0; }
        .columns { display: grid; grid-template-columns: repeat(\(columns), minmax(0, 1fr)); gap: 12px; }
        .tiles { display: grid; grid-template-columns: repeat(\(columns > 1 ? 3 : 6), minmax(0, 1fr)); gap: 6px; }
        .tile { border: 1px solid #c8d0dc; border-radius: 4px; padding: 6px; background: #f5f8fc; }
        .tile .value { display: block; font-size: 16px; font-weight: bold; }
        .tile .name { color: #526070; font-size: 11px; }
        svg.chart { width: 100%; height: auto; display: block; margin-bottom: 8px; border: 1px solid #e3e8ef; }
        svg .title { font-size: 12px; font-weight: bold; fill: #1d2430; }
        svg .axis { font-size: 10px; fill: #526070; } svg .small { font-size: 8px; }
        svg .note { font-size: 9px; fill: #526070; }
        svg .grid { stroke: #e3e8ef; } svg .zero { stroke: #526070; }
        svg .history { fill: none; stroke: #6b7785; stroke-width: 1.5; }
        svg .forecast { fill: none; stroke: #1f6fd1; stroke-width: 2; }
        svg .band { fill: #1f6fd1; fill-opacity: 0.15; stroke: none; }
        svg .event { fill: #f2a900; fill-opacity: 0.22; } svg .event.calendar { fill: #6b7785; fill-opacity: 0.7; }
        svg .today { stroke: #1d2430; stroke-dasharray: 3 3; }
        svg .stock { fill: none; stroke: #1f6fd1; stroke-width: 2; }
        svg .safety { stroke: #c0392b; stroke-dasharray: 4 3; } svg .reorder { stroke: #f2a900; stroke-dasharray: 6 3; }
        svg .bar { fill: #7aa7e0; } svg .bar.over { fill: #c0392b; }
        svg .capacity { fill: none; stroke: #1d2430; stroke-width: 1.5; }
        svg .order { fill: #7aa7e0; } svg .order.backup { fill: #e67e22; }
        table { border-collapse: collapse; width: 100%; margin-bottom: 8px; font-size: 11px; }
        caption { text-align: left; font-weight: bold; padding: 2px 0; }
        th, td { border: 1px solid #e3e8ef; padding: 2px 4px; text-align: right; }
        th:first-child, td:first-child { text-align: left; }
        .better { color: #1e7d32; } .worse { color: #c0392b; }
        table.changes td:last-child, table.changes th:last-child { text-align: left; }
        ul { margin: 4px 0; padding-left: 18px; }
        @media print { body { margin: 0; } section { break-inside: avoid-page; } svg.chart { break-inside: avoid; } }
        """
    }
}
