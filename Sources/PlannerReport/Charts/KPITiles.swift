import PlannerCore

/// The headline KPIs of a run as tiles; each tile carries its KPI and exact value (`data-kpi`, `data-value`).
struct KPITiles {
    static let shown: [OperatingKPI] = [
        .forecastRevenue, .grossMarginRate, .inventoryValue, .daysOfCover, .turnover, .sellThroughRate,
        .slowMoverRate, .fillRate, .nextDayShare, .purchaseSpendBackup, .shortfallUnits, .overCapacityDays,
    ]

    var run: StoredRun

    func html() -> String {
        let tiles = Self.shown.map { kpi -> String in
            let value = run.kpi(kpi)
            return "<div class=\"tile\" data-kpi=\"\(kpi.rawValue)\" data-value=\"\(value.map { "\($0)" } ?? "")\">"
                + "<span class=\"value\">\(Format.kpi(value, unit: kpi.unit))</span>"
                + "<span class=\"name\">\(HTML.escape(kpi.label))</span></div>"
        }
        return "<div class=\"tiles\" data-run=\"\(run.runID)\">\(tiles.joined())</div>"
    }
}

/// Units from each warehouse (columns) to each region (rows), shaded by volume, with the region's next-day share.
struct FlowMatrixTable {
    var flows: FlowMatrix

    func html() -> String {
        let maximum = flows.units.values.max() ?? 0
        var rows =
            "<tr><th>region</th>" + flows.warehouses.map { "<th>\(HTML.escape($0))</th>" }.joined()
            + "<th>next day</th></tr>"
        for region in flows.regions {
            rows += "<tr><th>\(HTML.escape(region))</th>"
            for warehouse in flows.warehouses {
                let units = flows.units(region: region, warehouse: warehouse)
                let shade = maximum > 0 ? Int((units / maximum * 70).rounded()) : 0
                rows +=
                    "<td style=\"background:hsl(210 70% \(97 - shade / 2)%)\">\(units > 0 ? Format.grouped(units) : "")</td>"
            }
            rows += "<td>\(Format.kpi(flows.nextDayShare[region], unit: "share"))</td></tr>"
        }
        let points = flows.units.values.filter { $0 > 0 }.count
        return "<table class=\"chart matrix\" data-chart=\"flow_matrix\" data-points=\"\(points)\">"
            + "<caption>Units allocated today, region by warehouse</caption>\(rows)</table>"
    }
}

/// Stock-outs with presale, unfilled lines, the lines sold ahead against receipts, the breaches of the configured
/// alerts and the stress test's warnings.
struct ExceptionsTable {
    var run: StoredRun

    func html() -> String {
        var html =
            "<table class=\"exceptions\"><caption>Largest stock-outs</caption><tr><th>sku</th><th>warehouse</th>"
            + "<th>class</th><th>cause</th><th>from</th><th>units short</th><th>presale</th><th>promised</th></tr>"
        for row in run.shortfalls {
            html +=
                "<tr><td>\(HTML.escape(row.sku))</td><td>\(HTML.escape(row.warehouse))</td>"
                + "<td>\(HTML.escape(row.abcClass))</td><td>\(HTML.escape(row.cause))</td><td>\(row.stockoutDate)</td>"
                + "<td>\(Format.grouped(row.units))</td><td>\(Format.grouped(row.presaleUnits))</td>"
                + "<td>\(row.promisedDate ?? "")</td></tr>"
        }
        if run.shortfalls.isEmpty { html += "<tr><td colspan=\"8\">none</td></tr>" }
        html +=
            "</table><table class=\"exceptions\"><caption>Unfilled order lines</caption>"
            + "<tr><th>reason</th><th>lines</th><th>units</th></tr>"
        for row in run.unfilled {
            html +=
                "<tr><td>\(HTML.escape(row.reason))</td><td>\(row.lines)</td><td>\(Format.grouped(row.units))</td></tr>"
        }
        if run.unfilled.isEmpty { html += "<tr><td colspan=\"3\">none</td></tr>" }
        html +=
            "</table><table class=\"exceptions presale\"><caption>Unfilled lines sold ahead against receipts</caption>"
            + "<tr><th>sku</th><th>warehouse</th><th>lines</th><th>units</th><th>first receipt</th>"
            + "<th>promised by</th></tr>"
        for row in run.presold {
            html +=
                "<tr><td>\(HTML.escape(row.sku))</td><td>\(HTML.escape(row.warehouse))</td><td>\(row.lines)</td>"
                + "<td>\(Format.grouped(row.units))</td><td>\(row.firstReceiptDate)</td><td>\(row.lastPromiseDate)</td></tr>"
        }
        if run.presold.isEmpty { html += "<tr><td colspan=\"6\">none</td></tr>" }
        html += "</table><ul class=\"alerts\">"
        for group in run.alerts {
            for message in group.messages {
                html += "<li class=\"breach\">\(HTML.escape(group.kind)): \(HTML.escape(message))</li>"
            }
            if group.breaches > group.messages.count {
                html +=
                    "<li>\(HTML.escape(group.kind)): and \(group.breaches - group.messages.count) more "
                    + "(planner.alerts lists each)</li>"
            }
        }
        for load in run.loads {
            let over = load.days.filter { $0.over > 0 }
            guard let first = over.first else { continue }
            html +=
                "<li>\(HTML.escape(load.warehouse)) over capacity on \(over.count) days from \(first.date), "
                + "\(Format.grouped(over.reduce(0) { $0 + $1.over })) units over in all</li>"
        }
        for region in run.regionsBelowTarget {
            html += "<li>\(HTML.escape(region.region)) next-day share below its target from \(region.firstDay)</li>"
        }
        return html + "</ul>"
    }
}
